#include "shop_model/amazon/amazon_pay.hpp"

#include <cstdio>

#include "core/amazon_objects.hpp"
#include "core/json.hpp"

namespace shop_model {
namespace {

using nlohmann::json;

json price(Yen y) { return json{{"amount", y.to_string()}, {"currencyCode", "JPY"}}; }

// Amazon's objects are read by core::amazon; here they become what the shop decides on.
using core::amazon::text;

// The door and the wait between attempts, as one call needs them.
struct Door {
  core::AmazonPayClient& client;
  Waiter& waiter;
};

// Sends one call, again while retry_wait() says so; parses the JSON answer or turns the
// failure into an ApiError.
core::Result<json, ApiError> call(Door door, const std::string& method, const std::string& path,
                                  const json& body, const std::string& idempotency_key) {
  core::HttpRequest req;
  req.method = method;
  req.path = path;
  req.headers.emplace_back("content-type", "application/json");
  if (!idempotency_key.empty()) req.headers.emplace_back("x-amz-pay-idempotency-key", idempotency_key);
  if (!body.is_null()) req.body = body.dump();
  auto res = door.client.send(req);
  // The same request each time, so the same idempotency key: Amazon does a POST at most once
  // and answers a retry of one it did with what it did.
  for (int attempt = 1;; ++attempt) {
    std::optional<core::Duration> wait = retry_wait(attempt, res);
    if (!wait) break;
    door.waiter.wait(*wait);
    res = door.client.send(req);
  }
  if (!res) return core::fail(ApiError{0, "", res.error()});
  json parsed;
  try {
    parsed = res->body.empty() ? json(nullptr) : json::parse(res->body);
  } catch (const json::parse_error&) {
    return core::fail(ApiError{res->status, "", "the answer is not JSON"});
  }
  if (res->status < 200 || res->status >= 300)
    return core::fail(ApiError{res->status, text(parsed, "reasonCode"), text(parsed, "message")});
  if (!parsed.is_object()) return core::fail(ApiError{res->status, "", "the answer is not a JSON object"});
  parsed["__status"] = res->status;
  return parsed;
}

CheckoutSessionView checkout_session(const json& j) {
  CheckoutSessionView v;
  v.id = text(j, "checkoutSessionId");
  core::amazon::Status status = core::amazon::read_status(j);
  v.state = status.state.value_or("");
  v.reason = status.reason_code.value_or("");
  if (j.contains("webCheckoutDetails") && j["webCheckoutDetails"].is_object()) {
    std::string url = text(j["webCheckoutDetails"], "amazonPayRedirectUrl");
    if (!url.empty()) v.amazon_pay_redirect_url = url;
  }
  if (j.contains("buyer") && j["buyer"].is_object()) {
    v.buyer_id = text(j["buyer"], "buyerId");
    v.buyer_name = text(j["buyer"], "name");
    v.buyer_email = text(j["buyer"], "email");
  }
  if (j.contains("shippingAddress") && j["shippingAddress"].is_object()) {
    const json& a = j["shippingAddress"];
    v.shipping_address = AmazonAddress{text(a, "name"),          text(a, "postalCode"),
                                       text(a, "stateOrRegion"), text(a, "addressLine1"),
                                       text(a, "addressLine2"),  text(a, "phoneNumber")};
  }
  v.payment_descriptor = core::amazon::payment_descriptor(j);
  v.charge_permission_id = text(j, "chargePermissionId");
  v.charge_id = text(j, "chargeId");
  if (j.contains("constraints") && j["constraints"].is_array())
    for (const auto& c : j["constraints"]) v.constraints.push_back(text(c, "constraintId"));
  v.authorization_pending = j.value("__status", 200) == 202;
  return v;
}

ChargePermissionView charge_permission(const json& j) {
  core::amazon::ChargePermission cp = core::amazon::read_charge_permission(j);
  ChargePermissionView v;
  v.id = cp.id;
  v.state = parse_charge_permission_state(cp.status.state.value_or(""));
  for (const std::string& r : cp.status.reasons) v.reasons.push_back(reason_code(r));
  v.expires = core::parse_instant(cp.expiration_timestamp.value_or(""));
  v.amount_limit = cp.amount_limit.value_or(Yen{0});
  v.amount_balance = cp.amount_balance.value_or(Yen{0});
  v.payment_descriptor = cp.payment_descriptor;
  return v;
}

ChargeView charge(const json& j) {
  core::amazon::Charge c = core::amazon::read_charge(j);
  ChargeView v;
  v.id = c.id;
  v.charge_permission_id = c.charge_permission_id;
  v.state = parse_charge_state(c.status.state.value_or(""));
  v.reason = c.status.reason_code.value_or("");
  v.charge_amount = c.charge_amount.value_or(Yen{0});
  v.capture_amount = c.capture_amount;
  v.refunded_amount = c.refunded_amount.value_or(Yen{0});
  return v;
}

RefundView refund(const json& j) {
  core::amazon::Refund r = core::amazon::read_refund(j);
  RefundView v;
  v.id = r.id;
  v.charge_id = r.charge_id;
  v.state = parse_refund_state(r.status.state.value_or(""));
  v.reason = r.status.reason_code.value_or("");
  v.amount = r.refund_amount.value_or(Yen{0});
  return v;
}

template <class View, class F>
ApiResult<View> as(core::Result<json, ApiError> r, F&& read) {
  if (!r) return core::fail(r.error());
  return read(r.value());
}

// A write on a named object that never got an answer: Amazon may have done it. The object is
// read back; if it shows the write done, that is the answer, otherwise the failure stands.
// (Only writes on a known object: there is no call listing a permission's Charges.)
template <class View, class Read, class Done>
ApiResult<View> reconciled(ApiResult<View> written, Read&& read_back, Done&& done) {
  if (written || !written.error().transport()) return written;
  ApiResult<View> now = read_back();
  if (now && done(*now)) return now;
  return written;
}

}  // namespace

std::string ApiError::describe() const {
  if (transport()) return "Amazon Payに接続できませんでした (" + message + ")";
  return reason_code.empty() ? "HTTP " + std::to_string(status) + ": " + message
                             : reason_code + ": " + message;
}

AmazonPayApi::AmazonPayApi(core::AmazonPayClient& client, std::uint64_t seed, Waiter& waiter)
    : client_(client), waiter_(waiter), keys_(core::derive_seed(seed, "idempotency-keys")) {}

std::string AmazonPayApi::idempotency_key() {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(keys_.next()),
                static_cast<unsigned long long>(keys_.next()));
  return buf;
}

