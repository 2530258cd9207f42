// A typed client for the mock's control API (/__mock/…, documented in mock_amazon/README.md),
// over any AmazonPayClient: HTTP, in-process, or the harness's recording client. Each
// endpoint's path is built here and nowhere else; bodies are JSON as the mock reads them.
// Answers are returned as they came, so callers judge status and body in their own terms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/amazon_pay_client.hpp"
#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "mock_amazon/domain/model.hpp"
#include "mock_amazon/domain/simulation.hpp"

namespace mock_amazon::control {

// The HTTP answer, or the transport failure ("timeout", "connection refused", …).
using Answer = core::Result<core::HttpResponse, std::string>;

enum class Endpoint {
  Health,
  Clock,
  ClockAdvance,
  Reset,
  Buyers,
  SignIn,          // checkout-sessions/{id}/sign-in
  PaymentPage,     // checkout-sessions/{id}/payment-page
  CancelCheckout,  // checkout-sessions/{id}/cancel
  BuyerTokens,
  BuyerUpdatePaymentMethod,      // charge-permissions/{id}/…
  NonChargeable,                 // charge-permissions/{id}/…
  BuyerCancelChargePermission,   // charge-permissions/{id}/buyer-cancel
  AmazonCancelChargePermission,  // charge-permissions/{id}/amazon-cancel
  AmazonCancelCharge,            // charges/{id}/amazon-cancel
  BuyerCancelCharge,             // charges/{id}/buyer-cancel
  Force,
  Faults,
  SignatureLog,
  StateMachines,
  Objects,
  Changes,  // the latest state changes, with their actor
  // Seller Central: the merchant by hand in Amazon's console
  SellerCentralCapture,       // seller-central/charges/{id}/capture
  SellerCentralRefund,        // seller-central/charges/{id}/refund
  SellerCentralCancel,        // seller-central/charges/{id}/cancel
  SellerCentralChangeAmount,  // seller-central/charges/{id}/change-amount
  SellerCentralClose,         // seller-central/charge-permissions/{id}/close
  SellerCentralIncrease,      // seller-central/charge-permissions/{id}/increase
  // Instant Payment Notifications
  Notifications,              // the journal
  NotificationEndpoint,
  NotificationRetry,
  NotificationChaos,
  SnsCertificate,             // the SigningCertURL's path
  // Amazon's Sign-in for a login that is not a checkout (Amazonログイン)
  SignInForLogin,  // sign-in
  SignOut,         // sign-out
  SignIns,         // the sign-in journal
};

// "/__mock/charges/ID/amazon-cancel"; `id` is used only by the endpoints that take one.
std::string path_of(Endpoint endpoint, std::string_view id = {});
// True for "/__mock" and every path under it: the control API, not Amazon's.
bool is_control_path(std::string_view path);

class ControlClient {
 public:
  explicit ControlClient(core::AmazonPayClient& client) : client_(client) {}

  // ---- health, clock, reset
  Answer health();
  Answer clock();
  Answer advance_by(std::string_view span);  // "30d", "1d12h"
  Answer advance_to(core::Instant to);
  Answer advance_to_next_event();
  Answer reset(std::uint64_t seed, core::Instant now);

  // ---- sandbox buyers on Amazon's hosted pages
  Answer buyers();
  Answer sign_in(std::string_view checkout_session_id, const BuyerSelection& choice);
  Answer pass_payment_page(std::string_view checkout_session_id);
  Answer cancel_checkout(std::string_view checkout_session_id);
  Answer buyer_token(std::string_view buyer);
  // Amazonログイン: the buyer signs in on Amazon's page reached from the shop's
  // [amazonでログイン]; answers {redirectUrl (signInReturnUrl + buyerToken), outcome, buyerToken}.
  Answer sign_in_for_login(std::string_view buyer, std::string_view sign_in_return_url);
  // Ends the buyer token (amazon.Pay.signout()); Get Buyer then answers 404.
  Answer sign_out(std::string_view buyer_token);
  Answer sign_ins();  // the journal: every sign-in, and its sign-out if any

  // ---- Amazon-side events
  Answer buyer_update_payment_method(std::string_view charge_permission_id,
                                     std::string_view payment_method);
  Answer make_non_chargeable(std::string_view charge_permission_id, std::string_view reason);
  Answer buyer_cancel_charge_permission(std::string_view charge_permission_id);
  Answer amazon_cancel_charge_permission(std::string_view charge_permission_id);
  Answer amazon_cancel_charge(std::string_view charge_id);
  Answer buyer_cancel_charge(std::string_view charge_id);

  // ---- forced outcomes and faults
  Answer force(const ForceRequest& request);
  Answer forced_outcomes();
  Answer add_fault(const FaultRequest& request);
  Answer faults();
  Answer clear_faults();

  // ---- introspection
  Answer signature_log();
  Answer state_machines();
  Answer objects();
  Answer changes();  // the latest 1000 state changes, oldest first, with their actor

  // ---- Seller Central (amounts in yen; answers the resource as the API encodes it)
  Answer seller_central_capture(std::string_view charge_id, std::optional<core::Yen> amount);
  Answer seller_central_refund(std::string_view charge_id, core::Yen amount);
  Answer seller_central_cancel(std::string_view charge_id);
  Answer seller_central_change_amount(std::string_view charge_id, core::Yen amount);
  Answer seller_central_close(std::string_view charge_permission_id, bool cancel_pending_charges);
  Answer seller_central_increase(std::string_view charge_permission_id, core::Yen amount,
                                 bool capture);

  // ---- Instant Payment Notifications
  Answer set_notification_endpoint(std::string_view url, bool signed_);
  Answer notification_endpoint();
  Answer clear_notification_endpoint();
  Answer notifications();  // the journal
  // mode: delay, duplicate, reorder or drop; delay ("1h") for mode delay.
  Answer notification_chaos(std::string_view mode, int count,
                            std::optional<std::string_view> delay);
  Answer clear_notification_chaos();
  Answer set_notification_retry(std::string_view interval, int max_attempts);

  // Any body, as given: for tests of the control API's own validation.
  Answer send(std::string_view method, Endpoint endpoint, std::string_view id, std::string body);

 private:
  core::AmazonPayClient& client_;
};

}  // namespace mock_amazon::control
