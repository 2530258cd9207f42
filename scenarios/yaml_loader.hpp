// Reads YAML text into Value trees. The only translation unit that includes yaml-cpp.
#pragma once

#include <string>
#include <vector>

#include "scenarios/diagnostic.hpp"
#include "scenarios/value.hpp"

namespace scenarios {

// Every document of a YAML stream ("---" separated). A syntax error stops the read and is
// reported at its position; a key repeated in one mapping is reported too (yaml-cpp keeps
// both silently) and the later entry is dropped.
std::vector<Value> load_yaml(const std::string& text, Diagnostics& diagnostics);

}  // namespace scenarios
