// Checkout Sessions through Mock::handle: constraints, the hosted pages, Complete, expiry.
#include <gtest/gtest.h>

#include <regex>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

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
  EXPECT_EQ(h.reply(h.control().sign_in(id, {"taro", "home", "card-1111"})).status, 200);
  Reply got = h.call("GET", "/v2/checkoutSessions/" + id);
  EXPECT_TRUE(got.body["constraints"].empty());
  EXPECT_NE(got.body["webCheckoutDetails"]["amazonPayRedirectUrl"].get<std::string>().find(id),
            std::string::npos);
  EXPECT_EQ(got.body["buyer"]["email"], "taro@example.jp");
  EXPECT_EQ(h.reply(h.control().pass_payment_page(id)).status, 200);
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

}  // namespace
}  // namespace mock_amazon::testing
