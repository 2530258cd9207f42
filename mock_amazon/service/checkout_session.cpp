// Checkout Session: Create, Get, Update, Complete (fact sheet §6.1-6.4).
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;
using service_detail::invalid;
using service_detail::merge;
using service_detail::not_found;
using service_detail::with_session_param;

AmazonError amount_exceeded() {
  return AmazonError{R::TransactionAmountExceeded,
                     "chargeAmount exceeds the maximum of 10000000 JPY"};
}

// The PATCH's plain fields; recurringMetadata and the checks are the caller's.
void patch_fields(CheckoutSession& cs, const CheckoutSessionPatch& p) {
  if (p.checkout_review_return_url)
    cs.web.checkout_review_return_url = p.checkout_review_return_url;
  if (p.checkout_result_return_url)
    cs.web.checkout_result_return_url = p.checkout_result_return_url;
  if (p.checkout_cancel_url) cs.web.checkout_cancel_url = p.checkout_cancel_url;
  if (p.payment_intent) cs.payment.payment_intent = p.payment_intent;
  if (p.can_handle_pending_authorization)
    cs.payment.can_handle_pending_authorization = *p.can_handle_pending_authorization;
  if (p.charge_amount) cs.payment.charge_amount = p.charge_amount;
  if (p.total_order_amount) cs.payment.total_order_amount = p.total_order_amount;
  if (p.soft_descriptor) cs.payment.soft_descriptor = *p.soft_descriptor;
  if (p.allow_overcharge) cs.payment.allow_overcharge = *p.allow_overcharge;
  if (p.extend_expiration) cs.payment.extend_expiration = *p.extend_expiration;
  if (p.merchant_metadata) merge(cs.merchant_metadata, *p.merchant_metadata);
  if (p.platform_id) cs.platform_id = *p.platform_id;
}

}  // namespace

Outcome<CheckoutSession> Service::create_checkout_session(const CreateCheckoutSessionInput& in) {
  if (in.store_id.empty())
    return core::fail(AmazonError{R::MissingParameterValue,
                                  "Value is missing for the required parameter storeId"});
  bool process_order = in.web.checkout_mode && *in.web.checkout_mode == "ProcessOrder";
  if (!process_order && !in.web.checkout_review_return_url)
    return core::fail(AmazonError{R::MissingParameterValue,
                                  "Value is missing for the required parameter "
                                  "webCheckoutDetails.checkoutReviewReturnUrl"});
  if (in.payment.charge_amount && *in.payment.charge_amount > limits::kMaxChargeAmount)
    return core::fail(amount_exceeded());

  CheckoutSession cs;
  do {
    cs.id = CheckoutSessionId{prng_.uuid()};
  } while (store_.id_in_use(cs.id.str()));
  cs.store_id = in.store_id;
  cs.web = in.web;
  if (in.product_type) cs.product_type = *in.product_type;
  cs.payment = in.payment;
  cs.charge_permission_type = in.charge_permission_type;
  cs.recurring = in.recurring;
  cs.merchant_metadata = in.merchant_metadata;
  cs.platform_id = in.platform_id;
  cs.scopes = in.scopes;
  cs.created = now();
  cs.expires = now() + limits::kCheckoutSessionLifetime;
  create(cs, CheckoutSessionTrigger::Create);
  store_.add_event(cs.expires, EventKind::CheckoutSessionExpire, cs.id.str());
  return cs;
}

Outcome<CheckoutSession> Service::get_checkout_session(const CheckoutSessionId& id) {
  auto cs = store_.checkout_session(id);
  // Sessions and their data are deleted 30 days after creation.
  if (!cs || now() >= cs->created + core::kDay * 30)
    return core::fail(not_found("CheckoutSession", id.str()));
  return *cs;
}

