#include "scenarios/runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include <fmt/core.h>

#include "core/prng.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

// One step: run its handler; an exception ends the scenario as Error, not Failed.
StepOutcome run_step(ScenarioContext& context, const Step& step) {
  try {
    return step.spec->run(context, step);
  } catch (const std::exception& e) {
    StepOutcome o = failure(std::string("internal error: ") + e.what());
    o.internal = true;
    return o;
  }
}

std::string set_up(ScenarioContext& context) {
  try {
    return context.setup();
  } catch (const std::exception& e) {
    return std::string("internal error during set-up: ") + e.what();
  }
}

// The step check's verdict on a step that ran: a violation fails it (and the scenario).
void apply_check(const StepCheck& check, ScenarioContext& context, const Step& step,
                 reports::StepRecord& rec, StepOutcome& o) {
  if (!check) return;
  std::string violation;
  try {
    violation = check(context, step, rec);
  } catch (const std::exception& e) {
    violation = std::string("the check itself threw: ") + e.what();
  }
  if (violation.empty()) return;
  o.failed = true;
  o.internal = false;
  o.message = "property: " + violation + (o.message.empty() ? "" : " (step: " + o.message + ")");
  rec.status = reports::StepStatus::Failed;
}

bool restarts_mock(const Scenario& s) {
  return std::any_of(s.steps.begin(), s.steps.end(),
                     [](const Step& step) { return step.spec->name == kMockRestartStep; });
}

// A scenario that restarts the mock runs it on a temporary file of its own, removed with
// this; the others keep the in-memory mock (fast).
class FileBackedMock {
 public:
  FileBackedMock(Environment& environment, bool wanted) : env_(environment) {
    if (!wanted || !env_.embedded()) return;  // an external mock: amazon.restart says why
    std::string name =
        (std::filesystem::temp_directory_path() / "conformance-mock-XXXXXX.db").string();
    int fd = ::mkstemps(name.data(), 3);
    if (fd < 0) {
      error_ = "cannot create a database file for the mock in " +
               std::filesystem::temp_directory_path().string();
      return;
    }
    ::close(fd);
    path_ = name;
    error_ = env_.use_database(path_);
  }
  ~FileBackedMock() {
    if (path_.empty()) return;
    env_.use_database(":memory:");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }
  FileBackedMock(const FileBackedMock&) = delete;
  FileBackedMock& operator=(const FileBackedMock&) = delete;
  const std::string& error() const { return error_; }

 private:
  Environment& env_;
  std::string path_;
  std::string error_;
};

reports::ScenarioResult run_scenario(const Scenario& s, Environment& environment,
                                     std::uint64_t seed, const StepCheck& check) {
  auto wall_start = std::chrono::steady_clock::now();
  reports::ScenarioResult r;
  r.id = s.result_id;
  r.title = s.title;
  r.file = s.file;
  r.rules = s.rules;
  r.assumes = s.assumes;
  r.variant = s.binding_text();
  r.transport = environment.transport_name();
  r.seed = seed;

  FileBackedMock database(environment, restarts_mock(s));  // outlives the context
  ScenarioContext context(s, environment, seed);
  std::string setup_error = database.error().empty() ? set_up(context) : database.error();
  if (!setup_error.empty()) {
    r.status = reports::ScenarioStatus::Error;
    r.failure = fmt::format("{}:{}: {}", s.file, s.mark.line, setup_error);
  }
  bool stopped = !setup_error.empty();
  for (const Step& step : s.steps) {
    reports::StepRecord rec;
    rec.index = step.index;
    rec.location = fmt::format("{}:{}", s.file, step.mark.line);
    rec.action = step.action;
    rec.text = step.text;
    if (stopped) {
      rec.status = reports::StepStatus::NotRun;
      r.steps.push_back(std::move(rec));
      continue;
    }
    rec.sim_time = core::format_iso(context.clock().now());
    context.begin_step(step);
    StepOutcome o = run_step(context, step);
    rec.exchanges = context.client().take();
    context.end_step(step, rec.exchanges);
    if (!s.charge_table.empty())
      if (auto rows = context.charge_table(s.charge_table)) rec.charges = std::move(*rows);
    rec.status = o.failed ? reports::StepStatus::Failed : reports::StepStatus::Passed;
    apply_check(check, context, step, rec, o);
    rec.message = o.message;
    rec.observations = std::move(o.observations);
    for (std::string& w : context.take_wait_observations())
      rec.observations.push_back(std::move(w));
    if (o.failed) {
      stopped = true;
      r.status = o.internal ? reports::ScenarioStatus::Error : reports::ScenarioStatus::Failed;
      r.failure = fmt::format("{}: {}: {}", rec.location, step.action, o.message);
    }
    r.steps.push_back(std::move(rec));
  }
  r.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
          .count();
  return r;
}

}  // namespace

reports::ScenarioResult Runner::run(const Scenario& scenario) {
  if (scenario.properties.empty())
    return run_scenario(scenario, environment_, core::derive_seed(run_seed_, scenario.result_id),
                        check_);
  std::vector<WorldProperty> properties;
  for (const auto& text : scenario.properties)
    if (auto p = parse_world_property(text)) properties.push_back(*p);
  WorldChecker world(std::move(properties), flaw_);
  StepCheck both = [&](ScenarioContext& c, const Step& step, const reports::StepRecord& rec) {
    std::string out = world.check(c, step, rec);
    return out.empty() && check_ ? check_(c, step, rec) : out;
  };
  auto result = run_scenario(scenario, environment_,
                             core::derive_seed(run_seed_, scenario.result_id), both);
  last_objects_ = world.last_objects();
  last_tally_ = world.tally();
  return result;
}

core::Result<std::vector<reports::StateMachineView>, std::string> Runner::state_machines() {
  core::SimulatedClock clock(*core::parse_instant(kDefaultStart));
  auto client = environment_.make_client(clock);
  auto res = mock_amazon::control::ControlClient(*client).state_machines();
  if (!res) return core::fail("cannot read the mock's state machines: " + res.error());
  json j = json::parse(res->body, nullptr, false);
  if (res->status != 200 || !field(j, "stateMachines").is_array())
    return core::fail("cannot read the mock's state machines: HTTP " + std::to_string(res->status));
  auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
  std::vector<reports::StateMachineView> out;
  for (const json& m : j.at("stateMachines")) {
    reports::StateMachineView v;
    v.resource = text(field(m, "resource"));
    for (const json& s : field(m, "states").is_array() ? m.at("states") : json::array())
      v.states.push_back(text(s));
    for (const json& row : field(m, "rows").is_array() ? m.at("rows") : json::array()) {
      reports::StateMachineView::Row r;
      r.from = text(field(row, "from"));
      r.trigger = text(field(row, "trigger"));
      r.to = text(field(row, "to"));
      for (const json& reason :
           field(row, "reasons").is_array() ? row.at("reasons") : json::array())
        r.reasons.push_back(text(reason));
      r.description = text(field(row, "description"));
      v.rows.push_back(std::move(r));
    }
    v.denied_reason = text(field(m, "denied"));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace scenarios
