// Pretty-printing of HTTP bodies for the HTML report. Defined in json_writer.cpp so that
// nlohmann/json is compiled once in this library.
#pragma once

#include <string>
#include <string_view>

namespace reports {

// The body re-indented when it is a JSON document (key order kept); nullopt-like empty
// string and was_json=false when it is not.
std::string pretty_json(std::string_view body, bool& was_json);

}  // namespace reports
