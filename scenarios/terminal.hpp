// What `conformance run` prints on a terminal: colour only where it helps and only on a
// TTY (https://no-color.org: NO_COLOR set and not empty turns it off), and failures short
// enough to read — a long JSON value is pretty-printed and cut to the keys the mismatch
// names; the report keeps the whole value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scenarios {

enum class ColourChoice { Auto, Always, Never };
std::string_view name(ColourChoice choice);
std::optional<ColourChoice> parse_colour_choice(std::string_view text);
// Auto: colour when stdout is a terminal and NO_COLOR is unset or empty.
bool use_colour(ColourChoice choice, bool stdout_is_tty, const char* no_color_env);

enum class Tone { Pass, Fail };
// `text` in the tone's colour when `colour`, else unchanged.
std::string paint(std::string_view text, Tone tone, bool colour);

// The failure as the terminal shows it: lines up to `width` as they are; a longer line
// "label: <JSON>" becomes the label and the JSON pretty-printed, keeping the lines that hold
// a key named in a mismatch ("a.b[0].c: expected …" names a, b and c) with the objects around
// them, and "…" for what was left out. Anything else long is cut at `width`.
std::string failure_for_terminal(std::string_view failure, std::size_t width = 160);

}  // namespace scenarios
