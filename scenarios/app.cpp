#include "scenarios/app.hpp"

#include <fstream>
#include <sstream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <fmt/core.h>

#include "reports/writers.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/run_environment.hpp"
#include "scenarios/runner.hpp"
#include "scenarios/schema.hpp"
#include "scenarios/terminal.hpp"

namespace scenarios {
namespace {

std::string shell_quote(const std::string& s) {
  bool plain = !s.empty() && s.find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789-_./:=@+,") == std::string::npos;
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string replay_of(const RunOptions& o, std::uint64_t seed) {
  std::string cmd = "conformance run";
  for (const std::string& p : o.paths) cmd += " " + shell_quote(p);
  cmd += fmt::format(" --seed {}", seed);
  if (o.transport == Transport::InProcess) cmd += " --transport inprocess";
  if (!o.mock_url.empty()) cmd += " --mock-url " + shell_quote(o.mock_url);
  if (!o.filter.empty()) cmd += " --filter " + shell_quote(o.filter);
  for (const std::string& id : o.ids) cmd += " --id " + shell_quote(id);
  if (o.shard.partial()) cmd += fmt::format(" --shard {}/{}", o.shard.index, o.shard.count);
  return cmd;
}

std::string git_commit(const std::string& root) {
  std::string cmd = "git -C " + shell_quote(root) + " rev-parse HEAD 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  char buf[128] = {};
  std::string out = fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string wall_time() {
  return core::format_iso(core::SystemClock().now());
}

bool chosen(const Scenario& s, const RunOptions& o) {
  if (!o.filter.empty() && s.result_id.find(o.filter) == std::string::npos &&
      s.file.find(o.filter) == std::string::npos)
    return false;
  return o.ids.empty() || std::find(o.ids.begin(), o.ids.end(), s.result_id) != o.ids.end();
}

// The scenarios --filter and --id choose, in run order. An --id no scenario has is an error
// (printed with the ids that contain it): a replay command must not silently run nothing.
std::optional<std::vector<Scenario>> select(std::vector<Scenario> all, const RunOptions& o,
                                            std::ostream& err) {
  bool known = true;
  for (const std::string& id : o.ids) {
    if (std::any_of(all.begin(), all.end(), [&](const Scenario& s) { return s.result_id == id; }))
      continue;
    known = false;
    err << "no scenario has the id " << id << "\n";
    for (const Scenario& s : all)
      if (s.result_id.find(id) != std::string::npos)
        err << "  did you mean " << s.result_id << "\n";
  }
  if (!known) return std::nullopt;
  std::vector<Scenario> selected;
  for (Scenario& s : all)
    if (chosen(s, o)) selected.push_back(std::move(s));
  return selected;
}

// The scenarios of one shard, in run order; `positions` gets each one's place in the whole run.
std::vector<Scenario> shard_of(std::vector<Scenario> all, reports::Shard shard,
                               std::vector<int>& positions) {
  std::vector<std::string> ids;
  for (const Scenario& s : all) ids.push_back(s.result_id);
  const std::vector<bool> chosen = in_shard(ids, shard);
  std::vector<Scenario> out;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!chosen[i]) continue;
    out.push_back(std::move(all[i]));
    positions.push_back(static_cast<int>(i));
  }
  return out;
}

// Loads the catalogue and every scenario; prints every problem. False when the run must not
// start. `files` (may be null) gets the scenario files read.
bool load_all(const std::vector<std::string>& paths, LoadResult& result,
              std::optional<reports::Catalogue>& catalogue, std::ostream& err,
              std::vector<std::string>* files_read = nullptr) {
  std::string root = source_root();
  auto loaded = reports::Catalogue::load(reports::default_catalogue_path(root));
  if (!loaded) {
    err << "cannot load the rule catalogue: " << loaded.error() << "\n";
    return false;
  }
  catalogue = std::move(loaded).value();
  std::vector<Diagnostic> errors;
  std::vector<std::string> files = collect_scenario_files(paths, root, errors);
  LoadOptions options;
  options.catalogue = &*catalogue;
  options.source_root = root;
  result = load_files(files, options);
  if (files_read) *files_read = files;
  result.errors.insert(result.errors.begin(), errors.begin(), errors.end());
  for (const Diagnostic& d : result.errors) err << d.str() << "\n";
  if (!result.errors.empty()) {
    err << fmt::format("{} error(s) in scenario files; nothing was run.\n", result.errors.size());
    return false;
  }
  return true;
}

}  // namespace

std::optional<reports::Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> int {
    if (digits.empty() || digits.size() > 6) return 0;
    int n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return 0;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  const int index = number(text.substr(0, slash)), count = number(text.substr(slash + 1));
  if (index < 1 || count < 1 || index > count) return std::nullopt;
  return reports::Shard{index, count};
}

std::vector<bool> in_shard(const std::vector<std::string>& ids, reports::Shard shard) {
  std::vector<size_t> order(ids.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
  std::vector<bool> chosen(ids.size(), !shard.partial());
  if (!shard.partial()) return chosen;
  for (size_t rank = 0; rank < order.size(); ++rank)
    chosen[order[rank]] =
        static_cast<int>(rank % static_cast<size_t>(shard.count)) == shard.index - 1;
  return chosen;
}

std::string source_root() {
  const char* env = std::getenv("APC_SOURCE_DIR");
  if (env && *env) return env;
  return APC_SOURCE_ROOT;
}

std::string replay_command(const RunOptions& options, std::uint64_t seed) {
  return replay_of(options, seed);
}

std::string replay_one_command(const RunOptions& options, std::uint64_t seed,
                               const std::string& result_id) {
  RunOptions one = options;
  one.filter.clear();
  one.shard = {};
  one.ids = {result_id};
  return replay_of(one, seed);
}

reports::Selection selection_of(const RunOptions& options) {
  return {options.filter, options.paths, options.ids};
}

reports::RunModel run_scenarios(const std::vector<Scenario>& scenarios, Environment& environment,
                                std::uint64_t seed, std::ostream* progress,
                                const RunOptions* replay) {
  reports::RunModel model;
  Runner runner(environment, seed);
  int width = static_cast<int>(std::to_string(scenarios.size()).size());
  for (size_t i = 0; i < scenarios.size(); ++i) {
    reports::ScenarioResult r = runner.run(scenarios[i]);
    if (progress) {
      bool passed = r.status == reports::ScenarioStatus::Passed;
      bool colour = replay && replay->colour;
      std::string status =
          passed ? "PASS" : (r.status == reports::ScenarioStatus::Error ? "ERROR" : "FAIL");
      *progress << fmt::format("[{:>{}}/{}] {} {} ({:.0f} ms)\n", i + 1, width, scenarios.size(),
                               paint(fmt::format("{:<5}", status),
                                     passed ? Tone::Pass : Tone::Fail, colour),
                               r.id, r.wall_ms);
      if (!passed) {
        std::string indented = "    " + failure_for_terminal(r.failure);
        for (size_t at = indented.find('\n'); at != std::string::npos;
             at = indented.find('\n', at + 5))
          indented.replace(at, 1, "\n    ");
        *progress << indented << "\n";
        if (replay) *progress << "    replay: " << replay_one_command(*replay, seed, r.id) << "\n";
      }
      progress->flush();
    }
    model.scenarios.push_back(std::move(r));
  }
  if (auto machines = runner.state_machines()) model.state_machines = std::move(machines).value();
  return model;
}

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  std::uint64_t seed = options.seed ? *options.seed : [] {
    std::random_device rd;  // only picks the seed; it is printed so the run can be replayed
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }();
  out << "seed=" << seed << "\n";
  out << "replay: " << replay_of(options, seed) << "\n";
  out.flush();

  LoadResult loaded;
  std::optional<reports::Catalogue> catalogue;
  std::vector<std::string> files;
  if (!load_all(options.paths, loaded, catalogue, err, &files)) return kExitInvalid;
  std::optional<std::vector<Scenario>> chosen_ones =
      select(std::move(loaded.scenarios), options, err);
  if (!chosen_ones) return kExitInvalid;
  std::vector<Scenario> selected = std::move(*chosen_ones);
  if (selected.empty() && !options.filter.empty()) {
    err << "no scenario matches --filter " << options.filter << "\n";
    return kExitInvalid;
  }
  const size_t whole_run = selected.size();
  std::vector<int> positions;
  selected = shard_of(std::move(selected), options.shard, positions);

  EnvironmentOptions eo;
  eo.transport = options.transport;
  eo.mock_url = options.mock_url;
  eo.source_root = source_root();
  auto env = Environment::open(eo);
  if (!env) {
    err << "cannot set up Amazon Pay: " << env.error() << "\n";
    return kExitInvalid;
  }
  if (options.shard.partial())
    out << fmt::format("{}: {} of {} scenario(s)\n", reports::describe(options.shard),
                       selected.size(), whole_run);
  out << fmt::format("{} scenario(s) from {} file(s); Amazon Pay: {}\n", selected.size(),
                     loaded.files, (*env)->location());

  std::string started = wall_time();
  reports::RunModel model = run_scenarios(selected, **env, seed, &out, &options);
  for (size_t i = 0; i < model.scenarios.size(); ++i) model.scenarios[i].position = positions[i];
  model.info.tool_version = APC_VERSION;
  model.info.git_commit = git_commit(source_root());
  model.info.seed = seed;
  model.info.transport = (*env)->transport_name();
  model.info.mock_url = (*env)->reported_location();
  model.info.started_at = started;
  model.info.finished_at = wall_time();
  model.info.command_line = options.command_line;
  model.info.replay_command = replay_of(options, seed);
  model.info.shard = options.shard;
  model.info.selection = selection_of(options);
  model.info.environment =
      run_environment(reports::default_catalogue_path(source_root()), std::move(files));
  return finish_run(model, *catalogue, options.report_dir, out, err, options.colour);
}

int finish_run(const reports::RunModel& model, const reports::Catalogue& catalogue,
               const std::string& dir, std::ostream& out, std::ostream& err, bool colour) {
  auto verdicts = reports::compute_rule_verdicts(catalogue, model);
  reports::Totals t = reports::totals(verdicts, model);
  Tone tone = t.scenarios_failed > 0 ? Tone::Fail : Tone::Pass;
  out << "\n"
      << paint(fmt::format("Scenarios: {} passed, {} failed ({} total)", t.scenarios_passed,
                           t.scenarios_failed, t.scenarios),
               tone, colour)
      << "\n";
  out << fmt::format(
      "Rules: {} passed, {} failed, {} not yet checked, {} not testable ({} total)\n",
      t.rules_passed, t.rules_failed, t.rules_not_checked, t.rules_not_testable, t.rules);
  if (model.info.shard.partial())
    out << fmt::format(
        "Partial report ({}): rule verdicts cover this shard only; "
        "`conformance merge` joins the shards.\n",
        reports::describe(model.info.shard));
  if (!model.info.selection.complete())
    out << fmt::format("Partial run ({}): rules no chosen scenario names are not in this run.\n",
                       reports::describe(model.info.selection));
  auto written = reports::write_reports(dir, catalogue, model);
  if (!written) {
    err << "cannot write the reports: " << written.error() << "\n";
    return kExitInvalid;
  }
  namespace fs = std::filesystem;
  for (const char* name : {"report.html", "report.json", "junit.xml"})
    out << "Report: " << (fs::path(dir) / name).string() << "\n";
  if (t.scenarios_failed > 0) out << "Replay: " << model.info.replay_command << "\n";
  return t.scenarios_failed > 0 ? kExitFailed : kExitOk;
}

int validate_command(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err) {
  LoadResult loaded;
  std::optional<reports::Catalogue> catalogue;
  if (!load_all(paths, loaded, catalogue, err)) return kExitInvalid;
  out << fmt::format("{} file(s), {} scenario run(s): valid\n", loaded.files,
                     loaded.scenarios.size());
  return kExitOk;
}

namespace {
constexpr std::string_view kTablesBegin =
    "<!-- steps:begin — generated by `conformance docs --readme scenarios/README.md` -->\n";
constexpr std::string_view kTablesEnd = "<!-- steps:end -->\n";
}  // namespace

std::optional<std::string> with_step_tables(const std::string& readme, const std::string& tables) {
  size_t begin = readme.find(kTablesBegin);
  size_t end = readme.find(kTablesEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
  return readme.substr(0, begin + kTablesBegin.size()) + tables + readme.substr(end);
}

int docs_command(const std::string& readme, std::ostream& out, std::ostream& err) {
  std::string tables = steps_markdown();
  if (readme.empty()) {
    out << tables;
    return kExitOk;
  }
  std::ifstream in(readme);
  if (!in) {
    err << "conformance: cannot read " << readme << "\n";
    return kExitInvalid;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto updated = with_step_tables(text.str(), tables);
  if (!updated) {
    err << "conformance: " << readme << " has no steps:begin/steps:end markers\n";
    return kExitInvalid;
  }
  std::ofstream(readme) << *updated;
  out << "updated the step tables of " << readme << "\n";
  return kExitOk;
}

int schema_command(std::ostream& out) {
  out << scenario_schema();
  return kExitOk;
}

}  // namespace scenarios
