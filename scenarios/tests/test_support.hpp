// Shared helpers of the scenarios tests.
#pragma once

#include <string>

#include "reports/catalogue.hpp"
#include "scenarios/loader.hpp"

namespace scenarios::testing {

std::string source_root();                       // $APC_SOURCE_DIR or the configured source dir
std::string data_path(const std::string& name);  // scenarios/tests/data/<name>
const reports::Catalogue& catalogue();           // the real catalogue (asserts it loads)

// Validates YAML text as if it were the file `file`.
LoadResult load(const std::string& yaml, const std::string& file = "t.yaml");
// Loads fixture files (paths under scenarios/tests/data).
LoadResult load_fixtures(const std::vector<std::string>& names);

// Every diagnostic, one per line, as printed by `conformance validate`.
std::string errors_of(const LoadResult& result);

}  // namespace scenarios::testing
