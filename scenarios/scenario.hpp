// A validated scenario, ready to run: one per matrix combination, with ${variables}
// substituted and every parameter checked against the registry (defaults filled in).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "scenarios/registry.hpp"
#include "scenarios/value.hpp"

namespace scenarios {

// The parameters of one step after validation: every given key plus the defaults.
class Params {
 public:
  Params() = default;
  explicit Params(std::vector<MapEntry> entries) : entries_(std::move(entries)) {}

  const Value* get(std::string_view name) const;
  bool has(std::string_view name) const;  // present and not null
  // Scalar text; `fallback` when absent.
  std::string str(std::string_view name, std::string fallback = {}) const;
  std::int64_t integer(std::string_view name, std::int64_t fallback = 0) const;
  bool boolean(std::string_view name, bool fallback = false) const;
  // A scalar as a one-element list, or a list's scalars.
  std::vector<std::string> strings(std::string_view name) const;
  const std::vector<MapEntry>& entries() const { return entries_; }

 private:
  std::vector<MapEntry> entries_;
};

struct Step {
  int index = 0;  // 1-based
  const StepSpec* spec = nullptr;
  std::string action;  // "admin.capture"
  Params params;
  // Open-field steps (expect.screen, expect.order, expect.member): the expectations.
  std::vector<MapEntry> fields;
  Mark mark;
  std::string text;  // one line, after substitution: admin.capture {order: "#1"}
};

struct Scenario {
  std::string id;         // as written
  std::string result_id;  // "<id>[variant=CC_NONE]" for a matrix combination
  std::string title;
  std::string file;  // relative to the source root when inside it
  Mark mark;
  std::vector<std::string> rules;
  std::vector<std::string> assumes;
  std::string charge_table;  // order ref whose Charges the report tabulates after each step
  // World properties checked after every step (scenarios/properties.hpp), by name.
  std::vector<std::string> properties;
  core::Instant start;
  std::vector<std::pair<std::string, std::string>> bindings;  // matrix variable → value
  Value shop;                                                 // validated settings mapping, or null
  Value products;  // validated product list, or null (the default catalogue)
  std::vector<Step> steps;

  // "variant=CC_NONE,cc=x"; empty without a matrix.
  std::string binding_text() const;
};

}  // namespace scenarios
