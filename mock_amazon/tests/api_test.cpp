// The mock's API behaviour through Mock::handle: shapes, states, limits, time, errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

using Opts = MockHarness::CheckoutOptions;

std::string charge_id(const Reply& complete) { return complete.body["chargeId"]; }
std::string cp_id(const Reply& complete) { return complete.body["chargePermissionId"]; }

// ---------------------------------------------------------------- checkout session

TEST(CheckoutSession, CreateReportsConstraintsUntilReady) {
  MockHarness h;
  Reply cs = h.call("POST", "/v2/checkoutSessions",
                    {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/r"}}},
                     {"storeId", "amzn1.application-oa2-client.x"}});
  ASSERT_EQ(cs.status, 201);
  EXPECT_EQ(cs.state(), "Open");
  EXPECT_TRUE(std::regex_match(cs.body["checkoutSessionId"].get<std::string>(),
                               std::regex("[0-9a-f-]{36}")));
  EXPECT_EQ(cs.body["creationTimestamp"], "20260105T000000Z");
  EXPECT_EQ(cs.body["expirationTimestamp"], "20260106T000000Z");
  EXPECT_TRUE(cs.body["webCheckoutDetails"]["amazonPayRedirectUrl"].is_null());
  std::vector<std::string> ids;
  for (auto& c : cs.body["constraints"]) ids.push_back(c["constraintId"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"BuyerNotAssociated", "ChargeAmountNotSet",
                                           "CheckoutResultReturnUrlNotSet", "PaymentIntentNotSet"}));
  EXPECT_TRUE(cs.body["buyer"].is_null());
  EXPECT_EQ(cs.body["releaseEnvironment"], "Sandbox");
}

TEST(CheckoutSession, FullCheckoutAuthorizes) {
  MockHarness h;
  Reply done = h.checkout(Opts{});
  ASSERT_EQ(done.status, 200) << done.body.dump();
  EXPECT_EQ(done.state(), "Completed");
  EXPECT_TRUE(std::regex_match(cp_id(done), std::regex("S03-[0-9]{7}-[0-9]{7}")));
  EXPECT_TRUE(std::regex_match(charge_id(done), std::regex("S03-[0-9]{7}-[0-9]{7}-C[0-9]{6}")));
  Reply charge = h.call("GET", "/v2/charges/" + charge_id(done));
  EXPECT_EQ(charge.state(), "Authorized");
  EXPECT_EQ(charge.body["chargeAmount"], yen(5000));
  EXPECT_EQ(charge.body["expirationTimestamp"], "20260204T000000Z");
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(done));
  EXPECT_EQ(cp.state(), "Chargeable");
  EXPECT_TRUE(cp.body["statusDetails"]["reasons"].is_null());
  EXPECT_EQ(cp.body["limits"]["amountLimit"], yen(5000));
  EXPECT_EQ(cp.body["buyer"]["name"], "山田太郎");
  EXPECT_EQ(cp.body["shippingAddress"]["stateOrRegion"], "東京都");
  EXPECT_EQ(cp.body["paymentPreferences"][0]["paymentDescriptor"], "Visa ****1111 (Amazon Pay)");
  EXPECT_EQ(cp.body["expirationTimestamp"], "20260704T000000Z");  // 180 days
  // A completed session cannot be completed again.
  Reply again = h.call("POST", "/v2/checkoutSessions/" + h.last_checkout_session + "/complete",
                       {{"chargeAmount", yen(5000)}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.reason(), "InvalidCheckoutSessionStatus");
}

