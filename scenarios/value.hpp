// A YAML document as the runner sees it: null, scalars, lists and mappings, each with the
// line and column it came from. yaml-cpp is confined to yaml_loader.cpp; everything else
// (validation, matrix substitution, matching) works on this tree, so every message can
// point at the exact place in the scenario file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scenarios {

// 1-based position in a file; 0 when unknown (e.g. a default filled in by the validator).
struct Mark {
  int line = 0;
  int column = 0;
};

struct MapEntry;

class Value {
 public:
  enum class Kind { Null, Scalar, List, Map };

  Value() = default;
  static Value null(Mark mark = {});
  // `quoted`: the scalar was written in quotes, so it is a string whatever it looks like.
  static Value scalar(std::string text, bool quoted, Mark mark = {});
  static Value list(std::vector<Value> items, Mark mark = {});
  static Value map(std::vector<MapEntry> entries, Mark mark = {});

  Kind kind() const { return kind_; }
  Mark mark() const { return mark_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_scalar() const { return kind_ == Kind::Scalar; }
  bool is_list() const { return kind_ == Kind::List; }
  bool is_map() const { return kind_ == Kind::Map; }

  // ---- scalars (YAML 1.2 core schema for plain scalars; quoted ones are always strings)
  const std::string& text() const { return text_; }
  bool quoted() const { return quoted_; }
  std::optional<bool> as_bool() const;         // plain true/false (any case)
  std::optional<std::int64_t> as_int() const;  // plain -?[0-9]+
  std::optional<double> as_number() const;     // plain int or decimal
  bool is_string() const;  // a scalar that is neither bool nor number when plain

  // ---- lists and mappings
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<MapEntry>& entries() const { return entries_; }
  std::vector<MapEntry>& entries() { return entries_; }
  const Value* find(std::string_view key) const;
  const MapEntry* find_entry(std::string_view key) const;

  // "a scalar", "a list", "a mapping", "null": for messages.
  std::string_view kind_name() const;

  // The value on one line in YAML flow style: {order: "#1", quantity: 2}.
  std::string to_flow() const;

 private:
  Kind kind_ = Kind::Null;
  Mark mark_;
  std::string text_;
  bool quoted_ = false;
  std::vector<Value> items_;
  std::vector<MapEntry> entries_;
};

struct MapEntry {
  std::string key;
  Mark key_mark;
  Value value;
};

}  // namespace scenarios
