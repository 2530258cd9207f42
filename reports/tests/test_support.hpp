// Shared fixtures of the reports tests: file locations, a sample run, a tiny XML checker.
#pragma once

#include <map>
#include <string>

#include "reports/catalogue.hpp"
#include "reports/run_model.hpp"

namespace reports::testing {

std::string data_path(const std::string& name);  // reports/tests/data/<name>
std::string source_root();                       // $APC_SOURCE_DIR or the configured source dir
Catalogue fixture_catalogue();                   // data/catalogue_fixture.yaml (asserts it loads)

// A run over the fixture catalogue: FLOW passed; AMT matrix with one failing variant;
// an info rule named by a passing scenario; one Error scenario; one state machine.
RunModel sample_run();

// Hostile text the writers must escape, and Japanese text they must keep.
inline constexpr const char* kHostile = "<script>alert(\"x\")</script> & 'q'";
inline constexpr const char* kJapanese = "与信ステータスが「承認済」になりません";

// Minimal XML 1.0 well-formedness check: balanced tags, quoted unique attributes, valid
// entity references, one root. Returns "" when well formed, else what is wrong.
// element_counts receives the number of elements per tag name.
std::string check_xml(const std::string& xml, std::map<std::string, int>* element_counts);

// Number of non-overlapping occurrences of needle in haystack.
int count_of(const std::string& haystack, const std::string& needle);

// Writes text to a fresh file under the test temp dir and returns its path.
std::string write_temp(const std::string& name, const std::string& text);

}  // namespace reports::testing
