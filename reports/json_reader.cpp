#include "reports/json_reader.hpp"

#include <array>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace reports {

namespace {

using Json = nlohmann::json;

// Thrown inside this file only; read_json_report turns it into an error message.
struct BadReport {
  std::string what;
};

template <typename E, size_t N>
E parse_status(const Json& j, const char* key, const std::array<E, N>& all) {
  const std::string text = j.value(key, "");
  for (E e : all)
    if (text == name(e)) return e;
  throw BadReport{std::string("unknown ") + key + " '" + text + "'"};
}

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key))
    for (const Json& s : j.at(key)) out.push_back(s.get<std::string>());
  return out;
}

std::vector<std::pair<std::string, std::string>> headers(const Json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Json& kv : j)
    out.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
  return out;
}

// seed_text is exact; `seed` alone (older reports) is the number as written.
unsigned long long seed(const Json& j) {
  if (j.contains("seed_text")) {
    const std::string text = j.at("seed_text").get<std::string>();
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0') throw BadReport{"seed_text '" + text + "' is not a number"};
    return value;
  }
  return j.at("seed").get<unsigned long long>();
}

HttpExchange exchange(const Json& j) {
  HttpExchange x;
  x.sim_time = j.at("sim_time").get<std::string>();
  x.method = j.at("method").get<std::string>();
  x.path = j.at("path").get<std::string>();
  x.request_headers = headers(j.at("request_headers"));
  x.request_body = j.at("request_body").get<std::string>();
  x.status = j.at("status").get<int>();
  x.response_headers = headers(j.at("response_headers"));
  x.response_body = j.at("response_body").get<std::string>();
  x.transport_error = j.at("transport_error").get<std::string>();
  return x;
}

ChargeAmounts charge(const Json& j) {
  ChargeAmounts c;
  c.charge_id = j.at("charge_id").get<std::string>();
  c.state = j.at("state").get<std::string>();
  c.authorized = j.at("authorized").get<long long>();
  c.captured = j.at("captured").get<long long>();
  c.refunded = j.at("refunded").get<long long>();
  c.refund_pending = j.at("refund_pending").get<long long>();
  c.refundable = j.at("refundable").get<long long>();
  return c;
}

StepRecord step(const Json& j) {
  StepRecord s;
  s.index = j.at("index").get<int>();
  s.location = j.at("location").get<std::string>();
  s.action = j.at("action").get<std::string>();
  s.text = j.at("text").get<std::string>();
  s.sim_time = j.at("sim_time").get<std::string>();
  s.status = parse_status(j, "status",
                          std::array{StepStatus::Passed, StepStatus::Failed, StepStatus::NotRun});
  s.message = j.at("message").get<std::string>();
  s.observations = strings(j, "observations");
  for (const Json& x : j.at("exchanges")) s.exchanges.push_back(exchange(x));
  if (j.contains("charges"))
    for (const Json& c : j.at("charges")) s.charges.push_back(charge(c));
  return s;
}

ScenarioResult scenario(const Json& j) {
  ScenarioResult s;
  s.id = j.at("id").get<std::string>();
  s.title = j.at("title").get<std::string>();
  s.file = j.at("file").get<std::string>();
  s.rules = strings(j, "rules");
  s.assumes = strings(j, "assumes");
  s.variant = j.at("variant").get<std::string>();
  s.position = j.value("position", 0);
  s.transport = j.at("transport").get<std::string>();
  s.seed = seed(j);
  s.status = parse_status(
      j, "status",
      std::array{ScenarioStatus::Passed, ScenarioStatus::Failed, ScenarioStatus::Error});
  s.failure = j.at("failure").get<std::string>();
  s.wall_ms = j.at("wall_ms").get<double>();
  for (const Json& st : j.at("steps")) s.steps.push_back(step(st));
  return s;
}

StateMachineView state_machine(const Json& j) {
  StateMachineView m;
  m.resource = j.at("resource").get<std::string>();
  m.states = strings(j, "states");
  for (const Json& r : j.at("rows"))
    m.rows.push_back({r.at("from").get<std::string>(), r.at("trigger").get<std::string>(),
                      r.at("to").get<std::string>(), strings(r, "reasons"),
                      r.at("description").get<std::string>()});
  m.denied_reason = j.at("denied_reason").get<std::string>();
  return m;
}

RunEnvironment environment(const Json& j) {
  RunEnvironment e;
  e.os = j.value("os", "");
  e.compiler = j.value("compiler", "");
  if (j.contains("libraries"))
    for (const auto& [lib, version] : j.at("libraries").items())
      e.libraries.emplace_back(lib, version.get<std::string>());
  e.catalogue_sha256 = j.value("catalogue_sha256", "");
  e.scenarios_sha256 = j.value("scenarios_sha256", "");
  e.scenario_files = j.value("scenario_files", 0);
  return e;
}

RunInfo run_info(const Json& j) {
  RunInfo i;
  i.tool_version = j.at("tool_version").get<std::string>();
  i.git_commit = j.at("git_commit").get<std::string>();
  i.seed = seed(j);
  i.transport = j.at("transport").get<std::string>();
  i.mock_url = j.at("mock_url").get<std::string>();
  i.started_at = j.at("started_at").get<std::string>();
  i.finished_at = j.at("finished_at").get<std::string>();
  i.command_line = j.at("command_line").get<std::string>();
  i.replay_command = j.at("replay_command").get<std::string>();
  if (j.contains("shard") && !j.at("shard").is_null())
    i.shard = {j.at("shard").at("index").get<int>(), j.at("shard").at("count").get<int>()};
  i.merged_shards = j.value("merged_shards", 0);
  if (j.contains("selection")) {  // reports before the selection was recorded have none
    const Json& sel = j.at("selection");
    i.selection = {sel.value("filter", ""), strings(sel, "paths"), strings(sel, "ids")};
  }
  if (j.contains("environment")) i.environment = environment(j.at("environment"));
  return i;
}

}  // namespace

core::Result<RunModel, std::string> read_json_report(std::string_view text) {
  try {
    const Json root = Json::parse(text);
    if (!root.is_object() || root.value("format", "") != "apc-conformance-report")
      return core::fail(
          std::string("not a conformance report.json (no format "
                      "\"apc-conformance-report\")"));
    RunModel run;
    run.info = run_info(root.at("run"));
    for (const Json& s : root.at("scenarios")) run.scenarios.push_back(scenario(s));
    for (const Json& m : root.at("state_machines")) run.state_machines.push_back(state_machine(m));
    return run;
  } catch (const BadReport& e) {
    return core::fail(e.what);
  } catch (const Json::exception& e) {
    return core::fail(std::string(e.what()));
  }
}

}  // namespace reports
