// Seller Central through the control API: the API's transitions and limits, changes
// attributed to SellerCentral, AMT-012's cancel-and-create, AMT-004's 180-day window.
#include <gtest/gtest.h>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

// The latest change of `id` in the change log.
json last_change(MockHarness& h, const std::string& id) {
  json log = MockHarness::reply(h.control().changes()).body["changes"];
  json found = nullptr;
  for (const auto& c : log)
    if (c["id"] == id) found = c;
  return found;
}

TEST(SellerCentral, CapturesInFullByDefaultAsSellerCentral) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  Reply c = MockHarness::reply(h.control().seller_central_capture(charge_id(a), std::nullopt));
  ASSERT_EQ(c.status, 200) << c.body.dump();
  EXPECT_EQ(c.state(), "Captured");
  EXPECT_EQ(c.body["captureAmount"], yen(5000));
  json change = last_change(h, charge_id(a));
  EXPECT_EQ(change["to"], "Captured");
  EXPECT_EQ(change["actor"], "SellerCentral");
  // The permission's balance is used up: closed by the same hand.
  EXPECT_EQ(last_change(h, cp_id(a))["actor"], "SellerCentral");
}

TEST(SellerCentral, CapturesPartiallyAndObeysTheChargeAmount) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  Reply over = MockHarness::reply(h.control().seller_central_capture(charge_id(a), Yen{5001}));
  Reply api = h.call("POST", "/v2/charges/" + charge_id(a) + "/capture",
                     {{"captureAmount", yen(5001)}});
  EXPECT_EQ(over.status, api.status);
  EXPECT_EQ(over.reason(), api.reason());
  Reply c = MockHarness::reply(h.control().seller_central_capture(charge_id(a), Yen{3000}));
  ASSERT_EQ(c.status, 200) << c.body.dump();
  EXPECT_EQ(c.body["captureAmount"], yen(3000));
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Captured");
}

TEST(SellerCentral, RefundsWithinTheApiCeiling) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  ASSERT_EQ(MockHarness::reply(h.control().seller_central_capture(charge_id(a), std::nullopt)).status,
            200);
  // Ceiling: 5,000 + min(15 %, 8,400) = 5,750. Refused exactly as Create Refund refuses it.
  Reply sc = MockHarness::reply(h.control().seller_central_refund(charge_id(a), Yen{5751}));
  Reply api = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(5751)}});
  EXPECT_EQ(sc.status, api.status);
  EXPECT_EQ(sc.reason(), "TransactionAmountExceeded");
  EXPECT_EQ(sc.reason(), api.reason());
  Reply r = MockHarness::reply(h.control().seller_central_refund(charge_id(a), Yen{100}));
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.state(), "RefundInitiated");
  EXPECT_EQ(r.body["refundAmount"], yen(100));
  EXPECT_EQ(last_change(h, r.body["refundId"])["actor"], "SellerCentral");
  Reply moved = h.advance("30s");
  ASSERT_EQ(moved.body["changes"].size(), 1u);
  EXPECT_EQ(moved.body["changes"][0]["to"], "Refunded");
  EXPECT_FALSE(moved.body["changes"][0].contains("actor"));
  EXPECT_EQ(last_change(h, r.body["refundId"])["actor"], "Clock");
}

TEST(SellerCentral, CancelsAsTheMerchant) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  Reply c = MockHarness::reply(h.control().seller_central_cancel(charge_id(a)));
  ASSERT_EQ(c.status, 200) << c.body.dump();
  EXPECT_EQ(c.state(), "Canceled");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "MerchantCanceled");
  EXPECT_EQ(last_change(h, charge_id(a))["actor"], "SellerCentral");
  // Twice: the API's refusal.
  EXPECT_EQ(MockHarness::reply(h.control().seller_central_cancel(charge_id(a))).reason(),
            h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", json::object()).reason());
}

TEST(SellerCentral, ClosesThePermissionOptionallyCancelingPendingCharges) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  Reply cp = MockHarness::reply(h.control().seller_central_close(cp_id(a), true));
  ASSERT_EQ(cp.status, 200) << cp.body.dump();
  EXPECT_EQ(cp.state(), "Closed");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "MerchantClosed");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Canceled");
  EXPECT_EQ(last_change(h, charge_id(a))["actor"], "SellerCentral");

  Reply b = h.checkout(Opts{.amount = 5000});
  ASSERT_EQ(MockHarness::reply(h.control().seller_central_close(cp_id(b), false)).status, 200);
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(b)).state(), "Authorized");
}

TEST(SellerCentral, IncreasesWithASeparateChargeWithinTheAmountLimit) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .allow_overcharge = true});  // limit 70,000
  Reply more = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{2000}, true));
  ASSERT_EQ(more.status, 200) << more.body.dump();
  EXPECT_NE(more.body["chargeId"], charge_id(a));
  EXPECT_EQ(more.state(), "Captured");
  EXPECT_EQ(more.body["chargeAmount"], yen(2000));
  EXPECT_EQ(last_change(h, more.body["chargeId"])["actor"], "SellerCentral");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Authorized");
  Reply held = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{1000}, false));
  EXPECT_EQ(held.state(), "Authorized");
  // 5,000 + 2,000 + 1,000 held; 62,001 more passes the limit, as Create Charge says.
  Reply over = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{62001}, false));
  Reply api = h.call("POST", "/v2/charges",
                     {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(62001)}});
  EXPECT_EQ(over.reason(), "TransactionAmountExceeded");
  EXPECT_EQ(over.reason(), api.reason());
  EXPECT_EQ(over.status, api.status);
}

