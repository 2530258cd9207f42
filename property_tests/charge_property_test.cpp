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

namespace property_tests {
namespace {

const Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// Our bounds, unless RC_PARAMS sets them explicitly.
rc::detail::TestParams bounded_params() {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  std::string given = env ? env : "";
  if (given.find("max_success") == std::string::npos) params.maxSuccess = 100;
  if (given.find("max_size") == std::string::npos) params.maxSize = 30;
  return params;
}

// One test case: a fresh in-memory mock, a fresh model, one generated command sequence.
void charge_property(ModelFlaw flaw) {
  MockDriver sut(kStart);
  rc::state::check(Model(kStart, flaw), sut, charge_commands());
}

// Swallows progress output: the self-check's failure is expected, not news.
class QuietListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

TEST(ChargeProperty, MockAgreesWithTheModelAndKeepsMoneyInvariants) {
  rc::detail::TestParams params = bounded_params();
  std::string replay = "RC_PARAMS=\"seed=" + std::to_string(params.seed) + "\"";
  std::cout << "RapidCheck seed " << params.seed << " (" << params.maxSuccess
            << " cases, size <= " << params.maxSize << "); replay with " << replay << "\n";
  RecordProperty("rapidcheck_seed", std::to_string(params.seed));

  rc::detail::TestMetadata metadata;
  metadata.id = "ChargeProperty/MockAgreesWithTheModelAndKeepsMoneyInvariants";
  metadata.description = "mock charges follow the reference model";
  auto result =
      rc::detail::checkTestable([] { charge_property(ModelFlaw::None); }, metadata, params);
  std::cout << "answers seen (command → state or error: count):\n";
  for (const auto& [what, n] : detail::outcome_counts())
    std::cout << "  " << what << ": " << n << "\n";
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    FAIL() << message.str() << "\nreplay with " << replay << " (same binary, same test filter)";
  }
}

// The property is only worth something if it can fail: a model that believes a capture may
// exceed the charge amount must be caught, and the counterexample must shrink to the
// obvious two-step scenario.
TEST(ChargeProperty, SelfCheckCatchesAModelThatAllowsOverCapture) {
  rc::detail::TestParams params;
  params.seed = 20260105;  // fixed: this test's outcome must not depend on luck
  params.maxSuccess = 200;
  params.maxSize = 30;
  rc::detail::TestMetadata metadata;
  metadata.id = "ChargeProperty/SelfCheck";
  QuietListener quiet;
  auto result = rc::detail::checkProperty(
      rc::detail::toProperty([] { charge_property(ModelFlaw::OverCaptureAllowed); }), metadata,
      params, quiet, {});
  ASSERT_TRUE(result.template is<rc::detail::FailureResult>()) << "the flawed model was not caught";
  const auto& failure = result.template get<rc::detail::FailureResult>();
  std::ostringstream shown;
  for (const auto& [type, value] : failure.counterExample) shown << value << "\n";
  std::cout << "shrunk counterexample (expected failure):\n"
            << shown.str() << failure.description << "\n";
  EXPECT_NE(failure.description.find("TransactionAmountExceeded"), std::string::npos)
      << failure.description;
  EXPECT_NE(shown.str().find("capture #0"), std::string::npos) << shown.str();
}

}  // namespace
}  // namespace property_tests
