#include "shop_model/amazon/amazon_pay.hpp"

#include <cstdio>

#include "core/json.hpp"

namespace shop_model {
namespace {

using nlohmann::json;

json price(Yen y) { return json{{"amount", y.to_string()}, {"currencyCode", "JPY"}}; }

std::string str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j.at(key).is_string()) return "";
  return j.at(key).get<std::string>();
}

std::optional<Yen> amount(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j.at(key).is_object()) return std::nullopt;
  return Yen::parse(str(j.at(key), "amount"));
}

std::string state_of(const json& j) { return j.contains("statusDetails") ? str(j["statusDetails"], "state") : ""; }
std::string reason_of(const json& j) {
  return j.contains("statusDetails") ? str(j["statusDetails"], "reasonCode") : "";
}

std::string descriptor_of(const json& j) {
  if (!j.contains("paymentPreferences") || !j["paymentPreferences"].is_array() ||
      j["paymentPreferences"].empty())
    return "";
  return str(j["paymentPreferences"][0], "paymentDescriptor");
}

// Sends one call; parses the JSON answer or turns the failure into an ApiError.
core::Result<json, ApiError> call(core::AmazonPayClient& client, const std::string& method,
                                  const std::string& path, const json& body,
                                  const std::string& idempotency_key) {
  core::HttpRequest req;
  req.method = method;
  req.path = path;
  req.headers.emplace_back("content-type", "application/json");
  if (!idempotency_key.empty()) req.headers.emplace_back("x-amz-pay-idempotency-key", idempotency_key);
  if (!body.is_null()) req.body = body.dump();
  auto res = client.send(std::move(req));
  if (!res) return core::fail(ApiError{0, "", res.error()});
  json parsed;
  try {
    parsed = res->body.empty() ? json(nullptr) : json::parse(res->body);
  } catch (const json::parse_error&) {
    return core::fail(ApiError{res->status, "", "the answer is not JSON"});
  }
  if (res->status < 200 || res->status >= 300)
    return core::fail(ApiError{res->status, str(parsed, "reasonCode"), str(parsed, "message")});
  if (!parsed.is_object()) return core::fail(ApiError{res->status, "", "the answer is not a JSON object"});
  parsed["__status"] = res->status;
  return parsed;
}

CheckoutSessionView checkout_session(const json& j) {
  CheckoutSessionView v;
  v.id = str(j, "checkoutSessionId");
  v.state = state_of(j);
  v.reason = reason_of(j);
  if (j.contains("webCheckoutDetails") && j["webCheckoutDetails"].is_object()) {
    std::string url = str(j["webCheckoutDetails"], "amazonPayRedirectUrl");
    if (!url.empty()) v.amazon_pay_redirect_url = url;
  }
  if (j.contains("buyer") && j["buyer"].is_object()) {
    v.buyer_id = str(j["buyer"], "buyerId");
    v.buyer_name = str(j["buyer"], "name");
    v.buyer_email = str(j["buyer"], "email");
  }
  if (j.contains("shippingAddress") && j["shippingAddress"].is_object()) {
    const json& a = j["shippingAddress"];
    v.shipping_address = AmazonAddress{str(a, "name"),          str(a, "postalCode"),
                                       str(a, "stateOrRegion"), str(a, "addressLine1"),
                                       str(a, "addressLine2"),  str(a, "phoneNumber")};
  }
  v.payment_descriptor = descriptor_of(j);
  v.charge_permission_id = str(j, "chargePermissionId");
  v.charge_id = str(j, "chargeId");
  if (j.contains("constraints") && j["constraints"].is_array())
    for (const auto& c : j["constraints"]) v.constraints.push_back(str(c, "constraintId"));
  v.authorization_pending = j.value("__status", 200) == 202;
  return v;
}

ChargePermissionView charge_permission(const json& j) {
  ChargePermissionView v;
  v.id = str(j, "chargePermissionId");
  v.state = parse_charge_permission_state(state_of(j));
  if (j.contains("statusDetails") && j["statusDetails"].contains("reasons") &&
      j["statusDetails"]["reasons"].is_array())
    for (const auto& r : j["statusDetails"]["reasons"])
      v.reasons.push_back(reason_code(str(r, "reasonCode")));
  v.expires = core::parse_instant(str(j, "expirationTimestamp"));
  if (j.contains("limits")) {
    v.amount_limit = amount(j["limits"], "amountLimit").value_or(Yen{0});
    v.amount_balance = amount(j["limits"], "amountBalance").value_or(Yen{0});
  }
  v.payment_descriptor = descriptor_of(j);
  return v;
}

