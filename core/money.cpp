#include "core/money.hpp"

#include <cctype>

namespace core {

std::string Yen::display() const {
  std::string digits = std::to_string(amount_ < 0 ? -amount_ : amount_);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return std::string(amount_ < 0 ? "-" : "") + "\xC2\xA5" + out;
}

std::optional<Yen> Yen::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i >= text.size()) return std::nullopt;
  std::int64_t value = 0;
  size_t digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    if (++digits > 15) return std::nullopt;  // far beyond any JPY amount Amazon accepts
    value = value * 10 + (text[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size()) {  // fraction
    ++i;
    if (i == text.size()) return std::nullopt;
    for (; i < text.size(); ++i)
      if (text[i] != '0') return std::nullopt;
  }
  return Yen{negative ? -value : value};
}

}  // namespace core
