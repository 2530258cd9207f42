// amazon.restart and what shows that a restart lost nothing: the mock stops and opens again on
// its database file mid-scenario (the runner gives such a scenario a file of its own);
// expect.amazon.clock reads Amazon's simulated clock and its next scheduled work;
// expect.amazon.idempotent_replay sends one of the shop's earlier POSTs again, idempotency key
// and all, and wants Amazon's very answer back.
#include <fmt/core.h>

#include "core/http_types.hpp"
#include "scenarios/matcher.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using T = ParamType;

constexpr const char* kIdempotencyHeader = "x-amz-pay-idempotency-key";

// "now 2026-01-20T01:00:00Z, next 2026-02-04T01:00:00Z" from GET /__mock/clock.
std::string describe_clock(const json& clock) {
  json now = field(clock, "now"), next = field(clock, "nextEventAt");
  return fmt::format("now {}, next scheduled work {}",
                     now.is_string() ? now.get<std::string>() : "?",
                     next.is_string() ? next.get<std::string>() : "none");
}

StepOutcome restart(ScenarioContext& c, const NoParams&) {
  Environment& env = c.environment();
  if (!env.embedded())
    return failure(
        "amazon.restart needs the embedded mock: the runner cannot restart the mock at " +
        env.location() + " (run without --mock-url)");
  auto before = c.quietly([](auto& control) { return control.clock(); });
  if (!before) return failure("cannot read the mock's clock: " + before.error());
  if (std::string error = env.restart_mock(); !error.empty())
    return failure("the mock did not come back: " + error);
  auto after = c.quietly([](auto& control) { return control.clock(); });
  if (!after) return failure("the restarted mock does not answer: " + after.error());
  StepOutcome o = note("Amazon restarted on its database file; " + describe_clock(*after));
  o.observations.push_back("before the restart: " + describe_clock(*before));
  o.observations.push_back("after the restart: " + describe_clock(*after));
  return o;
}

// An instant the scenario wrote, in the form Amazon's clock shows it (UTC, Z).
Value as_utc(Value v) {
  if (!v.is_scalar()) return v;
  if (auto t = core::parse_instant(v.text()))
    return Value::scalar(core::format_iso(*t), true, v.mark());
  return v;
}

struct ExpectClock {
  std::optional<Expectation> now, next_event;
};
StepOutcome expect_clock(ScenarioContext& c, const ExpectClock& p) {
  auto clock = ScenarioContext::json_answer(c.control().clock());
  if (!clock) return failure("cannot read the mock's clock: " + clock.error());
  json view{{"now", field(*clock, "now")}, {"next_event", field(*clock, "nextEventAt")}};
  std::vector<MapEntry> wanted;
  if (p.now) wanted.push_back(MapEntry{"now", {}, as_utc(p.now->value)});
  if (p.next_event) wanted.push_back(MapEntry{"next_event", {}, as_utc(p.next_event->value)});
  return c.expect_json(Value::map(wanted), view, "Amazon's clock");
}

bool pattern_matches(const std::string& pattern, const reports::HttpExchange& x) {
  std::string prefix = pattern;
  if (size_t space = pattern.find(' '); space != std::string::npos) {
    if (pattern.substr(0, space) != x.method) return false;
    prefix = pattern.substr(space + 1);
  }
  return api_path(x.path).rfind(prefix, 0) == 0;
}

const std::string* header(const std::vector<std::pair<std::string, std::string>>& headers,
                          std::string_view name) {
  for (const auto& [key, value] : headers)
    if (core::iequals(key, name)) return &value;
  return nullptr;
}

struct ExpectReplay {
  std::string call;
  std::optional<std::int64_t> nth;
};
StepOutcome expect_replay(ScenarioContext& c, const ExpectReplay& p) {
  std::vector<const reports::HttpExchange*> calls;
  for (const reports::HttpExchange& x : c.keyed_calls())
    if (pattern_matches(p.call, x)) calls.push_back(&x);
  if (calls.empty())
    return failure(fmt::format(
        "the shop made no answered call matching \"{}\" with an idempotency key", p.call));
  auto n = static_cast<size_t>(p.nth.value_or(static_cast<std::int64_t>(calls.size())));
  if (n > calls.size())
    return failure(fmt::format("the shop made {} answered call(s) matching \"{}\", not #{}",
                               calls.size(), p.call, n));
  const reports::HttpExchange& original = *calls[n - 1];
  core::HttpRequest again;
  again.method = original.method;
  again.path = api_path(original.path);
  again.body = original.request_body;
  again.headers.emplace_back(kIdempotencyHeader,
                             *header(original.request_headers, kIdempotencyHeader));
  auto answer = c.client().send(again);
  if (!answer) return failure("no answer from Amazon (" + answer.error() + ")");
  json was = json::parse(original.response_body, nullptr, false);
  json now = json::parse(answer->body, nullptr, false);
  std::string what =
      fmt::format("{} {} (key {})", again.method, again.path, again.headers.back().second);
  if (answer->status != original.status || was != now)
    return failure(fmt::format("{} was answered {} {}, and now {} {}", what, original.status,
                               original.response_body, answer->status, answer->body));
  StepOutcome o = note(fmt::format("{}: the same answer, {}", what, answer->status));
  o.observations.push_back("amazon: " + answer->body);
  return o;
}

}  // namespace

void add_mock_restart_steps(StepList& steps) {
  steps.add<NoParams>(
      std::string(kMockRestartStep),
      "Amazon's process restarts: the embedded mock is closed and opened again on its database "
      "file (over HTTP on the same port). A scenario with this step runs on a file-backed mock; "
      "fails with --mock-url.",
      {}, &restart);
}

void add_mock_restart_expect_steps(StepList& steps) {
  steps
      .add<ExpectClock>(
          "expect.amazon.clock",
          "Amazon's simulated clock (GET /__mock/clock): the current instant and the next "
          "scheduled work (null when none), compared as instants.",
          {expectation("now", &ExpectClock::now, T::Timestamp, "the mock's current instant"),
           expectation("next_event", &ExpectClock::next_event, T::Timestamp,
                       "nextEventAt: Amazon's next scheduled work")},
          &expect_clock)
      .at_least_one_of = {"now", "next_event"};
  steps.add<ExpectReplay>(
      "expect.amazon.idempotent_replay",
      "Sends the shop's earlier POST again — same path, body and x-amz-pay-idempotency-key — and "
      "expects Amazon's answer to be the one it gave then (same status, same JSON): nothing new "
      "is done.",
      {required("call", &ExpectReplay::call,
                "pattern of the call, \"METHOD /path-prefix\" (e.g. POST /v2/charges)"),
       optional("nth", &ExpectReplay::nth,
                "which of the shop's answered calls matching it (1 = the first; default: the "
                "last)")},
      &expect_replay);
}

}  // namespace scenarios