TEST(SellerCentral, GiftCardOnlyPermissionsDeclineIncreases) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .payment = "giftcard", .allow_overcharge = true});
  ASSERT_EQ(a.status, 200) << a.body.dump();
  Reply sc = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{100}, false));
  EXPECT_EQ(sc.reason(), "PaymentMethodNotAllowed");
  Reply api = h.call("POST", "/v2/charges",
                     {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}});
  EXPECT_EQ(api.reason(), "PaymentMethodNotAllowed");
  // A decrease through change-amount stays possible (AMT-011).
  Reply less = MockHarness::reply(h.control().seller_central_change_amount(charge_id(a), Yen{4000}));
  EXPECT_EQ(less.status, 200) << less.body.dump();
}

TEST(SellerCentral, ChangeAmountCancelsAndAuthorizesANewCharge) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .allow_overcharge = true});
  Reply c = MockHarness::reply(h.control().seller_central_change_amount(charge_id(a), Yen{7000}));
  ASSERT_EQ(c.status, 200) << c.body.dump();
  EXPECT_NE(c.body["chargeId"], charge_id(a));
  EXPECT_EQ(c.body["chargePermissionId"], cp_id(a));
  EXPECT_EQ(c.state(), "Authorized");
  EXPECT_EQ(c.body["chargeAmount"], yen(7000));
  Reply old = h.call("GET", "/v2/charges/" + charge_id(a));
  EXPECT_EQ(old.state(), "Canceled");
  EXPECT_EQ(old.body["statusDetails"]["reasonCode"], "MerchantCanceled");
  EXPECT_EQ(last_change(h, charge_id(a))["actor"], "SellerCentral");
  EXPECT_EQ(last_change(h, c.body["chargeId"])["actor"], "SellerCentral");
}

TEST(SellerCentral, RefusedChangeAmountLeavesTheChargeAsItWas) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});  // amountLimit 5,000
  Reply c = MockHarness::reply(h.control().seller_central_change_amount(charge_id(a), Yen{6000}));
  EXPECT_EQ(c.reason(), "TransactionAmountExceeded");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Authorized");
  EXPECT_EQ(last_change(h, charge_id(a))["to"], "Authorized");
  json objects = MockHarness::reply(h.control().objects()).body;
  EXPECT_EQ(objects["charges"].size(), 1u);
}

TEST(SellerCentral, AmountChangesEndAfter180Days) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .extend_expiration = true});
  h.advance("179d");
  Reply inside = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{1000}, false));
  ASSERT_EQ(inside.status, 200) << inside.body.dump();
  h.advance("1d");
  Reply after = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{1000}, false));
  EXPECT_EQ(after.status, 422);
  EXPECT_EQ(after.reason(), "InvalidChargePermissionStatus");
  Reply change = MockHarness::reply(
      h.control().seller_central_change_amount(inside.body["chargeId"].get<std::string>(), Yen{500}));
  EXPECT_EQ(change.reason(), "InvalidChargePermissionStatus");
  // Capture and refund have no such window.
  EXPECT_EQ(MockHarness::reply(h.control().seller_central_capture(
                                   inside.body["chargeId"].get<std::string>(), std::nullopt))
                .status,
            200);
}

TEST(SellerCentral, ValidatesBodies) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000});
  auto send = [&](control::Endpoint e, const std::string& body) {
    return MockHarness::reply(h.control().send("POST", e, charge_id(a), body));
  };
  Reply missing = send(control::Endpoint::SellerCentralRefund, "{}");
  EXPECT_EQ(missing.reason(), "MissingParameterValue");
  EXPECT_NE(missing.body["message"].get<std::string>().find("amount"), std::string::npos);
  // Amounts take the API's one path (api::decode_amount): "700" is yen, "7.5" and words not.
  Reply text = send(control::Endpoint::SellerCentralChangeAmount, R"({"amount": "seven"})");
  EXPECT_EQ(text.reason(), "InvalidParameterValue");
  Reply fraction = send(control::Endpoint::SellerCentralChangeAmount, R"({"amount": "7.5"})");
  EXPECT_EQ(fraction.reason(), "InvalidParameterValue");
  Reply zero = send(control::Endpoint::SellerCentralCapture, R"({"amount": 0})");
  EXPECT_EQ(zero.reason(), "InvalidParameterValue");
  Reply flag = MockHarness::reply(h.control().send(
      "POST", control::Endpoint::SellerCentralClose, cp_id(a), R"({"cancelPendingCharges": 1})"));
  EXPECT_EQ(flag.reason(), "InvalidParameterValue");
  EXPECT_EQ(MockHarness::reply(h.control().seller_central_cancel("S03-0000000-0000000-C000000"))
                .reason(),
            "ResourceNotFound");
}

}  // namespace
}  // namespace mock_amazon::testing