ChargeView charge(const json& j) {
  ChargeView v;
  v.id = str(j, "chargeId");
  v.charge_permission_id = str(j, "chargePermissionId");
  v.state = parse_charge_state(state_of(j));
  v.reason = reason_of(j);
  v.charge_amount = amount(j, "chargeAmount").value_or(Yen{0});
  v.capture_amount = amount(j, "captureAmount");
  v.refunded_amount = amount(j, "refundedAmount").value_or(Yen{0});
  return v;
}

RefundView refund(const json& j) {
  RefundView v;
  v.id = str(j, "refundId");
  v.charge_id = str(j, "chargeId");
  v.state = parse_refund_state(state_of(j));
  v.reason = reason_of(j);
  v.amount = amount(j, "refundAmount").value_or(Yen{0});
  return v;
}

template <class View, class F>
ApiResult<View> as(core::Result<json, ApiError> r, F&& read) {
  if (!r) return core::fail(r.error());
  return read(r.value());
}

}  // namespace

std::string ApiError::describe() const {
  if (transport()) return "Amazon Payに接続できませんでした (" + message + ")";
  return reason_code.empty() ? "HTTP " + std::to_string(status) + ": " + message
                             : reason_code + ": " + message;
}

AmazonPayApi::AmazonPayApi(core::AmazonPayClient& client, std::uint64_t seed)
    : client_(client), keys_(core::derive_seed(seed, "idempotency-keys")) {}

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
  return as<CheckoutSessionView>(call(client_, "POST", "/v2/checkoutSessions", body, idempotency_key()),
                                 checkout_session);
}

ApiResult<CheckoutSessionView> AmazonPayApi::get_checkout_session(const std::string& id) {
  return as<CheckoutSessionView>(call(client_, "GET", "/v2/checkoutSessions/" + id, nullptr, ""),
                                 checkout_session);
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
  return as<CheckoutSessionView>(call(client_, "PATCH", "/v2/checkoutSessions/" + id, body, ""),
                                 checkout_session);
}

ApiResult<CheckoutSessionView> AmazonPayApi::complete_checkout_session(const std::string& id,
                                                                       Yen a) {
  json body = {{"chargeAmount", price(a)}, {"totalOrderAmount", price(a)}};
  return as<CheckoutSessionView>(
      call(client_, "POST", "/v2/checkoutSessions/" + id + "/complete", body, idempotency_key()),
      checkout_session);
}

ApiResult<ChargePermissionView> AmazonPayApi::get_charge_permission(const std::string& id) {
  return as<ChargePermissionView>(call(client_, "GET", "/v2/chargePermissions/" + id, nullptr, ""),
                                  charge_permission);
}

ApiResult<ChargePermissionView> AmazonPayApi::close_charge_permission(const std::string& id,
                                                                      const std::string& reason,
                                                                      PendingCharges pending) {
  json body = {{"closureReason", reason},
               {"cancelPendingCharges", pending == PendingCharges::Cancel}};
  return as<ChargePermissionView>(
      call(client_, "DELETE", "/v2/chargePermissions/" + id + "/close", body, ""),
      charge_permission);
}

ApiResult<ChargeView> AmazonPayApi::create_charge(const std::string& cp, Yen a,
                                                  const std::string& reference) {
  json body = {{"chargePermissionId", cp},
               {"chargeAmount", price(a)},
               {"captureNow", false},
               {"canHandlePendingAuthorization", false},
               {"merchantMetadata", {{"merchantReferenceId", reference}}}};
  return as<ChargeView>(call(client_, "POST", "/v2/charges", body, idempotency_key()), charge);
}

ApiResult<ChargeView> AmazonPayApi::get_charge(const std::string& id) {
  return as<ChargeView>(call(client_, "GET", "/v2/charges/" + id, nullptr, ""), charge);
}

ApiResult<ChargeView> AmazonPayApi::capture_charge(const std::string& id, Yen a) {
  json body = {{"captureAmount", price(a)}};
  return as<ChargeView>(call(client_, "POST", "/v2/charges/" + id + "/capture", body, idempotency_key()),
                        charge);
}

ApiResult<ChargeView> AmazonPayApi::cancel_charge(const std::string& id, const std::string& reason) {
  json body = {{"cancellationReason", reason}};
  return as<ChargeView>(call(client_, "DELETE", "/v2/charges/" + id + "/cancel", body, ""), charge);
}

ApiResult<RefundView> AmazonPayApi::create_refund(const std::string& charge_id, Yen a) {
  json body = {{"chargeId", charge_id}, {"refundAmount", price(a)}};
  return as<RefundView>(call(client_, "POST", "/v2/refunds", body, idempotency_key()), refund);
}

ApiResult<RefundView> AmazonPayApi::get_refund(const std::string& id) {
  return as<RefundView>(call(client_, "GET", "/v2/refunds/" + id, nullptr, ""), refund);
}

}  // namespace shop_model
