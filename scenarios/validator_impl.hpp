// The validator's parts shared by its files: the check of a document (validator.cpp) and
// the check of its steps and their values (validator_steps.cpp). Internal to scenarios/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "reports/catalogue.hpp"
#include "scenarios/diagnostic.hpp"
#include "scenarios/registry.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/validator.hpp"

namespace scenarios::validation {

using Bindings = std::vector<std::pair<std::string, std::string>>;

std::string got(const Value& v);
using core::join;
std::vector<std::string> names_of(const std::vector<ParamSpec>& specs);
const ParamSpec* find_param(const std::vector<ParamSpec>& specs, std::string_view name);
bool valid_id(std::string_view id);
bool valid_variable(std::string_view name);
bool valid_reference(std::string_view text);
bool valid_pattern(std::string_view p);
bool expects_absence(const Value& v);
bool is_matcher(const Value& v);

class Validator {
 public:
  Validator(Diagnostics& d, const reports::Catalogue* catalogue) : d_(d), catalogue_(catalogue) {}

  ValidatedDocument document(const Value& doc, const std::string& file);

 private:
  void check_rules(const Value& v, std::string_view key);
  bool check_matrix(const Value& v, std::vector<Bindings>& combinations);
  std::vector<std::string> check_products(const Value& v);
  void check_fields(const std::vector<ParamSpec>& specs, const Value& v, const std::string& where);
  void check_value(const ParamSpec& spec, const Value& v, Mark fallback, const std::string& where);
  void check_expectation(const Value& v);
  std::optional<Step> check_step(const Value& item, int index);
  void check_step_specifics(const Step& step);
  void check_open_fields(const Step& step);
  void check_keys(const Value& expected, const nlohmann::json& shape, const std::string& where);

  Diagnostics& d_;
  const reports::Catalogue* catalogue_;
  std::vector<std::string> product_codes_;
};

}  // namespace scenarios::validation
