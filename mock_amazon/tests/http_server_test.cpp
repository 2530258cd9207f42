// mock_amazon::HttpServer end to end through core::HttpClient: request/response conversion,
// the Nagle regression guard, HTTPS with a self-signed certificate, fault injection by dropped
// connections, and start-up errors. Every server binds port 0 (httplib sets SO_REUSEPORT).
#include "mock_amazon/transport/http_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/http_client.hpp"

namespace mock_amazon {
namespace {

using Clock = std::chrono::steady_clock;

// Records every request and echoes it back: status 201 (or the x-test-status header), the
// request body as the response body, and x-echo-* headers.
class Echo {
 public:
  Handler handler() {
    return [this](const core::HttpRequest& req) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(req);
      }
      if (req.path == "/drop") return core::HttpResponse{kDropConnection, {}, ""};
      if (req.path == "/throw") throw std::runtime_error("boom \"quoted\"");
      core::HttpResponse res;
      res.status = 201;
      if (const std::string* s = req.header("x-test-status")) res.status = std::stoi(*s);
      res.headers = {{"Content-Type", "application/json"},
                     {"x-amz-pay-request-id", "REQ-1"},
                     {"x-echo-method", req.method},
                     {"x-echo-path", req.path},
                     {"x-echo-query", req.query},
                     {"Content-Length", "12345"}};  // ignored by the server
      res.body = req.body;
      return res;
    };
  }
  core::HttpRequest last() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.empty() ? core::HttpRequest{} : requests_.back();
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.size();
  }

 private:
  std::mutex mu_;
  std::vector<core::HttpRequest> requests_;
};

core::HttpRequest make(std::string method, std::string path, std::string query = "",
                       std::string body = "") {
  core::HttpRequest req;
  req.method = std::move(method);
  req.path = std::move(path);
  req.query = std::move(query);
  req.headers = {{"accept", "application/json"}, {"content-type", "application/json"}};
  req.body = std::move(body);
  return req;
}

struct Started {
  Echo echo;
  std::unique_ptr<HttpServer> server;
  explicit Started(HttpServerOptions options = {}) {
    server = std::make_unique<HttpServer>(echo.handler(), std::move(options));
    auto port = server->start();
    EXPECT_TRUE(port) << port.error();
  }
};

TEST(HttpServer, EchoesEveryMethodPathQueryHeadersAndBody) {
  Started s;
  ASSERT_GT(s.server->port(), 0);
  EXPECT_EQ(s.server->base_url(), "http://127.0.0.1:" + std::to_string(s.server->port()));
  core::HttpClient client({.base_url = s.server->base_url()});

  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    const bool has_body = std::string(method) != "GET";
    core::HttpRequest req = make(method, "/sandbox/v2/charges/S03-1%2F2/capture/",
                                 "b=2&a=%E6%97%A5&c=x+y", has_body ? R"({"n":"日本"})" : "");
    req.headers.emplace_back("X-Amz-Pay-Date", "20240131T123456Z");
    req.headers.emplace_back("x-amz-pay-idempotency-key", "Key_1-a");
    auto res = client.send(req);
    ASSERT_TRUE(res) << method << ": " << res.error();

    core::HttpRequest seen = s.echo.last();
    EXPECT_EQ(seen.method, method);
    EXPECT_EQ(seen.path, "/sandbox/v2/charges/S03-1%2F2/capture/");  // not percent-decoded
    EXPECT_EQ(seen.query, "b=2&a=%E6%97%A5&c=x+y");                  // raw
    EXPECT_EQ(seen.body, req.body);
    ASSERT_NE(seen.header("x-amz-pay-date"), nullptr);
    EXPECT_EQ(*seen.header("x-amz-pay-date"), "20240131T123456Z");
    EXPECT_EQ(*seen.header("x-amz-pay-idempotency-key"), "Key_1-a");
    EXPECT_EQ(*seen.header("content-type"), "application/json");
    EXPECT_EQ(*seen.header("accept"), "application/json");
    bool original_spelling = false;
    for (const auto& [name, value] : seen.headers) {
      original_spelling |= name == "X-Amz-Pay-Date";
      EXPECT_NE(name, "REMOTE_ADDR");
      EXPECT_NE(name, "REMOTE_PORT");
      EXPECT_NE(name, "LOCAL_ADDR");
      EXPECT_NE(name, "LOCAL_PORT");
    }
    EXPECT_TRUE(original_spelling);

    EXPECT_EQ(res->status, 201);
    EXPECT_EQ(res->body, req.body);
    EXPECT_EQ(*res->header("x-echo-method"), method);
    EXPECT_EQ(*res->header("x-amz-pay-request-id"), "REQ-1");
    EXPECT_EQ(*res->header("content-type"), "application/json");
    EXPECT_EQ(*res->header("content-length"), std::to_string(req.body.size()));
  }
}

