// The scenario format as JSON Schema (draft 2020-12), generated from the registry. The
// committed copy is scenarios/scenario.schema.json (`conformance schema` prints it; a test
// fails when the two differ). Editors with a YAML language server use it for completion.
#pragma once

#include <string>

namespace scenarios {

// Pretty-printed (2 spaces, sorted keys), ending in a newline.
std::string scenario_schema();

}  // namespace scenarios
