// The access log: its line format, its file, and HttpServer's call for every answered or
// dropped request (loopback, port 0).
#include "mock_amazon/transport/access_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http_client.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace mock_amazon {
namespace {

using nlohmann::json;

TEST(AccessLog, LineIsOneJsonObject) {
  AccessRecord r;
  r.time = std::chrono::system_clock::time_point{std::chrono::milliseconds{1767225600123}};
  r.remote = "127.0.0.1:5000";
  r.method = "POST";
  r.path = "/v2/charges";
  r.query = "a=\xff";
  r.status = 400;
  r.bytes = 12;
  r.duration = std::chrono::microseconds{1500};
  r.reason_code = "InvalidParameterValue";
  std::string line = access_log_line(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  json j = json::parse(line);
  EXPECT_EQ(j["time"], "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(j["status"], 400);
  EXPECT_EQ(j["durationMs"], 1.5);
  EXPECT_EQ(j["query"], "a=\xEF\xBF\xBD");
  EXPECT_EQ(j["reasonCode"], "InvalidParameterValue");
  EXPECT_FALSE(j.contains("requestId"));
  r.status = 0;
  EXPECT_TRUE(json::parse(access_log_line(r))["status"].is_null());
}

TEST(AccessLog, AppendsLinesToItsFile) {
  auto path = std::filesystem::temp_directory_path() /
              ("access-log-test-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(path);
  {
    auto log = AccessLog::open(path.string());
    ASSERT_TRUE(log) << log.error();
    AccessRecord r;
    r.method = "GET";
    (*log)->write(r);
    (*log)->write(r);
  }
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    EXPECT_EQ(json::parse(line)["method"], "GET");
    ++lines;
  }
  EXPECT_EQ(lines, 2);
  std::filesystem::remove(path);
  auto refused = AccessLog::open("/nonexistent-dir/x.log");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("/nonexistent-dir/x.log"), std::string::npos);
}

TEST(AccessLog, ServerReportsEveryAnsweredAndDroppedRequest) {
  std::mutex mu;
  std::vector<AccessRecord> seen;
  HttpServerOptions options;
  options.on_answered = [&](const AccessRecord& r) {
    std::lock_guard lock(mu);
    seen.push_back(r);
  };
  HttpServer server(
      [](const core::HttpRequest& req) {
        if (req.path == "/drop") return core::HttpResponse{kDropConnection, {}, ""};
        return core::HttpResponse{404,
                                  {{"x-amz-pay-request-id", "REQ-1"}},
                                  R"({"message":"no","reasonCode":"ResourceNotFound"})"};
      },
      options);
  ASSERT_TRUE(server.start());
  core::HttpClient client(core::HttpClientOptions{server.base_url()});
  core::HttpRequest get{"GET", "/v2/charges/x", "q=1", {}, ""};
  auto answer = client.send(get);
  ASSERT_TRUE(answer) << answer.error();
  core::HttpRequest drop{"POST", "/drop", "", {}, "{}"};
  EXPECT_FALSE(client.send(drop));
  server.stop();  // joins the workers: every log call has returned
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].path, "/v2/charges/x");
  EXPECT_EQ(seen[0].query, "q=1");
  EXPECT_EQ(seen[0].status, 404);
  EXPECT_EQ(seen[0].request_id, "REQ-1");
  EXPECT_EQ(seen[0].reason_code, "ResourceNotFound");
  EXPECT_NE(seen[0].remote.find("127.0.0.1:"), std::string::npos);
  EXPECT_EQ(seen[1].path, "/drop");
  EXPECT_EQ(seen[1].status, 0);
}

}  // namespace
}  // namespace mock_amazon
