// Every (state, operation) pair of the API answered as the transition tables say: the
// service really consults the tables, and a refused pair carries Amazon's reasonCode.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

using Opts = MockHarness::CheckoutOptions;

// Brings a fresh mock's charge into `state`; returns the charge id.
std::string charge_in(MockHarness& h, ChargeState state) {
  Opts o;
  o.extend_expiration = true;
  if (state == ChargeState::AuthorizationInitiated || state == ChargeState::Declined) {
    o.payment = state == ChargeState::Declined ? "card-4354" : "card-0701";
    o.pending = true;
  }
  Reply done = h.checkout(o);
  std::string id = done.body["chargeId"];
  std::string path = "/v2/charges/" + id;
  switch (state) {
    case ChargeState::AuthorizationInitiated:
    case ChargeState::Authorized:
      break;
    case ChargeState::Declined:
      h.advance("30s");
      break;
    case ChargeState::CaptureInitiated:
      h.call("POST", path + "/capture", {{"captureAmount", yen(5000)}},
             {{"x-amz-pay-simulation-code", "CaptureInitiated"}});
      break;
    case ChargeState::Captured:
      h.call("POST", path + "/capture", {{"captureAmount", yen(5000)}});
      break;
    case ChargeState::Canceled:
      h.call("DELETE", path + "/cancel", json::object());
      break;
  }
  EXPECT_EQ(h.call("GET", path).state(), name(state));
  return id;
}

TEST(StateMatrix, ChargeOperations) {
  const auto& table = charge_table();
  struct Op {
    const char* name;
    std::vector<ChargeTrigger> triggers;  // the rows that allow it
    std::function<Reply(MockHarness&, const std::string&)> call;
  };
  std::vector<Op> ops = {
      {"capture", {ChargeTrigger::Capture, ChargeTrigger::CaptureAsync},
       [](MockHarness& h, const std::string& id) {
         return h.call("POST", "/v2/charges/" + id + "/capture", {{"captureAmount", yen(5000)}});
       }},
      {"cancel", {ChargeTrigger::Cancel},
       [](MockHarness& h, const std::string& id) {
         return h.call("DELETE", "/v2/charges/" + id + "/cancel", json::object());
       }},
      {"refund", {ChargeTrigger::Refund},
       [](MockHarness& h, const std::string& id) {
         return h.call("POST", "/v2/refunds", {{"chargeId", id}, {"refundAmount", yen(1)}});
       }},
  };
  for (ChargeState state : table.states) {
    for (const auto& op : ops) {
      MockHarness h;
      std::string id = charge_in(h, state);
      bool allowed = false;
      for (auto t : op.triggers) allowed = allowed || table.find(state, t) != nullptr;
      Reply r = op.call(h, id);
      if (allowed) {
        EXPECT_LT(r.status, 300) << op.name << " in " << name(state) << ": " << r.body.dump();
      } else {
        EXPECT_EQ(r.status, 422) << op.name << " in " << name(state);
        EXPECT_EQ(r.reason(), "InvalidChargeStatus") << op.name << " in " << name(state);
      }
    }
  }
}

