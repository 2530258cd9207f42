#include "reports/run_model.hpp"

#include <algorithm>
#include <map>

namespace reports {

const char* exchange_actor(const HttpExchange& x) {
  if (x.path.rfind("/__mock/seller-central/", 0) == 0) return "seller_central";
  if (x.path.rfind("/__mock/", 0) == 0) return "harness";
  return "api";
}


const char* name(StepStatus s) {
  switch (s) {
    case StepStatus::Passed:
      return "passed";
    case StepStatus::Failed:
      return "failed";
    case StepStatus::NotRun:
      return "not run";
  }
  return "?";
}

const char* name(ScenarioStatus s) {
  switch (s) {
    case ScenarioStatus::Passed:
      return "passed";
    case ScenarioStatus::Failed:
      return "failed";
    case ScenarioStatus::Error:
      return "error";
  }
  return "?";
}

std::string describe(const Shard& s) {
  return s.partial() ? "shard " + std::to_string(s.index) + "/" + std::to_string(s.count) : "";
}

std::string describe(const Selection& s) {
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (!s.filter.empty()) add("--filter " + s.filter);
  for (const std::string& id : s.ids) add("--id " + id);
  if (!s.paths.empty()) {
    std::string paths = "paths";
    for (const std::string& p : s.paths) paths += " " + p;
    add(paths);
  }
  return out;
}

const char* name(RuleStatus s) {
  switch (s) {
    case RuleStatus::Passed:
      return "passed";
    case RuleStatus::Failed:
      return "failed";
    case RuleStatus::NotYetChecked:
      return "not yet checked";
    case RuleStatus::NotTestable:
      return "not testable";
  }
  return "?";
}

std::vector<RuleVerdict> compute_rule_verdicts(const Catalogue& catalogue, const RunModel& run) {
  // rule ID -> scenarios naming it, in run order. Each variant of a matrix scenario is its own
  // ScenarioResult, so "all variants must pass" falls out of "every naming scenario passed".
  std::map<std::string, std::vector<const ScenarioResult*>> by_rule;
  for (const ScenarioResult& s : run.scenarios) {
    for (const std::string& id : s.rules) {
      auto& list = by_rule[id];
      if (std::find(list.begin(), list.end(), &s) == list.end()) list.push_back(&s);
    }
  }

  std::vector<RuleVerdict> out;
  out.reserve(catalogue.rules.size());
  for (const Rule& rule : catalogue.rules) {
    RuleVerdict v;
    v.rule = &rule;
    bool all_passed = true;
    if (auto it = by_rule.find(rule.id); it != by_rule.end()) {
      for (const ScenarioResult* s : it->second) {
        v.scenario_ids.push_back(s->id);
        all_passed = all_passed && s->status == ScenarioStatus::Passed;
      }
    }
    if (rule.kind == RuleKind::Info)
      v.status = RuleStatus::NotTestable;
    else if (v.scenario_ids.empty())
      v.status = RuleStatus::NotYetChecked;
    else
      v.status = all_passed ? RuleStatus::Passed : RuleStatus::Failed;
    out.push_back(std::move(v));
  }
  return out;
}

Totals totals(const std::vector<RuleVerdict>& verdicts, const RunModel& run) {
  Totals t;
  for (const ScenarioResult& s : run.scenarios) {
    ++t.scenarios;
    // An Error (the scenario could not run to the end) counts as failed.
    if (s.status == ScenarioStatus::Passed)
      ++t.scenarios_passed;
    else
      ++t.scenarios_failed;
  }
  for (const RuleVerdict& v : verdicts) {
    ++t.rules;
    switch (v.status) {
      case RuleStatus::Passed:
        ++t.rules_passed;
        break;
      case RuleStatus::Failed:
        ++t.rules_failed;
        break;
      case RuleStatus::NotYetChecked:
        ++t.rules_not_checked;
        break;
      case RuleStatus::NotTestable:
        ++t.rules_not_testable;
        break;
    }
  }
  return t;
}

}  // namespace reports
