// Amazon SNS notification envelopes, as Amazon Pay's Instant Payment Notifications arrive
// (fact sheet §11.2-11.3): the envelope's fields, the string SignatureVersion 1 signs, and
// SHA1-with-RSA signing (the mock) and verification against an X.509 certificate (the shop).
//
// Thread safety: SnsCertificate and SnsSigner are immutable after construction; share freely.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

struct x509_st;
struct evp_pkey_st;

namespace core {

struct SnsEnvelope {
  std::string type = "Notification";
  std::string message_id;
  std::string topic_arn;
  std::optional<std::string> subject;
  std::string message;  // the inner JSON, as a string
  std::string timestamp;  // ISO-8601 with milliseconds, UTC
  std::string signature_version = "1";
  std::string signature;  // base64; empty when sent unsigned
  std::string signing_cert_url;
  std::string unsubscribe_url;
};

nlohmann::json to_json(const SnsEnvelope& envelope);
// The envelope of an SNS POST body; the error names the missing or mistyped field.
Result<SnsEnvelope, std::string> parse_sns_envelope(std::string_view body);

// SignatureVersion 1: "key\nvalue\n" for Message, MessageId, Subject (only if present),
// Timestamp, TopicArn, Type, in that order.
std::string sns_string_to_sign(const SnsEnvelope& envelope);

// Signs envelopes with an RSA private key (PEM, parsed once).
class SnsSigner {
 public:
  static Result<SnsSigner, std::string> from_pem(std::string_view private_key_pem);
  // Fills envelope.signature (base64 SHA1-with-RSA of sns_string_to_sign).
  void sign(SnsEnvelope& envelope) const;

 private:
  explicit SnsSigner(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

// The certificate behind a SigningCertURL (PEM, parsed once).
class SnsCertificate {
 public:
  static Result<SnsCertificate, std::string> from_pem(std::string_view certificate_pem);
  // Verifies SignatureVersion 1; the error says what failed (version, base64, signature).
  Result<void, std::string> verify(const SnsEnvelope& envelope) const;

 private:
  explicit SnsCertificate(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace core
