// A small blocking HTTP/1.1 client for core::HttpRequest (cpp-httplib underneath; httplib.h is
// included only by http_client.cpp, it is slow to compile).
//
// What goes on the wire: the request line `METHOD path[?query]` exactly as given (no
// re-encoding), every header of the request exactly as given (names and values), the body
// (also for GET and DELETE), and the transport headers the library adds when the request does
// not carry them: Host, Content-Length (always computed from the body; a Content-Length in the
// request is ignored), Accept: */* and User-Agent: cpp-httplib/0.11.4. Body compression is off.
//
// Connections are kept alive and reused; TCP_NODELAY is on (without it every keep-alive request
// waits ~40 ms for a delayed ACK).
//
// Thread safety: NONE. One HttpClient per thread; do not call send() concurrently.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/http_types.hpp"
#include "core/result.hpp"

namespace core {

struct HttpClientOptions {
  std::string base_url;     // "http://127.0.0.1:8080" or "https://localhost:8443" (no path)
  bool verify_tls = false;  // false: accept any certificate (self-signed mock)
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and waits for the whole response. Any HTTP status is a success; the
  // error is a transport failure, starting with one of:
  //   "invalid base_url", "connection refused", "timeout", "connection closed",
  //   "write failed", "TLS handshake failed", "TLS certificate verification failed",
  //   "transport error" (anything else; the library's text follows).
  Result<HttpResponse, std::string> send(const HttpRequest& request);

  const HttpClientOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace core
