// The generator writes what Amazon or the shop would refuse outright as a status read (a
// stopped case checks nothing after the stop), and any list of intents still makes a document.
#include "scenarios/fuzz.hpp"

#include <string>

#include <gtest/gtest.h>

#include "scenarios/printer.hpp"

namespace scenarios {
namespace {

using K = IntentKind;

std::string render(std::vector<Intent> intents, int variant = 0) {
  WorldCase w;
  w.variant = variant;
  w.intents = std::move(intents);
  return print_yaml(world_document(w, "T", "test", {"FLOW-001"}));
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(FuzzWorld, CancelChargeAfterACaptureOfTheSameOrderIsAStatusRead) {
  std::string before = render({{K::AmazonCancelCharge, 0, 0, 0}});
  EXPECT_EQ(count(before, "amazon.cancel_charge"), 1) << before;
  std::string after = render({{K::Capture, 0, 0, 0}, {K::AmazonCancelCharge, 0, 0, 0}});
  EXPECT_EQ(count(after, "amazon.cancel_charge"), 0) << after;
  // 再与信 makes a new Authorized Charge: cancelling it is possible again.
  std::string again =
      render({{K::Capture, 0, 0, 0}, {K::Reauthorize, 0, 0, 0}, {K::AmazonCancelCharge, 0, 0, 0}});
  EXPECT_EQ(count(again, "amazon.cancel_charge"), 1) << again;
}

TEST(FuzzWorld, SellerCentralNamesChargeTwoOnlyAfterSomethingCouldMakeIt) {
  // b % 6 == 5 asks for the second Charge.
  std::string alone = render({{K::SellerCentralCancel, 0, 5, 0}});
  EXPECT_EQ(count(alone, "charge: 2"), 0) << alone;
  std::string increased =
      render({{K::SellerCentralIncrease, 0, 0, 0}, {K::SellerCentralCancel, 0, 5, 0}});
  EXPECT_EQ(count(increased, "charge: 2"), 1) << increased;
}

TEST(FuzzWorld, NonChargeableAfterTheOrderClosedItsPermissionIsAStatusRead) {
  std::string open = render({{K::AmazonNonChargeable, 0, 0, 0}});
  EXPECT_EQ(count(open, "amazon.make_non_chargeable"), 1) << open;
  // b odd: the admin also cancels the Amazon transaction.
  std::string closed = render({{K::CancelOrder, 0, 1, 0}, {K::AmazonNonChargeable, 0, 0, 0}});
  EXPECT_EQ(count(closed, "amazon.make_non_chargeable"), 0) << closed;
  std::string twice =
      render({{K::AmazonClosePermission, 0, 0, 0}, {K::AmazonClosePermission, 0, 0, 0}});
  EXPECT_EQ(count(twice, "amazon.cancel_charge_permission"), 1) << twice;
}

TEST(FuzzWorld, ASecondSubscriptionCheckoutBuysANormalProductInstead) {
  // Variant 0 offers subscription as its third product.
  std::string text = render({{K::Checkout, 2, 0, 0}, {K::Checkout, 2, 0, 0}});
  EXPECT_EQ(count(text, "product: subscription"), 1) << text;
}

}  // namespace
}  // namespace scenarios
