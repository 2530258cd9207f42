#include "scenarios/validator_impl.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "core/time.hpp"
#include "scenarios/shapes.hpp"
#include "scenarios/step_list.hpp"

namespace scenarios::validation {

using T = ParamType;

void Validator::check_fields(const std::vector<ParamSpec>& specs, const Value& v,
                             const std::string& where) {
  if (!v.is_map()) {
    d_.error(v.mark(), fmt::format("{} must be a mapping ({})", where, got(v)));
    return;
  }
  for (const MapEntry& e : v.entries()) {
    const ParamSpec* spec = find_param(specs, e.key);
    if (!spec) {
      d_.error(e.key_mark, fmt::format("{}: unknown key '{}' (known: {})", where, e.key,
                                       join(names_of(specs))));
      continue;
    }
    check_value(*spec, e.value, e.key_mark, where + "." + e.key);
  }
  for (const ParamSpec& spec : specs)
    if (spec.required && !v.find(spec.name))
      d_.error(v.mark(), fmt::format("{}: missing required key '{}'", where, spec.name));
}

void Validator::check_value(const ParamSpec& spec, const Value& v, Mark fallback,
                            const std::string& where) {
  Mark at = v.mark().line ? v.mark() : fallback;
  auto fail = [&](std::string_view expected) {
    d_.error(at, fmt::format("{} must be {} ({})", where, expected, got(v)));
  };
  if (spec.matcher_ok) {
    if (is_matcher(v)) return check_expectation(v);
    if (v.is_null()) return;  // expects null
  }
  switch (spec.type) {
    case T::String:
    case T::Id:
      if (!v.is_scalar()) return fail("a text");
      if (spec.type == T::Id && !valid_id(v.text())) return fail("made of A-Z a-z 0-9 . _ -");
      return;
    case T::Int:
      if (!v.as_int()) return fail("an integer");
      return;
    case T::Bool:
      if (!v.as_bool()) return fail("true or false");
      return;
    case T::Span:
      if (!v.is_scalar() || !core::parse_time_span(v.text()))
        return fail("a time span like 30s, 15m, 24h, 30d, 2w, 1d12h or 13mo");
      return;
    case T::Duration:
      if (!v.is_scalar() || !core::parse_duration(v.text()))
        return fail("a duration like 30m, 12h, 1d or 1d12h (no months)");
      return;
    case T::Timestamp:
      if (!v.is_scalar() || !core::parse_instant(v.text()))
        return fail("a timestamp like 2026-01-05T10:00:00+09:00 or 2026-01-05T01:00:00Z");
      return;
    case T::Enum:
      if (!v.is_scalar() ||
          std::find(spec.choices.begin(), spec.choices.end(), v.text()) == spec.choices.end())
        return fail("one of " + join(spec.choices));
      return;
    case T::OrderRef:
      if (!v.is_scalar() || !valid_reference(v.text()))
        return fail("\"#N\" (N ≥ 1), \"last\" or an order number");
      return;
    case T::MemberRef:
      if (!v.is_scalar() || !valid_reference(v.text()))
        return fail("\"#N\" (N ≥ 1), \"last\" or a member id");
      return;
    case T::SubscriptionRef:
      if (!v.is_scalar() || !valid_reference(v.text()))
        return fail("\"#N\" (N ≥ 1), \"last\" or a 申込番号");
      return;
    case T::ProductRef:
      if (!v.is_scalar()) return fail("a product code");
      if (std::find(product_codes_.begin(), product_codes_.end(), v.text()) == product_codes_.end())
        d_.error(at, fmt::format("{}: unknown product '{}' (catalogue: {})", where, v.text(),
                                 join(product_codes_)));
      return;
    case T::Expected:
      return check_expectation(v);
    case T::Object:
      if (!v.is_map()) return fail("a mapping");
      return check_expectation(v);
    case T::Patterns: {
      std::vector<const Value*> items;
      if (v.is_scalar())
        items.push_back(&v);
      else if (v.is_list())
        for (const Value& i : v.items()) items.push_back(&i);
      else
        return fail("a pattern like \"POST /v2/charges\" or a list of them");
      for (const Value* i : items)
        if (!i->is_scalar() || !valid_pattern(i->text()))
          d_.error(i->mark().line ? i->mark() : at,
                   fmt::format("{}: '{}' is not a pattern like \"POST /v2/charges\" or "
                               "\"/v2/chargePermissions\"",
                               where, i->is_scalar() ? i->text() : std::string(i->kind_name())));
      return;
    }
    case T::Fields:
      return check_fields(spec.fields, v, where);
    case T::BoolOrFields:
      if (v.as_bool()) return;
      if (!v.is_map())
        return fail("true, false or a mapping {" + join(names_of(spec.fields)) + "}");
      return check_fields(spec.fields, v, where);
    case T::StringList:
      if (!v.is_list()) return fail("a list");
      for (const Value& i : v.items())
        if (!i.is_scalar())
          d_.error(i.mark(), fmt::format("{}: list entries must be scalars ({})", where, got(i)));
      return;
    case T::Settings:
      return check_fields(settings_fields(), v, where);
    case T::RuleList:
    case T::Matrix:
    case T::Products:
    case T::Steps:
      return;  // handled by document()
  }
}

void Validator::check_expectation(const Value& v) {
  if (v.is_list()) {
    for (const Value& i : v.items()) check_expectation(i);
    return;
  }
  if (!v.is_map()) return;
  bool any_dollar = false;
  for (const MapEntry& e : v.entries())
    any_dollar = any_dollar || (!e.key.empty() && e.key[0] == '$');
  if (!any_dollar) {
    for (const MapEntry& e : v.entries()) check_expectation(e.value);
    return;
  }
  if (v.entries().size() != 1) {
    d_.error(v.mark(), "a matcher is a mapping with exactly one $ key, e.g. {$contains: text}");
    return;
  }
  const MapEntry& e = v.entries().front();
  const MatcherSpec* m = find_matcher(e.key);
  if (!m) {
    std::vector<std::string> known;
    for (const MatcherSpec& s : matcher_specs()) known.push_back(s.name);
    d_.error(e.key_mark, fmt::format("unknown matcher '{}' (known: {})", e.key, join(known)));
    return;
  }
  Mark at = e.value.mark().line ? e.value.mark() : e.key_mark;
  switch (m->argument) {
    case T::String:
      if (!e.value.is_scalar())
        d_.error(at, fmt::format("{} takes a text ({})", e.key, got(e.value)));
      return;
    case T::Bool:
      if (!e.value.as_bool())
        d_.error(at, fmt::format("{} takes true or false ({})", e.key, got(e.value)));
      return;
    case T::StringList:
      if (!e.value.is_list() || e.value.items().empty()) {
        d_.error(at, fmt::format("{} takes a non-empty list of values ({})", e.key, got(e.value)));
        return;
      }
      for (const Value& i : e.value.items()) check_expectation(i);
      return;
    default:
      check_expectation(e.value);
      return;
  }
}

std::optional<Step> Validator::check_step(const Value& item, int index) {
  Step step;
  step.index = index;
  Value params;
  if (item.is_scalar() && !item.quoted()) {
    step.action = item.text();
    step.mark = item.mark();
    params = Value::null(item.mark());
  } else if (item.is_map() && item.entries().size() == 1) {
    step.action = item.entries().front().key;
    step.mark = item.entries().front().key_mark;
    params = item.entries().front().value;
  } else {
    d_.error(item.mark(), fmt::format("a step is a one-key mapping `actor.action: {{params}}` ({})",
                                      item.is_map() ? fmt::format("got a mapping with {} keys",
                                                                  item.entries().size())
                                                    : got(item)));
    return std::nullopt;
  }
  step.spec = find_step(step.action);
  if (!step.spec) {
    std::string hint = closest_step(step.action);
    d_.error(step.mark,
             fmt::format("unknown step '{}'{}", step.action,
                         hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    return std::nullopt;
  }
  const StepSpec& spec = *step.spec;
  size_t errors_before = d_.size();

  std::vector<MapEntry> given;
  if (params.is_scalar()) {
    if (spec.scalar_param.empty()) {
      d_.error(params.mark(), fmt::format("{} takes a mapping of parameters, not a scalar ({})",
                                          spec.name, got(params)));
      return std::nullopt;
    }
    given.push_back(MapEntry{spec.scalar_param, params.mark(), params});
  } else if (params.is_list()) {
    d_.error(params.mark(), fmt::format("{} takes a mapping of parameters, not a list", spec.name));
    return std::nullopt;
  } else if (params.is_map()) {
    given = params.entries();
  }
  step.text = params.is_null() || (params.is_map() && params.entries().empty())
                  ? spec.name
                  : spec.name + " " + params.to_flow();

  std::vector<MapEntry> accepted;
  for (const MapEntry& e : given) {
    const ParamSpec* p = find_param(spec.params, e.key);
    if (p) {
      check_value(*p, e.value, e.key_mark, fmt::format("{}: '{}'", spec.name, e.key));
      accepted.push_back(e);
    } else if (spec.open_fields) {
      check_expectation(e.value);
      step.fields.push_back(e);
    } else if (spec.params.empty()) {
      d_.error(e.key_mark, fmt::format("{} takes no parameters (got '{}')", spec.name, e.key));
    } else {
      d_.error(e.key_mark, fmt::format("{}: unknown parameter '{}' (known: {})", spec.name, e.key,
                                       join(names_of(spec.params))));
    }
  }
  for (const ParamSpec& p : spec.params) {
    bool present =
        std::any_of(given.begin(), given.end(), [&](const MapEntry& e) { return e.key == p.name; });
    if (present) continue;
    // Absent optional parameters keep the defaults of the step's parameter struct.
    if (p.required)
      d_.error(step.mark, fmt::format("{}: missing required parameter '{}'", spec.name, p.name));
  }
  auto count_given = [&](const std::vector<std::string>& names) {
    return std::count_if(names.begin(), names.end(), [&](const std::string& n) {
      return std::any_of(given.begin(), given.end(), [&](const MapEntry& e) { return e.key == n; });
    });
  };
  if (!spec.exactly_one_of.empty() && count_given(spec.exactly_one_of) != 1)
    d_.error(step.mark,
             fmt::format("{}: give exactly one of {}", spec.name, join(spec.exactly_one_of)));
  if (!spec.at_least_one_of.empty() && count_given(spec.at_least_one_of) == 0)
    d_.error(step.mark,
             fmt::format("{}: give at least one of {}", spec.name, join(spec.at_least_one_of)));
  step.params = Params(std::move(accepted));
  if (d_.size() != errors_before) return std::nullopt;
  check_step_specifics(step);
  check_open_fields(step);
  if (d_.size() != errors_before) return std::nullopt;
  return step;
}

// Checks the registry's types cannot express: combinations the mock would refuse anyway, found
// before the run instead of in the middle of it. Each step's own check lives with its handler.
void Validator::check_step_specifics(const Step& step) {
  StepIssues issues(step, d_);
  if (const Value* charge = step.params.get("charge"); charge && charge->as_int().value_or(1) < 1)
    issues.at("charge", fmt::format("{}: 'charge' counts from 1", step.action));
  if (step.spec->check) step.spec->check(step, issues);
}

// Every key of an open-field expectation must name a field of the JSON it is matched against.
void Validator::check_open_fields(const Step& step) {
  if (!step.spec->open_fields || step.spec->shape == FieldShape::None) return;
  std::optional<std::string> screen;
  if (const Value* s = step.params.get("screen"); s && s->is_scalar()) {
    screen = s->text();
    std::vector<std::string> names = screen_names();
    if (std::find(names.begin(), names.end(), *screen) == names.end()) {
      std::string hint = closest_name(*screen, names);
      d_.error(s->mark(), fmt::format("{}: unknown screen '{}' ({})", step.action, *screen,
                                      hint.empty() ? "known: " + join(names)
                                                   : "did you mean '" + hint + "'?"));
      return;
    }
  }
  auto shape = field_shape(step.spec->shape, screen);
  if (!shape) return;
  for (const MapEntry& e : step.fields) {
    if (!shape->contains(e.key) && !expects_absence(e.value)) {
      std::vector<std::string> known;
      for (auto it = shape->begin(); it != shape->end(); ++it) known.push_back(it.key());
      std::string hint = closest_name(e.key, known);
      d_.error(e.key_mark,
               fmt::format("{}: unknown field '{}' ({})", step.action, e.key,
                           hint.empty() ? "known: " + join(known) : "did you mean '" + hint + "'?"));
      continue;
    }
    if (shape->contains(e.key))
      check_keys(e.value, shape->at(e.key), step.action + ": '" + e.key + "'");
  }
}

// Keys of nested mappings, element by element in lists; matchers are not looked into.
void Validator::check_keys(const Value& expected, const nlohmann::json& shape,
                           const std::string& where) {
  if (is_matcher(expected)) return;
  if (expected.is_list() && shape.is_array() && !shape.empty()) {
    for (const Value& item : expected.items()) check_keys(item, shape.front(), where);
    return;
  }
  if (!expected.is_map() || !shape.is_object()) return;
  for (const MapEntry& e : expected.entries()) {
    if (shape.contains(e.key)) {
      check_keys(e.value, shape.at(e.key), where + "." + e.key);
      continue;
    }
    if (expects_absence(e.value)) continue;
    std::vector<std::string> known;
    for (auto it = shape.begin(); it != shape.end(); ++it) known.push_back(it.key());
    std::string hint = closest_name(e.key, known);
    d_.error(e.key_mark,
             fmt::format("{}: unknown field '{}' ({})", where, e.key,
                         hint.empty() ? "known: " + join(known) : "did you mean '" + hint + "'?"));
  }
}

}  // namespace scenarios::validation

namespace scenarios {

void StepIssues::at(std::string_view param, std::string message) {
  Mark mark = step_.mark;
  for (const MapEntry& e : step_.params.entries())
    if (e.key == param) mark = e.value.mark().line ? e.value.mark() : step_.mark;
  d_.error(mark, std::move(message));
}

void StepIssues::here(std::string message) { d_.error(step_.mark, std::move(message)); }

}  // namespace scenarios
