// Amazon Pay v2 request signing (spec §2): canonical request, string to sign, RSASSA-PSS
// signatures, the `authorization` header, and a Node-SDK-compatible request signer.
//
// Keys hold a parsed OpenSSL EVP_PKEY (parse each PEM once and keep the key: re-parsing per
// request cuts verification throughput ~10x). Keys are cheap to copy (shared ownership)
// and safe to use for signing/verifying from several threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY; keeps <openssl/*.h> out of this header.

namespace core {

// ---- algorithms --------------------------------------------------------------------------

enum class SigningAlgorithm {
  RsaSsaPss,    // "AMZN-PAY-RSASSA-PSS": PSS, SHA-256, MGF1(SHA-256), salt 20
  RsaSsaPssV2,  // "AMZN-PAY-RSASSA-PSS-V2": same with salt 32
};

// "AMZN-PAY-RSASSA-PSS" / "AMZN-PAY-RSASSA-PSS-V2".
std::string_view name(SigningAlgorithm algorithm);
// Exact (case-sensitive) match of one of the two names; nullopt otherwise.
std::optional<SigningAlgorithm> parse_signing_algorithm(std::string_view text);
// 20 or 32 bytes.
int salt_length(SigningAlgorithm algorithm);

// ---- small primitives --------------------------------------------------------------------

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// Standard alphabet with '=' padding, no line breaks.
std::string base64_encode(std::string_view data);
// Strict inverse of base64_encode (padding required, no whitespace); nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);

// JavaScript's encodeURIComponent: everything except A-Z a-z 0-9 - _ . ! ~ * ' ( ) is
// percent-encoded as UTF-8 bytes with upper-case hex ("a b/c~" -> "a%20b%2Fc~").
std::string uri_encode_component(std::string_view text);
// Decodes %XX sequences. '+' stays '+' (RFC 3986, not form encoding); a malformed '%' is kept.
std::string percent_decode(std::string_view text);

// ---- canonical request (§2.2) ------------------------------------------------------------

// Canonical query string from a raw query (without '?'): each `name=value` pair is decoded and
// re-encoded with uri_encode_component (so an already-encoded query is not double-encoded),
// a pair without '=' gets an empty value, empty pairs are dropped, and pairs are sorted by
// encoded name, then encoded value, and joined with '&'.
std::string canonical_query(std::string_view raw_query);

// METHOD \n path-as-sent \n canonical query \n `lowercase(name):trimmed value` \n per signed
// header in the order given \n (blank line) SignedHeaders (lower-cased, ';'-joined) \n
// hex SHA-256 of the body. An empty path becomes "/". A signed header missing from the request
// contributes `name:` with an empty value (verify_request reports it as an error instead).
std::string canonical_request(const HttpRequest& req,
                              const std::vector<std::string>& signed_headers);

// ALG \n hex SHA-256(canonical request).
std::string string_to_sign(SigningAlgorithm algorithm, std::string_view canonical);

// ---- keys --------------------------------------------------------------------------------

class PublicKey {
 public:
  // Accepts "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo) and
  // "-----BEGIN RSA PUBLIC KEY-----" (PKCS#1). RSA only.
  static Result<PublicKey, std::string> from_pem(std::string_view pem);
  static Result<PublicKey, std::string> from_pem_file(const std::string& path);

  // RSASSA-PSS / SHA-256 / MGF1-SHA-256 with the algorithm's salt length (strict). False on a
  // bad signature, bad base64, or any OpenSSL failure.
  bool verify(SigningAlgorithm algorithm, std::string_view string_to_sign,
              std::string_view signature_b64) const;

  // SubjectPublicKeyInfo PEM.
  std::string pem() const;
  int bits() const;

 private:
  explicit PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  friend class PrivateKey;
  std::shared_ptr<evp_pkey_st> key_;
};

class PrivateKey {
 public:
  // Accepts PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1 ("BEGIN RSA PRIVATE KEY"), unencrypted.
  // RSA only.
  static Result<PrivateKey, std::string> from_pem(std::string_view pem);
  static Result<PrivateKey, std::string> from_pem_file(const std::string& path);

