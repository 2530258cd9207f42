// ${name} substitution for matrix scenarios.
#include <algorithm>

#include <fmt/core.h>

#include "scenarios/validator.hpp"
#include "scenarios/validator_impl.hpp"

namespace scenarios {

using validation::join;

Value substitute(const Value& value, const validation::Bindings& bindings, Diagnostics& diagnostics) {
  switch (value.kind()) {
    case Value::Kind::Null:
      return value;
    case Value::Kind::Scalar: {
      const std::string& text = value.text();
      if (text.find("${") == std::string::npos) return value;
      std::string out;
      size_t i = 0;
      while (i < text.size()) {
        size_t open = text.find("${", i);
        size_t close = open == std::string::npos ? open : text.find('}', open);
        if (open == std::string::npos || close == std::string::npos) {
          out += text.substr(i);
          break;
        }
        out += text.substr(i, open - i);
        std::string name = text.substr(open + 2, close - open - 2);
        auto it = std::find_if(bindings.begin(), bindings.end(),
                               [&](const auto& b) { return b.first == name; });
        if (it == bindings.end()) {
          std::vector<std::string> known;
          for (const auto& b : bindings) known.push_back(b.first);
          diagnostics.error(value.mark(),
                            fmt::format("unknown matrix variable '${{{}}}'{}", name,
                                        known.empty() ? " (the scenario has no matrix)"
                                                      : " (matrix defines: " + join(known) + ")"));
          out += text.substr(open, close - open + 1);
        } else {
          out += it->second;
        }
        i = close + 1;
      }
      return Value::scalar(std::move(out), value.quoted(), value.mark());
    }
    case Value::Kind::List: {
      std::vector<Value> items;
      for (const Value& i : value.items()) items.push_back(substitute(i, bindings, diagnostics));
      return Value::list(std::move(items), value.mark());
    }
    case Value::Kind::Map: {
      std::vector<MapEntry> entries;
      for (const MapEntry& e : value.entries())
        entries.push_back(MapEntry{e.key, e.key_mark, substitute(e.value, bindings, diagnostics)});
      return Value::map(std::move(entries), value.mark());
    }
  }
  return value;
}

}  // namespace scenarios
