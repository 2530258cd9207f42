#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/app.hpp"
#include "scenarios/run_environment.hpp"
#include "scenarios/show.hpp"
#include "test_support.hpp"

namespace scenarios {
namespace {

reports::RunModel two_scenarios() {
  reports::RunModel run;
  for (const char* id : {"FLOW-capture", "FLOW-capture-partial"}) {
    reports::ScenarioResult s;
    s.id = id;
    run.scenarios.push_back(s);
  }
  return run;
}

TEST(ShowFind, ExactIdWinsOverSubstrings) {
  const reports::RunModel run = two_scenarios();
  const Found f = find_scenario(run, "FLOW-capture");
  ASSERT_NE(f.scenario, nullptr);
  EXPECT_EQ(f.scenario->id, "FLOW-capture");
}

TEST(ShowFind, UniqueSubstring) {
  const reports::RunModel run = two_scenarios();
  const Found f = find_scenario(run, "partial");
  ASSERT_NE(f.scenario, nullptr);
  EXPECT_EQ(f.scenario->id, "FLOW-capture-partial");
}

TEST(ShowFind, AmbiguousListsTheMatches) {
  const Found f = find_scenario(two_scenarios(), "capt");
  EXPECT_EQ(f.scenario, nullptr);
  EXPECT_TRUE(f.ambiguous);
  EXPECT_EQ(f.candidates, (std::vector<std::string>{"FLOW-capture", "FLOW-capture-partial"}));
}

TEST(ShowFind, UnknownListsEveryId) {
  const Found f = find_scenario(two_scenarios(), "REF");
  EXPECT_EQ(f.scenario, nullptr);
  EXPECT_FALSE(f.ambiguous);
  EXPECT_EQ(f.candidates.size(), 2u);
}

TEST(ShowRender, StepLineObservationsExchangesAndCutBodies) {
  reports::ScenarioResult s;
  s.id = "FLOW-1";
  s.status = reports::ScenarioStatus::Failed;
  reports::StepRecord st;
  st.index = 3;
  st.status = reports::StepStatus::Failed;
  st.sim_time = "2025-01-02T03:04:05Z";
  st.action = "admin.capture";
  st.message = "expected 201";
  st.observations = {"受注詳細: 請求却下"};
  reports::HttpExchange x;
  x.method = "POST";
  x.path = "/v2/charges/C1/capture";
  x.status = 201;
  x.request_body = R"({"captureAmount":{"amount":"100"}})";
  x.response_body = std::string(kShowBodyLimit + 123, 'x');
  st.exchanges.push_back(x);
  s.steps.push_back(st);
  const std::string text = render_scenario(s, kShowBodyLimit);
  EXPECT_NE(text.find("FLOW-1 — failed"), std::string::npos) << text;
  EXPECT_NE(text.find("  3. failed  2025-01-02T03:04:05Z  admin.capture  expected 201"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| 受注詳細: 請求却下"), std::string::npos);
  EXPECT_NE(text.find("POST /v2/charges/C1/capture → 201"), std::string::npos);
  EXPECT_NE(text.find("\"captureAmount\": {"), std::string::npos) << "JSON re-indented";
  EXPECT_NE(text.find("… (123 characters cut)"), std::string::npos);
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "apc-show-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(RunEnvironment, FieldsPresentAndHashesFollowTheFiles) {
  const std::string a = temp_file("a.yaml", "id: A\n"), b = temp_file("b.yaml", "id: B\n");
  const std::string catalogue = testing::source_root() + "/reports/catalogue/rules.yaml";
  const reports::RunEnvironment before = run_environment(catalogue, {b, a});
  EXPECT_FALSE(before.os.empty());
  EXPECT_FALSE(before.compiler.empty());
  for (const char* lib : {"cpp-httplib", "nlohmann_json", "openssl", "sqlite", "yaml-cpp"}) {
    auto it = std::find_if(before.libraries.begin(), before.libraries.end(),
                           [&](const auto& l) { return l.first == lib; });
    ASSERT_NE(it, before.libraries.end()) << lib;
    EXPECT_FALSE(it->second.empty()) << lib;
  }
  EXPECT_EQ(before.catalogue_sha256.size(), 64u);
  EXPECT_EQ(before.scenarios_sha256.size(), 64u);
  EXPECT_EQ(before.scenario_files, 2);
  EXPECT_EQ(run_environment(catalogue, {a, b}).scenarios_sha256, before.scenarios_sha256)
      << "hashed in path order, whatever order the files came in";
  temp_file("b.yaml", "id: B2\n");
  const reports::RunEnvironment after = run_environment(catalogue, {a, b});
  EXPECT_NE(after.scenarios_sha256, before.scenarios_sha256);
  EXPECT_EQ(after.catalogue_sha256, before.catalogue_sha256);
  EXPECT_EQ(files_sha256({a, temp_file("gone.yaml", "") + ".missing"}), "");
}

TEST(RunSelection, CompleteOnlyWithoutPathsFilterOrIds) {
  RunOptions o;
  EXPECT_TRUE(selection_of(o).complete());
  o.ids = {"FLOW-1"};
  EXPECT_FALSE(selection_of(o).complete());
  EXPECT_EQ(reports::describe(selection_of(o)), "--id FLOW-1");
  o.paths = {"scenarios/FLOW"};
  o.filter = "cap";
  EXPECT_EQ(reports::describe(selection_of(o)), "--filter cap, --id FLOW-1, paths scenarios/FLOW");
}

TEST(RunReplay, OneScenarioKeepsPathsSeedAndTransportDropsFilterAndShard) {
  RunOptions o;
  o.paths = {"scenarios/FLOW"};
  o.filter = "cap";
  o.shard = {2, 3};
  o.transport = Transport::InProcess;
  EXPECT_EQ(replay_one_command(o, 11, "FLOW-1[v=a b]"),
            "conformance run scenarios/FLOW --seed 11 --transport inprocess --id 'FLOW-1[v=a b]'");
}

}  // namespace
}  // namespace scenarios
