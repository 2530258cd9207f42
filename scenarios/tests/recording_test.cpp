// Transcripts: what goes on the wire is recorded, minus what can never repeat.
#include <gtest/gtest.h>

#include "scenarios/environment.hpp"
#include "scenarios/recording_client.hpp"
#include "scenarios/tests/test_support.hpp"

namespace scenarios {
namespace {

// Answers every request with `answer`, or fails with `error` when it is set. Like the real
// clients it reports the request as sent: prefixed and "signed".
class FakeAmazon final : public core::AmazonPayClient {
 public:
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    seen = request;
    request.path = "/sandbox" + request.path;
    core::set_header(request.headers, "authorization",
                     "ALG PublicKeyId=K, SignedHeaders=x, Signature=SECRET");
    observe(request);
    if (!error.empty()) return core::fail(error);
    return answer;
  }
  core::HttpRequest seen;
  core::HttpResponse answer;
  std::string error;
};

TEST(Recording, MasksTheSignatureOnly) {
  EXPECT_EQ(
      mask_signature("AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=K, SignedHeaders=a;b, Signature=abc+/="),
      "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=K, SignedHeaders=a;b, Signature=…");
  EXPECT_EQ(mask_signature("ALG Signature=xyz, PublicKeyId=K"), "ALG Signature=…, PublicKeyId=K");
  EXPECT_EQ(mask_signature("Bearer t"), "Bearer t");
}

TEST(Recording, RecordsTheWireFormAndTheAnswer) {
  FakeAmazon amazon;
  amazon.answer.status = 201;
  amazon.answer.headers = {{"content-type", "application/json"},
                           {"Connection", "keep-alive"},
                           {"Keep-Alive", "timeout=5, max=1000"},
                           {"x-amz-pay-request-id", "r1"}};
  amazon.answer.body = "{\"ok\":true}";
  core::SimulatedClock clock(*core::parse_instant("2026-01-05T00:00:00Z"));
  RecordingClient client(amazon, clock);
  core::HttpRequest req;
  req.method = "POST";
  req.path = "/v2/charges";
  req.query = "a=1";
  req.body = "{}";
  auto res = client.send(req);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(amazon.seen.path, "/v2/charges");  // the record shows what the client sent
  auto x = client.take();
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].sim_time, "2026-01-05T00:00:00Z");
  EXPECT_EQ(x[0].method, "POST");
  EXPECT_EQ(x[0].path, "/sandbox/v2/charges?a=1");
  ASSERT_EQ(x[0].request_headers.size(), 1u);
  EXPECT_EQ(x[0].request_headers[0].second, "ALG PublicKeyId=K, SignedHeaders=x, Signature=…");
  EXPECT_EQ(x[0].request_body, "{}");
  EXPECT_EQ(x[0].status, 201);
  ASSERT_EQ(x[0].response_headers.size(), 2u);  // no Connection / Keep-Alive
  EXPECT_EQ(x[0].response_headers[1].first, "x-amz-pay-request-id");
  EXPECT_EQ(x[0].response_body, "{\"ok\":true}");
  EXPECT_TRUE(client.take().empty());
}

TEST(Recording, TransportErrorsLoseTheirRunSpecificParts) {
  EnvironmentOptions o;
  o.transport = Transport::InProcess;
  o.source_root = testing::source_root();
  auto env = Environment::open(o);
  ASSERT_TRUE(env.ok()) << env.error();
  FakeAmazon amazon;
  amazon.error =
      "connection closed: http://h:1 closed the connection without a complete response (after 13 "
      "ms)";
  core::SimulatedClock clock(*core::parse_instant("2026-01-05T00:00:00Z"));
  RecordingClient client(amazon, clock, {}, (*env)->error_text());
  core::HttpRequest req;
  req.method = "GET";
  req.path = "/v2/charges/C";
  auto res = client.send(req);
  ASSERT_FALSE(res.ok());
  std::string expected =
      "connection closed: http://h:1 closed the connection without a complete response";
  EXPECT_EQ(res.error(), expected);
  auto x = client.take();
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].status, 0);
  EXPECT_EQ(x[0].transport_error, expected);
}

}  // namespace
}  // namespace scenarios