TEST(CheckoutSession, CompleteChecksAmountAndPaymentPage) {
  MockHarness h;
  Reply cs = h.call("POST", "/v2/checkoutSessions",
                    {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/r"},
                                             {"checkoutResultReturnUrl", "https://shop.example/x"}}},
                     {"storeId", "s"},
                     {"paymentDetails", {{"paymentIntent", "Authorize"}, {"chargeAmount", yen(100)}}}});
  std::string id = cs.body["checkoutSessionId"];
  Reply early = h.call("POST", "/v2/checkoutSessions/" + id + "/complete", {{"chargeAmount", yen(100)}});
  EXPECT_EQ(early.status, 422);
  h.call("POST", "/__mock/checkout-sessions/" + id + "/sign-in",
         {{"buyer", "taro"}, {"address", "home"}, {"paymentMethod", "card-1111"}});
  Reply got = h.call("GET", "/v2/checkoutSessions/" + id);
  EXPECT_TRUE(got.body["constraints"].empty());
  EXPECT_NE(got.body["webCheckoutDetails"]["amazonPayRedirectUrl"].get<std::string>().find(id),
            std::string::npos);
  EXPECT_EQ(got.body["buyer"]["email"], "taro@example.jp");
  h.call("POST", "/__mock/checkout-sessions/" + id + "/payment-page");
  Reply wrong = h.call("POST", "/v2/checkoutSessions/" + id + "/complete", {{"chargeAmount", yen(101)}});
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(wrong.reason(), "AmountMismatch");
}

TEST(CheckoutSession, SimulatedCardsCancelOrDecline) {
  for (auto [card, reason] : {std::pair{"card-3064", "BuyerCanceled"}, {"card-3434", "Declined"}}) {
    MockHarness h;
    Reply done = h.checkout(Opts{.payment = card});
    EXPECT_EQ(done.status, 422) << card;
    Reply cs = h.call("GET", "/v2/checkoutSessions/" + h.last_checkout_session);
    EXPECT_EQ(cs.state(), "Canceled");
    EXPECT_EQ(cs.body["statusDetails"]["reasonCode"], reason);
  }
}

TEST(CheckoutSession, PendingCardsResolveAfterThirtySeconds) {
  MockHarness h;
  Reply done = h.checkout(Opts{.payment = "card-0701", .pending = true});
  ASSERT_EQ(done.status, 202) << done.body.dump();
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(done)).state(), "AuthorizationInitiated");
  h.advance("29s");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(done)).state(), "AuthorizationInitiated");
  Reply adv = h.advance("1s");
  ASSERT_EQ(adv.body["changes"].size(), 1u);
  EXPECT_EQ(adv.body["changes"][0]["to"], "Authorized");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(done)).state(), "Authorized");

  MockHarness h2;
  Reply declined = h2.checkout(Opts{.payment = "card-4354", .pending = true});
  ASSERT_EQ(declined.status, 202);
  h2.advance("30s");
  Reply c = h2.call("GET", "/v2/charges/" + charge_id(declined));
  EXPECT_EQ(c.state(), "Declined");
  EXPECT_EQ(c.body["statusDetails"]["reasonCode"], "HardDeclined");
  Reply cp = h2.call("GET", "/v2/chargePermissions/" + cp_id(declined));
  EXPECT_EQ(cp.state(), "NonChargeable");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "PaymentMethodInvalid");
}

TEST(CheckoutSession, PendingCardNeedsPendingHandling) {
  MockHarness h;
  Reply done = h.checkout(Opts{.payment = "card-0701", .pending = false});
  EXPECT_EQ(h.last_payment_page.status, 400);
  EXPECT_EQ(h.last_payment_page.reason(), "InvalidSandboxSimulationSpecified");
  EXPECT_EQ(done.status, 422);  // the payment page refused; complete finds no return
  Reply cs = h.call("GET", "/v2/checkoutSessions/" + h.last_checkout_session);
  EXPECT_EQ(cs.state(), "Open");
}

TEST(CheckoutSession, ExpiresAfterTwentyFourHours) {
  MockHarness h;
  Reply cs = h.call("POST", "/v2/checkoutSessions",
                    {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://s/r"}}},
                     {"storeId", "s"}});
  std::string id = cs.body["checkoutSessionId"];
  h.advance("23h59m59s");
  EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + id).state(), "Open");
  h.advance("1s");
  Reply got = h.call("GET", "/v2/checkoutSessions/" + id);
  EXPECT_EQ(got.state(), "Canceled");
  EXPECT_EQ(got.body["statusDetails"]["reasonCode"], "Expired");
  Reply upd = h.call("PATCH", "/v2/checkoutSessions/" + id, {{"paymentDetails", {{"chargeAmount", yen(1)}}}});
  EXPECT_EQ(upd.reason(), "InvalidCheckoutSessionStatus");
  h.advance("30d");
  EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + id).status, 404);
}

