// The report's `run.environment`: the machine, the compiler and library versions this binary
// was built with, and SHA-256 digests of the run's inputs (the rule catalogue, the scenario
// files), so two reports can be told apart by what produced them.
#pragma once

#include <string>
#include <vector>

#include "reports/run_model.hpp"

namespace scenarios {

// `scenario_files`: every scenario file the run read, in any order (hashed in path order).
// A file that cannot be read leaves its digest empty rather than hashing a partial input.
reports::RunEnvironment run_environment(const std::string& catalogue_file,
                                        std::vector<std::string> scenario_files);

// The digest of the files' contents concatenated in sorted path order; "" when one is unreadable.
std::string files_sha256(std::vector<std::string> files);

}  // namespace scenarios
