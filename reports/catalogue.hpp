// The project's rule catalogue (reports/catalogue/rules.yaml): every rule of the futureshop
// Amazon Pay help page with its stable ID, the exact Japanese source quotes, our statement,
// and the interpretation adopted where the page is ambiguous.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace reports {

enum class RuleKind { Behaviour, Config, Ui, Info };
const char* name(RuleKind kind);  // "behaviour", "config", "ui", "info"

struct Rule {
  std::string id;     // "AMT-009"
  std::string area;   // "AMT"
  std::string title;  // short English title
  RuleKind kind = RuleKind::Behaviour;
  std::string source_lines;         // "L369-L370" as in the spec
  std::vector<std::string> quotes;  // exact Japanese quotes ("…" where shortened)
  std::string statement;            // what must hold, in our words
  std::string interpretation;       // adopted reading; empty when none
  std::string not_testable;         // reason; non-empty exactly for kind Info
  // Changes to the rule's behaviour that no scenario can observe, and why (found by the
  // mutation check, docs/mutation/); empty when every known mutant is caught.
  std::string unobservable_changes;
  std::vector<std::string> cross_ref;
  bool variant_dependent = false;
};

struct Area {
  std::string code, name, description;
};

struct Decision {
  int number = 0;
  std::string title, text;
  std::vector<std::string> rules;
};

struct Catalogue {
  std::string title;
  std::string source_title;
  std::string source_file;  // relative to the catalogue file
  std::vector<Area> areas;
  std::vector<Decision> decisions;
  std::vector<Rule> rules;

  const Rule* find(const std::string& id) const;
  const Area* find_area(const std::string& code) const;

  // Loads and validates (unique IDs, known kinds and areas, not_testable iff info).
  // The error names the file and, where known, the line.
  static core::Result<Catalogue, std::string> load(const std::string& path);
};

// Path of the catalogue inside a source tree: <root>/reports/catalogue/rules.yaml.
std::string default_catalogue_path(const std::string& source_root);

}  // namespace reports
