// Runs validated scenarios: a fresh shop (in-memory store, simulated clock) per scenario
// against the environment's mock (reset per scenario), step by step, into
// reports::ScenarioResult. The transcript (steps, times, messages, HTTP exchanges) depends
// only on the scenario and the seed: same inputs, byte-identical result (except wall_ms).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "reports/run_model.hpp"
#include "scenarios/environment.hpp"
#include "scenarios/properties.hpp"
#include "scenarios/scenario.hpp"

namespace scenarios {

class ScenarioContext;

// Checked after every step that ran, passed or failed (the generated-scenario properties of
// scenarios/fuzz): "" or what is wrong. A violation fails the step with "property: …" and
// ends the scenario as Failed.
using StepCheck =
    std::function<std::string(ScenarioContext&, const Step&, const reports::StepRecord&)>;

class Runner {
 public:
  Runner(Environment& environment, std::uint64_t run_seed)
      : environment_(environment), run_seed_(run_seed) {}

  // The scenario's seed is core::derive_seed(run_seed, scenario.result_id).
  reports::ScenarioResult run(const Scenario& scenario);

  void set_step_check(StepCheck check) { check_ = std::move(check); }
  // For the self-checks of `conformance fuzz`: a wrong expectation in the world properties.
  void set_property_flaw(PropertyFlaw flaw) { flaw_ = flaw; }
  // The mock's objects after the last step of the last scenario run that lists properties.
  const nlohmann::json& last_objects() const { return last_objects_; }
  // What the world checks of that scenario examined.
  const WorldTally& last_tally() const { return last_tally_; }

  // The mock's transition tables (GET /__mock/state-machines) for the report.
  core::Result<std::vector<reports::StateMachineView>, std::string> state_machines();

 private:
  Environment& environment_;
  std::uint64_t run_seed_;
  StepCheck check_;
  PropertyFlaw flaw_ = PropertyFlaw::None;
  nlohmann::json last_objects_;
  WorldTally last_tally_;
};

}  // namespace scenarios