std::string_view name(ChargePermissionType type) {
  return type == ChargePermissionType::Recurring ? "Recurring" : "OneTime";
}

std::string_view name(PaymentIntent intent) {
  return intent == PaymentIntent::Confirm ? "Confirm" : "Authorize";
}

ApiResult<CheckoutSessionView> AmazonPayApi::create_checkout_session(
    const CreateCheckoutSessionArgs& a) {
  json body = {{"webCheckoutDetails",
                {{"checkoutReviewReturnUrl", a.review_return_url},
                 {"checkoutCancelUrl", a.cancel_url}}},
               {"storeId", a.store_id},
               {"scopes", {"name", "email", "phoneNumber", "billingAddress"}},
               {"chargePermissionType", name(a.charge_permission_type)},
               {"paymentDetails", {{"presentmentCurrency", "JPY"}}},
               {"merchantMetadata", {{"merchantStoreName", a.merchant_store_name}}}};
  if (a.charge_permission_type == ChargePermissionType::Recurring)
    body["recurringMetadata"] = {{"frequency", {{"unit", "Month"}, {"value", "1"}}},
                                 {"amount", a.recurring_amount ? price(*a.recurring_amount)
                                                               : json(nullptr)}};
  return as<CheckoutSessionView>(
      call({client_, waiter_}, "POST", "/v2/checkoutSessions", body, idempotency_key()),
      checkout_session);
}

ApiResult<CheckoutSessionView> AmazonPayApi::get_checkout_session(const std::string& id) {
  return as<CheckoutSessionView>(
      call({client_, waiter_}, "GET", "/v2/checkoutSessions/" + id, nullptr, ""), checkout_session);
}

ApiResult<CheckoutSessionView> AmazonPayApi::update_checkout_session(
    const std::string& id, const UpdateCheckoutSessionArgs& a) {
  json body = {{"webCheckoutDetails", {{"checkoutResultReturnUrl", a.result_return_url}}},
               {"paymentDetails",
                {{"paymentIntent", name(a.payment_intent)},
                 {"canHandlePendingAuthorization", a.can_handle_pending_authorization},
                 {"chargeAmount", price(a.charge_amount)},
                 {"totalOrderAmount", price(a.charge_amount)},
                 {"presentmentCurrency", "JPY"},
                 {"allowOvercharge", a.allow_overcharge},
                 {"extendExpiration", a.extend_expiration}}},
               {"merchantMetadata", {{"merchantReferenceId", a.merchant_reference_id}}}};
  return as<CheckoutSessionView>(
      call({client_, waiter_}, "PATCH", "/v2/checkoutSessions/" + id, body, ""), checkout_session);
}

