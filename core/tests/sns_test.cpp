#include "core/sns.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace core {
namespace {

std::string read(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  if (const char* env = std::getenv("APC_SOURCE_DIR")) dir = env;
  std::ifstream in(dir / "mock_amazon/testdata/sns" / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

SnsEnvelope sample() {
  SnsEnvelope e;
  e.message_id = "6a1f1a0e-0c7b-5a3e-9d7c-2f0b0c9e1a11";
  e.topic_arn = "arn:aws:sns:us-west-2:123456789012:example-topic";
  e.message = R"({"ObjectType":"CHARGE","NotificationVersion":"V2"})";
  e.timestamp = "2026-01-05T00:00:00.000Z";
  e.signing_cert_url = "http://127.0.0.1:1/__mock/sns/SimpleNotificationService-mock.pem";
  return e;
}

TEST(Sns, StringToSignFollowsSignatureVersion1Order) {
  SnsEnvelope e = sample();
  EXPECT_EQ(sns_string_to_sign(e),
            "Message\n" + e.message + "\nMessageId\n" + e.message_id + "\nTimestamp\n" +
                e.timestamp + "\nTopicArn\n" + e.topic_arn + "\nType\nNotification\n");
  e.subject = "s";
  EXPECT_NE(sns_string_to_sign(e).find("MessageId\n" + e.message_id + "\nSubject\ns\nTimestamp"),
            std::string::npos);
}

TEST(Sns, SignedEnvelopeVerifiesAndTamperingIsCaught) {
  auto signer = SnsSigner::from_pem(read("sns-signing.private.pem"));
  auto cert = SnsCertificate::from_pem(read("SimpleNotificationService-mock.pem"));
  ASSERT_TRUE(signer) << signer.error();
  ASSERT_TRUE(cert) << cert.error();
  SnsEnvelope e = sample();
  signer->sign(e);
  auto parsed = parse_sns_envelope(to_json(e).dump());
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_TRUE(cert->verify(*parsed));
  parsed->message += " ";
  EXPECT_FALSE(cert->verify(*parsed));
  SnsEnvelope unsigned_envelope = sample();
  EXPECT_EQ(cert->verify(unsigned_envelope).error(), "SNS envelope: not signed");
}

TEST(Sns, ParseNamesTheMissingField) {
  EXPECT_EQ(parse_sns_envelope(R"({"Type":"Notification"})").error(),
            "SNS envelope: 'MessageId' is missing or not a string");
  EXPECT_FALSE(parse_sns_envelope("not json"));
  EXPECT_FALSE(SnsCertificate::from_pem("junk"));
}

}  // namespace
}  // namespace core
