// Charge Permissions through Mock::handle: close, expiry, updates, recurring, gift cards.
#include <gtest/gtest.h>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

TEST(ChargePermission, CloseKeepsOrCancelsPendingCharges) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply closed = h.call("DELETE", "/v2/chargePermissions/" + cp_id(a) + "/close",
                        {{"closureReason", "reservation canceled"}, {"cancelPendingCharges", false}});
  EXPECT_EQ(closed.state(), "Closed");
  EXPECT_EQ(closed.body["statusDetails"]["reasons"][0]["reasonCode"], "MerchantClosed");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Authorized");
  // Still capturable (rules.md decision 5).
  EXPECT_EQ(h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}}).state(),
            "Captured");
  EXPECT_EQ(h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(1)}}).reason(),
            "InvalidChargePermissionStatus");
  EXPECT_EQ(h.call("DELETE", "/v2/chargePermissions/" + cp_id(a) + "/close", json::object()).reason(),
            "InvalidChargePermissionStatus");

  MockHarness h2;
  Reply b = h2.checkout(Opts{});
  h2.call("DELETE", "/v2/chargePermissions/" + cp_id(b) + "/close", {{"cancelPendingCharges", true}});
  Reply c = h2.call("GET", "/v2/charges/" + charge_id(b));
  EXPECT_EQ(c.state(), "Canceled");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "ChargePermissionCanceled");
}

TEST(ChargePermission, OneTimeExpiresAfter180DaysOr13Months) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  h.advance("179d23h59m59s");
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).state(), "Chargeable");
  h.advance("1s");
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.state(), "Closed");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "Expired");
  // Buyer data is kept 30 days for one-time permissions.
  EXPECT_TRUE(cp.body["buyer"].is_null());

  MockHarness h2;
  Reply b = h2.checkout(Opts{.extend_expiration = true});
  h2.advance("13mo");
  EXPECT_EQ(h2.call("GET", "/v2/chargePermissions/" + cp_id(b)).state(), "Closed");
}

TEST(ChargePermission, UpdateMerchantMetadataAndClosedRules) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply upd = h.call("PATCH", "/v2/chargePermissions/" + cp_id(a),
                     {{"merchantMetadata", {{"merchantReferenceId", "ORDER-1"}}}});
  EXPECT_EQ(upd.body["merchantMetadata"]["merchantReferenceId"], "ORDER-1");
  h.call("DELETE", "/v2/chargePermissions/" + cp_id(a) + "/close", json::object());
  EXPECT_EQ(h.call("PATCH", "/v2/chargePermissions/" + cp_id(a),
                   {{"merchantMetadata", {{"merchantReferenceId", "ORDER-2"}}}}).reason(),
            "ChargePermissionNotModifiable");
  EXPECT_EQ(h.call("PATCH", "/v2/chargePermissions/" + cp_id(a),
                   {{"merchantMetadata", {{"noteToBuyer", "thanks"}}}}).status, 200);
}

TEST(ChargePermission, RecurringMonthlyCapAndRollingExpiry) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 60000, .type = "Recurring"});
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(cp_id(a).substr(0, 4), "C03-");
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.body["limits"]["amountLimit"], yen(100000));
  EXPECT_EQ(cp.body["limits"]["amountBalance"], yen(40000));
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(40001)}};
  Reply over = h.call("POST", "/v2/charges", body);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.reason(), "PeriodicAmountExceeded");
  h.advance("27d");  // 2026-02-01 in Japan: a new calendar month
  Reply next = h.call("POST", "/v2/charges", body);
  ASSERT_EQ(next.status, 201) << next.body.dump();
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).body["expirationTimestamp"],
            "20270301T000000Z");  // 13 months from the latest successful charge
  h.advance("13mo");
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).state(), "Closed");
}

TEST(ChargePermission, GiftCardOnlyTakesNothingAboveTheOriginalAmount) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .payment = "giftcard", .allow_overcharge = true});
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).body["paymentPreferences"][0]["paymentDescriptor"],
            "Amazon ギフトカード");
  Reply more = h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(1)}});
  EXPECT_EQ(more.reason(), "PaymentMethodNotAllowed");

  MockHarness poor;  // hanako has ¥3,000 of gift-card balance
  Reply b = poor.checkout(Opts{.amount = 5000, .buyer = "hanako", .payment = "giftcard"});
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(poor.call("GET", "/v2/checkoutSessions/" + poor.last_checkout_session).body["statusDetails"]["reasonCode"],
            "Declined");
}

}  // namespace
}  // namespace mock_amazon::testing
