// Test helpers: a Mock in memory, JSON calls through Mock::handle (the same path the HTTP
// server and the in-process client use), the control API through the typed ControlClient,
// and the usual checkout walk.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"
#include "mock_amazon/in_process_client.hpp"
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
    client_ = std::make_unique<InProcessClient>(*mock_);
    control_ = std::make_unique<control::ControlClient>(*client_);
  }

  Mock& mock() { return *mock_; }
  control::ControlClient& control() { return *control_; }

  // A control answer as a Reply; no answer (a dropped connection) is status kNoResponse.
  static Reply reply(const control::Answer& answer) {
    Reply r;
    if (!answer) {
      r.status = kNoResponse;
      return r;
    }
    r.status = answer->status;
    r.headers = answer->headers;
    if (!answer->body.empty()) r.body = json::parse(answer->body);
    return r;
  }

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

  Reply advance(const std::string& by) { return reply(control().advance_by(by)); }

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
    json price = {{"amount", std::to_string(o.amount)}, {"currencyCode", "JPY"}};
    auto walk = control::walk_hosted_pages(
        control(), id, {o.buyer, o.address, o.payment}, [&](const core::HttpResponse&) {
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
          return std::string();
        });
    EXPECT_EQ(reply(walk.signed_in).status, 200);
    last_payment_page = reply(walk.payment_page);
    return call("POST", "/v2/checkoutSessions/" + id + "/complete", {{"chargeAmount", price}});
  }

  std::string last_checkout_session;
  Reply last_payment_page;

 private:
  std::unique_ptr<Mock> mock_;
  std::unique_ptr<InProcessClient> client_;
  std::unique_ptr<control::ControlClient> control_;
};

using Opts = MockHarness::CheckoutOptions;

// A notification receiver that records every POST and answers the scripted statuses in turn
// (then 200). Install with mock().set_notification_sender(recorder.sender()).
struct NotificationRecorder {
  struct Received {
    std::string url;
    core::HttpRequest request;
    json envelope;
    json message;
  };
  std::vector<Received> received;
  std::vector<int> statuses;
  std::function<void(const Received&)> on_receive;

  notifications::Sender sender() {
    return [this](const std::string& url, const core::HttpRequest& req)
               -> core::Result<core::HttpResponse, std::string> {
      Received r{url, req, json::parse(req.body), nullptr};
      r.message = json::parse(r.envelope["Message"].get<std::string>());
      received.push_back(r);
      if (on_receive) on_receive(r);
      core::HttpResponse res;
      res.status = 200;
      if (received.size() <= statuses.size()) res.status = statuses[received.size() - 1];
      return res;
    };
  }
  std::vector<std::string> object_ids() const {
    std::vector<std::string> out;
    for (const auto& r : received) out.push_back(r.message["ObjectId"]);
    return out;
  }
};

// A control call that must succeed.
inline void expect_ok(const control::Answer& a) {
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a->status, 200) << a->body;
}

// GET /__mock/notifications: the delivery journal.
inline json notifications_journal(MockHarness& h) {
  return MockHarness::reply(h.control().notifications()).body["notifications"];
}

inline std::string charge_id(const Reply& complete) { return complete.body["chargeId"]; }
inline std::string cp_id(const Reply& complete) { return complete.body["chargePermissionId"]; }

inline json yen(long long amount) {
  return json{{"amount", std::to_string(amount)}, {"currencyCode", "JPY"}};
}

}  // namespace mock_amazon::testing
