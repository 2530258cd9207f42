// Stateful property: random sequences of checkouts, Create Charge, Capture, Cancel, Refund,
// forced sandbox outcomes and clock jumps, run against the mock through Mock::handle and
// against the reference model; after every step the mock must agree with the model on every
// charge, permission and refund, and the money invariants must hold.
//
// Cases are bounded (100 cases of up to 31 steps unless RC_PARAMS says otherwise) so the binary
// runs in seconds. The seed is printed; RC_PARAMS="seed=N" replays a run (README.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "property_tests/charge_commands.hpp"
#include "property_tests/rc_support.hpp"

namespace property_tests {
namespace {

const Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// One test case: a fresh in-memory mock, a fresh model, one generated command sequence.
void charge_property(ModelFlaw flaw) {
  MockDriver sut(kStart);
  rc::state::check(Model(kStart, flaw), sut, charge_commands());
}

TEST(ChargeProperty, MockAgreesWithTheModelAndKeepsMoneyInvariants) {
  std::string replay;
  auto result = check_bounded("ChargeProperty/MockAgreesWithTheModelAndKeepsMoneyInvariants",
                              "mock charges follow the reference model",
                              [] { charge_property(ModelFlaw::None); }, replay);
  std::cout << "answers seen (command → state or error: count):\n";
  for (const auto& [what, n] : detail::outcome_counts())
    std::cout << "  " << what << ": " << n << "\n";
  if (!result.template is<rc::detail::SuccessResult>()) FAIL() << failure_text(result, replay);
}

// The property is only worth something if it can fail: a model that believes a capture may
// exceed the charge amount must be caught, and the counterexample must shrink to the
// obvious two-step scenario.
TEST(ChargeProperty, SelfCheckCatchesAModelThatAllowsOverCapture) {
  std::string shown;
  auto failure = expect_caught("ChargeProperty/SelfCheck", 200,
                               [] { charge_property(ModelFlaw::OverCaptureAllowed); }, shown);
  ASSERT_TRUE(failure) << "the flawed model was not caught";
  EXPECT_NE(failure->description.find("TransactionAmountExceeded"), std::string::npos)
      << failure->description;
  EXPECT_NE(shown.find("capture #0"), std::string::npos) << shown;
}

}  // namespace
}  // namespace property_tests