std::vector<std::string> Service::constraints(const CheckoutSession& cs) const {
  std::vector<std::string> out;
  if (cs.state != CheckoutSessionState::Open) return out;
  if (!cs.selection) out.push_back("BuyerNotAssociated");
  if (!cs.payment.charge_amount) out.push_back("ChargeAmountNotSet");
  if (!cs.web.checkout_result_return_url) out.push_back("CheckoutResultReturnUrlNotSet");
  if (!cs.payment.payment_intent) out.push_back("PaymentIntentNotSet");
  if (cs.charge_permission_type == ChargePermissionType::Recurring &&
      (!cs.recurring || !cs.recurring->frequency_unit))
    out.push_back("RecurringFrequencyNotSet");
  return out;
}

std::optional<std::string> Service::amazon_pay_redirect_url(const CheckoutSession& cs) const {
  if (cs.state != CheckoutSessionState::Open || !constraints(cs).empty()) return std::nullopt;
  return with_session_param(config_.hosted_base_url + "/checkout/payment", cs.id);
}

Outcome<CheckoutSession> Service::update_checkout_session(const CheckoutSessionId& id,
                                                          const CheckoutSessionPatch& p) {
  auto loaded = get_checkout_session(id);
  if (!loaded) return loaded;
  CheckoutSession cs = std::move(loaded).value();
  auto moved = transition(checkout_session_table(), cs.state, CheckoutSessionTrigger::Update);
  if (!moved) return core::fail(moved.error());
  if (p.charge_amount) {
    if (*p.charge_amount > limits::kMaxChargeAmount) return core::fail(amount_exceeded());
    if (*p.charge_amount < Yen{0}) return core::fail(invalid("chargeAmount must not be negative"));
  }
  patch_fields(cs, p);
  if (p.recurring) {
    if (cs.charge_permission_type != ChargePermissionType::Recurring)
      return core::fail(invalid("recurringMetadata is only allowed for Recurring checkout"));
    cs.recurring = p.recurring;
  }
  if (cs.payment.soft_descriptor &&
      cs.payment.payment_intent != PaymentIntent::AuthorizeWithCapture)
    return core::fail(AmazonError{R::InvalidParameterCombination,
                                  "softDescriptor is only allowed with AuthorizeWithCapture"});
  cs.last_updated = now();
  store_.put(cs);
  return cs;
}

ChargePermission Service::new_charge_permission(const CheckoutSession& cs,
                                                const CompleteCheckoutSessionInput& in,
                                                const SandboxInstrument& instrument) {
  ChargePermission cp;
  cp.id = ChargePermissionId{new_charge_permission_id(cs.charge_permission_type)};
  cp.type = cs.charge_permission_type;
  cp.recurring = cs.recurring;
  cp.platform_id = cs.platform_id;
  cp.store_id = cs.store_id;
  cp.selection = *cs.selection;
  cp.merchant_metadata = cs.merchant_metadata;
  cp.created = now();
  Yen order_amount = in.total_order_amount.value_or(
      cs.payment.total_order_amount.value_or(*cs.payment.charge_amount));
  cp.original_amount = order_amount;
  cp.gift_card_only = instrument.kind == InstrumentKind::GiftCard;
  if (cp.type == ChargePermissionType::OneTime) {
    cp.amount_limit = limits::one_time_amount_limit(order_amount, cs.payment.allow_overcharge);
    cp.expires = cs.payment.extend_expiration
                     ? core::add_months(now(), limits::kExtendedPermissionMonths)
                     : now() + limits::kOneTimePermissionLifetime;
  } else {
    cp.amount_limit = limits::kRecurringMonthlyCap;
    cp.expires = core::add_months(now(), limits::kExtendedPermissionMonths);
  }
  create(cp, ChargePermissionTrigger::Create);
  return cp;
}

