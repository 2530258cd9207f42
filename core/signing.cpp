#include "core/signing.hpp"

#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

namespace core {
namespace {

// ---- OpenSSL plumbing ----------------------------------------------------------------------

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct DecoderCtxDeleter {
  void operator()(OSSL_DECODER_CTX* c) const { OSSL_DECODER_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

std::shared_ptr<EVP_PKEY> share_key(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

// The SHA-256 implementation, fetched once (implicit fetches per call are measurably slower).
const EVP_MD* sha256_md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// Drains OpenSSL's thread-local error queue into one line.
std::string openssl_errors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    std::array<char, 256> buf{};
    ERR_error_string_n(code, buf.data(), buf.size());
    if (!out.empty()) out += "; ";
    out += buf.data();
  }
  return out.empty() ? std::string("unknown OpenSSL error") : out;
}

BioPtr memory_bio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string bio_to_string(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

bool is_rsa(const EVP_PKEY* key) {
  return EVP_PKEY_is_a(key, "RSA") == 1;
}

Result<std::string, std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::string("cannot open key file '") + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Configures PSS on a sign/verify context.
bool set_pss(EVP_PKEY_CTX* pctx, SigningAlgorithm algorithm) {
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt_length(algorithm)) > 0 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, sha256_md()) > 0;
}

std::string public_pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) return {};
  return bio_to_string(bio.get());
}

// ---- text helpers --------------------------------------------------------------------------

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string join_lower(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ';';
    out += to_lower(names[i]);
  }
  return out;
}

// The canonical request with an explicit SignedHeaders line (the lower-cased join normally;
// the raw spelling for the Node capitalisation fallback).
std::string build_canonical(const HttpRequest& req, const std::vector<std::string>& names,
                            std::string_view signed_headers_line) {
  std::string out;
  out.reserve(512 + req.path.size() + req.query.size());
  out += req.method;
  out += '\n';
  out += req.path.empty() ? std::string_view("/") : std::string_view(req.path);
  out += '\n';
  out += canonical_query(req.query);
  out += '\n';
  for (const auto& name : names) {
    out += to_lower(name);
    out += ':';
    if (const std::string* value = req.header(name)) out += trim(*value);
    out += '\n';
  }
  out += '\n';
  out += signed_headers_line;
  out += '\n';
  out += sha256_hex(req.body);
  return out;
}

}  // namespace

// ---- algorithms ----------------------------------------------------------------------------

std::string_view name(SigningAlgorithm algorithm) {
  switch (algorithm) {
    case SigningAlgorithm::RsaSsaPss:
      return "AMZN-PAY-RSASSA-PSS";
    case SigningAlgorithm::RsaSsaPssV2:
      return "AMZN-PAY-RSASSA-PSS-V2";
  }
  return "AMZN-PAY-RSASSA-PSS";
}

std::optional<SigningAlgorithm> parse_signing_algorithm(std::string_view text) {
  if (text == "AMZN-PAY-RSASSA-PSS") return SigningAlgorithm::RsaSsaPss;
  if (text == "AMZN-PAY-RSASSA-PSS-V2") return SigningAlgorithm::RsaSsaPssV2;
  return std::nullopt;
}

int salt_length(SigningAlgorithm algorithm) {
  return algorithm == SigningAlgorithm::RsaSsaPssV2 ? 32 : 20;
}

