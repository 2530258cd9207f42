// The `conformance` commands as functions (main.cpp only parses arguments). Exit statuses:
// 0 every scenario passed (or the files are valid); 1 a scenario failed; 2 invalid input
// (a bad scenario file, a missing path, an unusable mock) — nothing runs then.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "reports/run_model.hpp"
#include "scenarios/environment.hpp"
#include "scenarios/scenario.hpp"

namespace scenarios {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitInvalid = 2;

// The source tree: $APC_SOURCE_DIR when set, else the tree this binary was built from.
std::string source_root();

struct RunOptions {
  std::vector<std::string> paths;  // files or directories; empty: <source>/scenarios
  std::string report_dir = "reports/out";
  std::optional<std::uint64_t> seed;  // random when absent (always printed)
  std::string mock_url;
  Transport transport = Transport::Http;
  std::string filter;        // substring of the result id or file
  std::vector<std::string> ids;  // exact result ids (`--id`); empty: no choice by id
  reports::Shard shard;      // run only this part of the (filtered) scenarios; whole when count 0
  std::string command_line;  // as typed, for the report
  bool colour = false;       // PASS/FAIL and the totals in colour (a terminal's choice)
};

// "K/N" with 1 <= K <= N; nullopt otherwise.
std::optional<reports::Shard> parse_shard(std::string_view text);
// Which of `ids` (result ids, unique) shard K of N runs: the one whose rank among the sorted ids
// is K-1 modulo N. Stable across machines and file orders; each id is in exactly one shard and
// the shards differ in size by at most one.
std::vector<bool> in_shard(const std::vector<std::string>& ids, reports::Shard shard);

struct MergeOptions {
  std::vector<std::string> inputs;  // report.json files, or directories holding one
  std::string report_dir = "reports/out";
  std::string command_line;
  bool colour = false;
};

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);
// Joins the reports of shards 1..N of one run (same seed, transport and commit) into one report
// in options.report_dir, rule verdicts recomputed from all scenarios; exit as `run` would have.
int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err);
int validate_command(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err);
int schema_command(std::ostream& out);
// Prints the README's step tables; with `readme`, rewrites them in that file instead (between
// the "steps:begin" and "steps:end" markers).
int docs_command(const std::string& readme, std::ostream& out, std::ostream& err);
// The README text with its generated step tables replaced by `tables`; nullopt when the
// markers are missing.
std::optional<std::string> with_step_tables(const std::string& readme, const std::string& tables);
// Compares the scenario and rule verdicts of two report.json files (and, with `transcripts`,
// every step of every scenario but wall-clock time): 0 same, 1 different.
int compare_command(const std::string& first, const std::string& second, bool transcripts,
                    std::ostream& out, std::ostream& err);

// Runs already-validated scenarios in one environment (for tests and tools). `progress`
// (may be null) is told of each result as it finishes.
// Prints the totals, writes report.html/json and junit.xml into `dir`; the run's exit status.
int finish_run(const reports::RunModel& model, const reports::Catalogue& catalogue,
               const std::string& dir, std::ostream& out, std::ostream& err,
               bool colour = false);

// With `replay` (the run's options), a failed scenario's progress line is followed by the
// command that runs exactly it again (`--id`, the seed, the transport).
reports::RunModel run_scenarios(const std::vector<Scenario>& scenarios, Environment& environment,
                                std::uint64_t seed, std::ostream* progress = nullptr,
                                const RunOptions* replay = nullptr);

// The command that reproduces the run of `options` with `seed`.
std::string replay_command(const RunOptions& options, std::uint64_t seed);
// The command that runs only the scenario `result_id` of that run, exactly as it ran there.
std::string replay_one_command(const RunOptions& options, std::uint64_t seed,
                               const std::string& result_id);
// What `options` chose: complete unless paths, --filter or --id were given.
reports::Selection selection_of(const RunOptions& options);

}  // namespace scenarios
