// End to end: fixture scenarios through the reference shop and the mock, over HTTP (signed,
// verified) and in-process. Same verdicts on both transports; same seed, same transcript.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "scenarios/app.hpp"
#include "scenarios/runner.hpp"
#include "scenarios/tests/test_support.hpp"

namespace scenarios {
namespace {

using nlohmann::json;
using testing::errors_of;
using testing::load_fixtures;

std::unique_ptr<Environment> open_environment(Transport transport) {
  EnvironmentOptions o;
  o.transport = transport;
  o.source_root = testing::source_root();
  auto env = Environment::open(o);
  EXPECT_TRUE(env.ok()) << (env ? "" : env.error());
  return env ? std::move(env).value() : nullptr;
}

Scenario fixture(const std::string& name) {
  LoadResult r = load_fixtures({name});
  EXPECT_TRUE(r.ok()) << errors_of(r);
  return r.scenarios.empty() ? Scenario{} : r.scenarios.front();
}

// Everything of a result that must be reproducible (all but wall_ms).
std::string transcript(const reports::ScenarioResult& r) {
  json steps = json::array();
  for (const auto& s : r.steps) {
    json exchanges = json::array();
    for (const auto& x : s.exchanges)
      exchanges.push_back(json{{"t", x.sim_time},
                               {"method", x.method},
                               {"path", x.path},
                               {"request_headers", x.request_headers},
                               {"request_body", x.request_body},
                               {"status", x.status},
                               {"response_headers", x.response_headers},
                               {"response_body", x.response_body},
                               {"error", x.transport_error}});
    steps.push_back(json{{"index", s.index},
                         {"location", s.location},
                         {"action", s.action},
                         {"text", s.text},
                         {"t", s.sim_time},
                         {"status", reports::name(s.status)},
                         {"message", s.message},
                         {"observations", s.observations},
                         {"exchanges", exchanges}});
  }
  return json{{"id", r.id},
              {"status", reports::name(r.status)},
              {"failure", r.failure},
              {"seed", r.seed},
              {"steps", steps}}
      .dump(1);
}

// What must agree between transports: statuses and messages of every step.
std::string verdict(const reports::ScenarioResult& r) {
  std::string out = std::string(reports::name(r.status)) + " " + r.failure + "\n";
  for (const auto& s : r.steps)
    out += std::string(reports::name(s.status)) + " " + s.message + "\n";
  return out;
}

std::string describe(const reports::ScenarioResult& r) {
  std::string out = r.failure + "\n";
  for (const auto& s : r.steps) {
    out += std::to_string(s.index) + " " + reports::name(s.status) + " " + s.text + " → " +
           s.message + "\n";
    for (const auto& o : s.observations) out += "      " + o + "\n";
  }
  return out;
}

TEST(RunnerEndToEnd, CaptureFlowPassesIdenticallyOverBothTransports) {
  Scenario s = fixture("valid/capture_basic.yaml");
  std::map<Transport, std::string> verdicts;
  for (Transport t : {Transport::Http, Transport::InProcess}) {
    auto env = open_environment(t);
    ASSERT_TRUE(env);
    Runner runner(*env, 20260105);
    reports::ScenarioResult first = runner.run(s);
    reports::ScenarioResult second = runner.run(s);
    EXPECT_EQ(first.status, reports::ScenarioStatus::Passed) << env->transport_name() << "\n"
                                                             << describe(first);
    EXPECT_EQ(first.transport, env->transport_name());
    EXPECT_EQ(transcript(first), transcript(second)) << env->transport_name();
    // A fresh environment (as a second process would have) gives the same transcript too.
    auto fresh = open_environment(t);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(transcript(Runner(*fresh, 20260105).run(s)), transcript(first))
        << env->transport_name();
    verdicts[t] = verdict(first);
  }
  EXPECT_EQ(verdicts[Transport::Http], verdicts[Transport::InProcess]);
}

TEST(RunnerEndToEnd, ShopAndAmazonWorkRunInLockstepOnTheSimulatedClock) {
  Scenario s = fixture("valid/scheduled_close.yaml");
  std::map<Transport, std::string> verdicts;
  for (Transport t : {Transport::Http, Transport::InProcess}) {
    auto env = open_environment(t);
    ASSERT_TRUE(env);
    reports::ScenarioResult r = Runner(*env, 11).run(s);
    ASSERT_EQ(r.status, reports::ScenarioStatus::Passed) << describe(r);
    // clock.next stops at the shop's scheduled closing, one day after the cancellation, and
    // the shop's call goes out at that simulated instant.
    const reports::StepRecord& next = r.steps.at(10);
    EXPECT_EQ(next.action, "clock.next");
    EXPECT_EQ(next.sim_time, "2026-01-05T23:00:00Z");
    EXPECT_EQ(next.message, "now 2026-01-06T00:00:00Z");
    ASSERT_FALSE(next.exchanges.empty());
    EXPECT_EQ(next.exchanges.back().method, "DELETE");
    EXPECT_EQ(next.exchanges.back().sim_time, "2026-01-06T00:00:00Z");
    verdicts[t] = verdict(r);
  }
  EXPECT_EQ(verdicts[Transport::Http], verdicts[Transport::InProcess]);
}

TEST(RunnerEndToEnd, DifferentSeedsGiveDifferentIds) {
  Scenario s = fixture("valid/capture_basic.yaml");
  auto env = open_environment(Transport::InProcess);
  ASSERT_TRUE(env);
  reports::ScenarioResult a = Runner(*env, 1).run(s), b = Runner(*env, 2).run(s);
  EXPECT_NE(a.seed, b.seed);
  EXPECT_NE(transcript(a), transcript(b));
}

TEST(RunnerEndToEnd, HttpTranscriptShowsSignedRequestsWithMaskedSignature) {
  Scenario s = fixture("valid/capture_basic.yaml");
  auto env = open_environment(Transport::Http);
  ASSERT_TRUE(env);
  reports::ScenarioResult r = Runner(*env, 7).run(s);
  const reports::HttpExchange* create = nullptr;
  for (const auto& step : r.steps)
    for (const auto& x : step.exchanges)
      if (!create && x.method == "POST" && x.path == "/sandbox/v2/checkoutSessions") create = &x;
  ASSERT_NE(create, nullptr) << describe(r);
  EXPECT_EQ(create->status, 201);
  std::map<std::string, std::string> headers(create->request_headers.begin(),
                                             create->request_headers.end());
  EXPECT_EQ(headers["x-amz-pay-region"], "jp");
  EXPECT_EQ(headers["x-amz-pay-host"], "127.0.0.1:<port>");
  EXPECT_EQ(headers["x-amz-pay-date"],
            "2026-01-05T01:00:00Z");  // the simulated start, not wall time
  EXPECT_NE(headers["authorization"].find("PublicKeyId=SANDBOX-AHSHOPTESTKEY0000000000001"),
            std::string::npos);
  EXPECT_NE(headers["authorization"].find("Signature=…"), std::string::npos)
      << headers["authorization"];
  EXPECT_EQ(create->sim_time, "2026-01-05T01:00:00Z");
}

TEST(RunnerEndToEnd, FailingScenarioStopsAtFileAndLine) {
  Scenario s = fixture("valid/failing.yaml");
  auto env = open_environment(Transport::InProcess);
  ASSERT_TRUE(env);
  reports::ScenarioResult r = Runner(*env, 3).run(s);
  EXPECT_EQ(r.status, reports::ScenarioStatus::Failed);
  EXPECT_EQ(
      r.failure.rfind("scenarios/tests/data/valid/failing.yaml:10: expect.screen: screen: expected "
                      "\"order_complete\", got \"amazon_page\"\nactual page: {",
                      0),
      0u)
      << r.failure;
  ASSERT_EQ(r.steps.size(), 6u);
  EXPECT_EQ(r.steps[4].status, reports::StepStatus::Failed);
  EXPECT_EQ(r.steps[4].location, "scenarios/tests/data/valid/failing.yaml:10");
  EXPECT_EQ(r.steps[5].status, reports::StepStatus::NotRun);
  EXPECT_TRUE(r.steps[5].sim_time.empty());
}

// A scenario with amazon.restart runs on a database file of its own, which the restart closes
// and opens again; the next scenario is back on the in-memory mock.
TEST(RunnerEndToEnd, MockRestartKeepsEverythingOverBothTransports) {
  Scenario s = fixture("valid/mock_restart.yaml");
  std::map<Transport, std::string> verdicts;
  for (Transport t : {Transport::Http, Transport::InProcess}) {
    auto env = open_environment(t);
    ASSERT_TRUE(env);
    reports::ScenarioResult r = Runner(*env, 5).run(s);
    ASSERT_EQ(r.status, reports::ScenarioStatus::Passed) << env->transport_name() << "\n"
                                                         << describe(r);
    EXPECT_EQ(r.steps.at(6).message,
              "Amazon restarted on its database file; now 2026-01-06T01:00:00Z, next scheduled "
              "work 2026-02-04T01:00:00Z");
    EXPECT_EQ(env->database(), ":memory:");
    // Over HTTP the port comes back: the transcript of a second run is the same.
    EXPECT_EQ(transcript(Runner(*env, 5).run(s)), transcript(r)) << env->transport_name();
    verdicts[t] = verdict(r);
  }
  EXPECT_EQ(verdicts[Transport::Http], verdicts[Transport::InProcess]);
}

TEST(RunnerEndToEnd, MockRestartFailsOnAMockTheRunnerDidNotStart) {
  auto embedded = open_environment(Transport::Http);
  ASSERT_TRUE(embedded);
  EnvironmentOptions o;
  o.mock_url = embedded->location().substr(std::string("embedded ").size());
  o.source_root = testing::source_root();
  auto external = Environment::open(o);
  ASSERT_TRUE(external) << external.error();
  EXPECT_FALSE((*external)->embedded());
  reports::ScenarioResult r = Runner(**external, 5).run(fixture("valid/mock_restart.yaml"));
  EXPECT_EQ(r.status, reports::ScenarioStatus::Failed);
  EXPECT_EQ(r.failure,
            "scenarios/tests/data/valid/mock_restart.yaml:15: amazon.restart: amazon.restart "
            "needs the embedded mock: the runner cannot restart the mock at " +
                o.mock_url + " (run without --mock-url)");
}

TEST(RunnerEndToEnd, RunScenariosFillsTheModel) {
  auto env = open_environment(Transport::InProcess);
  ASSERT_TRUE(env);
  std::vector<Scenario> list{fixture("valid/capture_basic.yaml"), fixture("valid/failing.yaml")};
  std::ostringstream progress;
  reports::RunModel model = run_scenarios(list, *env, 99, &progress);
  ASSERT_EQ(model.scenarios.size(), 2u);
  EXPECT_FALSE(model.state_machines.empty());
  EXPECT_NE(progress.str().find("[1/2] PASS  fixture-capture-basic"), std::string::npos)
      << progress.str();
  EXPECT_NE(progress.str().find("[2/2] FAIL  fixture-failing"), std::string::npos)
      << progress.str();
  EXPECT_NE(progress.str().find("    scenarios/tests/data/valid/failing.yaml:10: "),
            std::string::npos);
}

}  // namespace
}  // namespace scenarios