// ---- primitives ----------------------------------------------------------------------------

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &len, sha256_md(), nullptr) != 1) {
    return {};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(data[k])); };
  for (; i + 3 <= data.size(); i += 3) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += kBase64Alphabet[v & 63];
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    unsigned v = byte(i) << 16;
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[i + static_cast<size_t>(k)];
      if (c == '=' && last && k >= 2) {
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad > 0) return std::nullopt;  // data after padding
      v[k] = base64_value(c);
      if (v[k] < 0) return std::nullopt;
    }
    unsigned bits = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                    (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
    out += static_cast<char>((bits >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((bits >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(bits & 0xFF);
  }
  return out;
}

std::string uri_encode_component(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' ||
        c == '\'' || c == '(' || c == ')') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// ---- canonical request ---------------------------------------------------------------------

std::string canonical_query(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!raw_query.empty()) {
    size_t amp = raw_query.find('&');
    std::string_view pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    params.emplace_back(uri_encode_component(percent_decode(key)),
                        uri_encode_component(percent_decode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) out += '&';
    out += params[i].first;
    out += '=';
    out += params[i].second;
  }
  return out;
}

std::string canonical_request(const HttpRequest& req,
                              const std::vector<std::string>& signed_headers) {
  return build_canonical(req, signed_headers, join_lower(signed_headers));
}

std::string string_to_sign(SigningAlgorithm algorithm, std::string_view canonical) {
  std::string out(name(algorithm));
  out += '\n';
  out += sha256_hex(canonical);
  return out;
}

// ---- keys ----------------------------------------------------------------------------------

Result<PublicKey, std::string> PublicKey::from_pem(std::string_view pem) {
  ERR_clear_error();
  EVP_PKEY* raw = nullptr;
  std::unique_ptr<OSSL_DECODER_CTX, DecoderCtxDeleter> dctx(OSSL_DECODER_CTX_new_for_pkey(
      &raw, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
  if (!dctx) return fail("cannot create a PEM decoder: " + openssl_errors());
  const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t len = pem.size();
  if (OSSL_DECODER_from_data(dctx.get(), &data, &len) != 1 || raw == nullptr) {
    ERR_clear_error();
    return fail(std::string("not a PEM RSA public key"));
  }
  auto key = share_key(raw);
  if (!is_rsa(key.get())) return fail(std::string("public key is not RSA"));
  return PublicKey(std::move(key));
}

Result<PublicKey, std::string> PublicKey::from_pem_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return fail(text.error());
  auto key = from_pem(*text);
  if (!key) return fail(path + ": " + key.error());
  return key;
}

bool PublicKey::verify(SigningAlgorithm algorithm, std::string_view sts,
                       std::string_view signature_b64) const {
  if (!key_) return false;
  auto signature = base64_decode(signature_b64);
  if (!signature || signature->empty()) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, sha256_md(), nullptr, key_.get()) == 1 &&
            set_pss(pctx, algorithm) &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                             signature->size(), reinterpret_cast<const unsigned char*>(sts.data()),
                             sts.size()) == 1;
  ERR_clear_error();  // a failed verification leaves entries behind
  return ok;
}

std::string PublicKey::pem() const {
  return key_ ? public_pem_of(key_.get()) : std::string();
}

int PublicKey::bits() const {
  return key_ ? EVP_PKEY_get_bits(key_.get()) : 0;
}

Result<PrivateKey, std::string> PrivateKey::from_pem(std::string_view pem) {
  ERR_clear_error();
  BioPtr bio = memory_bio(pem);
  if (!bio) return fail("cannot allocate a BIO: " + openssl_errors());
  // An empty passphrase callback: encrypted keys fail instead of prompting on the terminal.
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(
      bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
  if (raw == nullptr) {
    ERR_clear_error();
    return fail(std::string("not an unencrypted PEM private key"));
  }
  auto key = share_key(raw);
  if (!is_rsa(key.get())) return fail(std::string("private key is not RSA"));
  return PrivateKey(std::move(key));
}

Result<PrivateKey, std::string> PrivateKey::from_pem_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return fail(text.error());
  auto key = from_pem(*text);
  if (!key) return fail(path + ": " + key.error());
  return key;
}

std::string PrivateKey::sign(SigningAlgorithm algorithm, std::string_view sts) const {
  if (!key_) return {};
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, sha256_md(), nullptr, key_.get()) != 1 ||
      !set_pss(pctx, algorithm)) {
    ERR_clear_error();
    return {};
  }
  const auto* data = reinterpret_cast<const unsigned char*>(sts.data());
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, sts.size()) != 1) {
    ERR_clear_error();
    return {};
  }
  std::string signature(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len, data,
                     sts.size()) != 1) {
    ERR_clear_error();
    return {};
  }
  signature.resize(len);
  return base64_encode(signature);
}

std::string PrivateKey::public_pem() const {
  return key_ ? public_pem_of(key_.get()) : std::string();
}

std::string PrivateKey::private_pem() const {
  if (!key_) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  return bio_to_string(bio.get());
}

int PrivateKey::bits() const {
  return key_ ? EVP_PKEY_get_bits(key_.get()) : 0;
}

Result<PrivateKey, std::string> generate_rsa_key(int bits) {
  if (bits < 1024 || bits > 16384) {
    return fail("RSA key size " + std::to_string(bits) + " is outside 1024..16384");
  }
  ERR_clear_error();
  // EVP_RSA_gen() is a macro with a C cast; call what it expands to.
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
  if (raw == nullptr) return fail("RSA key generation failed: " + openssl_errors());
  return PrivateKey(share_key(raw));
}

// ---- authorization header ------------------------------------------------------------------

