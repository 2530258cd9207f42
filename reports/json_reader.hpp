// report.json read back into a RunModel, so `conformance merge` can join shard reports and
// recompute the rule verdicts from all of their scenarios. Reads what render_json writes;
// rule verdicts and totals are not read (they are derived, compute_rule_verdicts()).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "reports/run_model.hpp"

namespace reports {

// The run, its scenarios (with every step and exchange) and its state machines; an error
// message when `text` is not a conformance report.json.
core::Result<RunModel, std::string> read_json_report(std::string_view text);

}  // namespace reports
