#include "mock_amazon/transport/server_setup.hpp"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mock_amazon::transport {
namespace {

std::string openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof(buf));
  return buf;
}

}  // namespace

core::Result<SelfSigned, std::string> make_self_signed() {
  ERR_clear_error();
  SelfSigned out;
  out.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
  if (!out.key)
    return core::fail("self-signed certificate: key generation failed: " + openssl_error());
  out.cert.reset(X509_new());
  X509* x = out.cert.get();
  unsigned char serial[8];
  RAND_bytes(serial, sizeof(serial));
  serial[0] &= 0x7F;  // positive
  std::int64_t serial_value = 0;
  for (unsigned char b : serial) serial_value = (serial_value << 8) | b;
  bool ok = x != nullptr && X509_set_version(x, 2) == 1 &&
            ASN1_INTEGER_set_int64(X509_get_serialNumber(x), serial_value) == 1 &&
            X509_gmtime_adj(X509_getm_notBefore(x), -3600) != nullptr &&
            X509_gmtime_adj(X509_getm_notAfter(x), 365L * 24 * 3600) != nullptr &&
            X509_set_pubkey(x, out.key.get()) == 1;
  if (ok) {
    X509_NAME* subject = X509_get_subject_name(x);
    ok = X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                    reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                                    0) == 1 &&
         X509_set_issuer_name(x, subject) == 1;
  }
  if (ok) {
    X509V3_CTX ctx{};
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    const std::pair<int, const char*> extensions[] = {
        {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
        {NID_ext_key_usage, "serverAuth"},
        {NID_subject_key_identifier, "hash"},
        {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
    };
    for (const auto& [nid, value] : extensions) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
      ok = ext != nullptr && X509_add_ext(x, ext, -1) == 1;
      X509_EXTENSION_free(ext);
      if (!ok) break;
    }
  }
  if (ok) ok = X509_sign(x, out.key.get(), EVP_sha256()) > 0;
  if (!ok) return core::fail("self-signed certificate: " + openssl_error());
  return out;
}

std::string cert_to_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  std::string out;
  if (PEM_write_bio_X509(bio, cert) == 1) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    if (len > 0) out.assign(data, static_cast<size_t>(len));
  }
  BIO_free(bio);
  return out;
}

bool readable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return static_cast<bool>(in);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- port probing --------------------------------------------------------------------------

core::Result<void, std::string> check_port_free(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* results = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &results); rc != 0) {
    return core::fail("cannot resolve host '" + host + "': " + gai_strerror(rc));
  }
  std::string error;
  for (addrinfo* ai = results; ai != nullptr && error.empty(); ai = ai->ai_next) {
    int sock = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (sock < 0) continue;
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(sock, ai->ai_addr, ai->ai_addrlen) != 0) {
      int err = errno;
      error = err == EADDRINUSE ? "port " + service + " on " + host + " is already in use"
                                : "cannot bind " + host + ":" + service + ": " + std::strerror(err);
    }
    ::close(sock);
  }
  freeaddrinfo(results);
  if (!error.empty()) return core::fail(error);
  return {};
}

}  // namespace mock_amazon::transport
