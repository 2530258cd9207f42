// Scenario files in, validated scenarios (or every problem found) out. Nothing runs unless
// every file of the run is valid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/catalogue.hpp"
#include "scenarios/diagnostic.hpp"
#include "scenarios/scenario.hpp"

namespace scenarios {

struct LoadOptions {
  const reports::Catalogue* catalogue = nullptr;  // rule IDs are checked against it when set
  std::string source_root;  // file names are shown relative to it when inside it
};

inline constexpr std::uintmax_t kMaxScenarioFileBytes = 4 * 1024 * 1024;

struct LoadResult {
  std::vector<Scenario> scenarios;  // matrix combinations expanded, in file order
  std::vector<Diagnostic> errors;   // every problem of every file
  int files = 0;
  bool ok() const { return errors.empty(); }
};

// The *.yaml files named by `paths` (files as given; directories searched recursively), in
// sorted order without repeats. Without paths: every *.yaml under <source_root>/scenarios.
// A directory walk never descends into <source_root>/scenarios/tests (test fixtures, some
// deliberately invalid) unless that directory was named itself. Missing paths are errors.
std::vector<std::string> collect_scenario_files(const std::vector<std::string>& paths,
                                                const std::string& source_root,
                                                std::vector<Diagnostic>& errors);

LoadResult load_files(const std::vector<std::string>& files, const LoadOptions& options);
// One file's content, shown as `display_file` in messages (for tests and tools).
LoadResult load_text(const std::string& text, const std::string& display_file,
                     const LoadOptions& options);

// `path` relative to `source_root` when it lies inside it, else as given.
std::string display_path(const std::string& path, const std::string& source_root);

}  // namespace scenarios