TEST(CheckoutSession, MaximumAmountIsTenMillionYen) {
  MockHarness h;
  Reply cs = h.call("POST", "/v2/checkoutSessions",
                    {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://s/r"}}}, {"storeId", "s"}});
  std::string id = cs.body["checkoutSessionId"];
  EXPECT_EQ(h.call("PATCH", "/v2/checkoutSessions/" + id,
                   {{"paymentDetails", {{"chargeAmount", yen(10'000'000)}}}}).status, 200);
  Reply over = h.call("PATCH", "/v2/checkoutSessions/" + id,
                      {{"paymentDetails", {{"chargeAmount", yen(10'000'001)}}}});
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.reason(), "TransactionAmountExceeded");
}

// ---------------------------------------------------------------- validation and routing

TEST(Validation, AmazonErrorsForBadBodies) {
  MockHarness h;
  auto create = [&](const json& body) { return h.call("POST", "/v2/checkoutSessions", body); };
  EXPECT_EQ(create({{"storeId", "s"}}).reason(), "MissingParameterValue");
  Reply unknown = create({{"storeId", "s"}, {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "u"}}}, {"bogus", 1}});
  EXPECT_EQ(unknown.reason(), "UnrecognizedField");
  EXPECT_EQ(unknown.body["message"], "The field 'bogus' is invalid for this API.");
  EXPECT_EQ(create({{"storeId", 5}, {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "u"}}}}).reason(),
            "InvalidParameterValue");
  core::HttpRequest raw{"POST", "/v2/checkoutSessions", "", {}, "{not json"};
  auto res = h.mock().handle(raw);
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("InvalidRequestFormat"), std::string::npos);

  Reply done = h.checkout(Opts{});
  std::string charge = charge_id(done);
  Reply frac = h.call("POST", "/v2/charges/" + charge + "/capture",
                      {{"captureAmount", {{"amount", "10.50"}, {"currencyCode", "JPY"}}}});
  EXPECT_EQ(frac.reason(), "InvalidParameterValue");
  Reply usd = h.call("POST", "/v2/charges/" + charge + "/capture",
                     {{"captureAmount", {{"amount", "10"}, {"currencyCode", "USD"}}}});
  EXPECT_EQ(usd.reason(), "CurrencyMismatch");
  Reply number = h.call("POST", "/v2/charges/" + charge + "/capture",
                        {{"captureAmount", {{"amount", 5000}, {"currencyCode", "JPY"}}}});
  EXPECT_EQ(number.status, 200) << number.body.dump();
}

TEST(Routing, AllThreePathFormsAndTrailingSlash) {
  MockHarness h;
  Reply done = h.checkout(Opts{});
  for (std::string prefix : {"/v2", "/sandbox/v2", "/live/v2"}) {
    EXPECT_EQ(h.call("GET", prefix + "/charges/" + charge_id(done)).status, 200) << prefix;
    EXPECT_EQ(h.call("GET", prefix + "/charges/" + charge_id(done) + "/").status, 200) << prefix;
  }
  EXPECT_EQ(h.call("GET", "/v2/charges/S03-0000000-0000000-C000000").reason(), "ResourceNotFound");
  EXPECT_EQ(h.call("GET", "/v2/nothing").status, 404);
  EXPECT_EQ(h.call("GET", "/v1/charges/x").reason(), "InvalidAPIVersion");
  Reply wrong_method = h.call("PUT", "/v2/charges/" + charge_id(done));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.reason(), "UnsupportedOperation");
}

TEST(Routing, ResponseHeadersComeFromTheSimulatedClock) {
  MockHarness h;
  core::HttpRequest req{"GET", "/__mock/clock", "", {}, ""};
  auto res = h.mock().handle(req);
  ASSERT_NE(res.header("date"), nullptr);
  EXPECT_EQ(*res.header("date"), "Mon, 05 Jan 2026 00:00:00 GMT");
  ASSERT_NE(res.header("x-amz-pay-request-id"), nullptr);
  EXPECT_EQ(res.header("x-amz-pay-request-id")->size(), 36u);
}

