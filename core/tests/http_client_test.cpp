// HttpClient against a raw-socket server that records the exact bytes on the wire (an httplib
// server would normalise them). The end-to-end tests against the mock's HttpServer are in
// mock_amazon/tests/http_server_test.cpp.
#include "core/http_client.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace core {
namespace {

enum class Behaviour { Respond, Silent, CloseAfterRequest };

// Serves connections one at a time on 127.0.0.1:<ephemeral>; keeps every raw request.
class RawServer {
 public:
  explicit RawServer(Behaviour behaviour, std::string response = "")
      : behaviour_(behaviour), response_(std::move(response)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::listen(listen_fd_, 16), 0);
    socklen_t len = sizeof(addr);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~RawServer() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (conn_fd_ >= 0) ::shutdown(conn_fd_, SHUT_RDWR);
    }
    thread_.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_.load(); }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void run() {
    while (!stopping_) {
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      ++connections_;
      {
        std::lock_guard<std::mutex> lock(mu_);
        conn_fd_ = fd;
      }
      serve(fd);
      {
        std::lock_guard<std::mutex> lock(mu_);
        conn_fd_ = -1;
      }
      ::close(fd);
    }
  }

  void serve(int fd) {
    std::string buffer;
    char chunk[4096];
    while (true) {
      // Read one request: headers, then Content-Length bytes of body.
      size_t header_end;
      while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<size_t>(n));
      }
      size_t body_len = 0;
      std::string lower;
      for (char c : buffer.substr(0, header_end)) lower += static_cast<char>(std::tolower(c));
      if (size_t p = lower.find("\r\ncontent-length:"); p != std::string::npos) {
        body_len = std::stoul(lower.substr(p + 17));
      }
      while (buffer.size() < header_end + 4 + body_len) {
        ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<size_t>(n));
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(buffer.substr(0, header_end + 4 + body_len));
      }
      buffer.erase(0, header_end + 4 + body_len);
      if (behaviour_ == Behaviour::CloseAfterRequest) return;
      if (behaviour_ == Behaviour::Silent) {
        while (::recv(fd, chunk, sizeof(chunk), 0) > 0) {
        }
        return;
      }
      ::send(fd, response_.data(), response_.size(), MSG_NOSIGNAL);
    }
  }

  Behaviour behaviour_;
  std::string response_;
  int listen_fd_ = -1;
  int conn_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

const std::string kCreated =
    "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nx-amz-pay-request-id: R-1\r\n"
    "Content-Length: 11\r\n\r\n{\"ok\":true}";

size_t count_ci(const std::string& haystack, const std::string& needle) {
  std::string h, n;
  for (char c : haystack) h += static_cast<char>(std::tolower(c));
  for (char c : needle) n += static_cast<char>(std::tolower(c));
  size_t count = 0;
  for (size_t p = h.find(n); p != std::string::npos; p = h.find(n, p + 1)) ++count;
  return count;
}

TEST(HttpClient, SendsExactlyTheRequestOnTheWire) {
  RawServer server(Behaviour::Respond, kCreated);
  HttpClient client(HttpClientOptions{.base_url = server.base_url()});
  HttpRequest req;
  req.method = "POST";
  req.path = "/v2/checkoutSessions";
  req.query = "a=%2F&b=x+y&c=~";
  req.headers = {
      {"accept", "application/json"},
      {"content-type", "application/json"},
      {"X-Amz-Pay-Idempotency-Key", "k1"},
      {"authorization", "AMZN-PAY-RSASSA-PSS PublicKeyId=K, SignedHeaders=a, Signature=s"},
      {"Content-Length", "999"}};  // ignored: the client frames the body
  req.body = R"({"storeId":"s"})";
  auto res = client.send(req);
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, R"({"ok":true})");
  ASSERT_NE(res->header("x-amz-pay-request-id"), nullptr);
  EXPECT_EQ(*res->header("x-amz-pay-request-id"), "R-1");
  EXPECT_EQ(*res->header("content-type"), "application/json");

  auto raw = server.requests();
  ASSERT_EQ(raw.size(), 1u);
  const std::string& wire = raw[0];
  EXPECT_TRUE(wire.starts_with("POST /v2/checkoutSessions?a=%2F&b=x+y&c=~ HTTP/1.1\r\n")) << wire;
  EXPECT_EQ(count_ci(wire, "\r\ncontent-type:"), 1u) << wire;
  EXPECT_NE(wire.find("\r\ncontent-type: application/json\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("\r\nX-Amz-Pay-Idempotency-Key: k1\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("\r\naccept: application/json\r\n"), std::string::npos) << wire;
  EXPECT_EQ(count_ci(wire, "\r\naccept:"), 1u) << wire;
  EXPECT_NE(wire.find("\r\nauthorization: AMZN-PAY-RSASSA-PSS PublicKeyId=K"), std::string::npos);
  EXPECT_EQ(count_ci(wire, "\r\ncontent-length:"), 1u) << wire;
  EXPECT_NE(wire.find("\r\nContent-Length: 15\r\n"), std::string::npos) << wire;
  EXPECT_EQ(count_ci(wire, "accept-encoding"), 0u) << wire;
  EXPECT_TRUE(wire.ends_with("\r\n\r\n{\"storeId\":\"s\"}")) << wire;
}