TEST(HttpServer, DeleteWithJsonBody) {  // Close Charge Permission / Cancel Charge
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  auto res =
      client.send(make("DELETE", "/v2/chargePermissions/S03-1234567-1234567/close", "",
                       R"({"closureReason":"No more charges","cancelPendingCharges":true})"));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(s.echo.last().method, "DELETE");
  EXPECT_EQ(s.echo.last().body,
            R"({"closureReason":"No more charges","cancelPendingCharges":true})");
  EXPECT_EQ(res->body, s.echo.last().body);
}

TEST(HttpServer, StatusCodesAndEmptyBodiesPassThrough) {
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  for (int status : {200, 204, 400, 404, 409, 429, 500, 503}) {
    core::HttpRequest req = make("POST", "/v2/refunds");
    req.headers.emplace_back("x-test-status", std::to_string(status));
    auto res = client.send(req);
    ASSERT_TRUE(res) << res.error();
    EXPECT_EQ(res->status, status);
    EXPECT_EQ(res->body, "");  // the handler's own empty body is left alone
  }
}

// The Nagle regression guard: without TCP_NODELAY on both ends every keep-alive request
// waits ~40 ms for a delayed ACK (100 requests: 2.6 s or more). Correctly configured: ~10 ms.
TEST(HttpServer, HundredSequentialKeepAliveRequestsUnderOneSecond) {
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  ASSERT_TRUE(client.send(make("GET", "/warmup")));
  const std::string body(600, 'x');
  auto start = Clock::now();
  for (int i = 0; i < 100; ++i) {
    auto res =
        client.send(make(i % 2 ? "POST" : "GET", "/v2/checkoutSessions", "", i % 2 ? body : ""));
    ASSERT_TRUE(res) << res.error();
  }
  auto elapsed = Clock::now() - start;
  std::printf("[   INFO   ] 100 sequential keep-alive requests: %.1f ms\n",
              std::chrono::duration<double, std::milli>(elapsed).count());
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(HttpServer, ConcurrentClients) {
  Started s;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      core::HttpClient client({.base_url = s.server->base_url()});  // one client per thread
      for (int i = 0; i < 25; ++i) ok += static_cast<bool>(client.send(make("GET", "/x")));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(s.echo.count(), 200u);
}

TEST(HttpServer, HttpsWithSelfSignedCertificate) {
  HttpServerOptions options;
  options.tls = TlsOptions{.self_signed = true};
  Started s(options);
  EXPECT_EQ(s.server->base_url(), "https://127.0.0.1:" + std::to_string(s.server->port()));
  EXPECT_TRUE(s.server->certificate_pem().starts_with("-----BEGIN CERTIFICATE-----"));

  core::HttpClient client({.base_url = s.server->base_url()});  // verify_tls = false
  auto res = client.send(make("POST", "/v2/charges", "", R"({"chargeAmount":{"amount":"100"}})"));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, R"({"chargeAmount":{"amount":"100"}})");
  auto start = Clock::now();
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(client.send(make("GET", "/v2/charges/x")));
  std::printf("[   INFO   ] 50 sequential HTTPS keep-alive requests: %.1f ms\n",
              std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));

  core::HttpClient plain({.base_url = "http://127.0.0.1:" + std::to_string(s.server->port())});
  EXPECT_FALSE(plain.send(make("GET", "/")));  // plain HTTP to a TLS port

  core::HttpClientOptions strict{.base_url = s.server->base_url()};
  strict.verify_tls = true;  // the self-signed certificate is not trusted
  auto rejected = core::HttpClient(strict).send(make("GET", "/"));
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().find("TLS"), std::string::npos) << rejected.error();
}

TEST(HttpServer, TlsFromFilesAndBadFiles) {
  // Unreadable and unparsable files fail start() with a message naming the file.
  HttpServerOptions missing;
  missing.tls = TlsOptions{"/nonexistent/cert.pem", "/nonexistent/key.pem", false};
  HttpServer a(Echo().handler(), missing);
  auto r = a.start();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("/nonexistent/cert.pem"), std::string::npos) << r.error();

  auto dir = std::filesystem::temp_directory_path() / ("apc-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << "not a certificate\n";
  std::ofstream(dir / "key.pem") << "not a key\n";
  HttpServerOptions bad;
  bad.tls = TlsOptions{(dir / "cert.pem").string(), (dir / "key.pem").string(), false};
  HttpServer b(Echo().handler(), bad);
  auto rb = b.start();
  ASSERT_FALSE(rb);
  EXPECT_NE(rb.error().find("cannot load TLS certificate"), std::string::npos) << rb.error();
  std::filesystem::remove_all(dir);
}

