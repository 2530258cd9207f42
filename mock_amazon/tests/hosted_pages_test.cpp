// The hosted pages as HTML (transport/hosted_pages.cpp) through Mock::handle, without a
// browser: the walk, redirect targets, cancel, escaping and the error pages.
#include "mock_amazon/tests/mock_test_support.hpp"

#include "core/signing.hpp"

namespace mock_amazon::testing {
namespace {

constexpr const char* kBase = "http://mock.test/amazon";  // a base with a path
constexpr const char* kReview = "https://shop.example/review";
constexpr const char* kResult = "https://shop.example/result";

MockOptions hosted() {
  MockOptions o;
  o.service.hosted_base_url = kBase;
  return o;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + k + "=" + core::uri_encode_component(v);
  return out;
}

core::HttpResponse page(MockHarness& h, const std::string& method, const std::string& path,
                        const std::string& query_or_body) {
  core::HttpRequest req;
  req.method = method;
  req.path = path;
  if (method == "GET") {
    req.query = query_or_body;
  } else {
    req.body = query_or_body;
    req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  }
  return h.mock().handle(req);
}

std::string location(const core::HttpResponse& r) {
  const std::string* l = r.header("location");
  return l ? *l : "";
}

std::string create_session(MockHarness& h, json web = {{"checkoutReviewReturnUrl", kReview}},
                           json metadata = nullptr) {
  json body = {{"webCheckoutDetails", web}, {"storeId", "store-1"}};
  if (!metadata.is_null()) body["merchantMetadata"] = metadata;
  Reply cs = h.call("POST", "/v2/checkoutSessions", body);
  EXPECT_EQ(cs.status, 201) << cs.body.dump();
  return cs.body["checkoutSessionId"];
}

core::HttpResponse sign_in(MockHarness& h, const std::string& id,
                           const std::string& payment = "card-1111") {
  return page(h, "POST", "/amazon/checkout/signin",
              form({{"amazonCheckoutSessionId", id},
                    {"buyer", "taro"},
                    {"address", "home"},
                    {"paymentMethod", payment}}));
}

void finish_review(MockHarness& h, const std::string& id) {
  Reply upd =
      h.call("PATCH", "/v2/checkoutSessions/" + id,
             {{"webCheckoutDetails", {{"checkoutResultReturnUrl", kResult}}},
              {"paymentDetails", {{"paymentIntent", "Authorize"}, {"chargeAmount", yen(4200)}}}});
  ASSERT_EQ(upd.status, 200) << upd.body.dump();
}

TEST(HostedPages, SignInReviewPaymentAndComplete) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  auto buyers = page(h, "GET", "/amazon/checkout/signin", "amazonCheckoutSessionId=" + id);
  ASSERT_EQ(buyers.status, 200) << buyers.body;
  EXPECT_EQ(*buyers.header("content-type"), "text/html; charset=UTF-8");
  EXPECT_NE(buyers.body.find("buyer=hanako"), std::string::npos);
  auto choose =
      page(h, "GET", "/amazon/checkout/signin", "amazonCheckoutSessionId=" + id + "&buyer=taro");
  ASSERT_EQ(choose.status, 200);
  for (const char* key : {"card-0701", "giftcard", "giftcard+card-1111", "short-phone"})
    EXPECT_NE(choose.body.find(std::string("value=\"") + key + "\""), std::string::npos) << key;

  auto signed_in = sign_in(h, id, "giftcard+card-1111");
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  EXPECT_EQ(location(signed_in), std::string(kReview) + "?amazonCheckoutSessionId=" + id);
  finish_review(h, id);

  Reply cs = h.call("GET", "/v2/checkoutSessions/" + id);
  std::string pay_url = cs.body["webCheckoutDetails"]["amazonPayRedirectUrl"];
  ASSERT_EQ(pay_url, std::string(kBase) + "/checkout/payment?amazonCheckoutSessionId=" + id);
  auto payment = page(h, "GET", "/amazon/checkout/payment", "amazonCheckoutSessionId=" + id);
  ASSERT_EQ(payment.status, 200) << payment.body;
  EXPECT_NE(payment.body.find("Visa ****1111 (Amazon Pay) + Amazon gift card"), std::string::npos);
  EXPECT_NE(payment.body.find("¥4,200"), std::string::npos);

  auto paid = page(h, "POST", "/amazon/checkout/payment", form({{"amazonCheckoutSessionId", id}}));
  ASSERT_EQ(paid.status, 303) << paid.body;
  EXPECT_EQ(location(paid), std::string(kResult) + "?amazonCheckoutSessionId=" + id);
  Reply done =
      h.call("POST", "/v2/checkoutSessions/" + id + "/complete", {{"chargeAmount", yen(4200)}});
  ASSERT_EQ(done.status, 200) << done.body.dump();
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(done)).state(), "Authorized");
}

TEST(HostedPages, DeclineCardSendsTheBuyerToTheResultPage) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  ASSERT_EQ(sign_in(h, id, "card-3434").status, 303);
  finish_review(h, id);
  auto paid = page(h, "POST", "/amazon/checkout/payment", form({{"amazonCheckoutSessionId", id}}));
  EXPECT_EQ(location(paid), std::string(kResult) + "?amazonCheckoutSessionId=" + id);
  EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + id).state(), "Canceled");
}

