// Writes a scenario document back as YAML that load_yaml reads to the same tree: block style
// for the document and for list items, flow style for anything that fits on one line (a
// step's parameters, rule lists), as the hand-written scenario files are laid out. Used for
// the scenarios the property tests generate and shrink (issue 10); comments are not part of a
// Value and are not kept, except a leading comment the caller passes.
#pragma once

#include <string>
#include <string_view>

#include "scenarios/value.hpp"

namespace scenarios {

inline constexpr int kPrintWidth = 100;

// `leading_comment`: lines written first, each prefixed with "# ".
std::string print_yaml(const Value& document, std::string_view leading_comment = {});

}  // namespace scenarios
