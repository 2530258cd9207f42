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

#include <unistd.h>

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

}  // namespace
}  // namespace mock_amazon
