// The Amazon Pay v2 service the mock emulates: every operation of the API, the sandbox's
// hosted pages, Amazon-side events, and the scheduled work of the simulated clock.
//
// The service validates typed inputs, applies transitions from the resources' tables
// (domain/transitions.hpp), enforces Japan's limits (domain/limits.hpp) and persists through
// the Store. Expected failures (declines, illegal transitions, limits) come back as
// AmazonError values carrying Amazon's reasonCode. It never reads the system clock.
//
// Thread safety: none; the Mock facade serializes calls.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/prng.hpp"
#include "core/result.hpp"
#include "mock_amazon/domain/limits.hpp"
#include "mock_amazon/domain/model.hpp"
#include "mock_amazon/domain/sandbox.hpp"
#include "mock_amazon/domain/simulation.hpp"
#include "mock_amazon/store/store.hpp"

namespace mock_amazon {

template <class T>
using Outcome = core::Result<T, AmazonError>;

struct ServiceConfig {
  core::Duration async_delay = limits::kDefaultAsyncDelay;   // pending auth, async capture
  core::Duration refund_delay = limits::kDefaultAsyncDelay;  // RefundInitiated → Refunded
  std::string hosted_base_url = "https://pay-v2.amazon.co.jp";
  std::string release_environment = "Sandbox";
};

struct CreateCheckoutSessionInput {
  std::string store_id;
  WebCheckoutDetails web;
  std::optional<std::string> product_type;
  std::vector<std::string> scopes;
  ChargePermissionType charge_permission_type = ChargePermissionType::OneTime;
  std::optional<RecurringMetadata> recurring;
  PaymentDetails payment;
  MerchantMetadata merchant_metadata;
  std::optional<std::string> platform_id;
};

// PATCH checkoutSessions/{id}: only the fields present change.
struct CheckoutSessionPatch {
  std::optional<std::string> checkout_review_return_url;
  std::optional<std::string> checkout_result_return_url;
  std::optional<std::string> checkout_cancel_url;
  std::optional<PaymentIntent> payment_intent;
  std::optional<bool> can_handle_pending_authorization;
  std::optional<Yen> charge_amount;
  std::optional<Yen> total_order_amount;
  std::optional<std::optional<std::string>> soft_descriptor;
  std::optional<bool> allow_overcharge;
  std::optional<bool> extend_expiration;
  std::optional<MerchantMetadata> merchant_metadata;  // fields present replace
  std::optional<RecurringMetadata> recurring;
  std::optional<std::optional<std::string>> platform_id;
};

struct CompleteCheckoutSessionInput {
  Yen charge_amount;
  std::optional<Yen> total_order_amount;
};

struct CreateChargeInput {
  ChargePermissionId charge_permission_id;
  Yen charge_amount;
  bool capture_now = false;
  bool can_handle_pending_authorization = false;
  std::optional<std::string> soft_descriptor;
  MerchantMetadata merchant_metadata;
  std::optional<std::string> provider_reference_id;
  std::optional<std::string> platform_id;
  std::optional<std::string> charge_initiator;
  std::optional<std::string> channel;
};

struct CaptureInput {
  Yen capture_amount;
  std::optional<std::string> soft_descriptor;
};

struct CreateRefundInput {
  ChargeId charge_id;
  Yen refund_amount;
  std::optional<std::string> soft_descriptor;
};

struct ChargePermissionPatch {
  std::optional<MerchantMetadata> merchant_metadata;  // fields present replace
  std::optional<RecurringMetadata> recurring;
};

struct CloseChargePermissionInput {
  std::optional<std::string> closure_reason;
  bool cancel_pending_charges = false;
};

// Where the sandbox buyer's browser goes next, and what happened.
struct HostedPageResult {
  std::string redirect_url;
  std::string outcome;  // "SignedIn", "Authorized", "AuthorizationPending", "BuyerCanceled", ...
};

// What the API shows of each resource: the resource and what the service derives for it, so
// the transport encodes plain values and never calls back into the service.
struct CheckoutSessionView {
  CheckoutSession session;
  std::vector<std::string> constraints;  // unmet constraintIds while Open
  std::optional<std::string> amazon_pay_redirect_url;
  std::string release_environment;
};
struct ChargePermissionView {
  ChargePermission permission;
  Yen amount_balance;
  bool buyer_data_available = true;
  std::string release_environment;
};
struct ChargeView {
  Charge charge;
  std::string release_environment;
};
struct RefundView {
  Refund refund;
  std::string release_environment;
};

class Service final : public core::Schedule {
 public:
  Service(Store& store, core::SimulatedClock& clock, core::Prng& prng, ServiceConfig config);

