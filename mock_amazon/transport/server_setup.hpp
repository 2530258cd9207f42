// What HttpServer::start needs before it listens (internal to transport/): TLS material (a
// generated self-signed localhost certificate, or PEM files) and a check that the port is
// free. OpenSSL and sockets only; httplib.h stays in http_server.cpp.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "core/result.hpp"

namespace mock_amazon::transport {

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

struct SelfSigned {
  PkeyPtr key;
  X509Ptr cert;
};

core::Result<SelfSigned, std::string> make_self_signed();
std::string cert_to_pem(X509* cert);
bool readable(const std::string& path);
std::string read_text(const std::string& path);

// httplib sets SO_REUSEPORT on its listening socket, so a second server on a busy port would
// start silently and share the traffic. A plain bind (SO_REUSEADDR only: still refused while
// anything listens there) detects that first.
core::Result<void, std::string> check_port_free(const std::string& host, int port);

}  // namespace mock_amazon::transport