TEST(StateMatrix, ChargePermissionOperations) {
  const auto& table = charge_permission_table();
  auto permission_in = [](MockHarness& h, ChargePermissionState state) {
    Reply done = h.checkout(Opts{.allow_overcharge = true, .extend_expiration = true});
    std::string id = done.body["chargePermissionId"];
    if (state == ChargePermissionState::NonChargeable) {
      EXPECT_EQ(h.reply(h.control().make_non_chargeable(id, "PaymentMethodExpired")).status, 200);
    }
    if (state == ChargePermissionState::Closed)
      h.call("DELETE", "/v2/chargePermissions/" + id + "/close", json::object());
    EXPECT_EQ(h.call("GET", "/v2/chargePermissions/" + id).state(), name(state));
    return id;
  };
  for (ChargePermissionState state : table.states) {
    {
      MockHarness h;
      std::string id = permission_in(h, state);
      Reply r = h.call("POST", "/v2/charges", {{"chargePermissionId", id}, {"chargeAmount", yen(100)}});
      if (table.find(state, ChargePermissionTrigger::CreateCharge)) EXPECT_EQ(r.status, 201);
      else EXPECT_EQ(r.reason(), "InvalidChargePermissionStatus") << name(state);
    }
    {
      MockHarness h;
      std::string id = permission_in(h, state);
      Reply r = h.call("DELETE", "/v2/chargePermissions/" + id + "/close", json::object());
      if (table.find(state, ChargePermissionTrigger::Close)) EXPECT_EQ(r.status, 200);
      else EXPECT_EQ(r.reason(), "InvalidChargePermissionStatus") << name(state);
    }
    {
      MockHarness h;
      std::string id = permission_in(h, state);
      Reply r = h.reply(h.control().buyer_update_payment_method(id, "card-4444"));
      if (table.find(state, ChargePermissionTrigger::BuyerUpdatePaymentMethod)) EXPECT_EQ(r.status, 200);
      else EXPECT_EQ(r.reason(), "InvalidChargePermissionStatus") << name(state);
    }
  }
}

TEST(StateMatrix, CheckoutSessionOperations) {
  const auto& table = checkout_session_table();
  auto session_in = [](MockHarness& h, CheckoutSessionState state) {
    Opts o;
    if (state == CheckoutSessionState::Canceled) o.payment = "card-3434";
    if (state != CheckoutSessionState::Open) {
      h.checkout(o);
    } else {
      Reply cs = h.call("POST", "/v2/checkoutSessions",
                        {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://s/r"},
                                                 {"checkoutResultReturnUrl", "https://s/x"}}},
                         {"storeId", "s"},
                         {"paymentDetails", {{"paymentIntent", "Authorize"}, {"chargeAmount", yen(5000)}}}});
      h.last_checkout_session = cs.body["checkoutSessionId"];
      EXPECT_EQ(h.reply(h.control().sign_in(h.last_checkout_session, {"taro", "home", "card-1111"})).status,
                200);
    }
    EXPECT_EQ(h.call("GET", "/v2/checkoutSessions/" + h.last_checkout_session).state(), name(state));
    return h.last_checkout_session;
  };
  struct Op {
    const char* name;
    CheckoutSessionTrigger trigger;
    std::function<Reply(MockHarness&, const std::string&)> call;
  };
  std::vector<Op> ops = {
      {"update", CheckoutSessionTrigger::Update,
       [](MockHarness& h, const std::string& id) {
         return h.call("PATCH", "/v2/checkoutSessions/" + id,
                       {{"merchantMetadata", {{"merchantReferenceId", "R"}}}});
       }},
      {"sign-in", CheckoutSessionTrigger::SignIn,
       [](MockHarness& h, const std::string& id) {
         return h.reply(h.control().sign_in(id, {"taro", "home", "card-1111"}));
       }},
      {"payment-page", CheckoutSessionTrigger::PassPaymentPage,
       [](MockHarness& h, const std::string& id) {
         return h.reply(h.control().pass_payment_page(id));
       }},
      {"cancel", CheckoutSessionTrigger::BuyerCancel,
       [](MockHarness& h, const std::string& id) {
         return h.reply(h.control().cancel_checkout(id));
       }},
  };
  for (CheckoutSessionState state : table.states) {
    for (const auto& op : ops) {
      MockHarness h;
      std::string id = session_in(h, state);
      Reply r = op.call(h, id);
      if (table.find(state, op.trigger)) EXPECT_EQ(r.status, 200) << op.name << r.body.dump();
      else EXPECT_EQ(r.reason(), "InvalidCheckoutSessionStatus") << op.name << " in " << name(state);
    }
  }
}

}  // namespace
}  // namespace mock_amazon::testing
