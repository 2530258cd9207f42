// What only the sandbox does, driven by the control API: the buyer on Amazon's hosted pages,
// Amazon-side events (Seller Central's and the buyer's), and forced outcomes.
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;
using service_detail::contains;
using service_detail::invalid;
using service_detail::with_session_param;

}  // namespace

// ---------------------------------------------------------------- hosted pages

Outcome<HostedPageResult> Service::sign_in(const CheckoutSessionId& id,
                                           const BuyerSelection& choice) {
  auto loaded = get_checkout_session(id);
  if (!loaded) return core::fail(loaded.error());
  CheckoutSession cs = std::move(loaded).value();
  auto moved = transition(checkout_session_table(), cs.state, CheckoutSessionTrigger::SignIn);
  if (!moved) return core::fail(moved.error());
  const SandboxBuyer* buyer = find_sandbox_buyer(choice.buyer);
  if (!buyer) return core::fail(invalid("unknown sandbox buyer '" + choice.buyer + "'"));
  if (!buyer->find_address(choice.address))
    return core::fail(
        invalid("buyer " + choice.buyer + " has no address '" + choice.address + "'"));
  if (!buyer->find_instrument(choice.instrument))
    return core::fail(
        invalid("buyer " + choice.buyer + " has no payment method '" + choice.instrument + "'"));
  if (!cs.web.checkout_review_return_url)
    return core::fail(AmazonError{R::InvalidCheckoutSessionStatus,
                                  "checkout session has no checkoutReviewReturnUrl"});
  cs.selection = choice;
  // A new choice of payment method means the payment page has to be passed again.
  cs.payment_page_passed = false;
  cs.authorization_pending = false;
  cs.pending_decline.reset();
  cs.last_updated = now();
  store_.put(cs);
  return HostedPageResult{with_session_param(*cs.web.checkout_review_return_url, cs.id),
                          "SignedIn"};
}

Outcome<HostedPageResult> Service::cancel_on_hosted_page(const CheckoutSessionId& id) {
  ActorScope scope(*this, ChangeActor::Buyer);
  auto loaded = get_checkout_session(id);
  if (!loaded) return core::fail(loaded.error());
  CheckoutSession cs = std::move(loaded).value();
  if (auto moved = apply(cs, CheckoutSessionTrigger::BuyerCancel); !moved)
    return core::fail(moved.error());
  std::string url = cs.web.checkout_cancel_url ? *cs.web.checkout_cancel_url
                                               : cs.web.checkout_review_return_url.value_or("");
  return HostedPageResult{with_session_param(url, cs.id), "BuyerCanceled"};
}

Outcome<HostedPageResult> Service::pass_payment_page(const CheckoutSessionId& id) {
  ActorScope scope(*this, ChangeActor::Buyer);
  auto loaded = get_checkout_session(id);
  if (!loaded) return core::fail(loaded.error());
  CheckoutSession cs = std::move(loaded).value();
  auto moved =
      transition(checkout_session_table(), cs.state, CheckoutSessionTrigger::PassPaymentPage);
  if (!moved) return core::fail(moved.error());
  auto missing = constraints(cs);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return core::fail(AmazonError{R::InvalidCheckoutSessionStatus,
                                  "the payment page is not available while constraints are "
                                  "outstanding: " +
                                      list});
  }
  const SandboxBuyer* buyer = find_sandbox_buyer(cs.selection->buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* instrument = buyer->find_instrument(cs.selection->instrument);
  assert(instrument != nullptr);
  std::string result_url = with_session_param(*cs.web.checkout_result_return_url, cs.id);

  CardBehaviour behaviour = instrument->behaviour;
  if (instrument->kind == InstrumentKind::GiftCard &&
      buyer->gift_card_balance < cs.payment.charge_amount.value_or(Yen{0}))
    behaviour = CardBehaviour::Decline;  // not enough gift-card balance
  bool authorizes = cs.payment.payment_intent != PaymentIntent::Confirm;

  switch (behaviour) {
    case CardBehaviour::BuyerCancel:
      apply_allowed(cs, CheckoutSessionTrigger::BuyerCancel);
      return HostedPageResult{result_url, "BuyerCanceled"};
    case CardBehaviour::Decline:
      apply_allowed(cs, CheckoutSessionTrigger::Decline);
      return HostedPageResult{result_url, "Declined"};
    case CardBehaviour::PendingThenAuthorized:
    case CardBehaviour::PendingThenHardDeclined:
      if (!authorizes || !cs.payment.can_handle_pending_authorization)
        return core::fail(AmazonError{
            R::InvalidSandboxSimulationSpecified,
            "card " + instrument->last4 +
                " simulates a pending authorization: paymentIntent Authorize or "
                "AuthorizeWithCapture and canHandlePendingAuthorization=true are required"});
      cs.authorization_pending = true;
      if (behaviour == CardBehaviour::PendingThenHardDeclined) cs.pending_decline = R::HardDeclined;
      break;
    case CardBehaviour::Succeed:
      break;
  }
  cs.payment_page_passed = true;
  cs.last_updated = now();
  store_.put(cs);
  return HostedPageResult{result_url, !authorizes                ? "Confirmed"
                                      : cs.authorization_pending ? "AuthorizationPending"
                                                                 : "Authorized"};
}

