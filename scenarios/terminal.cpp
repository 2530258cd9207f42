#include "scenarios/terminal.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace scenarios {
namespace {

constexpr std::array<std::pair<ColourChoice, std::string_view>, 3> kColourNames = {{
    {ColourChoice::Auto, "auto"},
    {ColourChoice::Always, "always"},
    {ColourChoice::Never, "never"},
}};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

// The keys named by the mismatches in `failure`: in "…: charges[0].state: expected …" the
// path is the last ": "-separated part before ": expected" (or ": missing").
std::set<std::string> mismatch_keys(std::string_view failure) {
  std::set<std::string> keys;
  for (std::string_view marker : {": expected ", ": missing"}) {
    for (std::size_t at = failure.find(marker); at != std::string_view::npos;
         at = failure.find(marker, at + 1)) {
      std::size_t line_start = failure.rfind('\n', at);
      line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
      std::string_view head = failure.substr(line_start, at - line_start);
      std::size_t sep = head.rfind(": ");
      std::string_view path = sep == std::string_view::npos ? head : head.substr(sep + 2);
      std::string name;
      for (char c : std::string(path) + ".") {
        if (c == '.' || c == '[' || c == ']') {
          bool index = !name.empty() && std::all_of(name.begin(), name.end(),
                                                    [](char d) { return d >= '0' && d <= '9'; });
          if (!name.empty() && !index) keys.insert(name);
          name.clear();
        } else {
          name += c;
        }
      }
    }
  }
  return keys;
}

std::size_t indent_of(std::string_view line) {
  return line.find_first_not_of(' ') == std::string_view::npos ? line.size()
                                                                 : line.find_first_not_of(' ');
}

// Which lines of pretty JSON to keep: those holding a named key, and for each the lines that
// open the objects around it (the nearest line above with less indentation, repeatedly).
std::vector<bool> lines_to_keep(const std::vector<std::string_view>& lines,
                                const std::set<std::string>& keys) {
  std::vector<bool> keep(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    bool named = std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
      return lines[i].find("\"" + k + "\":") != std::string_view::npos;
    });
    if (!named) continue;
    keep[i] = true;
    std::size_t indent = indent_of(lines[i]);
    for (std::size_t j = i; j-- > 0 && indent > 0;) {
      if (indent_of(lines[j]) < indent) {
        keep[j] = true;
        indent = indent_of(lines[j]);
      }
    }
  }
  if (!lines.empty()) keep.front() = keep.back() = true;
  return keep;
}

std::string cut_json(std::string_view label, const nlohmann::json& value,
                     const std::set<std::string>& keys) {
  std::string pretty = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<std::string_view> lines = split_lines(pretty);
  std::vector<bool> keep = lines_to_keep(lines, keys);
  std::size_t kept = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true));
  if (kept <= 2) {  // no named key in it: the start of the value
    for (std::size_t i = 0; i < lines.size() && i < 12; ++i) keep[i] = true;
  }
  std::string out = std::string(label) + ":";
  bool elided = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (keep[i]) {
      out += "\n  " + std::string(lines[i]);
      elided = false;
    } else if (!elided) {
      out += "\n  " + std::string(indent_of(lines[i]), ' ') + "…";
      elided = true;
    }
  }
  out += "\n  (cut to what differs; the whole value is in the report)";
  return out;
}

std::string shorten_line(std::string_view line, const std::set<std::string>& keys,
                         std::size_t width) {
  if (line.size() <= width) return std::string(line);
  std::size_t colon = line.find(": ");
  if (colon != std::string_view::npos && colon + 2 < line.size() &&
      (line[colon + 2] == '{' || line[colon + 2] == '[')) {
    nlohmann::json value =
        nlohmann::json::parse(line.substr(colon + 2), nullptr, /*allow_exceptions=*/false);
    if (!value.is_discarded()) return cut_json(line.substr(0, colon), value, keys);
  }
  std::size_t cut = width;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return std::string(line.substr(0, cut)) + " … (" + std::to_string(line.size() - cut) +
         " more bytes in the report)";
}

}  // namespace

std::string_view name(ColourChoice choice) {
  for (const auto& [c, n] : kColourNames)
    if (c == choice) return n;
  return "auto";
}

std::optional<ColourChoice> parse_colour_choice(std::string_view text) {
  for (const auto& [c, n] : kColourNames)
    if (n == text) return c;
  return std::nullopt;
}

bool use_colour(ColourChoice choice, bool stdout_is_tty, const char* no_color_env) {
  if (choice != ColourChoice::Auto) return choice == ColourChoice::Always;
  bool no_color = no_color_env != nullptr && *no_color_env != '\0';
  return stdout_is_tty && !no_color;
}

std::string paint(std::string_view text, Tone tone, bool colour) {
  if (!colour) return std::string(text);
  std::string_view start = tone == Tone::Pass ? "\033[32m" : "\033[1;31m";
  return std::string(start) + std::string(text) + "\033[0m";
}

std::string failure_for_terminal(std::string_view failure, std::size_t width) {
  std::set<std::string> keys = mismatch_keys(failure);
  std::string out;
  for (std::string_view line : split_lines(failure)) {
    if (!out.empty()) out += "\n";
    out += shorten_line(line, keys, width);
  }
  return out;
}

}  // namespace scenarios
