// The three renderings of one RunModel.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/catalogue.hpp"
#include "reports/run_model.hpp"

namespace reports {

// Self-contained HTML page (inline CSS, no external resources, works offline).
std::string render_html(const Catalogue& catalogue, const RunModel& run);
// Machine-readable report: run info, totals, every rule with verdict, every scenario.
std::string render_json(const Catalogue& catalogue, const RunModel& run);
// JUnit XML: one <testcase> per scenario, classname = the scenario's area folder; one
// <testsuite> per area folder (sorted); Failed scenarios get <failure>, Error ones <error>.
std::string render_junit(const RunModel& run);

// One row of a step's per-Charge table, as report.json and `expect.amazon.charges` show it.
nlohmann::ordered_json charge_amounts_json(const ChargeAmounts& c);

// Writes report.html, report.json and junit.xml into `dir` (created if needed).
// Returns an error message naming the file that could not be written.
core::Result<void, std::string> write_reports(const std::string& dir, const Catalogue& catalogue,
                                              const RunModel& run);

}  // namespace reports
