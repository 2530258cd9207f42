#include "scenarios/printer.hpp"

namespace scenarios {
namespace {

bool is_collection(const Value& v) {
  return v.is_list() || v.is_map();
}

// A list of mappings (the steps) is a block whatever its length, one item per line.
bool holds_mapping(const Value& v) {
  if (!v.is_list()) return false;
  for (const Value& item : v.items())
    if (item.is_map()) return true;
  return false;
}

std::string key_text(const std::string& key) {
  return Value::scalar(key, false).to_flow();
}

void block(std::string& out, const Value& v, int indent);

// After "key:" at `indent`: on the same line when it fits (or is not a collection), else as
// a block below, two columns in.
void value_after_key(std::string& out, const Value& v, int indent, size_t used) {
  std::string flow = v.to_flow();
  bool empty = (v.is_list() && v.items().empty()) || (v.is_map() && v.entries().empty());
  if (!is_collection(v) || empty || (!holds_mapping(v) && used + 1 + flow.size() <= kPrintWidth)) {
    out += " " + flow + "\n";
    return;
  }
  out += "\n";
  block(out, v, indent + 2);
}

// "- " then the item. A mapping (a step) is always a block whose first entry shares the
// dash's line; a list only when it does not fit; anything else in flow style.
void list_item(std::string& out, const Value& item, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string flow = item.to_flow();
  bool as_block = (item.is_map() && !item.entries().empty()) ||
                  (item.is_list() && !item.items().empty() &&
                   static_cast<size_t>(indent) + 2 + flow.size() > kPrintWidth);
  if (!as_block) {
    out += pad + "- " + flow + "\n";
    return;
  }
  std::string nested;
  block(nested, item, indent + 2);
  out += pad + "- " + nested.substr(static_cast<size_t>(indent) + 2);
}

void block(std::string& out, const Value& v, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_map()) {
    for (const MapEntry& e : v.entries()) {
      std::string head = pad + key_text(e.key) + ":";
      out += head;
      value_after_key(out, e.value, indent, head.size());
    }
  } else if (v.is_list()) {
    for (const Value& item : v.items()) list_item(out, item, indent);
  } else {
    out += pad + v.to_flow() + "\n";
  }
}

}  // namespace

std::string print_yaml(const Value& document, std::string_view leading_comment) {
  std::string out;
  size_t at = 0;
  while (at < leading_comment.size()) {
    size_t end = leading_comment.find('\n', at);
    if (end == std::string_view::npos) end = leading_comment.size();
    std::string_view line = leading_comment.substr(at, end - at);
    out += line.empty() ? "#\n" : "# " + std::string(line) + "\n";
    at = end + 1;
  }
  if (is_collection(document) && !((document.is_map() && document.entries().empty()) ||
                                   (document.is_list() && document.items().empty())))
    block(out, document, 0);
  else
    out += document.to_flow() + "\n";
  return out;
}

}  // namespace scenarios
