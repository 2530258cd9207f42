#include "reports/run_model.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace reports {
namespace {

const RuleVerdict& verdict(const std::vector<RuleVerdict>& all, const std::string& id) {
  for (const RuleVerdict& v : all)
    if (v.rule->id == id) return v;
  static const RuleVerdict none;
  ADD_FAILURE() << "no verdict for " << id;
  return none;
}

TEST(RunModel, StatusNames) {
  EXPECT_STREQ(name(RuleStatus::Passed), "passed");
  EXPECT_STREQ(name(RuleStatus::Failed), "failed");
  EXPECT_STREQ(name(RuleStatus::NotYetChecked), "not yet checked");
  EXPECT_STREQ(name(RuleStatus::NotTestable), "not testable");
  EXPECT_STREQ(name(ScenarioStatus::Error), "error");
  EXPECT_STREQ(name(StepStatus::NotRun), "not run");
}

TEST(RuleVerdicts, OnePerRuleInCatalogueOrder) {
  const Catalogue cat = testing::fixture_catalogue();
  const auto verdicts = compute_rule_verdicts(cat, testing::sample_run());
  ASSERT_EQ(verdicts.size(), cat.rules.size());
  for (std::size_t i = 0; i < verdicts.size(); ++i) EXPECT_EQ(verdicts[i].rule, &cat.rules[i]);
}

TEST(RuleVerdicts, EachStatus) {
  const Catalogue cat = testing::fixture_catalogue();
  const auto v = compute_rule_verdicts(cat, testing::sample_run());
  EXPECT_EQ(verdict(v, "FLOW-001").status, RuleStatus::Passed);
  EXPECT_EQ(verdict(v, "FLOW-001").scenario_ids, std::vector<std::string>{"FLOW-capture"});
  EXPECT_EQ(verdict(v, "AMT-001").status, RuleStatus::Passed);
  EXPECT_EQ(verdict(v, "FLOW-002").status, RuleStatus::NotYetChecked);
  EXPECT_TRUE(verdict(v, "FLOW-002").scenario_ids.empty());
  EXPECT_EQ(verdict(v, "ENV-007").status, RuleStatus::NotYetChecked);
  // An Error scenario fails the rules it names.
  EXPECT_EQ(verdict(v, "AMT-011").status, RuleStatus::Failed);
  // Info rules stay not testable even when a scenario names them; the scenario is listed.
  EXPECT_EQ(verdict(v, "ENV-001").status, RuleStatus::NotTestable);
  EXPECT_EQ(verdict(v, "ENV-001").scenario_ids, std::vector<std::string>{"ENV-browsers"});
}

TEST(RuleVerdicts, MatrixNeedsEveryVariant) {
  const Catalogue cat = testing::fixture_catalogue();
  RunModel run = testing::sample_run();
  auto v = compute_rule_verdicts(cat, run);
  EXPECT_EQ(verdict(v, "AMT-009").status, RuleStatus::Failed);
  EXPECT_EQ(
      verdict(v, "AMT-009").scenario_ids,
      (std::vector<std::string>{"AMT-ceiling[variant=CC_NONE]", "AMT-ceiling[variant=CC_LIVE]"}));

  for (ScenarioResult& s : run.scenarios)
    if (s.id.rfind("AMT-ceiling", 0) == 0) s.status = ScenarioStatus::Passed;
  v = compute_rule_verdicts(cat, run);
  EXPECT_EQ(verdict(v, "AMT-009").status, RuleStatus::Passed);

  // Only the first variant failing also fails the rule.
  run.scenarios[1].status = ScenarioStatus::Failed;
  v = compute_rule_verdicts(cat, run);
  EXPECT_EQ(verdict(v, "AMT-009").status, RuleStatus::Failed);
}

TEST(RuleVerdicts, DuplicateAndUnknownNamesAreHarmless) {
  const Catalogue cat = testing::fixture_catalogue();
  RunModel run;
  ScenarioResult s;
  s.id = "X";
  s.rules = {"FLOW-002", "FLOW-002", "NOPE-001"};
  run.scenarios.push_back(s);
  const auto v = compute_rule_verdicts(cat, run);
  EXPECT_EQ(v.size(), cat.rules.size());
  EXPECT_EQ(verdict(v, "FLOW-002").status, RuleStatus::Passed);
  EXPECT_EQ(verdict(v, "FLOW-002").scenario_ids, std::vector<std::string>{"X"});
}

TEST(RuleVerdicts, Totals) {
  const Catalogue cat = testing::fixture_catalogue();
  const RunModel run = testing::sample_run();
  const Totals t = totals(compute_rule_verdicts(cat, run), run);
  EXPECT_EQ(t.scenarios, 5);
  EXPECT_EQ(t.scenarios_passed, 3);
  EXPECT_EQ(t.scenarios_failed, 2);  // one Failed, one Error
  EXPECT_EQ(t.rules, 7);
  EXPECT_EQ(t.rules_passed, 2);
  EXPECT_EQ(t.rules_failed, 2);
  EXPECT_EQ(t.rules_not_checked, 2);
  EXPECT_EQ(t.rules_not_testable, 1);
}

TEST(RuleVerdicts, EmptyRun) {
  const Catalogue cat = testing::fixture_catalogue();
  const Totals t = totals(compute_rule_verdicts(cat, RunModel{}), RunModel{});
  EXPECT_EQ(t.scenarios, 0);
  EXPECT_EQ(t.rules_not_checked, 6);
  EXPECT_EQ(t.rules_not_testable, 1);
}

}  // namespace
}  // namespace reports
