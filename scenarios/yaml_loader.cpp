#include "scenarios/yaml_loader.hpp"

#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_set>
#include <utility>

#include <yaml-cpp/eventhandler.h>
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

// The text of the line holding byte `pos`.
std::string_view line_at(const std::string& text, std::size_t pos, std::size_t* start = nullptr) {
  std::size_t b = pos == 0 ? 0 : text.rfind('\n', pos - 1);
  b = b == std::string::npos || pos == 0 ? 0 : b + 1;
  std::size_t e = text.find('\n', pos);
  if (start) *start = b;
  return std::string_view(text).substr(b, (e == std::string::npos ? text.size() : e) - b);
}

// Where an unquoted '#' after "key:" on the key's own line starts a comment, if one does.
std::optional<YAML::Mark> comment_on_key_line(const std::string& text, const YAML::Mark& key) {
  if (key.pos < 0 || static_cast<std::size_t>(key.pos) >= text.size()) return std::nullopt;
  std::size_t start = 0;
  std::string_view line = line_at(text, static_cast<std::size_t>(key.pos), &start);
  std::size_t colon = line.find(':', static_cast<std::size_t>(key.pos) - start);
  if (colon == std::string_view::npos) return std::nullopt;
  std::size_t hash = line.find_first_not_of(" \t", colon + 1);
  if (hash == std::string_view::npos || line[hash] != '#' || hash == colon + 1) return std::nullopt;
  YAML::Mark m = key;
  m.pos = static_cast<int>(start + hash);
  m.column = static_cast<int>(hash);
  return m;
}

// A syntax error is often caused earlier than yaml-cpp notices it: a '#' that starts a
// comment inside an unclosed {…} or […] (`{order: #1}`), or a tab in the indentation. The
// line that holds the cause, with a hint; nullopt when neither is found.
std::optional<std::pair<Mark, std::string>> syntax_error_cause(const std::string& text,
                                                               int error_line) {
  int line_no = 0;
  std::optional<std::pair<Mark, std::string>> cause;
  for (std::size_t b = 0; b <= text.size() && line_no < error_line;) {
    std::size_t e = text.find('\n', b);
    std::string_view line = std::string_view(text).substr(b, (e == std::string::npos ? text.size() : e) - b);
    ++line_no;
    std::size_t indent = line.find_first_not_of(" \t");
    if (line.substr(0, indent == std::string_view::npos ? line.size() : indent).find('\t') !=
        std::string_view::npos)
      cause = {Mark{line_no, 1}, "a tab in the indentation: YAML indents with spaces only"};
    int open = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      char ch = line[i];
      if (ch == '"' || ch == '\'') {  // skip quoted text
        std::size_t close = line.find(ch, i + 1);
        if (close == std::string_view::npos) break;
        i = close;
      } else if (ch == '{' || ch == '[') {
        ++open;
      } else if (ch == '}' || ch == ']') {
        --open;
      } else if (ch == '#' && i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        if (open > 0)
          cause = {Mark{line_no, static_cast<int>(i) + 1},
                   "the '#' here starts a YAML comment, which cuts off the {…} or […] before it: "
                   "quote the value (\"#1\")"};
        break;
      }
    }
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return cause;
}

// yaml-cpp keeps an alias as a second reference to its anchor's node, so the tree it builds
// is small whatever the aliases say; expanding it here is where a hostile file would cost
// (an alias to itself recurses forever, a few hundred bytes of nested aliases expand to
// billions of nodes). Both are bounded: nesting depth, and nodes per byte of the file.
class Converter {
 public:
  Converter(const std::string& text, Diagnostics& diagnostics)
      : text_(text), d_(diagnostics), budget_(kNodesPerByte * text.size() + kMinNodes) {}

  Value convert(const YAML::Node& node, int depth = 0);
  bool stopped() const { return stopped_; }

 private:
  static constexpr int kMaxDepth = 64;
  static constexpr std::size_t kNodesPerByte = 4;
  static constexpr std::size_t kMinNodes = 10'000;

  Value map(const YAML::Node& node, Mark mark, int depth);
  bool over_limits(Mark mark, int depth);

  const std::string& text_;
  Diagnostics& d_;
  std::size_t budget_;
  std::size_t nodes_ = 0;
  bool stopped_ = false;
};

