// The only translation unit of the library that includes nlohmann/json (slow to compile).
#include <nlohmann/json.hpp>

#include "reports/json_pretty.hpp"
#include "reports/text_util.hpp"
#include "reports/writers.hpp"

namespace reports {

namespace {

// ordered_json keeps insertion order, so the key order is the one written here: stable
// across runs and readable top-down (run, totals, rules, scenarios, state machines).
using OrderedJson = nlohmann::ordered_json;

OrderedJson headers_json(const std::vector<std::pair<std::string, std::string>>& headers) {
  OrderedJson out = OrderedJson::array();
  for (const auto& [k, v] : headers) out.push_back(OrderedJson::array({k, v}));
  return out;
}

OrderedJson strings_json(const std::vector<std::string>& items) {
  OrderedJson out = OrderedJson::array();
  for (const std::string& s : items) out.push_back(s);
  return out;
}

OrderedJson run_json(const RunInfo& info) {
  OrderedJson j;
  j["tool_version"] = info.tool_version;
  j["git_commit"] = info.git_commit;
  j["seed"] = info.seed;
  // Seeds are 64-bit: JavaScript and jq read numbers as doubles and round them; this doesn't.
  j["seed_text"] = std::to_string(info.seed);
  j["transport"] = info.transport;
  j["mock_url"] = info.mock_url;
  j["started_at"] = info.started_at;
  j["finished_at"] = info.finished_at;
  j["command_line"] = info.command_line;
  j["replay_command"] = info.replay_command;
  j["shard"] = info.shard.partial()
                   ? OrderedJson{{"index", info.shard.index}, {"count", info.shard.count}}
                   : OrderedJson(nullptr);
  j["merged_shards"] = info.merged_shards;
  const Selection& sel = info.selection;
  j["selection"] = OrderedJson{{"filter", sel.filter},
                               {"paths", strings_json(sel.paths)},
                               {"ids", strings_json(sel.ids)},
                               {"complete", sel.complete()}};
  const RunEnvironment& env = info.environment;
  OrderedJson libraries = OrderedJson::object();
  for (const auto& [lib, version] : env.libraries) libraries[lib] = version;
  j["environment"] = OrderedJson{{"os", env.os},
                                 {"compiler", env.compiler},
                                 {"libraries", std::move(libraries)},
                                 {"catalogue_sha256", env.catalogue_sha256},
                                 {"scenarios_sha256", env.scenarios_sha256},
                                 {"scenario_files", env.scenario_files}};
  return j;
}

OrderedJson totals_json(const Totals& t) {
  OrderedJson j;
  j["scenarios"] = t.scenarios;
  j["scenarios_passed"] = t.scenarios_passed;
  j["scenarios_failed"] = t.scenarios_failed;
  j["rules"] = t.rules;
  j["rules_passed"] = t.rules_passed;
  j["rules_failed"] = t.rules_failed;
  j["rules_not_yet_checked"] = t.rules_not_checked;
  j["rules_not_testable"] = t.rules_not_testable;
  return j;
}

OrderedJson areas_json(const Catalogue& cat, const std::vector<RuleVerdict>& verdicts) {
  OrderedJson out = OrderedJson::array();
  for (const Area& a : cat.areas) {
    int counts[4] = {0, 0, 0, 0};
    int rules = 0;
    for (const RuleVerdict& v : verdicts) {
      if (v.rule->area != a.code) continue;
      ++rules;
      ++counts[static_cast<int>(v.status)];
    }
    OrderedJson j;
    j["code"] = a.code;
    j["name"] = a.name;
    j["description"] = a.description;
    j["rules"] = rules;
    j["passed"] = counts[static_cast<int>(RuleStatus::Passed)];
    j["failed"] = counts[static_cast<int>(RuleStatus::Failed)];
    j["not_yet_checked"] = counts[static_cast<int>(RuleStatus::NotYetChecked)];
    j["not_testable"] = counts[static_cast<int>(RuleStatus::NotTestable)];
    out.push_back(std::move(j));
  }
  return out;
}

OrderedJson decisions_json(const Catalogue& cat) {
  OrderedJson out = OrderedJson::array();
  for (const Decision& d : cat.decisions) {
    OrderedJson j;
    j["number"] = d.number;
    j["title"] = d.title;
    j["text"] = d.text;
    j["rules"] = strings_json(d.rules);
    out.push_back(std::move(j));
  }
  return out;
}

OrderedJson rules_json(const std::vector<RuleVerdict>& verdicts) {
  OrderedJson out = OrderedJson::array();
  for (const RuleVerdict& v : verdicts) {
    const Rule& r = *v.rule;
    OrderedJson j;
    j["id"] = r.id;
    j["area"] = r.area;
    j["title"] = r.title;
    j["kind"] = name(r.kind);
    j["status"] = name(v.status);
    j["statement"] = r.statement;
    j["interpretation"] = r.interpretation;
    j["quotes"] = strings_json(r.quotes);
    j["source_lines"] = r.source_lines;
    j["not_testable"] = r.not_testable;
    if (!r.unobservable_changes.empty()) j["unobservable_changes"] = r.unobservable_changes;
    j["cross_ref"] = strings_json(r.cross_ref);
    j["variant_dependent"] = r.variant_dependent;
    j["scenarios"] = strings_json(v.scenario_ids);
    out.push_back(std::move(j));
  }
  return out;
}

OrderedJson exchange_json(const HttpExchange& x) {
  OrderedJson j;
  j["sim_time"] = x.sim_time;
  j["method"] = x.method;
  j["path"] = x.path;
  j["actor"] = exchange_actor(x);
  j["request_headers"] = headers_json(x.request_headers);
  j["request_body"] = x.request_body;
  j["status"] = x.status;
  j["response_headers"] = headers_json(x.response_headers);
  j["response_body"] = x.response_body;
  j["transport_error"] = x.transport_error;
  return j;
}

}  // namespace

nlohmann::ordered_json charge_amounts_json(const ChargeAmounts& c) {
  return OrderedJson{{"charge_id", c.charge_id},   {"state", c.state},
                     {"authorized", c.authorized}, {"captured", c.captured},
                     {"refunded", c.refunded},     {"refund_pending", c.refund_pending},
                     {"refundable", c.refundable}};
}

namespace {

OrderedJson step_json(const StepRecord& s) {
  OrderedJson j;
  j["index"] = s.index;
  j["location"] = s.location;
  j["action"] = s.action;
  j["text"] = s.text;
  j["sim_time"] = s.sim_time;
  j["status"] = name(s.status);
  j["message"] = s.message;
  j["observations"] = strings_json(s.observations);
  OrderedJson xs = OrderedJson::array();
  for (const HttpExchange& x : s.exchanges) xs.push_back(exchange_json(x));
  j["exchanges"] = std::move(xs);
  if (!s.charges.empty()) {
    OrderedJson cs = OrderedJson::array();
    for (const ChargeAmounts& c : s.charges) cs.push_back(charge_amounts_json(c));
    j["charges"] = std::move(cs);
  }
  return j;
}

OrderedJson scenarios_json(const RunModel& run) {
  OrderedJson out = OrderedJson::array();
  for (const ScenarioResult& s : run.scenarios) {
    OrderedJson j;
    j["id"] = s.id;
    j["base_id"] = std::string(base_scenario_id(s.id));
    j["title"] = s.title;
    j["file"] = s.file;
    j["area"] = scenario_area_folder(s);
    j["variant"] = s.variant;
    j["transport"] = s.transport;
    j["seed"] = s.seed;
    j["seed_text"] = std::to_string(s.seed);
    j["position"] = s.position;
    j["status"] = name(s.status);
    j["failure"] = s.failure;
    j["wall_ms"] = s.wall_ms;
    j["rules"] = strings_json(s.rules);
    j["assumes"] = strings_json(s.assumes);
    OrderedJson steps = OrderedJson::array();
    for (const StepRecord& st : s.steps) steps.push_back(step_json(st));
    j["steps"] = std::move(steps);
    out.push_back(std::move(j));
  }
  return out;
}

OrderedJson state_machines_json(const RunModel& run) {
  OrderedJson out = OrderedJson::array();
  for (const StateMachineView& m : run.state_machines) {
    OrderedJson j;
    j["resource"] = m.resource;
    j["states"] = strings_json(m.states);
    OrderedJson rows = OrderedJson::array();
    for (const StateMachineView::Row& r : m.rows) {
      OrderedJson row;
      row["from"] = r.from;
      row["trigger"] = r.trigger;
      row["to"] = r.to;
      row["reasons"] = strings_json(r.reasons);
      row["description"] = r.description;
      rows.push_back(std::move(row));
    }
    j["rows"] = std::move(rows);
    j["denied_reason"] = m.denied_reason;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string render_json(const Catalogue& catalogue, const RunModel& run) {
  try {
    const std::vector<RuleVerdict> verdicts = compute_rule_verdicts(catalogue, run);
    OrderedJson root;
    root["format"] = "apc-conformance-report";
    root["format_version"] = 1;
    root["catalogue"] = {{"title", catalogue.title},
                         {"source_title", catalogue.source_title},
                         {"source_file", catalogue.source_file}};
    root["run"] = run_json(run.info);
    root["totals"] = totals_json(totals(verdicts, run));
    root["areas"] = areas_json(catalogue, verdicts);
    root["decisions"] = decisions_json(catalogue);
    root["rules"] = rules_json(verdicts);
    root["scenarios"] = scenarios_json(run);
    root["state_machines"] = state_machines_json(run);
    // Invalid UTF-8 (a binary body) becomes U+FFFD instead of throwing.
    return root.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
  } catch (const std::exception& e) {
    // Not expected (dump replaces bad UTF-8); still, never let an exception escape.
    OrderedJson err;
    err["format"] = "apc-conformance-report";
    err["error"] = e.what();
    return err.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
  }
}

std::string pretty_json(std::string_view body, bool& was_json) {
  was_json = false;
  const auto first = body.find_first_not_of(" \t\r\n");
  // Only objects and arrays: a bare number or string body is shown as sent.
  if (first == std::string_view::npos || (body[first] != '{' && body[first] != '[')) return {};
  try {
    const OrderedJson parsed = OrderedJson::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return {};
    was_json = true;
    return parsed.dump(2, ' ', false, OrderedJson::error_handler_t::replace);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace reports
