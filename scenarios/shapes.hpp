// The JSON an open-field expectation (expect.screen, expect.order, expect.member) is matched
// against, as a shape: the keys each object has, with one sample element in each list. Built
// from the shop's own to_json of sample views, so `validate` knows every field name the
// runner will see and can reject a misspelt one ("did you mean …?") before the run.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/registry.hpp"

namespace scenarios {

// The shape for a step: for expect.screen with a literal `screen:` value, that screen's
// (nullopt when no screen has that name); otherwise every screen's keys together.
std::optional<nlohmann::json> field_shape(FieldShape shape,
                                          const std::optional<std::string>& screen);
// Every value `screen` can take ("cart", "amazon_pay_order", …).
std::vector<std::string> screen_names();

}  // namespace scenarios