TEST(HostedPages, CancelGoesToCheckoutCancelUrl) {
  MockHarness h(hosted());
  std::string id = create_session(h, {{"checkoutReviewReturnUrl", kReview},
                                      {"checkoutCancelUrl", "https://shop.example/cart"}});
  auto canceled =
      page(h, "POST", "/amazon/checkout/cancel", form({{"amazonCheckoutSessionId", id}}));
  ASSERT_EQ(canceled.status, 303) << canceled.body;
  EXPECT_EQ(location(canceled), "https://shop.example/cart?amazonCheckoutSessionId=" + id);
  Reply cs = h.call("GET", "/v2/checkoutSessions/" + id);
  EXPECT_EQ(cs.state(), "Canceled");
  EXPECT_EQ(cs.body["statusDetails"]["reasonCode"], "BuyerCanceled");
}

TEST(HostedPages, CancelWithoutCancelUrlShowsAPage) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  auto canceled =
      page(h, "POST", "/amazon/checkout/cancel", form({{"amazonCheckoutSessionId", id}}));
  EXPECT_EQ(canceled.status, 200);
  EXPECT_EQ(location(canceled), "");
  EXPECT_NE(canceled.body.find("You cancelled"), std::string::npos);
  EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + id).state(), "Canceled");
  // A second visit finds the session in the wrong state.
  auto again = page(h, "GET", "/amazon/checkout/signin", "amazonCheckoutSessionId=" + id);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("InvalidCheckoutSessionStatus"), std::string::npos);
}

TEST(HostedPages, EscapesEverythingShown) {
  MockHarness h(hosted());
  std::string id = create_session(h, {{"checkoutReviewReturnUrl", kReview}},
                                  {{"merchantStoreName", "<script>alert(1)</script>"}});
  auto shown = page(h, "GET", "/amazon/checkout/signin", "amazonCheckoutSessionId=" + id);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.body.find("<script>"), std::string::npos);
  EXPECT_NE(shown.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  auto unknown = page(h, "GET", "/amazon/checkout/signin",
                      "amazonCheckoutSessionId=%22%3E%3Cimg%20src%3Dx%3E");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body.find("<img"), std::string::npos);
  EXPECT_NE(unknown.body.find("&quot;&gt;&lt;img src=x&gt;"), std::string::npos);
}

TEST(HostedPages, NeverRedirectsToANonWebUrl) {
  MockHarness h(hosted());
  std::string id = create_session(h, {{"checkoutReviewReturnUrl", "javascript:alert(1)"},
                                      {"checkoutCancelUrl", "data:text/html,x"}});
  auto signed_in = sign_in(h, id);
  EXPECT_EQ(signed_in.status, 400);
  EXPECT_EQ(location(signed_in), "");
  EXPECT_EQ(signed_in.body.find("href=\"javascript"), std::string::npos);
  auto canceled =
      page(h, "POST", "/amazon/checkout/cancel", form({{"amazonCheckoutSessionId", id}}));
  EXPECT_EQ(canceled.status, 400);
  EXPECT_EQ(location(canceled), "");
  // Refused before anything changed: no buyer associated, still Open.
  Reply cs = h.call("GET", "/v2/checkoutSessions/" + id);
  EXPECT_EQ(cs.state(), "Open");
  EXPECT_EQ(cs.body["constraints"][0]["constraintId"], "BuyerNotAssociated");
}

TEST(HostedPages, ErrorPages) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  EXPECT_EQ(page(h, "GET", "/amazon/checkout/signin", "").status, 400);
  EXPECT_EQ(page(h, "GET", "/amazon/checkout/nowhere", "").status, 404);
  EXPECT_EQ(page(h, "GET", "/amazon/checkout/cancel", "amazonCheckoutSessionId=" + id).status, 405);
  EXPECT_EQ(
      page(h, "GET", "/amazon/checkout/signin", "amazonCheckoutSessionId=" + id + "&buyer=nobody")
          .status,
      400);
  // The payment page before the shop set what it needs: the constraints are named.
  auto early = page(h, "GET", "/amazon/checkout/payment", "amazonCheckoutSessionId=" + id);
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("BuyerNotAssociated"), std::string::npos);
  EXPECT_EQ(sign_in(h, id, "card-9999").status, 400);
  auto incomplete =
      page(h, "POST", "/amazon/checkout/signin", form({{"amazonCheckoutSessionId", id}}));
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_NE(incomplete.body.find("MissingParameterValue"), std::string::npos);
}

TEST(HostedPages, RefusesAFormFromAnotherSite) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  core::HttpRequest req;
  req.method = "POST";
  req.path = "/amazon/checkout/cancel";
  req.body = form({{"amazonCheckoutSessionId", id}});
  req.headers = {{"host", "mock.test"}, {"origin", "https://evil.example"}};
  EXPECT_EQ(h.mock().handle(req).status, 401);
  EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + id).state(), "Open");
}

TEST(HostedPages, OnlyUnderTheHostedBasePath) {
  MockHarness h(hosted());
  std::string id = create_session(h);
  // /checkout/... without the base's path is the API's (an unknown resource), not a page.
  auto outside = page(h, "GET", "/checkout/signin", "amazonCheckoutSessionId=" + id);
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(*outside.header("content-type"), "application/json;charset=UTF-8");
}

}  // namespace
}  // namespace mock_amazon::testing
