// Test helpers: a Mock in memory, JSON calls through Mock::handle (the same path the HTTP
// server and the in-process client use), and the usual checkout walk.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/json.hpp"
#include "mock_amazon/mock.hpp"

namespace mock_amazon::testing {

using nlohmann::json;

struct Reply {
  int status = 0;
  json body;
  core::Headers headers;
  std::string reason() const {
    return body.is_object() && body.contains("reasonCode") ? body["reasonCode"].get<std::string>()
                                                           : std::string();
  }
  std::string state() const { return body["statusDetails"]["state"].get<std::string>(); }
};

class MockHarness {
 public:
  explicit MockHarness(MockOptions options = {}) {
    options.verify_signatures = false;
    if (!options.start) options.start = core::parse_instant("2026-01-05T00:00:00Z");
    auto m = Mock::open(std::move(options));
    if (!m) throw std::runtime_error(m.error());
    mock_ = std::move(m).value();
  }

  Mock& mock() { return *mock_; }

  Reply call(const std::string& method, const std::string& path, const json& body = nullptr,
             core::Headers headers = {}) {
    core::HttpRequest req;
    req.method = method;
    req.path = path;
    req.headers = std::move(headers);
    req.headers.emplace_back("content-type", "application/json");
    if (!body.is_null()) req.body = body.dump();
    auto res = mock_->handle(req);
    Reply r;
    r.status = res.status;
    r.headers = res.headers;
    if (!res.body.empty() && res.status != kNoResponse) r.body = json::parse(res.body);
    return r;
  }

  Reply advance(const std::string& by) { return call("POST", "/__mock/clock/advance", {{"by", by}}); }

  struct CheckoutOptions {
    long long amount = 5000;
    std::string intent = "Authorize";
    std::string buyer = "taro";
    std::string address = "home";
    std::string payment = "card-1111";
    bool pending = false;
    bool allow_overcharge = false;
    bool extend_expiration = false;
    std::string type = "OneTime";
  };

  // Create → sign in → update → payment page → complete. Returns the Complete reply.
  Reply checkout(const CheckoutOptions& o) {
    json create = {{"webCheckoutDetails",
                    {{"checkoutReviewReturnUrl", "https://shop.example/amazon/review"}}},
                   {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"},
                   {"chargePermissionType", o.type}};
    if (o.type == "Recurring")
      create["recurringMetadata"] = {{"frequency", {{"unit", "Month"}, {"value", "1"}}}};
    Reply cs = call("POST", "/v2/checkoutSessions", create);
    EXPECT_EQ(cs.status, 201) << cs.body.dump();
    std::string id = cs.body["checkoutSessionId"];
    last_checkout_session = id;
    Reply signed_in = call("POST", "/__mock/checkout-sessions/" + id + "/sign-in",
                           {{"buyer", o.buyer}, {"address", o.address}, {"paymentMethod", o.payment}});
    EXPECT_EQ(signed_in.status, 200) << signed_in.body.dump();
    json price = {{"amount", std::to_string(o.amount)}, {"currencyCode", "JPY"}};
    Reply upd = call("PATCH", "/v2/checkoutSessions/" + id,
                     {{"webCheckoutDetails",
                       {{"checkoutResultReturnUrl", "https://shop.example/amazon/result"}}},
                      {"paymentDetails",
                       {{"paymentIntent", o.intent},
                        {"canHandlePendingAuthorization", o.pending},
                        {"chargeAmount", price},
                        {"allowOvercharge", o.allow_overcharge},
                        {"extendExpiration", o.extend_expiration}}}});
    EXPECT_EQ(upd.status, 200) << upd.body.dump();
    last_payment_page = call("POST", "/__mock/checkout-sessions/" + id + "/payment-page");
    return call("POST", "/v2/checkoutSessions/" + id + "/complete", {{"chargeAmount", price}});
  }

  std::string last_checkout_session;
  Reply last_payment_page;

 private:
  std::unique_ptr<Mock> mock_;
};

inline json yen(long long amount) {
  return json{{"amount", std::to_string(amount)}, {"currencyCode", "JPY"}};
}

}  // namespace mock_amazon::testing
