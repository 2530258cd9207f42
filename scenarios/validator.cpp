#include "scenarios/validator.hpp"
#include "scenarios/properties.hpp"
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

std::string got(const Value& v) {
  if (v.is_scalar()) return fmt::format("got \"{}\"", v.text());
  return fmt::format("got {}", v.kind_name());
}

std::vector<std::string> names_of(const std::vector<ParamSpec>& specs) {
  std::vector<std::string> out;
  for (const ParamSpec& p : specs) out.push_back(p.name);
  return out;
}

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, std::string_view name) {
  for (const ParamSpec& p : specs)
    if (p.name == name) return &p;
  return nullptr;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

bool valid_variable(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool valid_reference(std::string_view text) {
  if (text.empty()) return false;
  if (text[0] != '#') return true;
  if (text.size() < 2 || text[1] == '0') return false;
  return std::all_of(text.begin() + 1, text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool valid_pattern(std::string_view p) {
  size_t space = p.find(' ');
  if (space != std::string_view::npos) {
    std::string_view method = p.substr(0, space);
    if (method != "GET" && method != "POST" && method != "PATCH" && method != "PUT" &&
        method != "DELETE")
      return false;
    p = p.substr(space + 1);
  }
  return !p.empty() && p[0] == '/' && p.find(' ') == std::string_view::npos;
}

// `{$absent: true}`: asserting that a field does not exist is how a scenario checks absence.
bool expects_absence(const Value& v) {
  return v.is_map() && v.entries().size() == 1 && v.entries().front().key == "$absent" &&
         v.entries().front().value.as_bool().value_or(false);
}

bool is_matcher(const Value& v) {
  return v.is_map() && !v.entries().empty() && !v.entries().front().key.empty() &&
         v.entries().front().key[0] == '$';
}


void Validator::check_rules(const Value& v, std::string_view key) {
  if (!v.is_list()) {
    d_.error(v.mark(),
             fmt::format("'{}' must be a list of rule IDs such as [FLOW-004] ({})", key, got(v)));
    return;
  }
  for (const Value& item : v.items()) {
    if (!item.is_scalar()) {
      d_.error(item.mark(), fmt::format("'{}' entries must be rule IDs ({})", key, got(item)));
    } else if (catalogue_ && !catalogue_->find(item.text())) {
      d_.error(
          item.mark(),
          fmt::format("unknown rule ID '{}' (not in reports/catalogue/rules.yaml)", item.text()));
    }
  }
}

bool Validator::check_matrix(const Value& v, std::vector<Bindings>& combinations) {
  combinations = {Bindings{}};
  if (v.is_null()) return true;
  if (!v.is_map() || v.entries().empty()) {
    d_.error(v.mark(),
             "'matrix' must be a mapping of variable → list of values, e.g. "
             "{variant: [CC_NONE, CC_LIVE]}");
    return false;
  }
  bool ok = true;
  for (const MapEntry& e : v.entries()) {
    if (!valid_variable(e.key)) {
      d_.error(e.key_mark,
               fmt::format("matrix variable '{}' must be [A-Za-z_][A-Za-z0-9_]*", e.key));
      ok = false;
      continue;
    }
    if (!e.value.is_list() || e.value.items().empty()) {
      d_.error(e.value.mark(),
               fmt::format("matrix variable '{}' needs a non-empty list of values ({})", e.key,
                           got(e.value)));
      ok = false;
      continue;
    }
    std::vector<Bindings> next;
    for (const Bindings& b : combinations) {
      for (const Value& item : e.value.items()) {
        if (!item.is_scalar()) {
          d_.error(item.mark(), fmt::format("matrix values must be scalars ({})", got(item)));
          ok = false;
          continue;
        }
        Bindings with = b;
        with.emplace_back(e.key, item.text());
        next.push_back(std::move(with));
      }
    }
    combinations = std::move(next);
  }
  return ok;
}

std::vector<std::string> Validator::check_products(const Value& v) {
  std::vector<std::string> codes;
  if (!v.is_list()) {
    d_.error(v.mark(),
             fmt::format("'products' must be a list of {{code, name, price, type}} ({})", got(v)));
    return codes;
  }
  for (size_t i = 0; i < v.items().size(); ++i) {
    const Value& p = v.items()[i];
    std::string where = fmt::format("products[{}]", i + 1);
    check_fields(product_fields(), p, where);
    if (const Value* code = p.is_map() ? p.find("code") : nullptr; code && code->is_scalar()) {
      if (std::find(codes.begin(), codes.end(), code->text()) != codes.end())
        d_.error(code->mark(), fmt::format("product code '{}' appears twice", code->text()));
      codes.push_back(code->text());
    }
  }
  return codes;
}

// A closed mapping: every key known, required keys present, each value of its type.
ValidatedDocument Validator::document(const Value& doc, const std::string& file) {
  ValidatedDocument out;
  if (!doc.is_map()) {
    d_.error(doc.mark(),
             fmt::format("a scenario is a mapping with id, title, rules and steps ({})", got(doc)));
    return out;
  }
  size_t errors_before = d_.size();
  for (const MapEntry& e : doc.entries())
    if (!find_param(top_level_keys(), e.key))
      d_.error(e.key_mark, fmt::format("unknown top-level key '{}' (known: {})", e.key,
                                       join(names_of(top_level_keys()))));
  for (const ParamSpec& k : top_level_keys())
    if (k.required && !doc.find(k.name))
      d_.error(doc.mark(), fmt::format("missing required key '{}'", k.name));

  Scenario base;
  base.file = file;
  if (const MapEntry* id = doc.find_entry("id")) {
    check_value(*find_param(top_level_keys(), "id"), id->value, id->key_mark, "'id'");
    if (id->value.is_scalar()) {
      out.id = id->value.text();
      out.id_mark = id->value.mark();
    }
    base.id = out.id;
    base.mark = out.id_mark;
  }
  if (const MapEntry* title = doc.find_entry("title")) {
    check_value(*find_param(top_level_keys(), "title"), title->value, title->key_mark, "'title'");
    base.title = title->value.text();
  }
  for (const char* key : {"rules", "assumes"}) {
    const Value* v = doc.find(key);
    if (!v) continue;
    check_rules(*v, key);
    auto& list = std::string_view(key) == "rules" ? base.rules : base.assumes;
    if (v->is_list())
      for (const Value& i : v->items()) list.push_back(i.text());
  }
  if (const Value* rules = doc.find("rules"); rules && rules->is_list() && rules->items().empty())
    d_.error(rules->mark(), "'rules' must name at least one rule");
  if (const MapEntry* table = doc.find_entry("charge_table")) {
    check_value(*find_param(top_level_keys(), "charge_table"), table->value, table->key_mark,
                "'charge_table'");
    base.charge_table = table->value.text();
  }
  if (const MapEntry* props = doc.find_entry("properties")) {
    check_value(*find_param(top_level_keys(), "properties"), props->value, props->key_mark,
                "'properties'");
    for (const Value& item : props->value.is_list() ? props->value.items() : std::vector<Value>{}) {
      if (!parse_world_property(item.text())) {
        std::vector<std::string> names;
        for (WorldProperty p : world_properties()) names.emplace_back(name(p));
        d_.error(item.mark(), fmt::format("unknown property '{}' (known: {})", item.text(),
                                          join(names)));
        continue;
      }
      base.properties.push_back(item.text());
    }
  }
  base.start = *core::parse_instant(kDefaultStart);
  if (const MapEntry* start = doc.find_entry("start")) {
    check_value(*find_param(top_level_keys(), "start"), start->value, start->key_mark, "'start'");
    if (auto t = start->value.is_scalar() ? core::parse_instant(start->value.text()) : std::nullopt)
      base.start = *t;
  }
  std::vector<Bindings> combinations;
  const Value* matrix = doc.find("matrix");
  bool matrix_ok = check_matrix(matrix ? *matrix : Value::null(), combinations);

  const Value* steps = doc.find("steps");
  if (steps && (!steps->is_list() || steps->items().empty())) {
    d_.error(steps->mark(),
             fmt::format("'steps' must be a non-empty list of steps ({})", got(*steps)));
    steps = nullptr;
  }
  if (!matrix_ok) return out;

  for (const Bindings& bindings : combinations) {
    Scenario s = base;
    s.bindings = bindings;
    s.result_id = s.id;
    if (!bindings.empty()) s.result_id += "[" + s.binding_text() + "]";
    product_codes_.clear();
    if (const Value* products = doc.find("products")) {
      s.products = substitute(*products, bindings, d_);
      product_codes_ = check_products(s.products);
    } else {
      for (const DefaultProduct& p : default_products()) product_codes_.emplace_back(p.code);
    }
    if (const Value* shop = doc.find("shop")) {
      s.shop = substitute(*shop, bindings, d_);
      check_fields(settings_fields(), s.shop, "shop");
    }
    if (steps) {
      Value expanded = substitute(*steps, bindings, d_);
      int index = 0;
      for (const Value& item : expanded.items())
        if (auto step = check_step(item, ++index)) s.steps.push_back(std::move(*step));
    }
    out.scenarios.push_back(std::move(s));
  }
  if (d_.size() != errors_before) out.scenarios.clear();
  return out;
}

}  // namespace scenarios::validation

namespace scenarios {

ValidatedDocument validate_document(const Value& document, const std::string& file,
                                    const reports::Catalogue* catalogue, Diagnostics& diagnostics) {
  return validation::Validator(diagnostics, catalogue).document(document, file);
}

}  // namespace scenarios
