// Which state-machine transitions a run exercised, read from the evidence the report keeps:
// the Amazon Pay objects (Checkout Session, Charge Permission, Charge, Refund) in the recorded
// HTTP responses. The runner does not log transitions, so the report derives them: per
// scenario and object id, each change of `statusDetails.state` between two responses is a
// transition `from → to`, the first sighting is its creation (`"" → state`), and a write
// (not GET) answered 2xx with the state unchanged is a self-transition. A change that skipped
// a state no response showed is recorded as seen; it matches no table row, so nothing is
// marked for it. Triggers are not visible in a response: evidence is per state pair.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "reports/run_model.hpp"

namespace reports {

// (resource, from, to) with from "" for creation → ids of the scenarios that showed it, in
// run order, each once.
using TransitionsSeen =
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>>;

TransitionsSeen transitions_seen(const RunModel& run);

}  // namespace reports