// ---------------------------------------------------------------- charges

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
  Reply fixed = h.call("POST", "/__mock/charge-permissions/" + cp_id(a) + "/buyer-update-payment-method",
                       {{"paymentMethod", "card-4444"}});
  EXPECT_EQ(fixed.state(), "Chargeable");
  EXPECT_EQ(fixed.body["paymentPreferences"][0]["paymentDescriptor"], "Mastercard ****4444 (Amazon Pay)");
  EXPECT_EQ(h.call("POST", "/v2/charges", body).status, 201);
}

TEST(Charge, ForcedOutcomesApplyOnceToTheNamedObject) {
  MockHarness h;
  Reply a = h.checkout(Opts{.extend_expiration = true});
  h.advance("30d");
  Reply f = h.call("POST", "/__mock/force",
                   {{"operation", "CreateCharge"}, {"objectId", cp_id(a)}, {"outcome", "AmazonRejected"}});
  ASSERT_EQ(f.status, 200) << f.body.dump();
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(5000)}};
  Reply rejected = h.call("POST", "/v2/charges", body);
  EXPECT_EQ(rejected.reason(), "AmazonRejected");
  Reply cp = h.call("GET", "/v2/chargePermissions/" + cp_id(a));
  EXPECT_EQ(cp.state(), "Closed");
  EXPECT_EQ(cp.body["statusDetails"]["reasons"][0]["reasonCode"], "AmazonCanceled");
  EXPECT_EQ(h.call("POST", "/__mock/force", {{"operation", "Capture"}, {"outcome", "x"}}).status, 400);
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

// ---------------------------------------------------------------- refunds

TEST(Refund, SettlesAsynchronouslyWithinTheCeiling) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 10000});
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(10000)}});
  Reply r = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(4000)}});
  ASSERT_EQ(r.status, 201) << r.body.dump();
  EXPECT_EQ(r.state(), "RefundInitiated");
  EXPECT_TRUE(std::regex_match(r.body["refundId"].get<std::string>(), std::regex("S03-[0-9]{7}-[0-9]{7}-R[0-9]{6}")));
  h.advance("30s");
  EXPECT_EQ(h.call("GET", "/v2/refunds/" + r.body["refundId"].get<std::string>()).state(), "Refunded");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).body["refundedAmount"], yen(4000));
  // Ceiling: 10,000 + min(15 %, 8,400) = 11,500 in total.
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(7501)}}).reason(),
            "TransactionAmountExceeded");
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(7500)}}).status, 201);
}

TEST(Refund, CeilingCapsAtEightThousandFourHundredAndTenRefunds) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 100000});
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(100000)}});
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(108401)}}).reason(),
            "TransactionAmountExceeded");
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(100)}}).status, 201);
  Reply eleventh = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(100)}});
  EXPECT_EQ(eleventh.reason(), "TransactionCountExceeded");
}

TEST(Refund, OnlyOnCapturedChargesAndCanBeDeclined) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(1)}}).reason(),
            "InvalidChargeStatus");
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}});
  Reply r = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(5000)}},
                   {{"x-amz-pay-simulation-code", "AmazonRejected"}});
  h.advance("30s");
  Reply got = h.call("GET", "/v2/refunds/" + r.body["refundId"].get<std::string>());
  EXPECT_EQ(got.state(), "Declined");
  EXPECT_EQ(got.body["statusDetails"]["reasonCode"], "AmazonRejected");
  EXPECT_TRUE(h.call("GET", "/v2/charges/" + charge_id(a)).body["refundedAmount"].is_null());
}

// ---------------------------------------------------------------- charge permissions

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

// ---------------------------------------------------------------- protocol

TEST(Idempotency, ReplaysSameRequestRejectsDifferentOne) {
  MockHarness h;
  Reply a = h.checkout(Opts{.allow_overcharge = true, .extend_expiration = true});
  core::Headers key = {{"x-amz-pay-idempotency-key", "key-1"}};
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}};
  Reply first = h.call("POST", "/v2/charges", body, key);
  Reply second = h.call("POST", "/v2/charges", body, key);
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(first.body, second.body);
  json other = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(101)}};
  Reply dup = h.call("POST", "/v2/charges", other, key);
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(dup.reason(), "DuplicateIdempotencyKey");
  Reply bad = h.call("POST", "/v2/charges", body, {{"x-amz-pay-idempotency-key", "bad key!"}});
  EXPECT_EQ(bad.reason(), "InvalidHeaderValue");
  Reply long_key = h.call("POST", "/v2/charges", body,
                          {{"x-amz-pay-idempotency-key", std::string(33, 'a')}});
  EXPECT_EQ(long_key.reason(), "InvalidHeaderValue");
}

