// The mock's HTTP(S) front door: a tuned cpp-httplib server that turns every request (any path;
// GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) into a core::HttpRequest, calls one Handler,
// and writes its core::HttpResponse back. httplib.h is included only by http_server.cpp.
//
// Request conversion: method; path = the request target up to '?' exactly as sent (not
// percent-decoded); query = the raw text after '?'; headers = every header as received (names
// as the client spelled them; order: sorted case-insensitively by name, which is how httplib
// stores them); body. httplib's pseudo-headers REMOTE_ADDR/REMOTE_PORT/LOCAL_ADDR/LOCAL_PORT
// are removed.
//
// Response conversion: status, headers (a Content-Length or Transfer-Encoding from the handler
// is ignored: the server frames the body itself), body. The server adds Content-Length,
// Connection/Keep-Alive and, for a non-empty body without a content type, text/plain.
//
// Tuning (cpp-httplib 0.11.4 as Debian ships it; compile-time CPPHTTPLIB_* macros do nothing):
// TCP_NODELAY, SO_REUSEADDR (not httplib's SO_REUSEPORT: a stopped server can start again on
// its port while its old connections are in TIME_WAIT, and no other listener shares it), up to
// `threads` workers started as needed (one per open connection; httplib has no other model),
// slow clients bounded by the timeouts and deadlines of HttpServerOptions (a watchdog thread
// enforces the request head deadline, which httplib lacks), keep-alive up to 1000
// requests per connection, request bodies up to 1 MiB
// (counted as decoded, so a chunked body cannot pass it; larger: 413 and the connection
// closes; a POST without Content-Length or chunked framing has an empty body), listen backlog
// SOMAXCONN instead of httplib's fixed 5 (a burst of connects would otherwise lose SYNs and stall
// for the 1 s SYN retransmit). Errors the library answers itself (400 unparsable request, 413, 404
// for an unsupported method) get a JSON body
// {"reasonCode":...,"message":...}; a handler that throws gets 500
// {"reasonCode":"InternalServerError","message":<what()>}.
//
// Fault injection: a handler returning status kDropConnection makes the server close the
// connection without writing a single byte of response (the socket is shut down in both
// directions, so the client sees EOF/"socket hang up" immediately, not a timeout).
//
// start() ignores SIGPIPE process-wide (writing to a dropped TLS connection would otherwise
// kill the process).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "mock_amazon/transport/access_log.hpp"

namespace mock_amazon {

using Handler = std::function<core::HttpResponse(const core::HttpRequest&)>;

// Return `HttpResponse{.status = kDropConnection}` to drop the connection without answering.
inline constexpr int kDropConnection = -1;

struct TlsOptions {
  std::string cert_file{};  // PEM files; ignored when self_signed
  std::string key_file{};
  // Generate an RSA-2048 key and an X.509 certificate for CN=localhost (SAN DNS:localhost,
  // IP:127.0.0.1, valid one year) in memory at start(); nothing is written to disk.
  bool self_signed = false;
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                     // 0 = pick a free port
  std::optional<TlsOptions> tls{};  // nullopt: plain HTTP
  // Workers are started as connections need them, up to `threads`: the number of connections
  // served at once. Further connections wait in a queue until a worker is free.
  int threads = 512;
  // A connection is closed when a single read waits longer than `read_timeout`, when it stays
  // idle between requests longer than `keep_alive_timeout` (whole seconds), when a request
  // head (request line and headers) is not complete `head_deadline` after the connection
  // opened or after the keep-alive wait that followed its last answer, and when a request body
  // is not complete `body_deadline` after its head (400 InvalidRequestFormat, then closed).
  std::chrono::milliseconds read_timeout{2000};
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::chrono::milliseconds head_deadline{5000};
  std::chrono::milliseconds body_deadline{10000};
  // Called on the worker's thread once for every request answered (errors the server answers
  // itself included) or dropped, after the answer is written: the access log.
  std::function<void(const AccessRecord&)> on_answered{};
};

class HttpServer {
 public:
  HttpServer(Handler handler, HttpServerOptions options);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds (port 0 -> a free port), starts listening on a background thread and returns the
  // port. Fails with a clear message when the port is already in use (checked with a plain
  // bind first), the host cannot be bound, or the certificate/key cannot be loaded. After
  // stop() it can start again, on the same port when HttpServerOptions::port names it.
  core::Result<int, std::string> start();
  // Stops accepting, closes idle keep-alive connections at once (a request being handled still
  // gets its response), and joins the workers. Idempotent.
  void stop();

  int port() const;              // 0 when not started
  // The address the listening socket is bound to, as the kernel reports it: "0.0.0.0:8443",
  // "127.0.0.1:8443", "[::1]:8443"; empty when not started.
  std::string bound_address() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT"
  bool running() const;
  // PEM of the certificate served (self-signed or loaded); empty for plain HTTP.
  std::string certificate_pem() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mock_amazon