TEST(HttpServer, DroppedConnectionIsAQuickTransportError) {
  for (bool tls : {false, true}) {
    HttpServerOptions options;
    if (tls) options.tls = TlsOptions{.self_signed = true};
    Started s(options);
    core::HttpClientOptions copt{.base_url = s.server->base_url()};
    copt.read_timeout = std::chrono::milliseconds(5000);
    core::HttpClient client(copt);
    ASSERT_TRUE(client.send(make("GET", "/before")));  // an established keep-alive connection

    auto start = Clock::now();
    auto res = client.send(make("POST", "/drop", "", R"({"x":1})"));
    auto elapsed = Clock::now() - start;
    ASSERT_FALSE(res) << "tls=" << tls << " status " << res->status;
    EXPECT_TRUE(res.error().starts_with("connection closed")) << res.error();
    EXPECT_LT(elapsed, std::chrono::milliseconds(500)) << "tls=" << tls;
    std::printf("[   INFO   ] dropped connection (%s) reported after %.2f ms\n",
                tls ? "https" : "http", std::chrono::duration<double, std::milli>(elapsed).count());
    EXPECT_EQ(s.echo.last().path, "/drop");  // the handler did run

    // The client reconnects for the next request; the server is unharmed.
    auto after = client.send(make("GET", "/after"));
    ASSERT_TRUE(after) << after.error();
    EXPECT_EQ(after->status, 201);
  }
}

TEST(HttpServer, ThrowingHandlerGives500Json) {
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  auto res = client.send(make("GET", "/throw"));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(*res->header("content-type"), "application/json");
  EXPECT_EQ(res->body, R"({"reasonCode":"InternalServerError","message":"boom \"quoted\""})");
}

TEST(HttpServer, OversizedBodyGets413Json) {
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  auto res = client.send(make("POST", "/v2/checkoutSessions", "", std::string((1 << 20) + 1, 'x')));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find("\"reasonCode\":\"InvalidRequest\""), std::string::npos) << res->body;
  EXPECT_EQ(s.echo.count(), 0u);
  auto ok = client.send(make("POST", "/v2/checkoutSessions", "", std::string(1 << 20, 'x')));
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->status, 201);
}

TEST(HttpServer, PortInUseIsRefused) {
  Started first;
  HttpServerOptions same;
  same.port = first.server->port();
  HttpServer second(Echo().handler(), same);
  auto r = second.start();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("already in use"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find(std::to_string(same.port)), std::string::npos) << r.error();
  EXPECT_EQ(second.port(), 0);
  // The first server still gets all the traffic.
  core::HttpClient client({.base_url = first.server->base_url()});
  EXPECT_TRUE(client.send(make("GET", "/")));
}

TEST(HttpServer, ClosedPortIsConnectionRefused) {
  Started s;
  const std::string url = s.server->base_url();
  s.server->stop();
  EXPECT_FALSE(s.server->running());
  core::HttpClient client({.base_url = url});
  auto start = Clock::now();
  auto res = client.send(make("GET", "/"));
  ASSERT_FALSE(res);
  EXPECT_TRUE(res.error().starts_with("connection refused")) << res.error();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
}

TEST(HttpServer, StopIsQuickWithAnIdleKeepAliveConnectionAndRestartWorks) {
  Started s;
  core::HttpClient client({.base_url = s.server->base_url()});
  ASSERT_TRUE(client.send(make("GET", "/")));
  auto start = Clock::now();
  s.server->stop();
  auto stop_time = Clock::now() - start;
  std::printf("[   INFO   ] stop() with an idle keep-alive connection: %.1f ms\n",
              std::chrono::duration<double, std::milli>(stop_time).count());
  EXPECT_LT(stop_time, std::chrono::seconds(2));
  s.server->stop();  // idempotent

  auto again = s.server->start();
  ASSERT_TRUE(again) << again.error();
  EXPECT_TRUE(s.server->running());
  core::HttpClient fresh({.base_url = s.server->base_url()});
  EXPECT_TRUE(fresh.send(make("GET", "/")));
  auto twice = s.server->start();
  EXPECT_FALSE(twice);
}

// A restarted mock listens on its port again (amazon.restart): the server closed its side of
// the connections first, so they sit in TIME_WAIT on that port; a kept-alive client goes on.
TEST(HttpServer, StartsAgainOnItsPortWhileOldConnectionsAreInTimeWait) {
  Started first;
  const int port = first.server->port();
  core::HttpClient client({.base_url = first.server->base_url()});
  ASSERT_TRUE(client.send(make("GET", "/")));
  first.server->stop();
  first.server.reset();
  Echo echo;
  HttpServerOptions same;
  same.port = port;
  HttpServer again(echo.handler(), same);
  auto started = again.start();
  ASSERT_TRUE(started) << started.error();
  EXPECT_EQ(*started, port);
  auto res = client.send(make("GET", "/after"));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(echo.last().path, "/after");
}

