#include "scenarios/yaml_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/core.h>

namespace scenarios {
namespace {

// yaml-cpp counts columns in bytes; people and editors count characters, which differ on
// every line with Japanese text. The column is recounted in UTF-8 code points.
Mark mark_of(const YAML::Mark& m, const std::string& text) {
  if (m.line < 0) return {};
  if (m.pos < 0 || static_cast<size_t>(m.pos) > text.size()) return Mark{m.line + 1, m.column + 1};
  size_t pos = static_cast<size_t>(m.pos);
  size_t newline = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
  size_t line_start = newline == std::string::npos ? 0 : newline + 1;
  int column = 1;
  for (size_t i = line_start; i < pos; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return Mark{m.line + 1, column};
}

// `{error: 金額は1,000万円までです。}` is two keys in YAML: the comma ends the value and
// "000万円までです。" becomes a key without a colon. That is legal YAML but never meant in a
// scenario, so it is reported: a null value with no ':' between its key and itself.
bool key_without_colon(const std::string& text, const YAML::Mark& key, const YAML::Mark& value) {
  if (key.pos < 0 || value.pos < key.pos || static_cast<size_t>(value.pos) > text.size())
    return false;
  return text.substr(key.pos, value.pos - key.pos).find(':') == std::string::npos;
}

Value convert(const YAML::Node& node, const std::string& text, Diagnostics& diagnostics) {
  Mark mark = mark_of(node.Mark(), text);
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Value::null(mark);
    case YAML::NodeType::Scalar:
      // yaml-cpp tags plain scalars "?" and quoted or block ones "!".
      return Value::scalar(node.Scalar(), node.Tag() != "?", mark);
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const YAML::Node& item : node) items.push_back(convert(item, text, diagnostics));
      return Value::list(std::move(items), mark);
    }
    case YAML::NodeType::Map: {
      std::vector<MapEntry> entries;
      for (const auto& kv : node) {
        Mark key_mark = mark_of(kv.first.Mark(), text);
        if (!kv.first.IsScalar()) {
          diagnostics.error(key_mark, "mapping keys must be plain text");
          continue;
        }
        std::string key = kv.first.Scalar();
        bool repeated = false;
        for (const MapEntry& e : entries) repeated = repeated || e.key == key;
        if (repeated) {
          diagnostics.error(key_mark, fmt::format("key '{}' appears twice in this mapping", key));
          continue;
        }
        if (kv.second.IsNull() && key_without_colon(text, kv.first.Mark(), kv.second.Mark())) {
          // The "key" is the tail of a value cut by a comma: report it once, don't keep it.
          diagnostics.error(key_mark,
                            fmt::format("'{}' has no value: in a flow mapping {{…}} a comma "
                                        "ends the value before it; quote text with commas",
                                        key));
          continue;
        }
        entries.push_back(MapEntry{key, key_mark, convert(kv.second, text, diagnostics)});
      }
      return Value::map(std::move(entries), mark);
    }
  }
  return Value::null(mark);
}

}  // namespace

std::vector<Value> load_yaml(const std::string& text, Diagnostics& diagnostics) {
  std::vector<Value> out;
  try {
    for (const YAML::Node& doc : YAML::LoadAll(text)) {
      if (doc.IsNull() && doc.Tag().empty()) continue;  // an empty document ("---" at the end)
      out.push_back(convert(doc, text, diagnostics));
    }
  } catch (const YAML::Exception& e) {
    diagnostics.error(mark_of(e.mark, text), "YAML syntax error: " + e.msg);
    out.clear();
  }
  return out;
}

}  // namespace scenarios
