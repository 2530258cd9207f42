#include "scenarios/show.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/core.h>

#include "reports/json_pretty.hpp"
#include "reports/json_reader.hpp"
#include "scenarios/app.hpp"

namespace scenarios {
namespace {

// More candidates than this are counted, not listed: an unknown id in a full run would
// otherwise print every scenario.
constexpr std::size_t kMaxCandidates = 20;

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

// JSON re-indented, other text as it is; cut after `limit` characters (bytes, kept on a
// UTF-8 boundary) with the number cut said, so a 40 kB page does not bury the steps.
std::string readable_body(const std::string& body, std::size_t limit) {
  bool was_json = false;
  std::string text = reports::pretty_json(body, was_json);
  if (!was_json) text = body;
  if (text.size() <= limit) return text;
  std::size_t keep = limit;
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  return fmt::format("{}… ({} characters cut)", text.substr(0, keep), text.size() - keep);
}

void render_exchange(std::string& out, const reports::HttpExchange& x, std::size_t limit) {
  const std::string result =
      x.status != 0 ? std::to_string(x.status) : "no response (" + x.transport_error + ")";
  out += fmt::format("      {} {} → {}   [{}, {}]\n", x.method, x.path, result,
                     reports::exchange_actor(x), x.sim_time);
  if (!x.request_body.empty())
    out += "        request:\n" + indent(readable_body(x.request_body, limit), "          ") + "\n";
  if (!x.response_body.empty())
    out +=
        "        response:\n" + indent(readable_body(x.response_body, limit), "          ") + "\n";
}

void render_step(std::string& out, const reports::StepRecord& st, std::size_t limit) {
  out += fmt::format("  {:>3}. {:<7} {}  {}", st.index, reports::name(st.status), st.sim_time,
                     st.action);
  if (!st.message.empty()) out += "  " + st.message;
  out += "\n";
  for (const std::string& o : st.observations) out += "      | " + o + "\n";
  for (const reports::HttpExchange& x : st.exchanges) render_exchange(out, x, limit);
}

std::string report_file(const std::string& report) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(report, ec)) return (fs::path(report) / "report.json").string();
  return report;
}

void list_candidates(std::ostream& err, const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size() && i < kMaxCandidates; ++i) err << "  " << ids[i] << "\n";
  if (ids.size() > kMaxCandidates)
    err << fmt::format("  … and {} more\n", ids.size() - kMaxCandidates);
}

}  // namespace

Found find_scenario(const reports::RunModel& run, const std::string& id) {
  Found found;
  for (const reports::ScenarioResult& s : run.scenarios) {
    if (s.id == id) return Found{&s, false, {}};
    if (s.id.find(id) == std::string::npos) continue;
    found.candidates.push_back(s.id);
    found.scenario = &s;
  }
  if (found.candidates.size() == 1) return found;
  found.scenario = nullptr;
  found.ambiguous = !found.candidates.empty();
  if (!found.ambiguous)
    for (const reports::ScenarioResult& s : run.scenarios) found.candidates.push_back(s.id);
  return found;
}

std::string render_scenario(const reports::ScenarioResult& s, std::size_t body_limit) {
  std::string out = fmt::format("{} — {}\n{}\n", s.id, reports::name(s.status), s.title);
  out += fmt::format("file {}  seed {}  transport {}", s.file, s.seed, s.transport);
  if (!s.variant.empty()) out += "  variant " + s.variant;
  out += "\n";
  if (!s.failure.empty()) out += "failure: " + s.failure + "\n";
  for (const reports::StepRecord& st : s.steps) render_step(out, st, body_limit);
  return out;
}

int show_command(const std::string& id, const std::string& report, std::ostream& out,
                 std::ostream& err) {
  const std::string path = report_file(report);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "conformance: cannot read " << path << "\n";
    return kExitInvalid;
  }
  auto run = reports::read_json_report(std::string(std::istreambuf_iterator<char>(in), {}));
  if (!run) {
    err << "conformance: " << path << ": " << run.error() << "\n";
    return kExitInvalid;
  }
  const Found found = find_scenario(*run, id);
  if (!found.scenario) {
    err << fmt::format("conformance: {} scenario id in {} {} '{}'; {}:\n",
                       found.ambiguous ? "more than one" : "no", path,
                       found.ambiguous ? "contains" : "is or contains", id,
                       found.ambiguous ? "which one" : "its scenarios");
    list_candidates(err, found.candidates);
    return kExitInvalid;
  }
  out << render_scenario(*found.scenario, kShowBodyLimit);
  return kExitOk;
}

}  // namespace scenarios
