#include "scenarios/schema.hpp"

#include <nlohmann/json.hpp>

#include "scenarios/registry.hpp"

namespace scenarios {
namespace {

using nlohmann::json;
using T = ParamType;

// A ${variable} of a matrix may stand where a number, boolean or choice is expected.
json placeholder_ref() {
  return json{{"$ref", "#/$defs/placeholder"}};
}

json or_placeholder(json schema) {
  return json{{"anyOf", json::array({std::move(schema), placeholder_ref()})}};
}

json fields_schema(const std::vector<ParamSpec>& fields, bool closed);

json type_schema(const ParamSpec& p) {
  switch (p.type) {
    case T::String:
    case T::OrderRef:
    case T::MemberRef:
    case T::SubscriptionRef:
    case T::ProductRef:
      return json{{"$ref", "#/$defs/text"}};
    case T::Id:
      return json{{"type", "string"}, {"pattern", "^[A-Za-z0-9._-]+$"}};
    case T::Int:
      return or_placeholder(json{{"type", "integer"}});
    case T::Bool:
      return or_placeholder(json{{"type", "boolean"}});
    case T::Span:
      return or_placeholder(json{{"$ref", "#/$defs/span"}});
    case T::Duration:
      return or_placeholder(json{{"$ref", "#/$defs/duration"}});
    case T::Timestamp:
      return json{{"$ref", "#/$defs/timestamp"}};
    case T::Enum:
      return or_placeholder(json{{"enum", p.choices}});
    case T::Expected:
      return json{{"$ref", "#/$defs/expected"}};
    case T::Object:
      return json{{"type", "object"}};
    case T::Patterns:
      return json{
          {"anyOf", json::array({json{{"$ref", "#/$defs/call_pattern"}},
                                 json{{"type", "array"},
                                      {"items", json{{"$ref", "#/$defs/call_pattern"}}}}})}};
    case T::Fields:
      return fields_schema(p.fields, true);
    case T::BoolOrFields:
      return json{
          {"anyOf", json::array({json{{"type", "boolean"}}, fields_schema(p.fields, true)})}};
    case T::StringList:
      return json{{"type", "array"}, {"items", json{{"$ref", "#/$defs/text"}}}};
    case T::Settings:
      return json{{"$ref", "#/$defs/shop_settings"}};
    case T::RuleList:
      return json{{"type", "array"},
                  {"items", json{{"type", "string"}, {"pattern", "^[A-Z]+-[0-9]{3}$"}}}};
    case T::Matrix:
      return json{
          {"type", "object"},
          {"propertyNames", json{{"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
          {"additionalProperties",
           json{{"type", "array"}, {"minItems", 1}, {"items", json{{"$ref", "#/$defs/text"}}}}}};
    case T::Products:
      return json{{"type", "array"}, {"items", json{{"$ref", "#/$defs/product"}}}};
    case T::Steps:
      return json{{"type", "array"}, {"minItems", 1}, {"items", json{{"$ref", "#/$defs/step"}}}};
  }
  return json::object();
}

json param_schema(const ParamSpec& p) {
  json s = type_schema(p);
  if (p.matcher_ok)
    s = json{{"anyOf", json::array({std::move(s), json{{"type", "null"}},
                                    json{{"$ref", "#/$defs/matcher"}}})}};
  std::string doc = p.doc;
  if (p.default_value) doc += " (default " + *p.default_value + ")";
  s["description"] = doc;
  return s;
}

json fields_schema(const std::vector<ParamSpec>& fields, bool closed) {
  json props = json::object();
  json required = json::array();
  for (const ParamSpec& f : fields) {
    props[f.name] = param_schema(f);
    if (f.required) required.push_back(f.name);
  }
  json s{{"type", "object"}, {"properties", props}};
  if (!required.empty()) s["required"] = required;
  if (closed) s["additionalProperties"] = false;
  return s;
}

json step_params_schema(const StepSpec& step) {
  bool any_required = false;
  for (const ParamSpec& p : step.params) any_required = any_required || p.required;
  json object = fields_schema(step.params, !step.open_fields);
  if (step.open_fields) object["additionalProperties"] = json{{"$ref", "#/$defs/expected"}};
  if (!step.at_least_one_of.empty()) object["minProperties"] = 1;
  json forms = json::array({object});
  if (!any_required && step.at_least_one_of.empty() && step.exactly_one_of.empty())
    forms.push_back(json{{"type", "null"}});
  if (!step.scalar_param.empty()) {
    for (const ParamSpec& p : step.params)
      if (p.name == step.scalar_param) forms.push_back(type_schema(p));
  }
  json s = forms.size() == 1 ? forms[0] : json{{"anyOf", forms}};
  s["description"] = step.doc;
  return s;
}

json matcher_schema() {
  json forms = json::array();
  for (const MatcherSpec& m : matcher_specs()) {
    json arg;
    switch (m.argument) {
      case T::String:
        arg = json{{"$ref", "#/$defs/text"}};
        break;
      case T::Bool:
        arg = json{{"type", "boolean"}};
        break;
      case T::StringList:
        arg =
            json{{"type", "array"}, {"minItems", 1}, {"items", json{{"$ref", "#/$defs/expected"}}}};
        break;
      default:
        arg = json{{"$ref", "#/$defs/expected"}};
        break;
    }
    forms.push_back(json{{"type", "object"},
                         {"properties", json{{m.name, arg}}},
                         {"required", json::array({m.name})},
                         {"additionalProperties", false},
                         {"description", m.doc}});
  }
  return json{{"oneOf", forms}};
}

}  // namespace

std::string scenario_schema() {
  json step_names = json::array();
  json step_props = json::object();
  for (const StepSpec& s : step_specs()) {
    step_props[s.name] = step_params_schema(s);
    bool bare_ok = s.at_least_one_of.empty() && s.exactly_one_of.empty();
    for (const ParamSpec& p : s.params) bare_ok = bare_ok && !p.required;
    if (bare_ok) step_names.push_back(s.name);
  }
  json defs = json::object();
  defs["text"] = json{{"type", json::array({"string", "number", "boolean"})}};
  defs["placeholder"] = json{{"type", "string"},
                             {"pattern", "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}"},
                             {"description", "a matrix variable, substituted before validation"}};
  defs["span"] = json{{"type", "string"},
                      {"pattern", "^( *[0-9]+(mo|w|d|h|min|m|s))+ *$"},
                      {"description", "30s, 15m, 24h, 30d, 2w, 1d12h, 13mo"}};
  defs["duration"] = json{{"type", "string"},
                          {"pattern", "^( *[0-9]+(w|d|h|min|m|s))+ *$"},
                          {"description", "30m, 12h, 1d, 1d12h (no months)"}};
  defs["timestamp"] =
      json{{"type", "string"},
           {"description", "2026-01-05T10:00:00+09:00, 2026-01-05T01:00:00Z or 2026-01-05"}};
  defs["call_pattern"] = json{{"type", "string"},
                              {"pattern", "^((GET|POST|PATCH|PUT|DELETE) )?/[^ ]*$"},
                              {"description", "\"POST /v2/charges\" or \"/v2/chargePermissions\""}};
  defs["expected"] = json{{"description", "a value, or a $-matcher, matched against actual JSON"}};
  defs["matcher"] = matcher_schema();
  defs["shop_settings"] = fields_schema(settings_fields(), true);
  defs["product"] = fields_schema(product_fields(), true);
  defs["step"] =
      json{{"description", "a one-key mapping `actor.action: {params}`, or a bare step name"},
           {"oneOf", json::array({json{{"type", "string"}, {"enum", step_names}},
                                  json{{"type", "object"},
                                       {"minProperties", 1},
                                       {"maxProperties", 1},
                                       {"properties", step_props},
                                       {"additionalProperties", false}}})}};

  json top = fields_schema(top_level_keys(), true);
  top["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  top["$id"] = "https://futureshop.example/amazon-pay-conformance/scenario.schema.json";
  top["title"] = "Amazon Pay conformance scenario";
  top["description"] =
      "A scenario of the futureshop Amazon Pay conformance harness (see scenarios/README.md). "
      "Generated by `conformance schema`; do not edit.";
  top["$defs"] = defs;
  return top.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

}  // namespace scenarios