  Instant now() const { return clock_.now(); }
  const ServiceConfig& config() const { return config_; }
  // Once the server knows its own address (amazon-pay-mock --hosted-base-url self).
  void set_hosted_base_url(std::string url) { config_.hosted_base_url = std::move(url); }

  // ---- Checkout Session ----
  Outcome<CheckoutSession> create_checkout_session(const CreateCheckoutSessionInput& in);
  Outcome<CheckoutSession> get_checkout_session(const CheckoutSessionId& id);
  Outcome<CheckoutSession> update_checkout_session(const CheckoutSessionId& id,
                                                   const CheckoutSessionPatch& patch);
  Outcome<CheckoutSession> complete_checkout_session(const CheckoutSessionId& id,
                                                     const CompleteCheckoutSessionInput& in,
                                                     const SimulationCode& sim);
  // Unmet constraints of an Open session (constraintId values).
  std::vector<std::string> constraints(const CheckoutSession& cs) const;
  std::optional<std::string> amazon_pay_redirect_url(const CheckoutSession& cs) const;

  // ---- Charge Permission ----
  Outcome<ChargePermission> get_charge_permission(const ChargePermissionId& id);
  Outcome<ChargePermission> update_charge_permission(const ChargePermissionId& id,
                                                     const ChargePermissionPatch& patch);
  Outcome<ChargePermission> close_charge_permission(const ChargePermissionId& id,
                                                    const CloseChargePermissionInput& in,
                                                    const SimulationCode& sim);
  // What may still be charged: OneTime = limit − captured; Recurring = cap − this month.
  Yen amount_balance(const ChargePermission& cp);
  // False once the buyer's personal data is no longer returned (fact sheet §6.9).
  bool buyer_data_available(const ChargePermission& cp) const;

  // ---- Charge ----
  Outcome<Charge> create_charge(const CreateChargeInput& in, const SimulationCode& sim);
  Outcome<Charge> get_charge(const ChargeId& id);
  Outcome<Charge> capture_charge(const ChargeId& id, const CaptureInput& in,
                                 const SimulationCode& sim);
  Outcome<Charge> cancel_charge(const ChargeId& id, const std::optional<std::string>& reason);

  // ---- Refund ----
  Outcome<Refund> create_refund(const CreateRefundInput& in, const SimulationCode& sim);
  Outcome<Refund> get_refund(const RefundId& id);

  // ---- Sandbox hosted pages (the buyer's side) ----
  Outcome<HostedPageResult> sign_in(const CheckoutSessionId& id, const BuyerSelection& choice);
  Outcome<HostedPageResult> pass_payment_page(const CheckoutSessionId& id);
  Outcome<HostedPageResult> cancel_on_hosted_page(const CheckoutSessionId& id);

  // ---- Amazon-side events Amazon's sandbox cannot produce on demand ----
  Outcome<ChargePermission> buyer_update_payment_method(const ChargePermissionId& id,
                                                        const std::string& instrument);
  Outcome<ChargePermission> make_non_chargeable(const ChargePermissionId& id, ReasonCode reason);
  Outcome<ChargePermission> buyer_cancel_charge_permission(const ChargePermissionId& id);
  Outcome<ChargePermission> amazon_cancel_charge_permission(const ChargePermissionId& id);
  Outcome<Charge> amazon_cancel_charge(const ChargeId& id);
  Outcome<Charge> buyer_cancel_charge(const ChargeId& id);

  // ---- Seller Central: the merchant by hand in Amazon's console (service/seller_central.cpp).
  // The API's own operations underneath (same transitions and limits); their changes are
  // attributed to ChangeActor::SellerCentral.
  Outcome<Charge> sc_capture(const ChargeId& id, std::optional<Yen> amount);  // default: all
  Outcome<Refund> sc_refund(const ChargeId& id, Yen amount);
  Outcome<Charge> sc_cancel(const ChargeId& id);
  Outcome<ChargePermission> sc_close(const ChargePermissionId& id, bool cancel_pending_charges);
  // An additional Charge for `amount` (rules decision 8), captured at once when `capture`.
  Outcome<Charge> sc_increase(const ChargePermissionId& id, Yen amount, bool capture);
  // AMT-012: cancels the Charge (MerchantCanceled) and authorizes a new one for `amount` on
  // the same permission; answers the new Charge. Nothing changes when the new one is refused.
  Outcome<Charge> sc_change_amount(const ChargeId& id, Yen amount);