Charge Service::new_checkout_charge(const CheckoutSession& cs, ChargePermission& cp, bool pending,
                                    std::optional<ReasonCode> pending_decline) {
  bool capture = cs.payment.payment_intent == PaymentIntent::AuthorizeWithCapture;
  Charge c;
  c.id = new_charge_id(cp.id);
  c.charge_permission_id = cp.id;
  c.charge_amount = *cs.payment.charge_amount;
  c.soft_descriptor = cs.payment.soft_descriptor;
  c.merchant_metadata = cs.merchant_metadata;
  c.platform_id = cs.platform_id;
  c.created = now();
  c.expires = now() + limits::kAuthorizationValidity;
  create(c, pending   ? ChargeTrigger::CreatePending
            : capture ? ChargeTrigger::CreateCaptured
                      : ChargeTrigger::CreateAuthorized);
  if (pending) {
    c.pending_decline = pending_decline;
    c.capture_on_approval = capture;
    store_.add_event(now() + config_.async_delay, EventKind::ChargeAuthorizationResolve,
                     c.id.str());
  } else {
    set_authorized(c);
    if (capture) c.capture_amount = c.charge_amount;
  }
  ++cp.charge_count;
  return c;
}

Outcome<CheckoutSession> Service::complete_checkout_session(const CheckoutSessionId& id,
                                                            const CompleteCheckoutSessionInput& in,
                                                            const SimulationCode& sim) {
  auto loaded = get_checkout_session(id);
  if (!loaded) return loaded;
  CheckoutSession cs = std::move(loaded).value();
  auto moved = transition(checkout_session_table(), cs.state, CheckoutSessionTrigger::Complete);
  if (!moved) return core::fail(moved.error());
  if (!cs.payment_page_passed)
    return core::fail(AmazonError{R::InvalidCheckoutSessionStatus,
                                  "the buyer has not returned from amazonPayRedirectUrl yet"});
  if (!cs.payment.charge_amount || in.charge_amount != *cs.payment.charge_amount)
    return core::fail(AmazonError{
        R::AmountMismatch, "chargeAmount does not match the amount of the checkout session"});
  auto picked = pick_outcome(SimulatedOperation::CompleteCheckoutSession, cs.id.str(), sim);
  if (!picked) return core::fail(picked.error());
  std::optional<ForcedOutcome> forced = *picked;

  bool authorizes = cs.payment.payment_intent != PaymentIntent::Confirm;
  bool pending = cs.authorization_pending;
  std::optional<ReasonCode> pending_decline = cs.pending_decline;
  if (forced) {
    const std::string& o = forced->outcome;
    if (o == "AuthorizationInitiated") {
      if (!authorizes || !cs.payment.can_handle_pending_authorization)
        return core::fail(AmazonError{R::InvalidSandboxSimulationSpecified,
                                      "AuthorizationInitiated needs paymentIntent Authorize and "
                                      "canHandlePendingAuthorization=true"});
      pending = true;
      pending_decline = forced->then.empty() ? std::nullopt : parse_reason_code(forced->then);
    } else {
      apply_allowed(cs, o == "BuyerCanceled"    ? CheckoutSessionTrigger::BuyerCancel
                        : o == "AmazonCanceled" ? CheckoutSessionTrigger::AmazonCancel
                                                : CheckoutSessionTrigger::Decline);
      return core::fail(
          AmazonError{R::CheckoutSessionCanceled, "the checkout session was canceled: " + o});
    }
  }

  const SandboxBuyer* buyer = find_sandbox_buyer(cs.selection->buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* instrument = buyer->find_instrument(cs.selection->instrument);
  assert(instrument != nullptr);

  ChargePermission cp = new_charge_permission(cs, in, *instrument);
  std::optional<Charge> charge;
  if (authorizes && *cs.payment.charge_amount > Yen{0})
    charge = new_checkout_charge(cs, cp, pending, pending_decline);
  store_.put(cp);
  store_.add_event(cp.expires, EventKind::ChargePermissionExpire, cp.id.str());
  if (charge) {
    store_.put(*charge);
    if (charge->state == ChargeState::Captured) after_capture(*charge);
  }

  cs.charge_permission_id = cp.id;
  if (charge) cs.charge_id = charge->id;
  apply_allowed(cs, CheckoutSessionTrigger::Complete);
  return cs;
}

}  // namespace mock_amazon
