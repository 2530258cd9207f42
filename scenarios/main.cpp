// conformance: runs the Amazon Pay conformance scenarios (scenarios/README.md).
// Argument parsing only; the commands live in app.cpp.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "scenarios/app.hpp"
#include "scenarios/fuzz.hpp"
#include "scenarios/show.hpp"
#include "scenarios/terminal.hpp"

int main(int argc, char** argv) {
  using namespace scenarios;
  CLI::App app{"Amazon Pay conformance runner: scenarios against the reference shop and the mock"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("conformance ") + APC_VERSION);

  RunOptions run;
  std::string transport = "http";
  std::uint64_t seed = 0;
  CLI::App* run_cmd = app.add_subcommand("run", "run scenarios and write the reports");
  std::string colour = "auto";
  const std::string colour_help =
      "auto (on a terminal unless NO_COLOR is set), always or never";
  run_cmd->add_option("paths", run.paths,
                      "scenario files or directories (default: <source>/scenarios)");
  run_cmd
      ->add_option("--report-dir", run.report_dir, "where report.html, report.json, junit.xml go")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->capture_default_str();
  CLI::Option* seed_opt =
      run_cmd->add_option("--seed", seed, "run seed (default: random, printed)");
  run_cmd->add_option("--mock-url", run.mock_url,
                      "use a running mock (start it with --public-key for the sandbox test key)");
  run_cmd->add_option("--transport", transport, "http or inprocess")
      ->check(CLI::IsMember({"http", "inprocess"}))
      ->capture_default_str();
  run_cmd->add_option("--filter", run.filter, "only scenarios whose id or file contains this");
  run_cmd->add_option("--id", run.ids,
                      "only the scenario with exactly this result id (repeatable)");
  std::string shard;
  run_cmd->add_option("--shard", shard,
                      "run part K of N (1 <= K <= N) of the scenarios; `merge` joins the parts");

  MergeOptions merge;
  CLI::App* merge_cmd = app.add_subcommand(
      "merge", "join the report.json of every shard (`run --shard K/N`) into one report");
  merge_cmd->add_option("reports", merge.inputs, "shard report.json files or their directories")
      ->required();
  merge_cmd
      ->add_option("--report-dir", merge.report_dir,
                   "where the merged report.html, report.json, junit.xml go")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->capture_default_str();

  std::vector<std::string> validate_paths;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "check scenario files without running them");
  validate_cmd->add_option("paths", validate_paths, "scenario files or directories");

  CLI::App* schema_cmd = app.add_subcommand("schema", "print the scenario JSON Schema");
  std::string docs_readme;
  CLI::App* docs_cmd =
      app.add_subcommand("docs", "print the README's step tables, generated from the registry");
  docs_cmd->add_option("--readme", docs_readme, "rewrite the tables in this README instead");

  std::string compare_a, compare_b;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "check that two report.json files (e.g. http and inprocess) give the same verdicts");
  compare_cmd->add_option("first", compare_a, "report.json")->required();
  compare_cmd->add_option("second", compare_b, "report.json")->required();
  bool compare_transcripts = false;
  compare_cmd->add_flag("--transcripts", compare_transcripts,
                        "also require identical step transcripts (same transport and seed)");

  std::string show_id, show_report = "reports/out/report.json";
  CLI::App* show_cmd = app.add_subcommand(
      "show", "print one scenario's steps and HTTP exchanges from a report.json");
  show_cmd->add_option("id", show_id, "the scenario's result id, or a part of it that is unique")
      ->required();
  show_cmd->add_option("--report", show_report, "report.json or the directory holding it")
      ->capture_default_str();

  FuzzOptions fuzz;
  std::uint64_t fuzz_seed = 0;
  CLI::App* fuzz_cmd = app.add_subcommand(
      "fuzz", "generate scenarios, check the world properties after every step, shrink failures to files");
  fuzz_cmd->add_option("--cases", fuzz.cases, "cases to run (0: until --minutes)")->capture_default_str();
  CLI::Option* fuzz_seed_opt =
      fuzz_cmd->add_option("--seed", fuzz_seed, "campaign seed (default: random, printed)");
  fuzz_cmd->add_option("--minutes", fuzz.minutes, "stop after this many minutes of wall time");
  fuzz_cmd->add_option("--out", fuzz.out_dir, "where shrunk failing scenarios are written")
      ->capture_default_str();
  fuzz_cmd->add_option("--max-size", fuzz.max_size, "largest case: about this many generated actions")
      ->capture_default_str();
  fuzz_cmd->add_option("--http-every", fuzz.http_every,
                       "every n-th case also runs over HTTP and is compared (0: never)")
      ->capture_default_str();
  fuzz_cmd->add_option("--max-findings", fuzz.max_findings, "stop after this many findings")
      ->capture_default_str();

  run_cmd->add_option("--colour,--color", colour, colour_help)->capture_default_str();
  merge_cmd->add_option("--colour,--color", colour, colour_help)->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A plain message and status 2, never a stack trace.
    std::cerr << "conformance: " << e.what() << "\nRun with --help for usage.\n";
    return kExitInvalid;
  }

  auto colour_choice = parse_colour_choice(colour);
  if (!colour_choice) {
    std::cerr << "conformance: --colour expects auto, always or never (got '" << colour
              << "')\nRun with --help for usage.\n";
    return kExitInvalid;
  }
  run.colour = merge.colour =
      use_colour(*colour_choice, ::isatty(STDOUT_FILENO) != 0, std::getenv("NO_COLOR"));

  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  try {
    if (*run_cmd) {
      if (*seed_opt) run.seed = seed;
      if (!shard.empty()) {
        auto parsed = parse_shard(shard);
        if (!parsed) {
          std::cerr << "conformance: --shard expects K/N with 1 <= K <= N (got '" << shard
                    << "')\nRun with --help for usage.\n";
          return kExitInvalid;
        }
        run.shard = *parsed;
      }
      run.transport = transport == "inprocess" ? Transport::InProcess : Transport::Http;
      run.command_line = command_line;
      return run_command(run, std::cout, std::cerr);
    }
    if (*merge_cmd) {
      merge.command_line = command_line;
      return merge_command(merge, std::cout, std::cerr);
    }
    if (*fuzz_cmd) {
      if (*fuzz_seed_opt) fuzz.seed = fuzz_seed;
      return fuzz_command(fuzz, std::cout, std::cerr);
    }
    if (*show_cmd) return show_command(show_id, show_report, std::cout, std::cerr);
    if (*validate_cmd) return validate_command(validate_paths, std::cout, std::cerr);
    if (*schema_cmd) return schema_command(std::cout);
    if (*docs_cmd) return docs_command(docs_readme, std::cout, std::cerr);
    if (*compare_cmd) return compare_command(compare_a, compare_b, compare_transcripts, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // The commands report expected failures themselves; this is a bug or the file system.
    std::cerr << "conformance: " << e.what() << "\n";
  }
  return kExitInvalid;
}
