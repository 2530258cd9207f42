// The README's step tables, generated from the registry so they cannot drift from what the
// validator accepts and the runner does.
#include <fmt/core.h>

#include "scenarios/registry.hpp"

namespace scenarios {
namespace {

std::string cell(std::string text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string describe_param(const ParamSpec& p, const StepSpec& step) {
  std::string out = "`" + p.name + "`";
  if (p.default_value) out += " = " + *p.default_value;
  else if (!p.required) out += " (optional)";
  if (!p.choices.empty()) {
    std::string list;
    for (const std::string& c : p.choices) list += (list.empty() ? "`" : ", `") + c + "`";
    out += " (" + list + ")";
  }
  if (p.name == step.scalar_param) out += " (*scalar*)";
  return out + ": " + p.doc;
}

std::string describe_params(const StepSpec& s) {
  if (s.params.empty()) return "—";
  std::string out;
  for (const ParamSpec& p : s.params) out += (out.empty() ? "" : "<br>") + describe_param(p, s);
  if (s.open_fields) out += "<br>plus any field of the JSON it matches";
  if (!s.exactly_one_of.empty() || !s.at_least_one_of.empty()) {
    const auto& names = s.exactly_one_of.empty() ? s.at_least_one_of : s.exactly_one_of;
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "`" : ", `") + n + "`";
    out += fmt::format("<br>{} of {}", s.exactly_one_of.empty() ? "at least one" : "exactly one",
                       list);
  }
  return out;
}

}  // namespace

std::string steps_markdown() {
  std::string out;
  for (const ActorSpec& actor : actor_specs()) {
    out += fmt::format("#### {} — {}\n\n| step | parameters | does |\n|---|---|---|\n", actor.name,
                       actor.doc);
    for (const StepSpec& s : step_specs())
      if (s.actor() == actor.name)
        out += fmt::format("| `{}` | {} | {} |\n", s.name, cell(describe_params(s)), cell(s.doc));
    out += "\n";
  }
  return out;
}

}  // namespace scenarios