// ---- slow clients ---------------------------------------------------------------------------

// Opens `n` connections to 127.0.0.1:port that each send a request head one byte at a time.
class Tricklers {
 public:
  Tricklers(int port, int n) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < n; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        ADD_FAILURE() << "connect " << i << ": " << std::strerror(errno);
        if (fd >= 0) ::close(fd);
        continue;
      }
      fds_.push_back(fd);
    }
  }
  ~Tricklers() {
    for (int fd : fds_) ::close(fd);
  }
  // Sends the next byte of the head on every connection (never the final blank line).
  void send_byte() {
    static const std::string head =
        "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nx-padding: " + std::string(4096, 'p');
    for (int fd : fds_) (void)::send(fd, &head[sent_ % head.size()], 1, MSG_NOSIGNAL);
    ++sent_;
  }
  // How many connections the server has closed (read EOF or an error without blocking).
  int closed_by_server() const {
    int closed = 0;
    for (int fd : fds_) {
      char c;
      ssize_t r = ::recv(fd, &c, 1, MSG_DONTWAIT);
      if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) ++closed;
    }
    return closed;
  }
  int size() const { return static_cast<int>(fds_.size()); }

 private:
  std::vector<int> fds_;
  size_t sent_ = 0;
};

// Issue #11: 200 connections trickling their headers (a byte every 100 ms) must not keep a
// normal client waiting. With one worker per connection and a fixed pool of 64 it waited for as
// long as they trickled; now workers are added up to 512. The 100 ms target is printed; the
// assertion only needs an answer while every trickler is still open.
TEST(HttpServer, TwoHundredTricklingClientsDoNotBlockANormalOne) {
  Started s;
  Tricklers slow(s.server->port(), 200);
  ASSERT_EQ(slow.size(), 200);
  core::HttpClientOptions copt{.base_url = s.server->base_url()};
  copt.read_timeout = std::chrono::milliseconds(3000);
  double worst_ms = 0;
  for (int round = 0; round < 5; ++round) {
    slow.send_byte();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    core::HttpClient client(copt);  // a new connection each time
    auto start = Clock::now();
    auto res = client.send(make("GET", "/__mock/health"));
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    worst_ms = std::max(worst_ms, ms);
    ASSERT_TRUE(res) << "round " << round << ": " << res.error();
    EXPECT_EQ(res->status, 201);
  }
  EXPECT_EQ(slow.closed_by_server(), 0);  // still trickling, within the head deadline
  std::printf("[   INFO   ] worst answer with 200 trickling clients open: %.1f ms\n", worst_ms);
}

// A head still incomplete at the deadline is cut off, which frees the worker: with a pool of
// two held by tricklers, a third client is answered once the deadline passes.
TEST(HttpServer, HeadDeadlineClosesTricklersAndFreesTheirWorkers) {
  HttpServerOptions options;
  options.threads = 2;
  options.head_deadline = std::chrono::milliseconds(500);
  Started s(options);
  Tricklers slow(s.server->port(), 2);
  slow.send_byte();
  std::thread trickle([&] {
    for (int i = 0; i < 20 && slow.closed_by_server() < slow.size(); ++i) {
      slow.send_byte();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  core::HttpClientOptions copt{.base_url = s.server->base_url()};
  copt.read_timeout = std::chrono::milliseconds(5000);
  core::HttpClient client(copt);
  auto start = Clock::now();
  auto res = client.send(make("GET", "/queued"));
  auto waited = Clock::now() - start;
  trickle.join();
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(slow.closed_by_server(), 2);
  EXPECT_GE(waited, std::chrono::milliseconds(300));  // it did wait for a worker
  std::printf("[   INFO   ] third client answered after %.0f ms\n",
              std::chrono::duration<double, std::milli>(waited).count());
}

// A body trickled below the read timeout is cut at the body deadline: 400, connection closed.
TEST(HttpServer, BodyDeadlineCutsATricklingBody) {
  HttpServerOptions options;
  options.body_deadline = std::chrono::milliseconds(300);
  Started s(options);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(s.server->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  const std::string head = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::string answer;
  for (int i = 0; i < 30 && answer.find("\r\n\r\n") == std::string::npos; ++i) {
    (void)::send(fd, "x", 1, MSG_NOSIGNAL);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    char buf[512];
    ssize_t r = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (r > 0) answer.append(buf, static_cast<size_t>(r));
  }
  ::close(fd);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
}

}  // namespace
}  // namespace mock_amazon
