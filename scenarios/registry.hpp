// The scenario language in one table: top-level keys, shop settings, product fields and every
// step with its parameters and its handler. Each step is declared once, next to its handler
// (scenarios/steps/<actor>.cpp), with a typed parameter struct (typed_params.hpp); from that
// declaration come the validator's checks, the JSON Schema (scenario.schema.json), the
// README's step tables (`conformance docs`) and what the runner calls, so none can drift.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scenarios {

enum class ParamType {
  String,        // any scalar, taken as text
  Int,           // plain integer
  Bool,          // true / false
  Span,          // "30d", "1d12h", "13mo" (core::parse_time_span)
  Duration,      // like Span without months (core::parse_duration)
  Timestamp,     // 2026-01-05T10:00:00+09:00 (core::parse_instant)
  Enum,          // one of `choices`
  OrderRef,      // "#1", "last" or a literal order number
  MemberRef,     // "#1", "last" or a member id
  SubscriptionRef,  // "#1", "last" or a 申込番号
  ProductRef,    // a product code of the scenario's catalogue
  Expected,      // any value, $-matchers allowed: matched against the actual JSON
  Object,        // a mapping of expectations matched against raw JSON
  Patterns,      // "POST /v2/charges" or a list of such patterns
  Fields,        // a closed mapping described by `fields`
  BoolOrFields,  // true / false, or a closed mapping described by `fields`
  StringList,    // a list of scalars
  Settings,      // shop settings (settings_fields())
  // Top level only.
  Id,
  RuleList,
  Matrix,
  Products,
  Steps,
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::String;
  bool required = false;
  std::optional<std::string> default_value;  // YAML text, applied when the key is absent
  std::string doc;
  std::vector<std::string> choices;  // Enum
  std::vector<ParamSpec> fields;     // Fields, BoolOrFields
  bool matcher_ok = false;           // an expectation key: a $-matcher may replace the value
};

struct Step;
struct StepOutcome;
class ScenarioContext;
class StepIssues;

// What an open-field step's extra keys are matched against, for `validate`'s key checks.
enum class FieldShape { None, Screen, OrderDetail, Member, Notifications, Subscription };

struct StepSpec {
  std::string name;  // "admin.capture"
  std::string doc;
  std::vector<ParamSpec> params;
  std::string scalar_param;  // `clock.advance: 30d` binds the scalar to this parameter
  bool open_fields = false;  // keys other than `params` are expectations on the JSON
  FieldShape shape = FieldShape::None;  // for open fields: the JSON they must name
  std::vector<std::string> exactly_one_of;  // parameters of which exactly one must be given
  std::vector<std::string> at_least_one_of;
  // Decodes the step's typed parameters and runs its handler.
  std::function<StepOutcome(ScenarioContext&, const Step&)> run;
  // What the types cannot express, checked before anything runs; may be empty.
  std::function<void(const Step&, StepIssues&)> check;
  bool is_expect() const { return name.rfind("expect.", 0) == 0; }
  std::string actor() const { return name.substr(0, name.find('.')); }
};

const std::vector<StepSpec>& step_specs();
const StepSpec* find_step(std::string_view name);
// The registered step nearest to a misspelt one, for "did you mean" hints; empty if none.
std::string closest_step(std::string_view name);
// The candidate nearest to `name` (at most 3 edits away), for "did you mean" hints.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// The actors, in the order the README presents them, with a one-line description each.
struct ActorSpec {
  std::string name;  // "customer"
  std::string doc;
};
const std::vector<ActorSpec>& actor_specs();

const std::vector<ParamSpec>& top_level_keys();
const std::vector<ParamSpec>& settings_fields();  // `shop:` and admin.update_settings
const std::vector<ParamSpec>& product_fields();

// The $-matchers of expectations: {$contains: text}, {$not: v}, ...
struct MatcherSpec {
  std::string name;    // "$contains"
  ParamType argument;  // String, Expected, Bool (true/false), StringList (a list of values)
  std::string doc;
};
const std::vector<MatcherSpec>& matcher_specs();
const MatcherSpec* find_matcher(std::string_view name);

// The README's tables of steps, one per actor, from the registry (`conformance docs`).
std::string steps_markdown();

// Default simulated start (2026-01-05T00:00:00Z) and catalogue, as YAML text for the docs.
inline constexpr std::string_view kDefaultStart = "2026-01-05T00:00:00Z";

struct DefaultProduct {
  const char* code;
  const char* name;
  long long price;
  const char* type;
};
const std::vector<DefaultProduct>& default_products();

}  // namespace scenarios
