#include "scenarios/scenario.hpp"

namespace scenarios {

const Value* Params::get(std::string_view name) const {
  for (const MapEntry& e : entries_)
    if (e.key == name) return &e.value;
  return nullptr;
}

bool Params::has(std::string_view name) const {
  const Value* v = get(name);
  return v && !v->is_null();
}

std::string Params::str(std::string_view name, std::string fallback) const {
  const Value* v = get(name);
  return v && v->is_scalar() ? v->text() : fallback;
}

std::int64_t Params::integer(std::string_view name, std::int64_t fallback) const {
  const Value* v = get(name);
  auto n = v ? v->as_int() : std::nullopt;
  return n ? *n : fallback;
}

bool Params::boolean(std::string_view name, bool fallback) const {
  const Value* v = get(name);
  auto b = v ? v->as_bool() : std::nullopt;
  return b ? *b : fallback;
}

std::vector<std::string> Params::strings(std::string_view name) const {
  std::vector<std::string> out;
  const Value* v = get(name);
  if (!v) return out;
  if (v->is_scalar()) out.push_back(v->text());
  for (const Value& i : v->items())
    if (i.is_scalar()) out.push_back(i.text());
  return out;
}

std::string Scenario::binding_text() const {
  std::string out;
  for (size_t i = 0; i < bindings.size(); ++i)
    out += (i ? "," : "") + bindings[i].first + "=" + bindings[i].second;
  return out;
}

}  // namespace scenarios
