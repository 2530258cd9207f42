#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "reports/json_reader.hpp"
#include "reports/writers.hpp"
#include "test_support.hpp"

namespace reports {
namespace {

using nlohmann::json;

json parsed(const Catalogue& cat, const RunModel& run) {
  const std::string text = render_json(cat, run);
  EXPECT_TRUE(json::accept(text)) << text.substr(0, 400);
  return json::parse(text, nullptr, false);
}

TEST(JsonWriter, ValidWithStableTopLevelOrder) {
  const std::string text = render_json(testing::fixture_catalogue(), testing::sample_run());
  const auto doc = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "format_version", "catalogue", "run",
                                            "totals", "areas", "decisions", "rules", "scenarios",
                                            "state_machines"}));
}

TEST(JsonWriter, Deterministic) {
  const Catalogue cat = testing::fixture_catalogue();
  const RunModel run = testing::sample_run();
  EXPECT_EQ(render_json(cat, run), render_json(cat, run));
}

TEST(JsonWriter, RunInfoAndTotals) {
  const json j = parsed(testing::fixture_catalogue(), testing::sample_run());
  EXPECT_EQ(j["run"]["seed"], 42);
  EXPECT_EQ(j["run"]["transport"], "inprocess");
  EXPECT_EQ(j["run"]["replay_command"], "apc-conformance --seed 42 --transport inprocess");
  EXPECT_EQ(j["totals"]["scenarios"], 5);
  EXPECT_EQ(j["totals"]["scenarios_failed"], 2);
  EXPECT_EQ(j["totals"]["rules_failed"], 2);
  EXPECT_EQ(j["totals"]["rules_not_yet_checked"], 2);
  EXPECT_EQ(j["totals"]["rules_not_testable"], 1);
  ASSERT_EQ(j["areas"].size(), 3u);
  EXPECT_EQ(j["areas"][2]["code"], "AMT");
  EXPECT_EQ(j["areas"][2]["failed"], 2);
  EXPECT_EQ(j["decisions"][0]["number"], 2);
}

TEST(JsonWriter, SelectionSaysWhetherTheRunIsComplete) {
  RunModel run = testing::sample_run();
  json j = parsed(testing::fixture_catalogue(), run);
  EXPECT_EQ(j["run"]["selection"]["complete"], true);
  EXPECT_EQ(j["run"]["selection"]["ids"], json::array());
  run.info.selection.filter = "capture";
  j = parsed(testing::fixture_catalogue(), run);
  EXPECT_EQ(j["run"]["selection"]["complete"], false);
  EXPECT_EQ(j["run"]["selection"]["filter"], "capture");
}

TEST(JsonWriter, EnvironmentFields) {
  RunModel run = testing::sample_run();
  run.info.environment = {"Linux", "g++ 12", {{"openssl", "OpenSSL 3"}}, "c", "s", 2};
  const json e = parsed(testing::fixture_catalogue(), run)["run"]["environment"];
  EXPECT_EQ(e["os"], "Linux");
  EXPECT_EQ(e["compiler"], "g++ 12");
  EXPECT_EQ(e["libraries"]["openssl"], "OpenSSL 3");
  EXPECT_EQ(e["catalogue_sha256"], "c");
  EXPECT_EQ(e["scenarios_sha256"], "s");
  EXPECT_EQ(e["scenario_files"], 2);
}

TEST(JsonWriter, EveryRuleWithItsFacts) {
  const Catalogue cat = testing::fixture_catalogue();
  const json j = parsed(cat, testing::sample_run());
  ASSERT_EQ(j["rules"].size(), cat.rules.size());
  for (std::size_t i = 0; i < cat.rules.size(); ++i)
    EXPECT_EQ(j["rules"][i]["id"], cat.rules[i].id);
  const json& amt = j["rules"][5];
  EXPECT_EQ(amt["id"], "AMT-009");
  EXPECT_EQ(amt["area"], "AMT");
  EXPECT_EQ(amt["kind"], "behaviour");
  EXPECT_EQ(amt["status"], "failed");
  EXPECT_EQ(amt["source_lines"], "L369-L370");
  EXPECT_EQ(amt["quotes"][1], "ご注文時金額の900%または70000円のどちらか高い額まで増額できます。");
  EXPECT_EQ(amt["interpretation"], cat.rules[5].interpretation);
  EXPECT_EQ(amt["not_testable"], "");
  EXPECT_EQ(amt["variant_dependent"], true);
  EXPECT_EQ(amt["scenarios"].size(), 2u);
  for (const char* key : {"title", "statement", "cross_ref"}) EXPECT_TRUE(amt.contains(key)) << key;
  EXPECT_EQ(j["rules"][0]["status"], "not testable");
  EXPECT_EQ(j["rules"][0]["not_testable"], cat.rules[0].not_testable);
  EXPECT_EQ(j["rules"][3]["status"], "not yet checked");
  // Changes no scenario can observe are part of the rule's facts, only where recorded.
  EXPECT_FALSE(amt.contains("unobservable_changes"));
  for (const json& r : j["rules"]) {
    if (r["id"] != "AMT-011") continue;
    EXPECT_EQ(r["unobservable_changes"],
              "Which of the two refusal texts is shown cannot be told apart <here>.");
  }
}

