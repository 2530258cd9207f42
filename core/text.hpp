// Text that reaches a JSON answer or a log must be valid UTF-8: the JSON encoder refuses
// anything else, and a hostile client controls paths, headers and ids.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// `text` with every byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF included) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// valid_utf8(text) cut to at most `max_bytes` (at a character boundary), with "…" appended
// when cut: for echoing client text into an error message.
std::string echo_text(std::string_view text, std::size_t max_bytes = 200);

// Text and attribute values for HTML: & < > " ' escaped; invalid UTF-8 replaced.
std::string escape_html(std::string_view text);

// "a, b, c": `items` separated by `sep`, e.g. the choices listed in an error message.
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace core
