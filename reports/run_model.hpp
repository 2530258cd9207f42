// One typed model of a conformance run. The runner fills it; the writers turn it into HTML
// for auditors, JSON for tools and JUnit XML for CI. Nothing in here is computed twice:
// rule verdicts are derived from scenario results by compute_rule_verdicts().
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "reports/catalogue.hpp"

namespace reports {

// One HTTP call the shop (or the runner) made to Amazon Pay during a step.
struct HttpExchange {
  std::string sim_time;  // simulated instant, ISO-8601 UTC
  std::string method;
  std::string path;                                                  // path and query as sent
  std::vector<std::pair<std::string, std::string>> request_headers;  // signature values masked
  std::string request_body;
  int status = 0;  // 0 when no response arrived
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;
  std::string transport_error;  // "timeout", "connection refused", ... ; empty on a response
};

// Who made an exchange: the shop calling Amazon's API ("api"), the merchant in Seller Central
// ("seller_central", the mock's /__mock/seller-central/ paths) or the harness driving the
// mock ("harness": buyer pages, clock, forced outcomes, reads).
const char* exchange_actor(const HttpExchange& x);

enum class StepStatus { Passed, Failed, NotRun };
const char* name(StepStatus s);

// One Charge at Amazon after a step (scenarios with `charge_table`): what Amazon shows.
struct ChargeAmounts {
  std::string charge_id;
  std::string state;
  long long authorized = 0;       // chargeAmount
  long long captured = 0;         // captureAmount
  long long refunded = 0;         // refunds in state Refunded
  long long refund_pending = 0;   // refunds in state RefundInitiated
  long long refundable = 0;       // captured − refunded − pending
};

struct StepRecord {
  int index = 0;         // 1-based position in the scenario
  std::string location;  // "scenarios/FLOW/capture.yaml:12"
  std::string action;    // "admin.capture"
  std::string text;      // the step as written, one line: admin.capture {order: "#1"}
  std::string sim_time;  // simulated instant when the step started, ISO-8601 UTC
  StepStatus status = StepStatus::Passed;
  std::string message;                    // failure text, or what the step observed (e.g. a label)
  std::vector<std::string> observations;  // extra evidence lines: screen contents, checks made
  std::vector<HttpExchange> exchanges;
  std::vector<ChargeAmounts> charges;  // the scenario's charge_table after this step, if any
};

enum class ScenarioStatus { Passed, Failed, Error };
const char* name(ScenarioStatus s);

struct ScenarioResult {
  std::string id;  // unique; a matrix scenario gets "<id>[variant=CC_NONE]"
  std::string title;
  std::string file;                  // path relative to the source root
  std::vector<std::string> rules;    // rule IDs this scenario checks
  std::vector<std::string> assumes;  // interpretations it relies on, e.g. "AMT-009"
  std::string variant;               // matrix binding as text, empty when none
  int position = 0;  // 0-based place in the whole run's order (a shard keeps it, merge sorts by it)
  std::string transport;             // "http" or "inprocess"
  unsigned long long seed = 0;
  ScenarioStatus status = ScenarioStatus::Passed;
  std::string failure;  // first failure, with file:line
  double wall_ms = 0;   // real time spent (not part of the deterministic transcript)
  std::vector<StepRecord> steps;
};

// A resource's state machine, as the mock's transition table defines it.
struct StateMachineView {
  struct Row {
    std::string from;  // empty = created in `to`
    std::string trigger;
    std::string to;
    std::vector<std::string> reasons;
    std::string description;
  };
  std::string resource;  // "Charge"
  std::vector<std::string> states;
  std::vector<Row> rows;
  std::string denied_reason;  // reasonCode for operations not in the table
};

// Which part of the scenarios a report covers: shard `index` of `count` (1-based), or all of
// them (count 0). `conformance run --shard K/N` picks the part; `conformance merge` joins them.
struct Shard {
  int index = 0;
  int count = 0;
  bool partial() const { return count > 0; }
};
std::string describe(const Shard& s);  // "shard 2/3"; "" for a whole run

// Which scenarios a run chose: `run --filter`, `run --id` or scenario paths given on the command
// line. A chosen run's rule verdicts cover only what it ran, so the reports say so.
struct Selection {
  std::string filter;              // --filter, "" when none
  std::vector<std::string> paths;  // scenario paths as typed; empty: the whole scenarios/ folder
  std::vector<std::string> ids;    // --id (exact result ids)
  bool complete() const { return filter.empty() && paths.empty() && ids.empty(); }
};
// "--filter capture, --id FLOW-001, paths scenarios/FLOW"; "" for a complete selection.
std::string describe(const Selection& s);

// What the run was built with and what it read: enough to tell two runs' inputs apart.
// Deterministic for one machine, build and set of files (no wall clock).
struct RunEnvironment {
  std::string os;        // uname: "Linux 6.1.0-18-amd64 x86_64"
  std::string compiler;  // __VERSION__
  std::vector<std::pair<std::string, std::string>> libraries;  // name, version
  std::string catalogue_sha256;                                // of the rule catalogue file
  std::string scenarios_sha256;  // of the run's scenario files, concatenated in path order
  int scenario_files = 0;        // how many files that hash covers
};

struct RunInfo {
  std::string tool_version;
  std::string git_commit;  // may be empty
  unsigned long long seed = 0;
  std::string transport;   // "http", "inprocess"
  std::string mock_url;    // where the mock ran ("embedded http://127.0.0.1:PORT", or given)
  std::string started_at;  // wall clock, ISO-8601 UTC
  std::string finished_at;
  std::string command_line;
  std::string replay_command;  // how to reproduce this run exactly
  Shard shard;                 // a partial report when shard.count > 0
  int merged_shards = 0;       // > 0: `conformance merge` built this report from that many shards
  Selection selection;         // not complete: only the chosen scenarios ran
  RunEnvironment environment;
  // Rule verdicts cover only part of the scenarios (a shard or a selection).
  bool partial() const { return shard.partial() || !selection.complete(); }
};

struct RunModel {
  RunInfo info;
  std::vector<ScenarioResult> scenarios;
  std::vector<StateMachineView> state_machines;
};

enum class RuleStatus { Passed, Failed, NotYetChecked, NotTestable };
const char* name(RuleStatus s);  // "passed", "failed", "not yet checked", "not testable"

struct RuleVerdict {
  const Rule* rule = nullptr;
  RuleStatus status = RuleStatus::NotYetChecked;
  std::vector<std::string> scenario_ids;  // every scenario that names the rule
};

// Info rules are NotTestable; a rule named by at least one scenario is Failed if any of
// them did not pass, else Passed; the rest are NotYetChecked. One verdict per catalogue
// rule, in catalogue order.
std::vector<RuleVerdict> compute_rule_verdicts(const Catalogue& catalogue, const RunModel& run);

struct Totals {
  int scenarios = 0, scenarios_passed = 0, scenarios_failed = 0;
  int rules = 0, rules_passed = 0, rules_failed = 0, rules_not_checked = 0, rules_not_testable = 0;
};
Totals totals(const std::vector<RuleVerdict>& verdicts, const RunModel& run);

}  // namespace reports
