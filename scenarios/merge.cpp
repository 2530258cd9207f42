// `conformance merge`: the shards of one run (`run --shard K/N`, on as many CI runners) joined
// into the report the unsharded run would have written. Scenario results are taken as they are;
// rule verdicts and totals are recomputed from all of them, so they cannot disagree.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>

#include "reports/json_reader.hpp"
#include "scenarios/app.hpp"

namespace scenarios {
namespace {

using Shards = std::vector<reports::RunModel>;

// A report.json, or the report.json inside a directory.
core::Result<reports::RunModel, std::string> read_shard(const std::string& input) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path =
      fs::is_directory(input, ec) ? fs::path(input) / "report.json" : fs::path(input);
  std::ifstream in(path);
  if (!in) return core::fail("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  auto run = reports::read_json_report(text.str());
  if (!run) return core::fail(path.string() + ": " + run.error());
  return run;
}

// Refuses what would not add up to one run: not shards, shards of different runs, a shard
// missing or given twice, a scenario in two shards.
std::string check_shards(const Shards& shards) {
  const reports::RunInfo& first = shards.front().info;
  if (!first.shard.partial()) return "the first report is not a shard (run it with --shard K/N)";
  std::set<int> seen;
  std::set<std::string> ids;
  for (const reports::RunModel& s : shards) {
    const reports::RunInfo& i = s.info;
    if (!i.shard.partial() || i.shard.count != first.shard.count)
      return fmt::format("every report must be a shard of {} (found '{}')", first.shard.count,
                         i.shard.partial() ? reports::describe(i.shard) : "a whole run");
    if (i.seed != first.seed || i.transport != first.transport || i.git_commit != first.git_commit)
      return fmt::format("{} ran with seed {}, transport {}, commit '{}'; {} with {}, {}, '{}'",
                         reports::describe(i.shard), i.seed, i.transport, i.git_commit,
                         reports::describe(first.shard), first.seed, first.transport,
                         first.git_commit);
    if (!seen.insert(i.shard.index).second) return reports::describe(i.shard) + " is given twice";
    for (const reports::ScenarioResult& r : s.scenarios)
      if (!ids.insert(r.id).second) return "scenario " + r.id + " is in two shards";
  }
  if (static_cast<int>(seen.size()) != first.shard.count)
    return fmt::format("{} of {} shards given; every shard is needed", seen.size(),
                       first.shard.count);
  return "";
}

// The replay command of the whole run: a shard's, without its --shard.
std::string whole_run_replay(const reports::RunInfo& shard) {
  std::string cmd = shard.replay_command;
  const std::string part = fmt::format(" --shard {}/{}", shard.shard.index, shard.shard.count);
  if (const auto at = cmd.find(part); at != std::string::npos) cmd.erase(at, part.size());
  return cmd;
}

reports::RunModel joined(Shards shards, const std::string& command_line) {
  reports::RunModel run;
  run.info = shards.front().info;
  run.info.shard = {};
  run.info.merged_shards = static_cast<int>(shards.size());
  run.info.command_line = command_line;
  run.info.replay_command = whole_run_replay(shards.front().info);
  for (reports::RunModel& s : shards) {
    // ISO-8601 UTC strings order as the instants they name.
    run.info.started_at = std::min(run.info.started_at, s.info.started_at);
    run.info.finished_at = std::max(run.info.finished_at, s.info.finished_at);
    if (run.state_machines.empty()) run.state_machines = std::move(s.state_machines);
    for (reports::ScenarioResult& r : s.scenarios) run.scenarios.push_back(std::move(r));
  }
  std::stable_sort(run.scenarios.begin(), run.scenarios.end(),
                   [](const auto& a, const auto& b) { return a.position < b.position; });
  return run;
}

}  // namespace

int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err) {
  Shards shards;
  for (const std::string& input : options.inputs) {
    auto shard = read_shard(input);
    if (!shard) {
      err << "conformance: " << shard.error() << "\n";
      return kExitInvalid;
    }
    shards.push_back(std::move(shard).value());
  }
  if (const std::string problem = check_shards(shards); !problem.empty()) {
    err << "conformance: cannot merge: " << problem << "\n";
    return kExitInvalid;
  }
  auto catalogue = reports::Catalogue::load(reports::default_catalogue_path(source_root()));
  if (!catalogue) {
    err << "cannot load the rule catalogue: " << catalogue.error() << "\n";
    return kExitInvalid;
  }
  const reports::RunModel run = joined(std::move(shards), options.command_line);
  out << fmt::format("merged {} shards: {} scenario(s), seed={}\n", run.info.merged_shards,
                     run.scenarios.size(), run.info.seed);
  return finish_run(run, *catalogue, options.report_dir, out, err, options.colour);
}

}  // namespace scenarios
