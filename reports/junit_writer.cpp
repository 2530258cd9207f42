// JUnit XML for CI, valid against the Jenkins xUnit plugin's junit-10.xsd (the strictest
// schema CI consumers use; a copy is in tests/data/). Layout (what CI dashboards group by):
//   <testsuites name="amazon-pay-conformance" tests failures errors time>
//     <testsuite name="FLOW" ...>       one suite per scenario area folder, sorted by name
//       <properties> run seed, transport, mock, commit, replay command, shard </properties>
//       <testcase classname="FLOW" name="<scenario id>" time="<wall seconds>">
//         <failure message=...>  a Failed scenario: failure text, failing step location
//         <error message=...>    an Error scenario (it could not run to the end)
//         <system-out>           the scenario's file, seed, transport, variant and rules;
//                                for a failure also the step transcript
// The schema allows neither `file` nor <properties> on a testcase, so a scenario's own detail
// goes into its <system-out>, which every consumer shows beside the test.
// Error scenarios use <error>, as JUnit consumers expect; both count as failed in Totals.
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "reports/text_util.hpp"
#include "reports/writers.hpp"

namespace reports {

namespace {

std::string attr(std::string_view s) {
  return escape_xml(s, true);
}
std::string text(std::string_view s) {
  return escape_xml(s, false);
}

void property(std::string& out, std::string_view indent, std::string_view name,
              std::string_view value) {
  out += fmt::format("{}<property name=\"{}\" value=\"{}\"/>\n", indent, attr(name), attr(value));
}

const StepRecord* failing_step(const ScenarioResult& s) {
  for (const StepRecord& st : s.steps)
    if (st.status == StepStatus::Failed) return &st;
  return nullptr;
}

// Body of <failure>/<error>: what failed and where, so the CI log is enough to start.
std::string failure_body(const ScenarioResult& s) {
  std::string body = s.failure;
  if (const StepRecord* st = failing_step(s)) {
    if (!body.empty()) body += '\n';
    body += fmt::format("failing step {} at {}: {}", st->index, st->location, st->text);
    if (!st->message.empty() && st->message != s.failure) body += "\n" + st->message;
    for (const std::string& o : st->observations) body += "\n  " + o;
  }
  if (!s.variant.empty()) body += "\nvariant: " + s.variant;
  body += fmt::format("\nseed: {}", s.seed);
  return body;
}

std::string failure_message(const ScenarioResult& s) {
  std::string msg = first_line(s.failure);
  if (msg.empty()) {
    if (const StepRecord* st = failing_step(s))
      msg = fmt::format("step {} failed at {}", st->index, st->location);
    else
      msg = s.status == ScenarioStatus::Error ? "scenario error" : "scenario failed";
  }
  return msg;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : " ") + i;
  return out;
}

// Continuation lines of a multi-line message keep the indent of its first line.
std::string indented(std::string_view text, std::string_view indent) {
  std::string out(indent);
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out + "\n";
}

// One step as the transcript shows it: where, what, how it ended, what it saw and sent.
void append_step(std::string& out, const StepRecord& st) {
  out += fmt::format("{:>3}. {:<7} {} {}\n", st.index, name(st.status), st.location, st.text);
  if (!st.message.empty()) out += indented(st.message, "       ");
  for (const std::string& o : st.observations) out += indented(o, "       | ");
  for (const HttpExchange& x : st.exchanges) {
    const std::string outcome =
        x.transport_error.empty() ? std::to_string(x.status) : x.transport_error;
    out += fmt::format("       {} {} -> {}\n", x.method, x.path, outcome);
  }
}

std::string system_out(const ScenarioResult& s) {
  std::string out = fmt::format("file: {}\nseed: {}\ntransport: {}\n", s.file, s.seed, s.transport);
  if (!s.variant.empty()) out += "variant: " + s.variant + "\n";
  out += "rules: " + joined(s.rules) + "\n";
  if (s.status == ScenarioStatus::Passed) return out;
  out += "\nsteps:\n";
  for (const StepRecord& st : s.steps) append_step(out, st);
  return out;
}

void write_testcase(std::string& out, const ScenarioResult& s, const std::string& area) {
  out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\">\n", attr(area),
                     attr(s.id), format_seconds(s.wall_ms));
  if (s.status != ScenarioStatus::Passed) {
    const char* tag = s.status == ScenarioStatus::Error ? "error" : "failure";
    out += fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", tag,
                       attr(failure_message(s)), name(s.status), text(failure_body(s)), tag);
  }
  out += "      <system-out>" + text(system_out(s)) + "</system-out>\n";
  out += "    </testcase>\n";
}

struct SuiteCounts {
  int tests = 0, failures = 0, errors = 0;
  double wall_ms = 0;
};

SuiteCounts count(const std::vector<const ScenarioResult*>& scenarios) {
  SuiteCounts c;
  for (const ScenarioResult* s : scenarios) {
    ++c.tests;
    c.failures += s->status == ScenarioStatus::Failed;
    c.errors += s->status == ScenarioStatus::Error;
    c.wall_ms += s->wall_ms;
  }
  return c;
}

void write_run_properties(std::string& out, const RunInfo& info) {
  out += "    <properties>\n";
  property(out, "      ", "seed", std::to_string(info.seed));
  property(out, "      ", "transport", info.transport);
  property(out, "      ", "mock", info.mock_url);
  property(out, "      ", "git_commit", info.git_commit);
  property(out, "      ", "tool_version", info.tool_version);
  property(out, "      ", "replay_command", info.replay_command);
  if (info.shard.partial()) property(out, "      ", "shard", describe(info.shard));
  if (info.merged_shards > 0)
    property(out, "      ", "merged_shards", std::to_string(info.merged_shards));
  out += "    </properties>\n";
}

}  // namespace

std::string render_junit(const RunModel& run) {
  // std::map: suites sorted by area folder; scenarios keep run order within a suite.
  std::map<std::string, std::vector<const ScenarioResult*>> suites;
  for (const ScenarioResult& s : run.scenarios) suites[scenario_area_folder(s)].push_back(&s);

  std::vector<const ScenarioResult*> all;
  for (const ScenarioResult& s : run.scenarios) all.push_back(&s);
  const SuiteCounts total = count(all);

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"amazon-pay-conformance\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
      "time=\"{}\">\n",
      total.tests, total.failures, total.errors, format_seconds(total.wall_ms));
  for (const auto& [area, scenarios] : suites) {
    const SuiteCounts c = count(scenarios);
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
        "time=\"{}\"",
        attr(area), c.tests, c.failures, c.errors, format_seconds(c.wall_ms));
    if (!run.info.started_at.empty())
      out += fmt::format(" timestamp=\"{}\"", attr(run.info.started_at));
    out += ">\n";
    write_run_properties(out, run.info);
    for (const ScenarioResult* s : scenarios) write_testcase(out, *s, area);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace reports
