#include "scenarios/value.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace scenarios {
namespace {

bool is_int_text(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

bool is_decimal_text(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits = true;
    else if (c == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

// A plain scalar that reads back as the same string in a flow collection.
bool safe_plain(std::string_view s) {
  if (s.empty()) return false;
  // A leading '-' is an indicator only before a space: -1 and -0.5 stay numbers.
  bool negative_number = s.size() > 1 && s.front() == '-' && s[1] >= '0' && s[1] <= '9';
  if (!negative_number &&
      std::string_view("-?:,[]{}#&*!|>'\"%@` ").find(s.front()) != std::string_view::npos)
    return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  for (char c : s)
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n' || c == '\t')
      return false;
  return s.find(": ") == std::string_view::npos && s.find(" #") == std::string_view::npos;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace

Value Value::null(Mark mark) {
  Value v;
  v.mark_ = mark;
  return v;
}

Value Value::scalar(std::string text, bool quoted, Mark mark) {
  Value v;
  v.kind_ = Kind::Scalar;
  v.text_ = std::move(text);
  v.quoted_ = quoted;
  v.mark_ = mark;
  return v;
}

Value Value::list(std::vector<Value> items, Mark mark) {
  Value v;
  v.kind_ = Kind::List;
  v.items_ = std::move(items);
  v.mark_ = mark;
  return v;
}

Value Value::map(std::vector<MapEntry> entries, Mark mark) {
  Value v;
  v.kind_ = Kind::Map;
  v.entries_ = std::move(entries);
  v.mark_ = mark;
  return v;
}

std::optional<bool> Value::as_bool() const {
  if (kind_ != Kind::Scalar || quoted_) return std::nullopt;
  if (text_ == "true" || text_ == "True" || text_ == "TRUE") return true;
  if (text_ == "false" || text_ == "False" || text_ == "FALSE") return false;
  return std::nullopt;
}

std::optional<std::int64_t> Value::as_int() const {
  if (kind_ != Kind::Scalar || quoted_ || !is_int_text(text_)) return std::nullopt;
  std::string_view s = text_;
  if (s.front() == '+') s.remove_prefix(1);
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return out;
}

std::optional<double> Value::as_number() const {
  if (kind_ != Kind::Scalar || quoted_ || !is_decimal_text(text_)) return std::nullopt;
  return std::strtod(text_.c_str(), nullptr);
}

bool Value::is_string() const {
  return kind_ == Kind::Scalar && !as_bool() && !as_number();
}

const Value* Value::find(std::string_view key) const {
  const MapEntry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

const MapEntry* Value::find_entry(std::string_view key) const {
  for (const MapEntry& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

std::string_view Value::kind_name() const {
  switch (kind_) {
    case Kind::Null:
      return "null";
    case Kind::Scalar:
      return "a scalar";
    case Kind::List:
      return "a list";
    case Kind::Map:
      return "a mapping";
  }
  return "?";
}

std::string Value::to_flow() const {
  switch (kind_) {
    case Kind::Null:
      return "null";
    case Kind::Scalar:
      return (!quoted_ && safe_plain(text_)) ? text_ : quote(text_);
    case Kind::List: {
      std::string out = "[";
      for (size_t i = 0; i < items_.size(); ++i) out += (i ? ", " : "") + items_[i].to_flow();
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "{";
      for (size_t i = 0; i < entries_.size(); ++i) {
        const MapEntry& e = entries_[i];
        out +=
            (i ? ", " : "") + (safe_plain(e.key) ? e.key : quote(e.key)) + ": " + e.value.to_flow();
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace scenarios