bool Converter::over_limits(Mark mark, int depth) {
  if (stopped_) return true;
  if (depth > kMaxDepth) {
    d_.error(mark, fmt::format("nesting deeper than {} levels (an alias that refers to itself?)",
                               kMaxDepth));
  } else if (++nodes_ > budget_) {
    d_.error(mark, fmt::format("aliases expand this file to more than {} values (an alias bomb?)",
                               budget_));
  } else {
    return false;
  }
  stopped_ = true;
  return true;
}

Value Converter::convert(const YAML::Node& node, int depth) {
  Mark mark = mark_of(node.Mark(), text_);
  if (over_limits(mark, depth)) return Value::null(mark);
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return Value::null(mark);
    case YAML::NodeType::Scalar:
      // yaml-cpp tags plain scalars "?" and quoted or block ones "!".
      return Value::scalar(node.Scalar(), node.Tag() != "?", mark);
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const YAML::Node& item : node) {
        items.push_back(convert(item, depth + 1));
        if (stopped_) break;
      }
      return Value::list(std::move(items), mark);
    }
    case YAML::NodeType::Map:
      return map(node, mark, depth);
  }
  return Value::null(mark);
}

Value Converter::map(const YAML::Node& node, Mark mark, int depth) {
  std::vector<MapEntry> entries;
  std::unordered_set<std::string> keys;  // a repeated key is found in linear time
  for (const auto& kv : node) {
    Mark key_mark = mark_of(kv.first.Mark(), text_);
    if (!kv.first.IsScalar()) {
      d_.error(key_mark, "mapping keys must be plain text");
      continue;
    }
    std::string key = kv.first.Scalar();
    if (!keys.insert(key).second) {
      d_.error(key_mark, fmt::format("key '{}' appears twice in this mapping", key));
      continue;
    }
    if (kv.second.IsNull() && key_without_colon(text_, kv.first.Mark(), kv.second.Mark())) {
      // The "key" is the tail of a value cut by a comma: report it once, don't keep it.
      d_.error(key_mark, fmt::format("'{}' has no value: in a flow mapping {{…}} a comma "
                                     "ends the value before it; quote text with commas",
                                     key));
      continue;
    }
    Value value = convert(kv.second, depth + 1);
    if (kv.second.IsNull())
      if (auto hash = comment_on_key_line(text_, kv.first.Mark())) {
        // `order: #1` — the '#' starts a comment and the value is null; said on this line,
        // not on the next one where yaml-cpp puts the null.
        Mark at = mark_of(*hash, text_);
        d_.error(at, fmt::format("'{}' has no value: '#' after a space starts a YAML comment; "
                                 "quote the value (\"#1\")",
                                 key));
        value = Value::null(at);
      }
    entries.push_back(MapEntry{key, key_mark, std::move(value)});
    if (stopped_) break;
  }
  return Value::map(std::move(entries), mark);
}

}  // namespace

namespace {

// yaml-cpp 0.7 never stops on some inputs: a file that is only "," makes LoadAll return
// empty documents forever (found by the fuzz.scenario_loader test). A first pass counts the
// documents with a handler that builds nothing and gives up past a bound no scenario file
// comes near.
class DocumentCounter : public YAML::EventHandler {
 public:
  static constexpr int kMaxDocuments = 256;
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > kMaxDocuments)
      throw YAML::ParserException(mark, fmt::format("the YAML parser finds document after "
                                                    "document here (over {}); a stray ',' or "
                                                    "other flow character outside brackets?",
                                                    kMaxDocuments));
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  int documents_ = 0;
};

void count_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentCounter counter;
  while (parser.HandleNextDocument(counter)) {
  }
}

}  // namespace

std::vector<Value> load_yaml(const std::string& text, Diagnostics& diagnostics) {
  std::vector<Value> out;
  try {
    count_documents(text);
    for (const YAML::Node& doc : YAML::LoadAll(text)) {
      if (doc.IsNull() && doc.Tag().empty()) continue;  // an empty document ("---" at the end)
      Converter converter(text, diagnostics);
      out.push_back(converter.convert(doc));
      if (converter.stopped()) break;
    }
  } catch (const YAML::Exception& e) {
    Mark at = mark_of(e.mark, text);
    if (auto cause = syntax_error_cause(text, at.line))
      diagnostics.error(cause->first, fmt::format("YAML syntax error: {} (reported at {}:{}: {})",
                                                  cause->second, at.line, at.column, e.msg));
    else
      diagnostics.error(at, "YAML syntax error: " + e.msg);
    out.clear();
  }
  return out;
}

}  // namespace scenarios
