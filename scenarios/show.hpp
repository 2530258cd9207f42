// `conformance show ID`: one scenario of a report.json as text, for reading a failure without
// opening the HTML report: its steps, what they observed and every HTTP exchange.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "reports/run_model.hpp"

namespace scenarios {

// Bodies longer than this are cut in `show` (the whole body stays in report.json).
inline constexpr std::size_t kShowBodyLimit = 2000;

// The scenario whose result id is `id`, else the only one whose id contains it. Otherwise no
// scenario, and `candidates` lists the ids to choose from: the matching ones when several
// contain `id` (`ambiguous`), every id of the report when none does.
struct Found {
  const reports::ScenarioResult* scenario = nullptr;
  bool ambiguous = false;
  std::vector<std::string> candidates;
};
Found find_scenario(const reports::RunModel& run, const std::string& id);

// The scenario as text: a header, one line per step (index, status, simulated time, action,
// message), its observations and exchanges indented beneath it.
std::string render_scenario(const reports::ScenarioResult& s, std::size_t body_limit);

// `report`: a report.json or the directory holding one. 0 shown, 2 no such report or scenario.
int show_command(const std::string& id, const std::string& report, std::ostream& out,
                 std::ostream& err);

}  // namespace scenarios
