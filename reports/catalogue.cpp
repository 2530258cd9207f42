#include "reports/catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/core.h>

namespace reports {

const char* name(RuleKind kind) {
  switch (kind) {
    case RuleKind::Behaviour:
      return "behaviour";
    case RuleKind::Config:
      return "config";
    case RuleKind::Ui:
      return "ui";
    case RuleKind::Info:
      return "info";
  }
  return "?";
}

const Rule* Catalogue::find(const std::string& id) const {
  for (const Rule& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

const Area* Catalogue::find_area(const std::string& code) const {
  for (const Area& a : areas)
    if (a.code == code) return &a;
  return nullptr;
}

std::string default_catalogue_path(const std::string& source_root) {
  return (std::filesystem::path(source_root) / "reports" / "catalogue" / "rules.yaml").string();
}

namespace {

std::optional<RuleKind> parse_kind(std::string_view s) {
  if (s == "behaviour") return RuleKind::Behaviour;
  if (s == "config") return RuleKind::Config;
  if (s == "ui") return RuleKind::Ui;
  if (s == "info") return RuleKind::Info;
  return std::nullopt;
}

// "AMT-009": upper-case area code, '-', three digits.
bool valid_rule_id(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || id.size() != dash + 4) return false;
  for (std::size_t i = 0; i < dash; ++i)
    if (id[i] < 'A' || id[i] > 'Z') return false;
  for (std::size_t i = dash + 1; i < id.size(); ++i)
    if (id[i] < '0' || id[i] > '9') return false;
  return true;
}

std::string trim_trailing(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.pop_back();
  return s;
}

// Collects every problem of the file (not just the first) so an author fixes them in one go.
// Unknown keys are ignored on purpose: the catalogue may grow fields the reports do not use.
class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  core::Result<Catalogue, std::string> load() {
    try {
      const YAML::Node root = YAML::LoadFile(path_);
      parse_root(root);
    } catch (const YAML::BadFile&) {
      return core::fail(fmt::format("{}: cannot open the rule catalogue", path_));
    } catch (const YAML::Exception& e) {
      error(e.mark, e.msg);
    } catch (const std::exception& e) {
      error(YAML::Mark::null_mark(), e.what());
    }
    if (!errors_.empty()) return core::fail(join_errors());
    return std::move(cat_);
  }

 private:
  void error(const YAML::Mark& mark, const std::string& msg) {
    if (mark.is_null() || mark.line < 0)
      errors_.push_back(fmt::format("{}: {}", path_, msg));
    else
      errors_.push_back(fmt::format("{}:{}: {}", path_, mark.line + 1, msg));
  }

  std::string join_errors() const {
    constexpr std::size_t kMax = 50;
    std::string out;
    for (std::size_t i = 0; i < errors_.size() && i < kMax; ++i) {
      if (i) out += '\n';
      out += errors_[i];
    }
    if (errors_.size() > kMax) out += fmt::format("\n… and {} more", errors_.size() - kMax);
    return out;
  }

  // Scalar text at parent[key]; nullopt (and an error if required) when absent or not text.
  std::optional<std::string> text(const YAML::Node& parent, const char* key, bool required,
                                  const std::string& where) {
    const YAML::Node n = parent[key];
    if (!n.IsDefined() || n.IsNull()) {
      if (required) error(parent.Mark(), fmt::format("{}: missing '{}'", where, key));
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      error(n.Mark(), fmt::format("{}: '{}' must be text", where, key));
      return std::nullopt;
    }
    return trim_trailing(n.Scalar());
  }

  // A list of text items; a single scalar counts as a one-item list.
  std::vector<std::string> text_list(const YAML::Node& parent, const char* key,
                                     const std::string& where,
                                     std::vector<YAML::Mark>* marks = nullptr) {
    std::vector<std::string> out;
    const YAML::Node n = parent[key];
    if (!n.IsDefined() || n.IsNull()) return out;
    if (n.IsScalar()) {
      out.push_back(trim_trailing(n.Scalar()));
      if (marks) marks->push_back(n.Mark());
      return out;
    }
    if (!n.IsSequence()) {
      error(n.Mark(), fmt::format("{}: '{}' must be a list", where, key));
      return out;
    }
    for (const YAML::Node& item : n) {
      if (!item.IsScalar()) {
        error(item.Mark(), fmt::format("{}: items of '{}' must be text", where, key));
        continue;
      }
      out.push_back(trim_trailing(item.Scalar()));
      if (marks) marks->push_back(item.Mark());
    }
    return out;
  }

  YAML::Node sequence(const YAML::Node& root, const char* key, bool required) {
    const YAML::Node n = root[key];
    if (!n.IsDefined() || n.IsNull()) {
      if (required) error(root.Mark(), fmt::format("missing top-level '{}' list", key));
      return YAML::Node();
    }
    if (!n.IsSequence()) {
      error(n.Mark(), fmt::format("'{}' must be a list", key));
      return YAML::Node();
    }
    return n;
  }

  void parse_root(const YAML::Node& root) {
    if (!root.IsMap()) {
      error(root.Mark(), "the catalogue must be a mapping with 'catalogue', 'areas' and 'rules'");
      return;
    }
    const YAML::Node head = root["catalogue"];
    if (!head.IsDefined() || !head.IsMap()) {
      error(head.IsDefined() ? head.Mark() : root.Mark(), "missing 'catalogue' mapping");
    } else {
      cat_.title = text(head, "title", true, "catalogue").value_or("");
      cat_.source_file = text(head, "source_file", false, "catalogue").value_or("");
      cat_.source_title = text(head, "source_title", false, "catalogue").value_or("");
    }
    for (const YAML::Node& n : sequence(root, "areas", true)) parse_area(n);
    for (const YAML::Node& n : sequence(root, "decisions", false)) parse_decision(n);
    for (const YAML::Node& n : sequence(root, "rules", true)) parse_rule(n);
    check_references();
  }

  void parse_area(const YAML::Node& n) {
    if (!n.IsMap()) return error(n.Mark(), "an area must be a mapping");
    Area a;
    a.code = text(n, "code", true, "area").value_or("");
    a.name = text(n, "name", true, "area " + a.code).value_or("");
    a.description = text(n, "description", false, "area " + a.code).value_or("");
    if (a.code.empty()) return;
    if (!area_marks_.emplace(a.code, n.Mark()).second)
      return error(n.Mark(), fmt::format("duplicate area code '{}'", a.code));
    cat_.areas.push_back(std::move(a));
  }

  void parse_decision(const YAML::Node& n) {
    if (!n.IsMap()) return error(n.Mark(), "a decision must be a mapping");
    Decision d;
    const YAML::Node num = n["number"];
    if (!num.IsDefined() || !num.IsScalar()) {
      error(n.Mark(), "decision: missing 'number'");
    } else {
      try {
        d.number = num.as<int>();
      } catch (const YAML::Exception&) {
        error(num.Mark(),
              fmt::format("decision: 'number' must be an integer, got '{}'", num.Scalar()));
      }
    }
    const std::string where = fmt::format("decision {}", d.number);
    d.title = text(n, "title", true, where).value_or("");
    d.text = text(n, "text", true, where).value_or("");
    std::vector<YAML::Mark> marks;
    d.rules = text_list(n, "rules", where, &marks);
    for (std::size_t i = 0; i < d.rules.size(); ++i)
      pending_refs_.push_back({d.rules[i], marks[i], where});
    if (d.number != 0 && !decision_numbers_.insert(d.number).second)
      error(n.Mark(), fmt::format("duplicate decision number {}", d.number));
    cat_.decisions.push_back(std::move(d));
  }

  void parse_rule(const YAML::Node& n) {
    if (!n.IsMap()) return error(n.Mark(), "a rule must be a mapping");
    Rule r;
    r.id = text(n, "id", true, "rule").value_or("");
    const std::string where = r.id.empty() ? std::string("rule") : "rule " + r.id;
    if (!r.id.empty()) {
      if (!valid_rule_id(r.id))
        error(n["id"].Mark(), fmt::format("{}: ID must look like AREA-NNN", where));
      if (!rule_ids_.insert(r.id).second)
        error(n["id"].Mark(), fmt::format("duplicate rule ID '{}'", r.id));
    }
    r.area = text(n, "area", true, where).value_or("");
    if (!r.area.empty()) {
      if (!area_marks_.count(r.area))
        error(n["area"].Mark(),
              fmt::format("{}: unknown area '{}' (not in 'areas')", where, r.area));
      else if (valid_rule_id(r.id) && r.id.substr(0, r.id.find('-')) != r.area)
        error(n["area"].Mark(), fmt::format("{}: ID does not match area '{}'", where, r.area));
    }
    r.title = text(n, "title", true, where).value_or("");
    if (const auto kind = text(n, "kind", true, where)) {
      if (const auto k = parse_kind(*kind))
        r.kind = *k;
      else
        error(n["kind"].Mark(),
              fmt::format("{}: unknown kind '{}' (behaviour, config, ui or info)", where, *kind));
    }
    const YAML::Node source = n["source"];
    if (!source.IsDefined() || !source.IsMap()) {
      error(source.IsDefined() ? source.Mark() : n.Mark(),
            fmt::format("{}: missing 'source' mapping (lines, quotes)", where));
    } else {
      r.source_lines = text(source, "lines", true, where + " source").value_or("");
      r.quotes = text_list(source, "quotes", where + " source");
    }
    r.statement = text(n, "statement", true, where).value_or("");
    r.interpretation = text(n, "interpretation", false, where).value_or("");
    r.unobservable_changes = text(n, "unobservable_changes", false, where).value_or("");
    const std::optional<std::string> not_testable = text(n, "not_testable", false, where);
    r.not_testable = not_testable.value_or("");
    if (r.kind == RuleKind::Info && r.not_testable.empty())
      error(n.Mark(), fmt::format("{}: kind info needs a 'not_testable' reason", where));
    if (r.kind != RuleKind::Info && not_testable)
      error(n["not_testable"].Mark(),
            fmt::format("{}: 'not_testable' is only for kind info (this is {})", where,
                        name(r.kind)));
    std::vector<YAML::Mark> marks;
    r.cross_ref = text_list(n, "cross_ref", where, &marks);
    for (std::size_t i = 0; i < r.cross_ref.size(); ++i)
      pending_refs_.push_back({r.cross_ref[i], marks[i], where + " cross_ref"});
    if (const YAML::Node v = n["variant_dependent"]; v.IsDefined() && !v.IsNull()) {
      try {
        r.variant_dependent = v.as<bool>();
      } catch (const YAML::Exception&) {
        error(v.Mark(), fmt::format("{}: 'variant_dependent' must be true or false", where));
      }
    }
    cat_.rules.push_back(std::move(r));
  }

  // Cross references can point forward, so they are checked once every ID is known.
  void check_references() {
    for (const PendingRef& ref : pending_refs_)
      if (!rule_ids_.count(ref.id))
        error(ref.mark, fmt::format("{}: unknown rule ID '{}'", ref.where, ref.id));
  }

  struct PendingRef {
    std::string id;
    YAML::Mark mark;
    std::string where;
  };

  std::string path_;
  Catalogue cat_;
  std::vector<std::string> errors_;
  std::map<std::string, YAML::Mark> area_marks_;
  std::set<std::string> rule_ids_;
  std::set<int> decision_numbers_;
  std::vector<PendingRef> pending_refs_;
};

}  // namespace

core::Result<Catalogue, std::string> Catalogue::load(const std::string& path) {
  return Loader(path).load();
}

}  // namespace reports