TEST(JsonWriter, ScenariosStepsExchangesAndMachines) {
  const json j = parsed(testing::fixture_catalogue(), testing::sample_run());
  ASSERT_EQ(j["scenarios"].size(), 5u);
  const json& cap = j["scenarios"][0];
  EXPECT_EQ(cap["id"], "FLOW-capture");
  EXPECT_EQ(cap["area"], "FLOW");
  EXPECT_EQ(cap["status"], "passed");
  ASSERT_EQ(cap["steps"].size(), 2u);
  EXPECT_EQ(cap["steps"][1]["observations"][0], "与信ステータス: 請求済");
  const json& x = cap["steps"][0]["exchanges"][0];
  EXPECT_EQ(x["method"], "POST");
  EXPECT_EQ(x["status"], 201);
  EXPECT_EQ(x["request_headers"][1][0], "x-amz-pay-signature");
  EXPECT_EQ(json::parse(x["response_body"].get<std::string>())["chargeId"], "S01-1-C1");

  const json& failed = j["scenarios"][2];
  EXPECT_EQ(failed["base_id"], "AMT-ceiling");
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["steps"][0]["status"], "failed");
  EXPECT_EQ(failed["steps"][0]["exchanges"][0]["transport_error"], "timeout");
  EXPECT_EQ(failed["steps"][1]["status"], "not run");
  EXPECT_EQ(j["scenarios"][4]["status"], "error");

  ASSERT_EQ(j["state_machines"].size(), 1u);
  EXPECT_EQ(j["state_machines"][0]["resource"], "Charge");
  EXPECT_EQ(j["state_machines"][0]["rows"][0]["from"], "");
  EXPECT_EQ(j["state_machines"][0]["rows"][4]["reasons"][0], "MerchantCanceled");
  EXPECT_EQ(j["state_machines"][0]["denied_reason"], "InvalidChargeStatus");
}

TEST(JsonWriter, BinaryBodiesAndHugeSeedsSurvive) {
  RunModel run = testing::sample_run();
  run.info.seed = std::numeric_limits<unsigned long long>::max();
  run.scenarios[0].steps[0].exchanges[0].response_body = std::string("\xff\xfe\x00 binary", 10);
  const json j = parsed(testing::fixture_catalogue(), run);
  EXPECT_EQ(j["run"]["seed"].get<unsigned long long>(),
            std::numeric_limits<unsigned long long>::max());
  EXPECT_EQ(j["run"]["seed_text"], "18446744073709551615");
  EXPECT_EQ(j["scenarios"][0]["seed_text"], "42");
  EXPECT_NE(j["scenarios"][0]["steps"][0]["exchanges"][0]["response_body"].get<std::string>().find(
                "binary"),
            std::string::npos);
}

TEST(JsonReader, ReadsBackWhatTheWriterWrote) {
  const Catalogue cat = testing::fixture_catalogue();
  RunModel run = testing::sample_run();
  run.info.seed = std::numeric_limits<unsigned long long>::max();  // beyond a double's 53 bits
  run.info.shard = {2, 3};
  run.info.selection = {"capture", {"scenarios/FLOW"}, {"FLOW-1"}};
  run.info.environment = {"Linux 6 x86_64",
                          "g++ 12",
                          {{"fmt", "9.1.0"}, {"sqlite", "3.40.1"}},
                          std::string(64, 'a'),
                          std::string(64, 'b'),
                          3};
  run.scenarios[1].position = 7;
  run.scenarios[0].steps[0].charges.push_back({"C1", "Captured", 100, 100, 40, 10, 50});
  const std::string text = render_json(cat, run);
  auto read = read_json_report(text);
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(read->info.seed, run.info.seed);
  EXPECT_EQ(read->info.shard.index, 2);
  EXPECT_EQ(read->scenarios[1].position, 7);
  EXPECT_EQ(read->info.selection.ids, std::vector<std::string>{"FLOW-1"});
  EXPECT_EQ(read->info.environment.libraries.size(), 2u);
  EXPECT_EQ(render_json(cat, *read), text);
}

TEST(JsonReader, RefusesWhatIsNotAReport) {
  EXPECT_FALSE(read_json_report("not json").ok());
  EXPECT_FALSE(read_json_report(R"({"scenarios": []})").ok());
  auto bad = read_json_report(
      R"({"format": "apc-conformance-report", "run": {}, "scenarios": [], "state_machines": []})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("tool_version"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace reports
