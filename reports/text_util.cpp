#include "reports/text_util.hpp"

#include <cstdint>

#include <fmt/core.h>

#include "core/text.hpp"

namespace reports {

std::string sanitize_utf8(std::string_view s) { return core::valid_utf8(s); }

std::string escape_html(std::string_view raw) { return core::escape_html(raw); }

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