TEST(HttpClient, DeleteAndPatchCarryTheirBodiesGetKeepsContentType) {
  RawServer server(Behaviour::Respond, kCreated);
  HttpClient client(HttpClientOptions{.base_url = server.base_url()});
  for (const char* method : {"DELETE", "PATCH", "GET"}) {
    HttpRequest req;
    req.method = method;
    req.path = "/v2/chargePermissions/S03-1/close";
    req.headers = {{"content-type", "application/json"}};
    if (std::string(method) != "GET") req.body = R"({"closureReason":"done"})";
    auto res = client.send(req);
    ASSERT_TRUE(res) << method << ": " << res.error();
  }
  auto raw = server.requests();
  ASSERT_EQ(raw.size(), 3u);
  EXPECT_TRUE(raw[0].starts_with("DELETE /v2/chargePermissions/S03-1/close HTTP/1.1\r\n"));
  EXPECT_TRUE(raw[0].ends_with("\r\n\r\n{\"closureReason\":\"done\"}")) << raw[0];
  EXPECT_NE(raw[0].find("\r\nContent-Length: 24\r\n"), std::string::npos) << raw[0];
  EXPECT_TRUE(raw[1].starts_with("PATCH "));
  EXPECT_TRUE(raw[1].ends_with("{\"closureReason\":\"done\"}"));
  EXPECT_TRUE(raw[2].starts_with("GET /v2/chargePermissions/S03-1/close HTTP/1.1\r\n"));
  EXPECT_EQ(count_ci(raw[2], "\r\ncontent-type: application/json"), 1u) << raw[2];
  EXPECT_TRUE(raw[2].ends_with("\r\n\r\n"));
  EXPECT_EQ(server.connections(), 1);  // keep-alive: one connection for all three
}

TEST(HttpClient, ConnectionRefused) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);  // bound, never listened, now closed: nothing listens there
  HttpClient client(
      HttpClientOptions{.base_url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port))});
  auto start = std::chrono::steady_clock::now();
  auto res = client.send(HttpRequest{"GET", "/", "", {}, ""});
  ASSERT_FALSE(res);
  EXPECT_TRUE(res.error().starts_with("connection refused")) << res.error();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(HttpClient, ReadTimeout) {
  RawServer server(Behaviour::Silent);
  HttpClientOptions options{.base_url = server.base_url()};
  options.read_timeout = std::chrono::milliseconds(200);
  HttpClient client(options);
  auto start = std::chrono::steady_clock::now();
  auto res = client.send(HttpRequest{"GET", "/slow", "", {}, ""});
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(res);
  EXPECT_TRUE(res.error().starts_with("timeout")) << res.error();
  EXPECT_GE(elapsed, std::chrono::milliseconds(190));
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(HttpClient, ServerClosesWithoutResponse) {
  RawServer server(Behaviour::CloseAfterRequest);
  HttpClient client(HttpClientOptions{.base_url = server.base_url()});
  auto res = client.send(HttpRequest{"POST", "/v2/charges", "", {}, "{}"});
  ASSERT_FALSE(res);
  EXPECT_TRUE(res.error().starts_with("connection closed")) << res.error();
}

TEST(HttpClient, InvalidBaseUrl) {
  for (const char* url : {"", "127.0.0.1:8080", "ftp://x", "http://", "http://host/path"}) {
    HttpClient client(HttpClientOptions{.base_url = url});
    auto res = client.send(HttpRequest{"GET", "/", "", {}, ""});
    ASSERT_FALSE(res) << url;
    EXPECT_TRUE(res.error().starts_with("invalid base_url")) << url << ": " << res.error();
  }
  EXPECT_EQ(HttpClient(HttpClientOptions{.base_url = "http://x/"}).options().base_url, "http://x/");
}

}  // namespace
}  // namespace core