std::optional<AuthorizationHeader> parse_authorization(std::string_view value) {
  value = trim(value);
  size_t sp = value.find_first_of(" \t");
  if (sp == std::string_view::npos) return std::nullopt;
  auto algorithm = parse_signing_algorithm(value.substr(0, sp));
  if (!algorithm) return std::nullopt;

  AuthorizationHeader out;
  out.algorithm = *algorithm;
  bool have_id = false, have_headers = false, have_signature = false;
  std::string_view rest = value.substr(sp + 1);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view field = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t eq = field.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = trim(field.substr(0, eq));
    std::string_view val = trim(field.substr(eq + 1));  // the signature keeps its '=' padding
    if (val.empty()) return std::nullopt;
    if (iequals(key, "PublicKeyId")) {
      if (have_id) return std::nullopt;
      have_id = true;
      out.public_key_id = std::string(val);
    } else if (iequals(key, "SignedHeaders")) {
      if (have_headers) return std::nullopt;
      have_headers = true;
      out.signed_headers_raw = std::string(val);
      std::string_view list = val;
      while (true) {
        size_t semi = list.find(';');
        std::string_view header = trim(list.substr(0, semi));
        if (header.empty()) return std::nullopt;
        out.signed_headers.push_back(to_lower(header));
        if (semi == std::string_view::npos) break;
        list = list.substr(semi + 1);
      }
    } else if (iequals(key, "Signature")) {
      if (have_signature) return std::nullopt;
      have_signature = true;
      out.signature = std::string(val);
    } else {
      return std::nullopt;
    }
  }
  if (!have_id || !have_headers || !have_signature) return std::nullopt;
  return out;
}

std::string format_authorization(const AuthorizationHeader& header) {
  std::string list = header.signed_headers_raw.empty() ? join_lower(header.signed_headers)
                                                       : header.signed_headers_raw;
  std::string out(name(header.algorithm));
  out += " PublicKeyId=";
  out += header.public_key_id;
  out += ", SignedHeaders=";
  out += list;
  out += ", Signature=";
  out += header.signature;
  return out;
}

// ---- signing and verifying requests --------------------------------------------------------

void sign_request(HttpRequest& req, const PrivateKey& key, const SignerOptions& options,
                  Instant now) {
  std::erase_if(req.headers, [](const auto& h) { return iequals(h.first, "authorization"); });
  set_header(req.headers, "accept", "application/json");
  set_header(req.headers, "content-type", "application/json");
  set_header(req.headers, "x-amz-pay-date", format_iso(now));
  set_header(req.headers, "x-amz-pay-host", options.host);
  set_header(req.headers, "x-amz-pay-region", options.region);

  std::vector<std::string> names;
  for (const auto& [header_name, value] : req.headers) {
    std::string lower = to_lower(header_name);
    if (std::find(names.begin(), names.end(), lower) == names.end()) names.push_back(lower);
  }
  std::sort(names.begin(), names.end());

  AuthorizationHeader auth;
  auth.algorithm = options.algorithm;
  auth.public_key_id = options.public_key_id;
  auth.signed_headers = names;
  auth.signature =
      key.sign(options.algorithm, string_to_sign(options.algorithm, canonical_request(req, names)));
  req.headers.emplace_back("authorization", format_authorization(auth));
}

VerifyResult verify_request(const HttpRequest& req, const AuthorizationHeader& auth,
                            const PublicKey& key) {
  VerifyResult result;
  for (const auto& header_name : auth.signed_headers) {
    if (req.header(header_name) == nullptr) {
      result.error =
          "header '" + header_name + "' is listed in SignedHeaders but is missing from the request";
      return result;
    }
  }
  const std::string lower_line = join_lower(auth.signed_headers);
  result.canonical_request = build_canonical(req, auth.signed_headers, lower_line);
  result.string_to_sign = string_to_sign(auth.algorithm, result.canonical_request);
  if (key.verify(auth.algorithm, result.string_to_sign, auth.signature)) {
    result.ok = true;
    return result;
  }
  if (!auth.signed_headers_raw.empty() && auth.signed_headers_raw != lower_line) {
    std::string canonical = build_canonical(req, auth.signed_headers, auth.signed_headers_raw);
    std::string sts = string_to_sign(auth.algorithm, canonical);
    if (key.verify(auth.algorithm, sts, auth.signature)) {
      result.ok = true;
      result.canonical_request = std::move(canonical);
      result.string_to_sign = std::move(sts);
      return result;
    }
  }
  result.error = "signature does not verify against the string to sign computed by the server";
  return result;
}

}  // namespace core