ApiResult<CheckoutSessionView> AmazonPayApi::complete_checkout_session(const std::string& id,
                                                                       Yen a) {
  json body = {{"chargeAmount", price(a)}, {"totalOrderAmount", price(a)}};
  return as<CheckoutSessionView>(
      call({client_, waiter_}, "POST", "/v2/checkoutSessions/" + id + "/complete", body,
           idempotency_key()),
      checkout_session);
}

ApiResult<ChargePermissionView> AmazonPayApi::get_charge_permission(const std::string& id) {
  return as<ChargePermissionView>(
      call({client_, waiter_}, "GET", "/v2/chargePermissions/" + id, nullptr, ""),
      charge_permission);
}

ApiResult<ChargePermissionView> AmazonPayApi::close_charge_permission(const std::string& id,
                                                                      const std::string& reason,
                                                                      PendingCharges pending) {
  json body = {{"closureReason", reason},
               {"cancelPendingCharges", pending == PendingCharges::Cancel}};
  return reconciled(
      as<ChargePermissionView>(
          call({client_, waiter_}, "DELETE", "/v2/chargePermissions/" + id + "/close", body, ""),
          charge_permission),
      [&] { return get_charge_permission(id); },
      [](const ChargePermissionView& cp) { return cp.state == ChargePermissionState::Closed; });
}

ApiResult<ChargeView> AmazonPayApi::create_charge(const std::string& cp, Yen a,
                                                  const std::string& reference) {
  json body = {{"chargePermissionId", cp},
               {"chargeAmount", price(a)},
               {"captureNow", false},
               {"canHandlePendingAuthorization", false},
               {"merchantMetadata", {{"merchantReferenceId", reference}}}};
  return as<ChargeView>(call({client_, waiter_}, "POST", "/v2/charges", body, idempotency_key()),
                        charge);
}

ApiResult<BuyerView> AmazonPayApi::get_buyer(const std::string& buyer_token) {
  return as<BuyerView>(call({client_, waiter_}, "GET", "/v2/buyers/" + buyer_token, nullptr, ""),
                       [](const json& j) {
                         return BuyerView{text(j, "buyerId"), text(j, "name"), text(j, "email")};
                       });
}

ApiResult<std::string> AmazonPayApi::sign_out(const std::string& buyer_token) {
  return as<std::string>(
      call({client_, waiter_}, "POST", "/__mock/sign-out", json{{"buyerToken", buyer_token}}, ""),
      [](const json& j) { return text(j, "signedOutAt"); });
}

ApiResult<ChargeView> AmazonPayApi::get_charge(const std::string& id) {
  return as<ChargeView>(call({client_, waiter_}, "GET", "/v2/charges/" + id, nullptr, ""), charge);
}

ApiResult<ChargeView> AmazonPayApi::capture_charge(const std::string& id, Yen a) {
  json body = {{"captureAmount", price(a)}};
  return reconciled(
      as<ChargeView>(call({client_, waiter_}, "POST", "/v2/charges/" + id + "/capture", body,
                          idempotency_key()),
                     charge),
      [&] { return get_charge(id); },
      [](const ChargeView& c) {
        return c.state == ChargeState::Captured || c.state == ChargeState::CaptureInitiated;
      });
}

ApiResult<ChargeView> AmazonPayApi::cancel_charge(const std::string& id, const std::string& reason) {
  json body = {{"cancellationReason", reason}};
  return reconciled(
      as<ChargeView>(call({client_, waiter_}, "DELETE", "/v2/charges/" + id + "/cancel", body, ""),
                     charge),
      [&] { return get_charge(id); },
      [](const ChargeView& c) { return c.state == ChargeState::Canceled; });
}

ApiResult<RefundView> AmazonPayApi::create_refund(const std::string& charge_id, Yen a) {
  json body = {{"chargeId", charge_id}, {"refundAmount", price(a)}};
  return as<RefundView>(call({client_, waiter_}, "POST", "/v2/refunds", body, idempotency_key()),
                        refund);
}

ApiResult<RefundView> AmazonPayApi::get_refund(const std::string& id) {
  return as<RefundView>(call({client_, waiter_}, "GET", "/v2/refunds/" + id, nullptr, ""), refund);
}

}  // namespace shop_model