TEST(Faults, ErrorsAndDroppedConnectionsThenRecovery) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  ASSERT_EQ(h.call("POST", "/__mock/faults",
                   {{"path", "/v2/charges"}, {"kind", "error"}, {"reasonCode", "ServiceUnavailable"}}).status,
            200);
  Reply failed = h.call("GET", "/v2/charges/" + charge_id(a));
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.reason(), "ServiceUnavailable");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).status, 200);
  h.call("POST", "/__mock/faults", {{"kind", "timeout"}, {"count", 2}});
  core::HttpRequest req{"GET", "/v2/charges/" + charge_id(a), "", {}, ""};
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);
  EXPECT_EQ(h.mock().handle(req).status, 200);
  EXPECT_EQ(h.call("POST", "/__mock/faults", {{"kind", "lightning"}}).status, 400);
}

TEST(Clock, AdvanceReportsChangesAndNeverGoesBack) {
  MockHarness h;
  h.checkout(Opts{});
  Reply next = h.call("POST", "/__mock/clock/advance", {{"next", true}});
  EXPECT_EQ(next.body["now"], "2026-01-06T00:00:00Z");  // the session's 24 h expiry event
  Reply back = h.call("POST", "/__mock/clock/advance", {{"to", "2025-01-01T00:00:00Z"}});
  EXPECT_EQ(back.status, 400);
  Reply bad = h.call("POST", "/__mock/clock/advance", {{"by", "soon"}});
  EXPECT_EQ(bad.status, 400);
  Reply to = h.call("POST", "/__mock/clock/advance", {{"to", "2026-02-04T00:00:00Z"}});
  ASSERT_EQ(to.status, 200);
  EXPECT_EQ(to.body["changes"].back()["reason"], "ExpiredUnused");
}

TEST(Persistence, RestartContinuesWhereItStopped) {
  auto dir = std::filesystem::temp_directory_path() / ("mock-persist-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string db = (dir / "mock.db").string();
  std::string charge, cp;
  {
    MockOptions o;
    o.db_path = db;
    MockHarness h(o);
    Reply a = h.checkout(Opts{});
    charge = charge_id(a);
    cp = cp_id(a);
    h.advance("10d");
  }
  {
    MockOptions o;
    o.db_path = db;
    o.start = core::parse_instant("2030-01-01T00:00:00Z");  // ignored: the file has a clock
    MockHarness h(o);
    EXPECT_EQ(h.call("GET", "/__mock/clock").body["now"], "2026-01-15T00:00:00Z");
    EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "Authorized");
    h.advance("20d");  // the expiry event armed before the restart still fires
    EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "Canceled");
    // New ids continue the stored random sequence rather than repeating old ones.
    Reply b = h.checkout(Opts{});
    EXPECT_NE(cp_id(b), cp);
  }
  {
    MockOptions o;
    o.db_path = (dir / "other.db").string();
    MockHarness other(o);  // a second database shares nothing
    EXPECT_EQ(other.call("GET", "/v2/charges/" + charge).status, 404);
  }
  std::filesystem::remove_all(dir);
}

TEST(Determinism, SameSeedSameIds) {
  auto run = [] {
    MockOptions o;
    o.seed = 99;
    MockHarness h(o);
    Reply a = h.checkout(Opts{});
    return charge_id(a) + h.last_checkout_session;
  };
  EXPECT_EQ(run(), run());
}

TEST(Reset, ClearsEverythingAndReseeds) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply r = h.call("POST", "/__mock/reset", {{"seed", 7}, {"now", "2027-03-01T00:00:00Z"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["now"], "2027-03-01T00:00:00Z");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).status, 404);
}

}  // namespace
}  // namespace mock_amazon::testing
