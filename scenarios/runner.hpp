// Runs validated scenarios: a fresh shop (in-memory store, simulated clock) per scenario
// against the environment's mock (reset per scenario), step by step, into
// reports::ScenarioResult. The transcript (steps, times, messages, HTTP exchanges) depends
// only on the scenario and the seed: same inputs, byte-identical result (except wall_ms).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "reports/run_model.hpp"
#include "scenarios/environment.hpp"
#include "scenarios/scenario.hpp"

namespace scenarios {

class Runner {
 public:
  Runner(Environment& environment, std::uint64_t run_seed)
      : environment_(environment), run_seed_(run_seed) {}

  // The scenario's seed is core::derive_seed(run_seed, scenario.result_id).
  reports::ScenarioResult run(const Scenario& scenario);

  // The mock's transition tables (GET /__mock/state-machines) for the report.
  core::Result<std::vector<reports::StateMachineView>, std::string> state_machines();

 private:
  Environment& environment_;
  std::uint64_t run_seed_;
};

}  // namespace scenarios
