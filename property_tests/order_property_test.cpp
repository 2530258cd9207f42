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
#include "property_tests/rc_support.hpp"

namespace property_tests {
namespace {

const Instant kOrderStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// The case's price and the seed of its mock and shop, shown as such in a counterexample.
struct CaseSetup {
  CaseSetup(std::int64_t p, std::uint64_t s) : price(p), seed(s) {}
  std::int64_t price;
  std::uint64_t seed;
};
void showValue(const CaseSetup& c, std::ostream& os) {
  os << "checkout " << Yen{c.price}.display() << " (mock and shop seed " << c.seed << ")";
}

// One case: a fresh mock and shop, one order checked out at a random price, one generated
// command sequence, then a final drain and the per-Charge comparison.
void order_property(OrderFlaw flaw) {
  auto setup = *rc::gen::resize(
      rc::kNominalSize,
      rc::gen::construct<CaseSetup>(rc::gen::inRange<std::int64_t>(500, 50'001),
                                    rc::gen::inRange<std::uint64_t>(1, 1'000'000)));
  OrderWorld world(kOrderStart, setup.seed, Yen{setup.price}, flaw);
  RC_ASSERT(world.setup_error() == "");
  rc::state::check(OrderCase{}, world, order_commands());
  detail::run_step(
      world, [](OrderWorld& x) { return "final " + x.drain(); }, true);
}

TEST(OrderMoneyProperty, ShopAgreesWithAmazonPerChargeAndNeverRefundsTwice) {
  std::string replay;
  auto result = check_bounded("OrderMoneyProperty/ShopAgreesWithAmazonPerChargeAndNeverRefundsTwice",
                              "the shop's money equals Amazon's per Charge",
                              [] { order_property(OrderFlaw::None); }, replay);
  std::cout << "answers seen (command → answer: count):\n";
  for (const auto& [what, n] : detail::order_outcomes())
    std::cout << "  " << what << ": " << n << "\n";
  std::cout << "events:\n";
  for (const auto& [what, n] : order_events()) std::cout << "  " << what << ": " << n << "\n";
  if (!result.template is<rc::detail::SuccessResult>()) FAIL() << failure_text(result, replay);
}

// The property can fail: an expectation that Seller Central's refunds never reach the shop
// must be caught, with a counterexample that refunds in Seller Central.
TEST(OrderMoneyProperty, SelfCheckCatchesInvisibleSellerCentralRefunds) {
  std::string shown;
  auto failure = expect_caught(
      "OrderMoneyProperty/SelfCheck", 100,
      [] { order_property(OrderFlaw::SellerCentralRefundsInvisible); }, shown);
  ASSERT_TRUE(failure) << "the flawed check was not caught";
  EXPECT_NE(failure->description.find("the shop shows"), std::string::npos) << failure->description;
  EXPECT_NE(shown.find("SC refund"), std::string::npos) << shown;
}

}  // namespace
}  // namespace property_tests
