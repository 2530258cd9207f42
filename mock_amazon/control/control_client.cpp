#include "mock_amazon/control/control_client.hpp"

#include "core/json.hpp"

namespace mock_amazon::control {
namespace {

using nlohmann::json;

// The body as the harness has always sent it (invalid UTF-8 replaced, never thrown).
std::string text(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string path_of(Endpoint endpoint, std::string_view id) {
  auto under = [&](std::string_view resource, std::string_view action) {
    return "/__mock/" + std::string(resource) + "/" + std::string(id) + "/" + std::string(action);
  };
  switch (endpoint) {
    case Endpoint::Health:
      return "/__mock/health";
    case Endpoint::Clock:
      return "/__mock/clock";
    case Endpoint::ClockAdvance:
      return "/__mock/clock/advance";
    case Endpoint::Reset:
      return "/__mock/reset";
    case Endpoint::Buyers:
      return "/__mock/buyers";
    case Endpoint::SignIn:
      return under("checkout-sessions", "sign-in");
    case Endpoint::PaymentPage:
      return under("checkout-sessions", "payment-page");
    case Endpoint::CancelCheckout:
      return under("checkout-sessions", "cancel");
    case Endpoint::BuyerTokens:
      return "/__mock/buyer-tokens";
    case Endpoint::BuyerUpdatePaymentMethod:
      return under("charge-permissions", "buyer-update-payment-method");
    case Endpoint::NonChargeable:
      return under("charge-permissions", "non-chargeable");
    case Endpoint::BuyerCancelChargePermission:
      return under("charge-permissions", "buyer-cancel");
    case Endpoint::AmazonCancelChargePermission:
      return under("charge-permissions", "amazon-cancel");
    case Endpoint::AmazonCancelCharge:
      return under("charges", "amazon-cancel");
    case Endpoint::BuyerCancelCharge:
      return under("charges", "buyer-cancel");
    case Endpoint::Force:
      return "/__mock/force";
    case Endpoint::Faults:
      return "/__mock/faults";
    case Endpoint::SignatureLog:
      return "/__mock/signature-log";
    case Endpoint::StateMachines:
      return "/__mock/state-machines";
    case Endpoint::Objects:
      return "/__mock/objects";
    case Endpoint::Changes:
      return "/__mock/changes";
    case Endpoint::SellerCentralCapture:
      return "/__mock/seller-central/charges/" + std::string(id) + "/capture";
    case Endpoint::SellerCentralRefund:
      return "/__mock/seller-central/charges/" + std::string(id) + "/refund";
    case Endpoint::SellerCentralCancel:
      return "/__mock/seller-central/charges/" + std::string(id) + "/cancel";
    case Endpoint::SellerCentralChangeAmount:
      return "/__mock/seller-central/charges/" + std::string(id) + "/change-amount";
    case Endpoint::SellerCentralClose:
      return "/__mock/seller-central/charge-permissions/" + std::string(id) + "/close";
    case Endpoint::SellerCentralIncrease:
      return "/__mock/seller-central/charge-permissions/" + std::string(id) + "/increase";
    case Endpoint::Notifications:
      return "/__mock/notifications";
    case Endpoint::NotificationEndpoint:
      return "/__mock/notifications/endpoint";
    case Endpoint::NotificationRetry:
      return "/__mock/notifications/retry";
    case Endpoint::NotificationChaos:
      return "/__mock/notifications/chaos";
    case Endpoint::SnsCertificate:
      return "/__mock/sns/SimpleNotificationService-mock.pem";
    case Endpoint::SignInForLogin:
      return "/__mock/sign-in";
    case Endpoint::SignOut:
      return "/__mock/sign-out";
    case Endpoint::SignIns:
      return "/__mock/sign-ins";
  }
  return "/__mock";
}

bool is_control_path(std::string_view path) {
  return path == "/__mock" || path.substr(0, 8) == "/__mock/";
}

Answer ControlClient::send(std::string_view method, Endpoint endpoint, std::string_view id,
                           std::string body) {
  core::HttpRequest request;
  request.method = std::string(method);
  request.path = path_of(endpoint, id);
  request.body = std::move(body);
  return client_.send(std::move(request));
}

Answer ControlClient::health() {
  return send("GET", Endpoint::Health, {}, "");
}
Answer ControlClient::clock() {
  return send("GET", Endpoint::Clock, {}, "");
}

Answer ControlClient::advance_by(std::string_view span) {
  return send("POST", Endpoint::ClockAdvance, {}, text(json{{"by", std::string(span)}}));
}

Answer ControlClient::advance_to(core::Instant to) {
  return send("POST", Endpoint::ClockAdvance, {}, text(json{{"to", core::format_iso(to)}}));
}

Answer ControlClient::advance_to_next_event() {
  return send("POST", Endpoint::ClockAdvance, {}, text(json{{"next", true}}));
}

Answer ControlClient::reset(std::uint64_t seed, core::Instant now) {
  return send("POST", Endpoint::Reset, {},
              text(json{{"seed", seed}, {"now", core::format_iso(now)}}));
}

Answer ControlClient::buyers() {
  return send("GET", Endpoint::Buyers, {}, "");
}

Answer ControlClient::sign_in(std::string_view checkout_session_id, const BuyerSelection& choice) {
  json body{
      {"buyer", choice.buyer}, {"address", choice.address}, {"paymentMethod", choice.instrument}};
  return send("POST", Endpoint::SignIn, checkout_session_id, text(body));
}

Answer ControlClient::pass_payment_page(std::string_view checkout_session_id) {
  return send("POST", Endpoint::PaymentPage, checkout_session_id, "");
}

Answer ControlClient::cancel_checkout(std::string_view checkout_session_id) {
  return send("POST", Endpoint::CancelCheckout, checkout_session_id, "");
}

Answer ControlClient::buyer_token(std::string_view buyer) {
  return send("POST", Endpoint::BuyerTokens, {}, text(json{{"buyer", std::string(buyer)}}));
}

Answer ControlClient::sign_in_for_login(std::string_view buyer,
                                        std::string_view sign_in_return_url) {
  return send("POST", Endpoint::SignInForLogin, {},
              text(json{{"buyer", std::string(buyer)},
                        {"signInReturnUrl", std::string(sign_in_return_url)}}));
}

Answer ControlClient::sign_out(std::string_view buyer_token) {
  return send("POST", Endpoint::SignOut, {}, text(json{{"buyerToken", std::string(buyer_token)}}));
}

Answer ControlClient::sign_ins() {
  return send("GET", Endpoint::SignIns, {}, "");
}

Answer ControlClient::buyer_update_payment_method(std::string_view charge_permission_id,
                                                  std::string_view payment_method) {
  return send("POST", Endpoint::BuyerUpdatePaymentMethod, charge_permission_id,
              text(json{{"paymentMethod", std::string(payment_method)}}));
}

Answer ControlClient::make_non_chargeable(std::string_view charge_permission_id,
                                          std::string_view reason) {
  return send("POST", Endpoint::NonChargeable, charge_permission_id,
              text(json{{"reason", std::string(reason)}}));
}

Answer ControlClient::buyer_cancel_charge_permission(std::string_view charge_permission_id) {
  return send("POST", Endpoint::BuyerCancelChargePermission, charge_permission_id, "");
}

Answer ControlClient::amazon_cancel_charge_permission(std::string_view charge_permission_id) {
  return send("POST", Endpoint::AmazonCancelChargePermission, charge_permission_id, "");
}

Answer ControlClient::amazon_cancel_charge(std::string_view charge_id) {
  return send("POST", Endpoint::AmazonCancelCharge, charge_id, "");
}

Answer ControlClient::buyer_cancel_charge(std::string_view charge_id) {
  return send("POST", Endpoint::BuyerCancelCharge, charge_id, "");
}

Answer ControlClient::force(const ForceRequest& request) {
  json body{{"operation", std::string(name(request.operation))}, {"outcome", request.outcome}};
  if (!request.object_id.empty()) body["objectId"] = request.object_id;
  if (!request.then.empty()) body["then"] = request.then;
  return send("POST", Endpoint::Force, {}, text(body));
}

Answer ControlClient::forced_outcomes() {
  return send("GET", Endpoint::Force, {}, "");
}

Answer ControlClient::add_fault(const FaultRequest& request) {
  json body{{"kind", std::string(name(request.kind))}};
  if (request.count) body["count"] = *request.count;
  if (request.path) body["path"] = *request.path;
  if (request.method) body["method"] = *request.method;
  if (request.reason_code) body["reasonCode"] = *request.reason_code;
  if (request.status) body["status"] = *request.status;
  if (request.retry_after) body["retryAfter"] = *request.retry_after;
  return send("POST", Endpoint::Faults, {}, text(body));
}

Answer ControlClient::faults() {
  return send("GET", Endpoint::Faults, {}, "");
}
Answer ControlClient::clear_faults() {
  return send("DELETE", Endpoint::Faults, {}, "");
}
Answer ControlClient::signature_log() {
  return send("GET", Endpoint::SignatureLog, {}, "");
}
Answer ControlClient::state_machines() {
  return send("GET", Endpoint::StateMachines, {}, "");
}
Answer ControlClient::objects() {
  return send("GET", Endpoint::Objects, {}, "");
}
Answer ControlClient::changes() {
  return send("GET", Endpoint::Changes, {}, "");
}

// ---------------------------------------------------------------- Seller Central

Answer ControlClient::seller_central_capture(std::string_view charge_id,
                                             std::optional<core::Yen> amount) {
  json body = json::object();
  if (amount) body["amount"] = amount->value();
  return send("POST", Endpoint::SellerCentralCapture, charge_id, text(body));
}

Answer ControlClient::seller_central_refund(std::string_view charge_id, core::Yen amount) {
  return send("POST", Endpoint::SellerCentralRefund, charge_id,
              text(json{{"amount", amount.value()}}));
}

Answer ControlClient::seller_central_cancel(std::string_view charge_id) {
  return send("POST", Endpoint::SellerCentralCancel, charge_id, "{}");
}

Answer ControlClient::seller_central_change_amount(std::string_view charge_id, core::Yen amount) {
  return send("POST", Endpoint::SellerCentralChangeAmount, charge_id,
              text(json{{"amount", amount.value()}}));
}

Answer ControlClient::seller_central_close(std::string_view charge_permission_id,
                                           bool cancel_pending_charges) {
  return send("POST", Endpoint::SellerCentralClose, charge_permission_id,
              text(json{{"cancelPendingCharges", cancel_pending_charges}}));
}

Answer ControlClient::seller_central_increase(std::string_view charge_permission_id,
                                              core::Yen amount, bool capture) {
  return send("POST", Endpoint::SellerCentralIncrease, charge_permission_id,
              text(json{{"amount", amount.value()}, {"capture", capture}}));
}

// ---------------------------------------------------------------- notifications

Answer ControlClient::set_notification_endpoint(std::string_view url, bool signed_) {
  return send("PUT", Endpoint::NotificationEndpoint, {},
              text(json{{"url", std::string(url)}, {"signed", signed_}}));
}

Answer ControlClient::notification_endpoint() {
  return send("GET", Endpoint::NotificationEndpoint, {}, "");
}

Answer ControlClient::clear_notification_endpoint() {
  return send("DELETE", Endpoint::NotificationEndpoint, {}, "");
}

Answer ControlClient::notifications() {
  return send("GET", Endpoint::Notifications, {}, "");
}

Answer ControlClient::notification_chaos(std::string_view mode, int count,
                                         std::optional<std::string_view> delay) {
  json body{{"mode", std::string(mode)}, {"count", count}};
  if (delay) body["delay"] = std::string(*delay);
  return send("POST", Endpoint::NotificationChaos, {}, text(body));
}

Answer ControlClient::clear_notification_chaos() {
  return send("DELETE", Endpoint::NotificationChaos, {}, "");
}

Answer ControlClient::set_notification_retry(std::string_view interval, int max_attempts) {
  return send("PUT", Endpoint::NotificationRetry, {},
              text(json{{"interval", std::string(interval)}, {"maxAttempts", max_attempts}}));
}

}  // namespace mock_amazon::control