  // base64 RSASSA-PSS signature of `string_to_sign` (SHA-256, MGF1-SHA-256, the algorithm's
  // salt length). PSS is randomised: two calls give different signatures. Returns an empty
  // string only if OpenSSL fails (cannot happen with a key this class accepted).
  std::string sign(SigningAlgorithm algorithm, std::string_view string_to_sign) const;

  // SubjectPublicKeyInfo PEM of the matching public key.
  std::string public_pem() const;
  PublicKey public_key() const { return PublicKey(key_); }
  // Unencrypted PKCS#8 PEM.
  std::string private_pem() const;
  int bits() const;

 private:
  explicit PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  friend Result<PrivateKey, std::string> generate_rsa_key(int bits);
  std::shared_ptr<evp_pkey_st> key_;
};

// A fresh RSA key pair (2048 bits takes ~50-500 ms: generate once and reuse).
Result<PrivateKey, std::string> generate_rsa_key(int bits);

// ---- the authorization header (§2.3) -----------------------------------------------------

struct AuthorizationHeader {
  SigningAlgorithm algorithm = SigningAlgorithm::RsaSsaPss;
  std::string public_key_id;
  std::vector<std::string> signed_headers;  // lower-cased, in the order sent
  std::string signature;                    // base64, as sent
  // The SignedHeaders= value exactly as sent (the Node SDK keeps callers' capitalisation).
  std::string signed_headers_raw;
};

// `ALG PublicKeyId=<id>, SignedHeaders=<h1;h2>, Signature=<b64>`. Tolerates extra spaces
// around tokens, any order of the three fields and any capitalisation of their names.
// nullopt when the algorithm is unknown, a field is missing, duplicated or empty, or a
// SignedHeaders entry is empty.
std::optional<AuthorizationHeader> parse_authorization(std::string_view value);

// Formats the header exactly like the Node SDK:
// `ALG PublicKeyId=id, SignedHeaders=a;b, Signature=sig`.
std::string format_authorization(const AuthorizationHeader& header);

// ---- signing a request (client side) -----------------------------------------------------

struct SignerOptions {
  std::string public_key_id;
  SigningAlgorithm algorithm = SigningAlgorithm::RsaSsaPssV2;
  std::string region = "jp";
  std::string host;  // value of x-amz-pay-host, e.g. "pay-api.amazon.jp" or "localhost:8443"
};

// Behaves like the official Node SDK: sets `accept: application/json`,
// `content-type: application/json`, `x-amz-pay-date` (extended ISO from `now`, never the
// system clock), `x-amz-pay-host` and `x-amz-pay-region` (replacing any existing values,
// case-insensitively), drops any previous `authorization`, then signs EVERY header present
// (distinct names, sorted case-insensitively, lower-cased) and sets `authorization`.
void sign_request(HttpRequest& req, const PrivateKey& key, const SignerOptions& options,
                  Instant now);

// ---- verifying a request (server side) ---------------------------------------------------

struct VerifyResult {
  bool ok = false;
  std::string canonical_request;  // as the verifier computed it (empty if a header is missing)
  std::string string_to_sign;     // as the verifier computed it
  std::string error;              // empty when ok
};

// Recomputes the canonical request over exactly the headers named in `auth.signed_headers`
// (values as received) and checks the signature with `key`. A named header that is missing
// from the request fails with an error naming it. If the signature does not verify with the
// lower-cased SignedHeaders line (§2.2) but `auth.signed_headers_raw` has other
// capitalisation, the raw spelling is tried too (that is what the Node SDK hashes when a
// caller passes capitalised header names); the reported canonical request is the
// lower-cased one unless the raw one verified.
VerifyResult verify_request(const HttpRequest& req, const AuthorizationHeader& auth,
                            const PublicKey& key);

}  // namespace core
