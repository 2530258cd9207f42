// Stateful property on one Amazon Pay order: random sequences of futureshop's 受注管理,
// Seller Central and chaos on Amazon's notifications, run on the reference shop against the
// in-process mock. After every step: no Charge refunded beyond Amazon's allowance, nothing
// refunded twice by the shop, no futureshop refund on a Charge Seller Central had refunded
// part of. Once the notifications are drained: the shop's figures equal Amazon's, per Charge.
//
// Cases are bounded (100 cases of up to 31 steps unless RC_PARAMS says otherwise); the seed
// is printed and RC_PARAMS="seed=N" replays a run (README.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "property_tests/order_commands.hpp"

namespace property_tests {
namespace {

const Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// The case's price and the seed of its mock and shop, shown as such in a counterexample.
struct CaseSetup {
  CaseSetup(std::int64_t p, std::uint64_t s) : price(p), seed(s) {}
  std::int64_t price;
  std::uint64_t seed;
};
void showValue(const CaseSetup& c, std::ostream& os) {
  os << "checkout " << Yen{c.price}.display() << " (mock and shop seed " << c.seed << ")";
}

rc::detail::TestParams bounded_params() {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  std::string given = env ? env : "";
  if (given.find("max_success") == std::string::npos) params.maxSuccess = 100;
  if (given.find("max_size") == std::string::npos) params.maxSize = 30;
  return params;
}

// One case: a fresh mock and shop, one order checked out at a random price, one generated
// command sequence, then a final drain and the per-Charge comparison.
void order_property(OrderFlaw flaw) {
  auto setup = *rc::gen::resize(
      rc::kNominalSize,
      rc::gen::construct<CaseSetup>(rc::gen::inRange<std::int64_t>(500, 50'001),
                                    rc::gen::inRange<std::uint64_t>(1, 1'000'000)));
  OrderWorld world(kStart, setup.seed, Yen{setup.price}, flaw);
  RC_ASSERT(world.setup_error() == "");
  rc::state::check(OrderCase{}, world, order_commands());
  detail::run_step(
      world, [](OrderWorld& x) { return "final " + x.drain(); }, true);
}

class QuietListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

TEST(OrderMoneyProperty, ShopAgreesWithAmazonPerChargeAndNeverRefundsTwice) {
  rc::detail::TestParams params = bounded_params();
  std::string replay = "RC_PARAMS=\"seed=" + std::to_string(params.seed) + "\"";
  std::cout << "RapidCheck seed " << params.seed << " (" << params.maxSuccess
            << " cases, size <= " << params.maxSize << "); replay with " << replay << "\n";
  RecordProperty("rapidcheck_seed", std::to_string(params.seed));

  rc::detail::TestMetadata metadata;
  metadata.id = "OrderMoneyProperty/ShopAgreesWithAmazonPerChargeAndNeverRefundsTwice";
  metadata.description = "the shop's money equals Amazon's per Charge";
  auto result =
      rc::detail::checkTestable([] { order_property(OrderFlaw::None); }, metadata, params);
  std::cout << "answers seen (command → answer: count):\n";
  for (const auto& [what, n] : detail::order_outcomes())
    std::cout << "  " << what << ": " << n << "\n";
  std::cout << "events:\n";
  for (const auto& [what, n] : order_events()) std::cout << "  " << what << ": " << n << "\n";
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    FAIL() << message.str() << "\nreplay with " << replay << " (same binary, same test filter)";
  }
}

// The property can fail: an expectation that Seller Central's refunds never reach the shop
// must be caught, with a counterexample that refunds in Seller Central.
TEST(OrderMoneyProperty, SelfCheckCatchesInvisibleSellerCentralRefunds) {
  rc::detail::TestParams params;
  params.seed = 20260105;  // fixed: this test's outcome must not depend on luck
  params.maxSuccess = 100;
  params.maxSize = 30;
  rc::detail::TestMetadata metadata;
  metadata.id = "OrderMoneyProperty/SelfCheck";
  QuietListener quiet;
  auto result = rc::detail::checkProperty(
      rc::detail::toProperty([] { order_property(OrderFlaw::SellerCentralRefundsInvisible); }),
      metadata, params, quiet, {});
  ASSERT_TRUE(result.template is<rc::detail::FailureResult>()) << "the flawed check was not caught";
  const auto& failure = result.template get<rc::detail::FailureResult>();
  std::ostringstream shown;
  for (const auto& [type, value] : failure.counterExample) shown << value << "\n";
  std::cout << "shrunk counterexample (expected failure):\n"
            << shown.str() << failure.description << "\n";
  EXPECT_NE(failure.description.find("the shop shows"), std::string::npos) << failure.description;
  EXPECT_NE(shown.str().find("SC refund"), std::string::npos) << shown.str();
}

}  // namespace
}  // namespace property_tests