// ---------------------------------------------------------------- Amazon-side events

Outcome<ChargePermission> Service::buyer_update_payment_method(const ChargePermissionId& id,
                                                               const std::string& instrument) {
  auto loaded = load_cp(id);
  if (!loaded) return loaded;
  const SandboxBuyer* buyer = find_sandbox_buyer(loaded->selection.buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* chosen = buyer->find_instrument(instrument);
  if (!chosen)
    return core::fail(
        invalid("buyer " + buyer->key + " has no payment method '" + instrument + "'"));
  ActorScope scope(*this, ChangeActor::Buyer);
  auto result = cp_event(id, ChargePermissionTrigger::BuyerUpdatePaymentMethod, std::nullopt);
  if (!result) return result;
  ChargePermission cp = std::move(result).value();
  cp.selection.instrument = instrument;
  cp.gift_card_only = chosen->kind == InstrumentKind::GiftCard;
  store_.put(cp);
  // The payment method is an attribute: an ATTRIBUTE_CHANGE notification (fact sheet §11.4).
  Change attribute;
  attribute.at = now();
  attribute.resource = "ChargePermission";
  attribute.id = cp.id.str();
  attribute.from = attribute.to = std::string(name(cp.state));
  attribute.actor = ChangeActor::Buyer;
  attribute.charge_permission_id = cp.id.str();
  attribute.attribute = true;
  notices_.push_back(std::move(attribute));
  return cp;
}

Outcome<ChargePermission> Service::make_non_chargeable(const ChargePermissionId& id,
                                                       ReasonCode reason) {
  ActorScope scope(*this, ChangeActor::Amazon);
  return cp_event(id, ChargePermissionTrigger::MakeNonChargeable, reason);
}

Outcome<ChargePermission> Service::buyer_cancel_charge_permission(const ChargePermissionId& id) {
  ActorScope scope(*this, ChangeActor::Buyer);
  return cp_event(id, ChargePermissionTrigger::BuyerCancel, std::nullopt);
}

Outcome<ChargePermission> Service::amazon_cancel_charge_permission(const ChargePermissionId& id) {
  ActorScope scope(*this, ChangeActor::Amazon);
  return cp_event(id, ChargePermissionTrigger::AmazonCancel, std::nullopt);
}

Outcome<Charge> Service::amazon_cancel_charge(const ChargeId& id) {
  ActorScope scope(*this, ChangeActor::Amazon);
  return cancel_with(id, ChargeTrigger::AmazonCancel);
}

Outcome<Charge> Service::buyer_cancel_charge(const ChargeId& id) {
  ActorScope scope(*this, ChangeActor::Buyer);
  return cancel_with(id, ChargeTrigger::BuyerCancel);
}

// ---------------------------------------------------------------- forced outcomes

Outcome<ForcedOutcome> Service::force(const ForcedOutcome& f) {
  if (!accepts_simulation_code(f.operation, f.outcome))
    return core::fail(AmazonError{
        R::InvalidSandboxSimulationSpecified,
        "outcome '" + f.outcome + "' is not valid for " + std::string(name(f.operation))});
  if (!f.then.empty() && f.outcome != "AuthorizationInitiated")
    return core::fail(invalid("'then' only applies to the AuthorizationInitiated outcome"));
  if (!f.then.empty() && !contains(authorization_declines(), f.then))
    return core::fail(
        invalid("'then' must be one of HardDeclined, SoftDeclined, AmazonRejected, "
                "ProcessingFailure, TransactionTimedOut"));
  store_.add_forced(f);
  return store_.forced_outcomes().back();
}

}  // namespace mock_amazon