  // Queues an outcome for the next matching operation (validated like the header).
  Outcome<ForcedOutcome> force(const ForcedOutcome& f);

  // ---- what the API shows ----
  CheckoutSessionView view(const CheckoutSession& cs) const;
  ChargePermissionView view(const ChargePermission& cp);  // reads its charges
  ChargeView view(const Charge& c) const;
  RefundView view(const Refund& r) const;

  // ---- the simulated clock's scheduled work ----
  std::optional<Instant> next_due() override;
  void run_due(Instant at) override;

  // Changes recorded since the last call, in the order they happened.
  std::vector<Change> take_changes();
  // The same changes, plus attribute changes, for Instant Payment Notifications; a separate
  // list, so the clock's "what changed" answers and the notifications never steal each other's.
  std::vector<Change> take_notices();
  // Who the changes recorded from now on are attributed to; returns the previous actor.
  ChangeActor exchange_actor(ChangeActor actor) { return std::exchange(actor_, actor); }

 private:
  // The one way an existing resource changes state: the transition from the resource's table
  // (domain/transitions), recorded as a Change, lastUpdated stamped, the resource's
  // invariants asserted, and saved. A pair not in the table is the table's denied error.
  template <class Resource, class Trigger>
  Outcome<void> apply(Resource& resource, Trigger trigger,
                      std::optional<ReasonCode> reason = std::nullopt);
  // apply() for a trigger the caller knows the resource's state allows.
  template <class Resource, class Trigger>
  void apply_allowed(Resource& resource, Trigger trigger,
                     std::optional<ReasonCode> reason = std::nullopt);
  // The same for a resource the trigger creates (its fields already filled in).
  template <class Resource, class Trigger>
  void create(Resource& resource, Trigger trigger);
  // create() without the write: the caller finishes the resource and writes it once
  // (Store::insert), as Create Charge does on every call.
  template <class Resource, class Trigger>
  void create_unsaved(Resource& resource, Trigger trigger);
  template <class Resource, class State, class Trigger>
  Outcome<void> move(Resource& resource, std::optional<State> from, Trigger trigger,
                     std::optional<ReasonCode> reason);
  template <class Resource, class State, class Trigger>
  Outcome<void> enter(Resource& resource, std::optional<State> from, Trigger trigger,
                      std::optional<ReasonCode> reason);  // move() without the write

  template <class T>
  void record(const char* resource, const std::string& id, std::optional<T> from, T to,
              std::optional<ReasonCode> reason);

  std::string new_charge_permission_id(ChargePermissionType type);
  ChargeId new_charge_id(const ChargePermissionId& cp);
  RefundId new_refund_id(const ChargeId& charge);

  // The outcome to apply: the simulation header wins over a queued forced outcome.
  Outcome<std::optional<ForcedOutcome>> pick_outcome(SimulatedOperation op,
                                                     const std::string& object_id,
                                                     const SimulationCode& sim);

  Outcome<ChargePermission> load_cp(const ChargePermissionId& id);
  Outcome<Charge> load_charge(const ChargeId& id);
  // What Complete Checkout Session creates: the permission, and the charge it authorizes.
  ChargePermission new_charge_permission(const CheckoutSession& cs,
                                         const CompleteCheckoutSessionInput& in,
                                         const SandboxInstrument& instrument);
  Charge new_checkout_charge(const CheckoutSession& cs, ChargePermission& cp, bool pending,
                             std::optional<ReasonCode> pending_decline);

  // Applies a charge decline's effect on its permission (HardDeclined, AmazonRejected).
  void apply_decline_to_permission(ChargePermission& cp, ReasonCode reason);
  void set_authorized(Charge& c);
  void extend_recurring(ChargePermission& cp);
  void after_capture(Charge& c);
  Outcome<Charge> cancel_with(const ChargeId& id, ChargeTrigger trigger);
  Outcome<ChargePermission> cp_event(const ChargePermissionId& id, ChargePermissionTrigger trigger,
                                     std::optional<ReasonCode> reason);

  void on_checkout_session_expire(const std::string& id);
  void on_authorization_resolve(const std::string& id);
  void on_charge_expire(const std::string& id, Instant due);
  void on_capture_resolve(const std::string& id);
  void on_refund_resolve(const std::string& id);
  void on_charge_permission_expire(const std::string& id, Instant due);

  Store& store_;
  core::SimulatedClock& clock_;
  core::Prng& prng_;
  ServiceConfig config_;
  std::vector<Change> changes_;
  std::vector<Change> notices_;
  ChangeActor actor_ = ChangeActor::Api;
};

}  // namespace mock_amazon
