#include "reports/text_util.hpp"

#include <cstdint>

#include <fmt/core.h>

namespace reports {

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return 0;
  return len;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string escape_html(std::string_view raw) {
  const std::string s = sanitize_utf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_xml(std::string_view raw, bool attribute) {
  const std::string s = sanitize_utf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (u < 0x20 || u == 0x7F)
          out += fmt::format("\\x{:02X}", u);
        else
          out += c;
    }
  }
  return out;
}

std::string scenario_area_folder(const ScenarioResult& s) {
  const std::string_view file = s.file;
  const auto slash = file.find_last_of('/');
  if (slash == std::string_view::npos || slash == 0) return "scenarios";
  const std::string_view dir = file.substr(0, slash);
  const auto prev = dir.find_last_of('/');
  return std::string(prev == std::string_view::npos ? dir : dir.substr(prev + 1));
}

std::string_view base_scenario_id(std::string_view id) {
  const auto bracket = id.find('[');
  return bracket == std::string_view::npos ? id : id.substr(0, bracket);
}

namespace {
std::string anchor(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (char c : id) out += (c == ' ' || c == '\t' || c == '\n' || c == '\r') ? '_' : c;
  return out;
}
}  // namespace

std::string rule_anchor(std::string_view rule_id) {
  return anchor("rule-", rule_id);
}
std::string scenario_anchor(std::string_view scenario_id) {
  return anchor("scenario-", scenario_id);
}

std::string format_seconds(double ms) {
  return fmt::format("{:.3f}", ms / 1000.0);
}

std::string first_line(std::string_view s) {
  const auto nl = s.find('\n');
  return std::string(nl == std::string_view::npos ? s : s.substr(0, nl));
}

}  // namespace reports
