// Expectations (YAML values) against actual JSON.
//
// Objects match when every listed key matches (other keys are ignored); lists match
// element-wise with equal length; scalars by equality, numbers numerically; a plain YAML
// scalar is a bool or number when it reads as one, a quoted one is always a string.
// A mapping with one `$` key is a matcher: $contains, $not, $empty, $any_of, $absent,
// $present (registry.hpp documents each).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "scenarios/value.hpp"

namespace scenarios {

// nullopt when `actual` matches; otherwise what differs, e.g.
// `charges[0].amazon_state: expected "Captured", got "Authorized"`. `path` prefixes the
// location ("" for the root).
std::optional<std::string> match(const Value& expected, const nlohmann::json& actual,
                                 const std::string& path = "");

// The YAML value as JSON (plain scalars typed as above). Matchers are kept as objects.
nlohmann::json to_json(const Value& value);

}  // namespace scenarios
