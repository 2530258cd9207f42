// The shop's typed view of Amazon Pay v2: builds request bodies, sends them through a
// core::AmazonPayClient, reads the answers it needs. Every POST carries an idempotency key
// drawn from the shop's seeded generator; a call Amazon could not do now, or that got no
// answer, is sent again as retry.hpp says.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/amazon_pay_client.hpp"
#include "core/money.hpp"
#include "core/prng.hpp"
#include "core/result.hpp"
#include "shop_model/amazon/retry.hpp"
#include "shop_model/domain/amazon_states.hpp"
#include "shop_model/domain/rules.hpp"

namespace shop_model {

// A failed call: Amazon's error ({reasonCode, message} with its HTTP status), or no answer.
struct ApiError {
  int status = 0;           // 0 when no answer arrived
  std::string reason_code;  // empty for transport failures
  std::string message;
  bool transport() const { return status == 0; }
  // Amazon decided nothing: no answer, or "not now" (retry.hpp) after every attempt.
  bool undecided() const { return transport() || retryable_status(status); }
  std::string describe() const;
};

template <class T>
using ApiResult = core::Result<T, ApiError>;

struct CheckoutSessionView {
  std::string id;
  std::string state, reason;
  std::optional<std::string> amazon_pay_redirect_url;
  std::string buyer_id, buyer_name, buyer_email;
  std::optional<AmazonAddress> shipping_address;
  std::string payment_descriptor;
  std::string charge_permission_id, charge_id;
  std::vector<std::string> constraints;
  bool authorization_pending = false;  // Complete answered 202
};

struct ChargePermissionView {
  std::string id;
  ChargePermissionState state = ChargePermissionState::None;
  std::vector<ReasonCode> reasons;
  std::optional<core::Instant> expires;
  Yen amount_limit, amount_balance;
  std::string payment_descriptor;
};

struct ChargeView {
  std::string id, charge_permission_id;
  ChargeState state = ChargeState::None;
  std::string reason;
  Yen charge_amount;
  std::optional<Yen> capture_amount;
  Yen refunded_amount;
};

struct RefundView {
  std::string id, charge_id;
  RefundState state = RefundState::None;
  std::string reason;
  Yen amount;
};

// Get Buyer: the buyer an Amazonログイン returned (fact sheet §6.18).
struct BuyerView {
  std::string buyer_id, name, email;
};

// chargePermissionType: one charge, or a monthly charge on one permission (定期・頒布会).
enum class ChargePermissionType { OneTime, Recurring };
std::string_view name(ChargePermissionType type);  // "OneTime", "Recurring"

// paymentIntent: authorize at checkout, or only confirm the payment method.
enum class PaymentIntent { Authorize, Confirm };
std::string_view name(PaymentIntent intent);  // "Authorize", "Confirm"

struct CreateCheckoutSessionArgs {
  std::string store_id;
  std::string review_return_url;
  std::string cancel_url;
  ChargePermissionType charge_permission_type = ChargePermissionType::OneTime;
  std::optional<Yen> recurring_amount;  // Recurring: the amount of each monthly charge
  std::string merchant_store_name;
};

struct UpdateCheckoutSessionArgs {
  std::string result_return_url;
  Yen charge_amount;
  PaymentIntent payment_intent = PaymentIntent::Authorize;
  bool can_handle_pending_authorization = true;
  bool allow_overcharge = false;
  bool extend_expiration = false;
  std::string merchant_reference_id;
};

// cancelPendingCharges when closing a Charge Permission.
enum class PendingCharges { Keep, Cancel };

class AmazonPayApi {
 public:
  AmazonPayApi(core::AmazonPayClient& client, std::uint64_t seed, Waiter& waiter = no_waiting());

  ApiResult<CheckoutSessionView> create_checkout_session(const CreateCheckoutSessionArgs& args);
  ApiResult<CheckoutSessionView> get_checkout_session(const std::string& id);
  ApiResult<CheckoutSessionView> update_checkout_session(const std::string& id,
                                                         const UpdateCheckoutSessionArgs& args);
  ApiResult<CheckoutSessionView> complete_checkout_session(const std::string& id, Yen amount);
  ApiResult<ChargePermissionView> get_charge_permission(const std::string& id);
  ApiResult<ChargePermissionView> close_charge_permission(const std::string& id,
                                                          const std::string& reason,
                                                          PendingCharges pending_charges);
  ApiResult<ChargeView> create_charge(const std::string& charge_permission_id, Yen amount,
                                      const std::string& merchant_reference_id);
  ApiResult<ChargeView> get_charge(const std::string& id);
  // Capture, Cancel and Close name their object: when no attempt got an answer, the object
  // is read back (Get) and, if it shows the write done, that is the answer (reconciliation).
  ApiResult<ChargeView> capture_charge(const std::string& id, Yen amount);
  ApiResult<ChargeView> cancel_charge(const std::string& id, const std::string& reason);
  ApiResult<RefundView> create_refund(const std::string& charge_id, Yen amount);
  ApiResult<RefundView> get_refund(const std::string& id);
  // Amazonログイン: the buyer behind the token Amazon's sign-in sent back (Get Buyer).
  ApiResult<BuyerView> get_buyer(const std::string& buyer_token);
  // Ends the buyer's Amazon login on this shop: what amazon.Pay.signout() does on the shop's
  // log-out page, in the simulation the mock's POST /__mock/sign-out (MEM-009). Answers
  // when it was recorded.
  ApiResult<std::string> sign_out(const std::string& buyer_token);

 private:
  std::string idempotency_key();
  core::AmazonPayClient& client_;
  Waiter& waiter_;
  core::Prng keys_;
};

}  // namespace shop_model
