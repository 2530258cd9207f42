#include "core/sns.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/signing.hpp"

namespace core {
namespace {

using nlohmann::json;

std::shared_ptr<EVP_PKEY> share(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

std::unique_ptr<BIO, decltype(&BIO_free)> bio_of(std::string_view pem) {
  return {BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free};
}

struct MdCtx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~MdCtx() { EVP_MD_CTX_free(ctx); }
  MdCtx() = default;
  MdCtx(const MdCtx&) = delete;
  MdCtx& operator=(const MdCtx&) = delete;
};

Result<std::string, std::string> text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    return fail(std::string("SNS envelope: '") + key + "' is missing or not a string");
  return it->get<std::string>();
}

}  // namespace

nlohmann::json to_json(const SnsEnvelope& e) {
  json j = {{"Type", e.type},           {"MessageId", e.message_id},
            {"TopicArn", e.topic_arn},  {"Message", e.message},
            {"Timestamp", e.timestamp}, {"SignatureVersion", e.signature_version},
            {"Signature", e.signature}, {"SigningCertURL", e.signing_cert_url},
            {"UnsubscribeURL", e.unsubscribe_url}};
  if (e.subject) j["Subject"] = *e.subject;
  return j;
}

Result<SnsEnvelope, std::string> parse_sns_envelope(std::string_view body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return fail(std::string("SNS envelope: the body is not a JSON object"));
  SnsEnvelope e;
  std::string* fields[] = {&e.type, &e.message_id, &e.topic_arn, &e.message, &e.timestamp,
                           &e.signature_version};
  const char* keys[] = {"Type", "MessageId", "TopicArn", "Message", "Timestamp",
                        "SignatureVersion"};
  for (size_t i = 0; i < std::size(keys); ++i) {
    auto v = text(j, keys[i]);
    if (!v) return fail(v.error());
    *fields[i] = *v;
  }
  // Signature and SigningCertURL may be absent from an unsigned envelope.
  e.signature = j.value("Signature", "");
  e.signing_cert_url = j.value("SigningCertURL", "");
  e.unsubscribe_url = j.value("UnsubscribeURL", "");
  if (auto s = j.find("Subject"); s != j.end() && s->is_string()) e.subject = s->get<std::string>();
  return e;
}

std::string sns_string_to_sign(const SnsEnvelope& e) {
  std::string s;
  auto add = [&s](std::string_view key, std::string_view value) {
    s.append(key).append("\n").append(value).append("\n");
  };
  add("Message", e.message);
  add("MessageId", e.message_id);
  if (e.subject) add("Subject", *e.subject);
  add("Timestamp", e.timestamp);
  add("TopicArn", e.topic_arn);
  add("Type", e.type);
  return s;
}

Result<SnsSigner, std::string> SnsSigner::from_pem(std::string_view pem) {
  auto bio = bio_of(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return fail(std::string("SNS signer: not a PEM private key"));
  return SnsSigner(share(key));
}

void SnsSigner::sign(SnsEnvelope& envelope) const {
  std::string data = sns_string_to_sign(envelope);
  MdCtx md;
  size_t size = 0;
  bool ok = EVP_DigestSignInit(md.ctx, nullptr, EVP_sha1(), nullptr, key_.get()) == 1 &&
            EVP_DigestSign(md.ctx, nullptr, &size,
                           reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  std::string signature(size, '\0');
  ok = ok && EVP_DigestSign(md.ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  signature.resize(ok ? size : 0);
  envelope.signature = base64_encode(signature);
}

Result<SnsCertificate, std::string> SnsCertificate::from_pem(std::string_view pem) {
  auto bio = bio_of(pem);
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (cert == nullptr) return fail(std::string("SNS certificate: not a PEM X.509 certificate"));
  EVP_PKEY* key = X509_get_pubkey(cert);
  X509_free(cert);
  if (key == nullptr) return fail(std::string("SNS certificate: no public key"));
  return SnsCertificate(share(key));
}

Result<void, std::string> SnsCertificate::verify(const SnsEnvelope& envelope) const {
  if (envelope.signature_version != "1")
    return fail("SNS envelope: SignatureVersion '" + envelope.signature_version +
                "' is not supported");
  if (envelope.signature.empty()) return fail(std::string("SNS envelope: not signed"));
  auto signature = base64_decode(envelope.signature);
  if (!signature) return fail(std::string("SNS envelope: Signature is not base64"));
  std::string data = sns_string_to_sign(envelope);
  MdCtx md;
  bool ok = EVP_DigestVerifyInit(md.ctx, nullptr, EVP_sha1(), nullptr, key_.get()) == 1 &&
            EVP_DigestVerify(md.ctx, reinterpret_cast<const unsigned char*>(signature->data()),
                             signature->size(), reinterpret_cast<const unsigned char*>(data.data()),
                             data.size()) == 1;
  if (!ok) return fail(std::string("SNS envelope: the signature does not verify"));
  return {};
}

}  // namespace core
