// Checks one YAML document against the registry and expands its matrix.
#pragma once

#include <string>
#include <vector>

#include "reports/catalogue.hpp"
#include "scenarios/diagnostic.hpp"
#include "scenarios/scenario.hpp"

namespace scenarios {

struct ValidatedDocument {
  std::string id;  // empty when missing or malformed
  Mark id_mark;
  std::vector<Scenario> scenarios;  // empty when the document has errors
};

// `catalogue` may be null (rule IDs then only need to be present).
ValidatedDocument validate_document(const Value& document, const std::string& file,
                                    const reports::Catalogue* catalogue, Diagnostics& diagnostics);

// Substitutes ${name} in every scalar of `value`; an unknown name is reported at the scalar.
Value substitute(const Value& value,
                 const std::vector<std::pair<std::string, std::string>>& bindings,
                 Diagnostics& diagnostics);

}  // namespace scenarios
