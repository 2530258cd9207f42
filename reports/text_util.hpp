// Small text helpers shared by the writers (internal to reports/).
#pragma once

#include <string>
#include <string_view>

#include "reports/run_model.hpp"

namespace reports {

// Replaces bytes that are not well-formed UTF-8 with U+FFFD (bodies may be binary).
std::string sanitize_utf8(std::string_view s);

// Text and attribute values for HTML: & < > " ' escaped; invalid UTF-8 replaced.
std::string escape_html(std::string_view s);

// XML 1.0: as escape_html, plus control characters XML cannot carry are shown as "\xNN";
// in attributes, tab/CR/LF become character references so parsers keep them.
std::string escape_xml(std::string_view s, bool attribute);

// Folder of the scenario file under scenarios/ ("scenarios/FLOW/capture.yaml" -> "FLOW");
// "scenarios" when the file has no folder.
std::string scenario_area_folder(const ScenarioResult& s);

// "FLOW-cap[variant=CC_NONE]" -> "FLOW-cap": the id a matrix scenario's variants share.
std::string_view base_scenario_id(std::string_view id);

// Fragment identifiers: "rule-AMT-009", "scenario-<id>" (whitespace becomes '_').
std::string rule_anchor(std::string_view rule_id);
std::string scenario_anchor(std::string_view scenario_id);

// Milliseconds as seconds with three decimals, locale independent ("1.250").
std::string format_seconds(double ms);

// First line of a message (for one-line summaries such as JUnit's message attribute).
std::string first_line(std::string_view s);

}  // namespace reports
