// Charges through Mock::handle: authorization, capture, cancel, limits, simulations.
#include <gtest/gtest.h>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

TEST(Charge, AuthorizationExpiresExactlyAfterThirtyDays) {
  MockHarness h;
  Reply done = h.checkout(Opts{});
  h.advance("29d23h59m59s");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(done)).state(), "Authorized");
  Reply adv = h.advance("1s");
  Reply c = h.call("GET", "/v2/charges/" + charge_id(done));
  EXPECT_EQ(c.state(), "Canceled");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "ExpiredUnused");
  EXPECT_EQ(adv.body["changes"][0]["reason"], "ExpiredUnused");
  Reply capture = h.call("POST", "/v2/charges/" + charge_id(done) + "/capture", {{"captureAmount", yen(5000)}});
  EXPECT_EQ(capture.status, 422);
  EXPECT_EQ(capture.reason(), "InvalidChargeStatus");
}

TEST(Charge, CaptureWithinSevenDaysIsSynchronousLaterIsAsync) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply cap = h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}});
  EXPECT_EQ(cap.state(), "Captured");
  EXPECT_EQ(cap.body["captureAmount"], yen(5000));
  // The one-time permission's whole amount is captured: Amazon closes it.
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.state(), "Closed");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "AmazonClosed");
  EXPECT_EQ(cp.body["limits"]["amountBalance"], yen(0));

  MockHarness late;
  Reply b = late.checkout(Opts{});
  late.advance("7d1s");
  Reply cap2 = late.call("POST", "/v2/charges/" + charge_id(b) + "/capture", {{"captureAmount", yen(3000)}});
  EXPECT_EQ(cap2.state(), "CaptureInitiated");
  late.advance("30s");
  Reply settled = late.call("GET", "/v2/charges/" + charge_id(b));
  EXPECT_EQ(settled.state(), "Captured");
  EXPECT_EQ(settled.body["captureAmount"], yen(3000));
  EXPECT_EQ(late.call("GET", "/v2/chargePermissions/" + cp_id(b)).body["limits"]["amountBalance"], yen(2000));
}

TEST(Charge, CaptureCannotExceedChargeAmount) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply over = h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5001)}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.reason(), "TransactionAmountExceeded");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).state(), "Authorized");
}

TEST(Charge, CancelOnlyWhileUncaptured) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply c = h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", {{"cancellationReason", "order canceled"}});
  EXPECT_EQ(c.state(), "Canceled");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "MerchantCanceled");
  Reply again = h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", {{"cancellationReason", "x"}});
  EXPECT_EQ(again.reason(), "InvalidChargeStatus");
}

TEST(Charge, OneTimeLimitsWithAndWithoutOvercharge) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 5000, .allow_overcharge = true});
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.body["limits"]["amountLimit"], yen(70000));  // max(9 × 5,000, 70,000)
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(65000)}};
  EXPECT_EQ(h.call("POST", "/v2/charges", body).status, 201);
  Reply over = h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(1)}});
  EXPECT_EQ(over.reason(), "TransactionAmountExceeded");

  MockHarness h2;
  Reply b = h2.checkout(Opts{.amount = 10000, .allow_overcharge = true});
  EXPECT_EQ(h2.call("GET", "/v2/chargePermissions/" + cp_id(b)).body["limits"]["amountLimit"], yen(90000));

  MockHarness h3;
  Reply c = h3.checkout(Opts{.amount = 5000});
  Reply extra = h3.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(c)}, {"chargeAmount", yen(1)}});
  EXPECT_EQ(extra.reason(), "TransactionAmountExceeded");
  Reply huge = h3.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(c)}, {"chargeAmount", yen(10'000'001)}});
  EXPECT_EQ(huge.reason(), "TransactionAmountExceeded");
}

TEST(Charge, AtMostTwentyFiveChargesPerOneTimePermission) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 100, .allow_overcharge = true});  // 1 charge, limit 70,000
  for (int i = 0; i < 24; ++i) {
    Reply c = h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}});
    ASSERT_EQ(c.status, 201) << i << c.body.dump();
  }
  Reply c26 = h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}});
  EXPECT_EQ(c26.status, 422);
  EXPECT_EQ(c26.reason(), "TransactionCountExceeded");
}

TEST(Charge, ReauthorizationAfterExpiryOnSamePermission) {
  MockHarness h;
  Reply a = h.checkout(Opts{.extend_expiration = true});
  h.advance("30d");
  Reply re = h.call("POST", "/v2/charges", {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(5000)}});
  ASSERT_EQ(re.status, 201) << re.body.dump();
  EXPECT_EQ(re.state(), "Authorized");
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).body["expirationTimestamp"],
            "20270205T000000Z");  // 13 months with extendExpiration
}

TEST(Charge, SimulationHeaderDeclinesAndBuyerFixesPaymentMethod) {
  MockHarness h;
  Reply a = h.checkout(Opts{.extend_expiration = true});
  h.advance("30d");
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(5000)}};
  Reply bad = h.call("POST", "/v2/charges", body, {{"x-amz-pay-simulation-code", "Nope"}});
  EXPECT_EQ(bad.reason(), "InvalidSandboxSimulationSpecified");
  Reply hard = h.call("POST", "/v2/charges", body, {{"x-amz-pay-simulation-code", "HardDeclined"}});
  EXPECT_EQ(hard.status, 422);
  EXPECT_EQ(hard.reason(), "HardDeclined");
  EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + cp_id(a)).state(), "NonChargeable");
  Reply blocked = h.call("POST", "/v2/charges", body);
  EXPECT_EQ(blocked.reason(), "InvalidChargePermissionStatus");
  Reply fixed = h.reply(h.control().buyer_update_payment_method(cp_id(a), "card-4444"));
  EXPECT_EQ(fixed.state(), "Chargeable");
  EXPECT_EQ(fixed.body["paymentPreferences"][0]["paymentDescriptor"], "Mastercard ****4444 (Amazon Pay)");
  EXPECT_EQ(h.call("POST", "/v2/charges", body).status, 201);
}

TEST(Charge, ForcedOutcomesApplyOnceToTheNamedObject) {
  MockHarness h;
  Reply a = h.checkout(Opts{.extend_expiration = true});
  h.advance("30d");
  Reply f = h.reply(
      h.control().force({SimulatedOperation::CreateCharge, cp_id(a), "AmazonRejected", ""}));
  ASSERT_EQ(f.status, 200) << f.body.dump();
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(5000)}};
  Reply rejected = h.call("POST", "/v2/charges", body);
  EXPECT_EQ(rejected.reason(), "AmazonRejected");
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.state(), "Closed");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "AmazonCanceled");
  json unknown = {{"operation", "Capture"}, {"outcome", "x"}};
  EXPECT_EQ(h.control().send("POST", control::Endpoint::Force, {}, unknown.dump())->status, 400);
}

TEST(Charge, AsynchronousCaptureCanBeDeclined) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply cap = h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}},
                     {{"x-amz-pay-simulation-code", "AmazonRejected"}});
  EXPECT_EQ(cap.state(), "CaptureInitiated");
  h.advance("30s");
  Reply c = h.call("GET", "/v2/charges/" + charge_id(a));
  EXPECT_EQ(c.state(), "Declined");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "AmazonRejected");
}

}  // namespace
}  // namespace mock_amazon::testing
