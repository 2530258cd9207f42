#include "mock_amazon/service/service.hpp"

#include <algorithm>
#include <cassert>

namespace mock_amazon {
namespace {

using R = ReasonCode;

AmazonError not_found(const char* resource, const std::string& id) {
  return AmazonError{R::ResourceNotFound, std::string(resource) + " " + id + " was not found"};
}

AmazonError invalid(const std::string& message) {
  return AmazonError{R::InvalidParameterValue, message};
}

std::string with_session_param(const std::string& url, const CheckoutSessionId& id) {
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "amazonCheckoutSessionId=" + id.str();
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Yen active_amount(const Charge& c) {
  switch (c.state) {
    case ChargeState::AuthorizationInitiated:
    case ChargeState::Authorized:
      return c.charge_amount;
    case ChargeState::CaptureInitiated:
    case ChargeState::Captured:
      return c.capture_amount.value_or(c.charge_amount);
    case ChargeState::Canceled:
    case ChargeState::Declined:
      return Yen{0};
  }
  return Yen{0};
}

Yen captured_amount(const Charge& c) {
  return c.state == ChargeState::Captured ? c.capture_amount.value_or(Yen{0}) : Yen{0};
}

}  // namespace

Service::Service(Store& store, core::SimulatedClock& clock, core::Prng& prng, ServiceConfig config)
    : store_(store), clock_(clock), prng_(prng), config_(std::move(config)) {}

template <class T>
void Service::record(const char* resource, const std::string& id, std::optional<T> from, T to,
                     std::optional<ReasonCode> reason) {
  changes_.push_back(Change{now(), resource, id, from ? std::string(name(*from)) : std::string(),
                            std::string(name(to)),
                            reason ? std::string(name(*reason)) : std::string()});
}

std::vector<Change> Service::take_changes() { return std::exchange(changes_, {}); }

// ---------------------------------------------------------------- ids

std::string Service::new_charge_permission_id(ChargePermissionType type) {
  // S = one-time, C = recurring; 03 = Japan (fact sheet §1.5, an inference from examples).
  const char* prefix = type == ChargePermissionType::OneTime ? "S03-" : "C03-";
  for (;;) {
    std::string id = prefix + prng_.digits(7) + "-" + prng_.digits(7);
    if (!store_.id_in_use(id)) return id;
  }
}

ChargeId Service::new_charge_id(const ChargePermissionId& cp) {
  for (;;) {
    std::string id = cp.str() + "-C" + prng_.digits(6);
    if (!store_.id_in_use(id)) return ChargeId{id};
  }
}

RefundId Service::new_refund_id(const ChargeId& charge) {
  std::string cp = charge.str().substr(0, charge.str().rfind("-C"));
  for (;;) {
    std::string id = cp + "-R" + prng_.digits(6);
    if (!store_.id_in_use(id)) return RefundId{id};
  }
}

Outcome<std::optional<ForcedOutcome>> Service::pick_outcome(SimulatedOperation op,
                                                            const std::string& object_id,
                                                            const SimulationCode& sim) {
  if (sim) {
    if (!accepts_simulation_code(op, *sim))
      return core::fail(AmazonError{
          R::InvalidSandboxSimulationSpecified,
          "simulation code '" + *sim + "' is not valid for " + std::string(name(op))});
    // The header wins; a queued outcome for this object stays queued.
    return std::optional<ForcedOutcome>(ForcedOutcome{0, std::string(name(op)), object_id, *sim, ""});
  }
  return store_.take_forced(std::string(name(op)), object_id);
}

Outcome<ForcedOutcome> Service::force(const ForcedOutcome& f) {
  auto op = parse_simulated_operation(f.operation);
  if (!op)
    return core::fail(invalid("unknown operation '" + f.operation +
                              "'; use CompleteCheckoutSession, CreateCharge, CaptureCharge, "
                              "CreateRefund or CloseChargePermission"));
  if (!accepts_simulation_code(*op, f.outcome))
    return core::fail(AmazonError{R::InvalidSandboxSimulationSpecified,
                                  "outcome '" + f.outcome + "' is not valid for " + f.operation});
  if (!f.then.empty() && f.outcome != "AuthorizationInitiated")
    return core::fail(invalid("'then' only applies to the AuthorizationInitiated outcome"));
  if (!f.then.empty() && !contains(authorization_declines(), f.then))
    return core::fail(invalid("'then' must be one of HardDeclined, SoftDeclined, AmazonRejected, "
                              "ProcessingFailure, TransactionTimedOut"));
  store_.add_forced(f);
  return store_.forced_outcomes().back();
}

// ---------------------------------------------------------------- Checkout Session

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
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "chargeAmount exceeds the maximum of 10000000 JPY"});
  auto moved = transition(checkout_session_table(), std::nullopt, CheckoutSessionTrigger::Create);
  if (!moved) return core::fail(moved.error());

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
  cs.state = moved->state;
  cs.created = cs.last_updated = now();
  cs.expires = now() + limits::kCheckoutSessionLifetime;
  store_.put(cs);
  store_.add_event(cs.expires, EventKind::CheckoutSessionExpire, cs.id.str());
  record<CheckoutSessionState>("CheckoutSession", cs.id.str(), std::nullopt, cs.state, std::nullopt);
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
    if (*p.charge_amount > limits::kMaxChargeAmount)
      return core::fail(AmazonError{R::TransactionAmountExceeded,
                                    "chargeAmount exceeds the maximum of 10000000 JPY"});
    if (*p.charge_amount < Yen{0}) return core::fail(invalid("chargeAmount must not be negative"));
  }
  if (p.checkout_review_return_url) cs.web.checkout_review_return_url = p.checkout_review_return_url;
  if (p.checkout_result_return_url) cs.web.checkout_result_return_url = p.checkout_result_return_url;
  if (p.checkout_cancel_url) cs.web.checkout_cancel_url = p.checkout_cancel_url;
  if (p.payment_intent) cs.payment.payment_intent = p.payment_intent;
  if (p.can_handle_pending_authorization)
    cs.payment.can_handle_pending_authorization = *p.can_handle_pending_authorization;
  if (p.charge_amount) cs.payment.charge_amount = p.charge_amount;
  if (p.total_order_amount) cs.payment.total_order_amount = p.total_order_amount;
  if (p.soft_descriptor) cs.payment.soft_descriptor = *p.soft_descriptor;
  if (p.allow_overcharge) cs.payment.allow_overcharge = *p.allow_overcharge;
  if (p.extend_expiration) cs.payment.extend_expiration = *p.extend_expiration;
  if (p.merchant_metadata) {
    const auto& m = *p.merchant_metadata;
    if (m.merchant_reference_id) cs.merchant_metadata.merchant_reference_id = m.merchant_reference_id;
    if (m.merchant_store_name) cs.merchant_metadata.merchant_store_name = m.merchant_store_name;
    if (m.note_to_buyer) cs.merchant_metadata.note_to_buyer = m.note_to_buyer;
    if (m.custom_information) cs.merchant_metadata.custom_information = m.custom_information;
  }
  if (p.recurring) {
    if (cs.charge_permission_type != ChargePermissionType::Recurring)
      return core::fail(invalid("recurringMetadata is only allowed for Recurring checkout"));
    cs.recurring = p.recurring;
  }
  if (p.platform_id) cs.platform_id = *p.platform_id;
  if (cs.payment.soft_descriptor &&
      cs.payment.payment_intent != PaymentIntent::AuthorizeWithCapture)
    return core::fail(AmazonError{R::InvalidParameterCombination,
                                  "softDescriptor is only allowed with AuthorizeWithCapture"});
  cs.last_updated = now();
  store_.put(cs);
  return cs;
}

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
    return core::fail(invalid("buyer " + choice.buyer + " has no address '" + choice.address + "'"));
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
  auto loaded = get_checkout_session(id);
  if (!loaded) return core::fail(loaded.error());
  CheckoutSession cs = std::move(loaded).value();
  auto moved = transition(checkout_session_table(), cs.state, CheckoutSessionTrigger::BuyerCancel);
  if (!moved) return core::fail(moved.error());
  record("CheckoutSession", cs.id.str(), std::optional(cs.state), moved->state, moved->reason);
  cs.state = moved->state;
  cs.reason = moved->reason;
  cs.last_updated = now();
  store_.put(cs);
  std::string url = cs.web.checkout_cancel_url ? *cs.web.checkout_cancel_url
                                               : cs.web.checkout_review_return_url.value_or("");
  return HostedPageResult{with_session_param(url, cs.id), "BuyerCanceled"};
}

Outcome<HostedPageResult> Service::pass_payment_page(const CheckoutSessionId& id) {
  auto loaded = get_checkout_session(id);
  if (!loaded) return core::fail(loaded.error());
  CheckoutSession cs = std::move(loaded).value();
  auto moved = transition(checkout_session_table(), cs.state,
                          CheckoutSessionTrigger::PassPaymentPage);
  if (!moved) return core::fail(moved.error());
  auto missing = constraints(cs);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return core::fail(AmazonError{R::InvalidCheckoutSessionStatus,
                                  "the payment page is not available while constraints are "
                                  "outstanding: " + list});
  }
  const SandboxBuyer* buyer = find_sandbox_buyer(cs.selection->buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* instrument = buyer->find_instrument(cs.selection->instrument);
  assert(instrument != nullptr);
  std::string result_url = with_session_param(*cs.web.checkout_result_return_url, cs.id);

  auto cancel = [&](CheckoutSessionTrigger trigger, const char* outcome) -> HostedPageResult {
    auto m = transition(checkout_session_table(), cs.state, trigger);
    assert(m.ok());
    record("CheckoutSession", cs.id.str(), std::optional(cs.state), m->state, m->reason);
    cs.state = m->state;
    cs.reason = m->reason;
    cs.last_updated = now();
    store_.put(cs);
    return HostedPageResult{result_url, outcome};
  };

  CardBehaviour behaviour = instrument->behaviour;
  if (instrument->kind == InstrumentKind::GiftCard &&
      buyer->gift_card_balance < cs.payment.charge_amount.value_or(Yen{0}))
    behaviour = CardBehaviour::Decline;  // not enough gift-card balance
  bool authorizes = cs.payment.payment_intent != PaymentIntent::Confirm;

  switch (behaviour) {
    case CardBehaviour::BuyerCancel:
      return cancel(CheckoutSessionTrigger::BuyerCancel, "BuyerCanceled");
    case CardBehaviour::Decline:
      return cancel(CheckoutSessionTrigger::Decline, "Declined");
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
  return HostedPageResult{result_url, !authorizes              ? "Confirmed"
                                      : cs.authorization_pending ? "AuthorizationPending"
                                                                 : "Authorized"};
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
    return core::fail(AmazonError{R::AmountMismatch,
                                  "chargeAmount does not match the amount of the checkout session"});
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
      CheckoutSessionTrigger trigger = o == "BuyerCanceled"    ? CheckoutSessionTrigger::BuyerCancel
                                       : o == "AmazonCanceled" ? CheckoutSessionTrigger::AmazonCancel
                                                               : CheckoutSessionTrigger::Decline;
      auto m = transition(checkout_session_table(), cs.state, trigger);
      assert(m.ok());
      record("CheckoutSession", cs.id.str(), std::optional(cs.state), m->state, m->reason);
      cs.state = m->state;
      cs.reason = m->reason;
      cs.last_updated = now();
      store_.put(cs);
      return core::fail(AmazonError{R::CheckoutSessionCanceled,
                                    "the checkout session was canceled: " + o});
    }
  }

  const SandboxBuyer* buyer = find_sandbox_buyer(cs.selection->buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* instrument = buyer->find_instrument(cs.selection->instrument);
  assert(instrument != nullptr);

  auto cp_moved = transition(charge_permission_table(), std::nullopt, ChargePermissionTrigger::Create);
  assert(cp_moved.ok());
  ChargePermission cp;
  cp.id = ChargePermissionId{new_charge_permission_id(cs.charge_permission_type)};
  cp.type = cs.charge_permission_type;
  cp.recurring = cs.recurring;
  cp.platform_id = cs.platform_id;
  cp.store_id = cs.store_id;
  cp.selection = *cs.selection;
  cp.merchant_metadata = cs.merchant_metadata;
  cp.state = cp_moved->state;
  cp.created = cp.last_updated = now();
  Yen order_amount = in.total_order_amount.value_or(
      cs.payment.total_order_amount.value_or(*cs.payment.charge_amount));
  cp.original_amount = order_amount;
  cp.gift_card_only = instrument->kind == InstrumentKind::GiftCard;
  if (cp.type == ChargePermissionType::OneTime) {
    cp.amount_limit = limits::one_time_amount_limit(order_amount, cs.payment.allow_overcharge);
    cp.expires = cs.payment.extend_expiration
                     ? core::add_months(now(), limits::kExtendedPermissionMonths)
                     : now() + limits::kOneTimePermissionLifetime;
  } else {
    cp.amount_limit = limits::kRecurringMonthlyCap;
    cp.expires = core::add_months(now(), limits::kExtendedPermissionMonths);
  }
  record<ChargePermissionState>("ChargePermission", cp.id.str(), std::nullopt, cp.state,
                                std::nullopt);

  std::optional<Charge> charge;
  if (authorizes && *cs.payment.charge_amount > Yen{0}) {
    bool capture = cs.payment.payment_intent == PaymentIntent::AuthorizeWithCapture;
    ChargeTrigger trigger = pending   ? ChargeTrigger::CreatePending
                            : capture ? ChargeTrigger::CreateCaptured
                                      : ChargeTrigger::CreateAuthorized;
    auto cm = transition(charge_table(), std::nullopt, trigger);
    assert(cm.ok());
    Charge c;
    c.id = new_charge_id(cp.id);
    c.charge_permission_id = cp.id;
    c.charge_amount = *cs.payment.charge_amount;
    c.soft_descriptor = cs.payment.soft_descriptor;
    c.merchant_metadata = cs.merchant_metadata;
    c.platform_id = cs.platform_id;
    c.state = cm->state;
    c.created = c.last_updated = now();
    c.expires = now() + limits::kAuthorizationValidity;
    record<ChargeState>("Charge", c.id.str(), std::nullopt, c.state, std::nullopt);
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
    charge = c;
  }
  store_.put(cp);
  store_.add_event(cp.expires, EventKind::ChargePermissionExpire, cp.id.str());
  if (charge) {
    store_.put(*charge);
    if (charge->state == ChargeState::Captured) after_capture(*charge);
  }

  record("CheckoutSession", cs.id.str(), std::optional(cs.state), moved->state, moved->reason);
  cs.state = moved->state;
  cs.reason.reset();
  cs.charge_permission_id = cp.id;
  if (charge) cs.charge_id = charge->id;
  cs.last_updated = now();
  store_.put(cs);
  return cs;
}

// ---------------------------------------------------------------- Charge Permission

Outcome<ChargePermission> Service::load_cp(const ChargePermissionId& id) {
  auto cp = store_.charge_permission(id);
  if (!cp) return core::fail(not_found("ChargePermission", id.str()));
  return *cp;
}

Outcome<ChargePermission> Service::get_charge_permission(const ChargePermissionId& id) {
  return load_cp(id);
}

Yen Service::amount_balance(const ChargePermission& cp) {
  Yen used{0};
  auto charges = store_.charges_of(cp.id);
  if (cp.type == ChargePermissionType::OneTime) {
    for (const auto& c : charges) used += captured_amount(c);
  } else {
    Instant month = core::start_of_jst_month(now());
    for (const auto& c : charges)
      if (c.created >= month) used += active_amount(c);
  }
  return core::max(cp.amount_limit - used, Yen{0});
}

bool Service::buyer_data_available(const ChargePermission& cp) const {
  // OneTime: 30 days after creation. Recurring: while open, and 30 days after closing.
  if (cp.type == ChargePermissionType::OneTime) return now() < cp.created + core::kDay * 30;
  if (cp.state != ChargePermissionState::Closed) return true;
  return now() < cp.last_updated + core::kDay * 30;
}

Outcome<ChargePermission> Service::update_charge_permission(const ChargePermissionId& id,
                                                            const ChargePermissionPatch& p) {
  auto loaded = load_cp(id);
  if (!loaded) return loaded;
  ChargePermission cp = std::move(loaded).value();
  if (p.recurring && cp.type != ChargePermissionType::Recurring)
    return core::fail(invalid("recurringMetadata can only be updated on a Recurring permission"));
  if (cp.state == ChargePermissionState::Closed) {
    // Only still-empty merchantMetadata fields may be filled in on a closed permission.
    bool fills_only_nulls = !p.recurring;
    if (p.merchant_metadata) {
      const auto& m = *p.merchant_metadata;
      const auto& cur = cp.merchant_metadata;
      fills_only_nulls = fills_only_nulls &&
                         (!m.merchant_reference_id || !cur.merchant_reference_id) &&
                         (!m.merchant_store_name || !cur.merchant_store_name) &&
                         (!m.note_to_buyer || !cur.note_to_buyer) &&
                         (!m.custom_information || !cur.custom_information);
    }
    if (!fills_only_nulls)
      return core::fail(AmazonError{R::ChargePermissionNotModifiable,
                                    "the charge permission is closed"});
  } else {
    auto moved = transition(charge_permission_table(), cp.state, ChargePermissionTrigger::Update,
                            cp.reasons.empty() ? std::nullopt : std::optional(cp.reasons.front()));
    if (!moved) return core::fail(moved.error());
  }
  if (p.merchant_metadata) {
    const auto& m = *p.merchant_metadata;
    if (m.merchant_reference_id) cp.merchant_metadata.merchant_reference_id = m.merchant_reference_id;
    if (m.merchant_store_name) cp.merchant_metadata.merchant_store_name = m.merchant_store_name;
    if (m.note_to_buyer) cp.merchant_metadata.note_to_buyer = m.note_to_buyer;
    if (m.custom_information) cp.merchant_metadata.custom_information = m.custom_information;
  }
  if (p.recurring) cp.recurring = p.recurring;
  cp.last_updated = now();
  store_.put(cp);
  return cp;
}

Outcome<ChargePermission> Service::close_charge_permission(const ChargePermissionId& id,
                                                           const CloseChargePermissionInput& in,
                                                           const SimulationCode& sim) {
  auto loaded = load_cp(id);
  if (!loaded) return loaded;
  ChargePermission cp = std::move(loaded).value();
  if (in.closure_reason && in.closure_reason->size() > 255)
    return core::fail(invalid("closureReason must be at most 255 characters"));
  auto picked = pick_outcome(SimulatedOperation::CloseChargePermission, cp.id.str(), sim);
  if (!picked) return core::fail(picked.error());
  ReasonCode reason = *picked ? R::AmazonClosed : R::MerchantClosed;
  auto moved = transition(charge_permission_table(), cp.state, ChargePermissionTrigger::Close, reason);
  if (!moved) return core::fail(moved.error());
  record("ChargePermission", cp.id.str(), std::optional(cp.state), moved->state, moved->reason);
  cp.state = moved->state;
  cp.reasons = {reason};
  cp.last_updated = now();
  store_.put(cp);
  if (in.cancel_pending_charges) {
    for (auto& c : store_.charges_of(cp.id)) {
      if (c.state != ChargeState::Authorized && c.state != ChargeState::AuthorizationInitiated)
        continue;
      auto cm = transition(charge_table(), c.state, ChargeTrigger::ChargePermissionClosed);
      assert(cm.ok());
      record("Charge", c.id.str(), std::optional(c.state), cm->state, cm->reason);
      c.state = cm->state;
      c.reason = cm->reason;
      c.last_updated = now();
      store_.put(c);
    }
  }
  return cp;
}

Outcome<ChargePermission> Service::cp_event(const ChargePermissionId& id,
                                            ChargePermissionTrigger trigger,
                                            std::optional<ReasonCode> reason) {
  auto loaded = load_cp(id);
  if (!loaded) return loaded;
  ChargePermission cp = std::move(loaded).value();
  auto moved = transition(charge_permission_table(), cp.state, trigger, reason);
  if (!moved) return core::fail(moved.error());
  record("ChargePermission", cp.id.str(), std::optional(cp.state), moved->state, moved->reason);
  cp.state = moved->state;
  cp.reasons.clear();
  if (moved->reason) cp.reasons.push_back(*moved->reason);
  cp.last_updated = now();
  store_.put(cp);
  return cp;
}

Outcome<ChargePermission> Service::buyer_update_payment_method(const ChargePermissionId& id,
                                                               const std::string& instrument) {
  auto loaded = load_cp(id);
  if (!loaded) return loaded;
  const SandboxBuyer* buyer = find_sandbox_buyer(loaded->selection.buyer);
  assert(buyer != nullptr);
  const SandboxInstrument* chosen = buyer->find_instrument(instrument);
  if (!chosen)
    return core::fail(invalid("buyer " + buyer->key + " has no payment method '" + instrument + "'"));
  auto result = cp_event(id, ChargePermissionTrigger::BuyerUpdatePaymentMethod, std::nullopt);
  if (!result) return result;
  ChargePermission cp = std::move(result).value();
  cp.selection.instrument = instrument;
  cp.gift_card_only = chosen->kind == InstrumentKind::GiftCard;
  store_.put(cp);
  return cp;
}

Outcome<ChargePermission> Service::make_non_chargeable(const ChargePermissionId& id,
                                                       ReasonCode reason) {
  return cp_event(id, ChargePermissionTrigger::MakeNonChargeable, reason);
}

Outcome<ChargePermission> Service::buyer_cancel_charge_permission(const ChargePermissionId& id) {
  return cp_event(id, ChargePermissionTrigger::BuyerCancel, std::nullopt);
}

Outcome<ChargePermission> Service::amazon_cancel_charge_permission(const ChargePermissionId& id) {
  return cp_event(id, ChargePermissionTrigger::AmazonCancel, std::nullopt);
}

void Service::apply_decline_to_permission(ChargePermission& cp, ReasonCode reason) {
  ChargePermissionTrigger trigger;
  if (reason == R::HardDeclined) trigger = ChargePermissionTrigger::PaymentMethodInvalid;
  else if (reason == R::AmazonRejected) trigger = ChargePermissionTrigger::AmazonCancel;
  else return;
  auto moved = transition(charge_permission_table(), cp.state, trigger);
  if (!moved) return;  // already NonChargeable or Closed
  record("ChargePermission", cp.id.str(), std::optional(cp.state), moved->state, moved->reason);
  cp.state = moved->state;
  cp.reasons.clear();
  if (moved->reason) cp.reasons.push_back(*moved->reason);
  cp.last_updated = now();
}

void Service::extend_recurring(ChargePermission& cp) {
  // A Recurring permission's 13 months restart at every successful authorization
  // (rules.md decision 10; fact sheet §13.4 recommendation).
  if (cp.type != ChargePermissionType::Recurring || cp.state == ChargePermissionState::Closed)
    return;
  cp.expires = core::add_months(now(), limits::kExtendedPermissionMonths);
  store_.add_event(cp.expires, EventKind::ChargePermissionExpire, cp.id.str());
}

// ---------------------------------------------------------------- Charge

Outcome<Charge> Service::load_charge(const ChargeId& id) {
  auto c = store_.charge(id);
  if (!c) return core::fail(not_found("Charge", id.str()));
  return *c;
}

Outcome<Charge> Service::get_charge(const ChargeId& id) { return load_charge(id); }

void Service::set_authorized(Charge& c) {
  c.authorized_at = now();
  c.expires = now() + limits::kAuthorizationValidity;
  store_.add_event(c.expires, EventKind::ChargeExpire, c.id.str());
}

Outcome<Charge> Service::create_charge(const CreateChargeInput& in, const SimulationCode& sim) {
  if (in.soft_descriptor && !in.capture_now)
    return core::fail(AmazonError{R::InvalidParameterCombination,
                                  "softDescriptor is only allowed with captureNow=true"});
  if (in.soft_descriptor && in.soft_descriptor->size() > 16)
    return core::fail(invalid("softDescriptor must be at most 16 characters"));
  auto loaded = load_cp(in.charge_permission_id);
  if (!loaded) return core::fail(loaded.error());
  ChargePermission cp = std::move(loaded).value();
  auto cp_moved = transition(charge_permission_table(), cp.state,
                             ChargePermissionTrigger::CreateCharge);
  if (!cp_moved) return core::fail(cp_moved.error());
  if (in.charge_amount <= Yen{0}) return core::fail(invalid("chargeAmount must be positive"));
  if (in.charge_amount > limits::kMaxChargeAmount)
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "chargeAmount exceeds the maximum of 10000000 JPY per charge"});

  auto charges = store_.charges_of(cp.id);
  Yen active{0};
  for (const auto& c : charges) active += active_amount(c);
  if (cp.type == ChargePermissionType::OneTime) {
    if (cp.charge_count >= limits::kMaxChargesPerOneTimePermission)
      return core::fail(AmazonError{R::TransactionCountExceeded,
                                    "a one-time charge permission allows at most 25 charges"});
    if (active + in.charge_amount > cp.amount_limit)
      return core::fail(AmazonError{R::TransactionAmountExceeded,
                                    "the charge would exceed the permission's amountLimit of " +
                                        cp.amount_limit.to_string() + " JPY"});
    if (cp.gift_card_only && active + in.charge_amount > cp.original_amount)
      return core::fail(AmazonError{R::PaymentMethodNotAllowed,
                                    "a permission paid only by Amazon gift card cannot be "
                                    "charged above its original amount"});
  } else if (in.charge_amount > amount_balance(cp)) {
    return core::fail(AmazonError{R::PeriodicAmountExceeded,
                                  "the monthly limit of 100000 JPY of this charge permission is "
                                  "reached; charge again next month"});
  }

  auto picked = pick_outcome(SimulatedOperation::CreateCharge, cp.id.str(), sim);
  if (!picked) return core::fail(picked.error());
  std::optional<ForcedOutcome> forced = *picked;
  bool pending = false;
  bool async_capture = false;
  std::optional<ReasonCode> pending_decline;
  if (forced) {
    const std::string& o = forced->outcome;
    if (o == "AuthorizationInitiated") {
      if (!in.can_handle_pending_authorization)
        return core::fail(AmazonError{R::InvalidSandboxSimulationSpecified,
                                      "AuthorizationInitiated needs "
                                      "canHandlePendingAuthorization=true"});
      pending = true;
      if (!forced->then.empty()) pending_decline = parse_reason_code(forced->then);
    } else if (o == "CaptureInitiated") {
      if (!in.capture_now)
        return core::fail(AmazonError{R::InvalidSandboxSimulationSpecified,
                                      "CaptureInitiated needs captureNow=true"});
      async_capture = true;
    } else {
      // A synchronous decline: the error is the answer and no Charge is kept.
      ReasonCode reason = *parse_reason_code(o);
      apply_decline_to_permission(cp, reason);
      store_.put(cp);
      return core::fail(AmazonError{reason, "the authorization was declined: " + o});
    }
  }

  ChargeTrigger trigger = pending         ? ChargeTrigger::CreatePending
                          : async_capture ? ChargeTrigger::CreateCaptureInitiated
                          : in.capture_now ? ChargeTrigger::CreateCaptured
                                           : ChargeTrigger::CreateAuthorized;
  auto moved = transition(charge_table(), std::nullopt, trigger);
  assert(moved.ok());
  Charge c;
  c.id = new_charge_id(cp.id);
  c.charge_permission_id = cp.id;
  c.charge_amount = in.charge_amount;
  c.soft_descriptor = in.soft_descriptor;
  c.merchant_metadata = in.merchant_metadata;
  c.provider_reference_id = in.provider_reference_id;
  c.platform_id = in.platform_id;
  c.charge_initiator = in.charge_initiator;
  if (in.channel) c.channel = *in.channel;
  c.state = moved->state;
  c.created = c.last_updated = now();
  c.expires = now() + limits::kAuthorizationValidity;
  record<ChargeState>("Charge", c.id.str(), std::nullopt, c.state, std::nullopt);
  if (pending) {
    c.pending_decline = pending_decline;
    c.capture_on_approval = in.capture_now;
    store_.add_event(now() + config_.async_delay, EventKind::ChargeAuthorizationResolve,
                     c.id.str());
  } else {
    set_authorized(c);
    if (in.capture_now) c.capture_amount = c.charge_amount;
    if (async_capture)
      store_.add_event(now() + config_.async_delay, EventKind::ChargeCaptureResolve, c.id.str());
    extend_recurring(cp);
  }
  ++cp.charge_count;
  cp.last_updated = now();
  store_.put(cp);
  store_.put(c);
  if (c.state == ChargeState::Captured) after_capture(c);
  return c;
}

void Service::after_capture(Charge& c) {
  auto cp = store_.charge_permission(c.charge_permission_id);
  assert(cp.has_value());
  if (cp->type != ChargePermissionType::OneTime || cp->state != ChargePermissionState::Chargeable)
    return;
  if (amount_balance(*cp) > Yen{0}) return;
  auto moved = transition(charge_permission_table(), cp->state,
                          ChargePermissionTrigger::AmountBalanceExhausted);
  assert(moved.ok());
  record("ChargePermission", cp->id.str(), std::optional(cp->state), moved->state, moved->reason);
  cp->state = moved->state;
  cp->reasons = {*moved->reason};
  cp->last_updated = now();
  store_.put(*cp);
}

Outcome<Charge> Service::capture_charge(const ChargeId& id, const CaptureInput& in,
                                        const SimulationCode& sim) {
  auto loaded = load_charge(id);
  if (!loaded) return loaded;
  Charge c = std::move(loaded).value();
  if (!charge_table().find(c.state, ChargeTrigger::Capture) &&
      !charge_table().find(c.state, ChargeTrigger::CaptureAsync))
    return core::fail(AmazonError{R::InvalidChargeStatus, "Charge cannot be captured in state " +
                                                              std::string(name(c.state))});
  auto cp = store_.charge_permission(c.charge_permission_id);
  assert(cp.has_value());
  // Closing a permission without cancelPendingCharges leaves its authorizations capturable
  // (rules.md decision 5); any other closure makes them unusable.
  if (cp->state == ChargePermissionState::Closed &&
      !(cp->reasons.size() == 1 && cp->reasons.front() == R::MerchantClosed))
    return core::fail(AmazonError{R::InvalidChargePermissionStatus,
                                  "the charge permission is closed"});
  if (in.capture_amount <= Yen{0}) return core::fail(invalid("captureAmount must be positive"));
  if (in.capture_amount > c.charge_amount)
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "captureAmount exceeds the charge amount of " +
                                      c.charge_amount.to_string() + " JPY"});
  if (in.soft_descriptor && in.soft_descriptor->size() > 16)
    return core::fail(invalid("softDescriptor must be at most 16 characters"));
  // The outcome is taken only once the request is valid, so a refused capture leaves a
  // queued outcome for the corrected one (as Create Charge and Create Refund do).
  auto picked = pick_outcome(SimulatedOperation::CaptureCharge, c.id.str(), sim);
  if (!picked) return core::fail(picked.error());
  std::optional<ForcedOutcome> forced = *picked;
  bool late = c.authorized_at && now() > *c.authorized_at + limits::kSynchronousCaptureWindow;
  bool async = late || forced.has_value();
  auto moved = transition(charge_table(), c.state,
                          async ? ChargeTrigger::CaptureAsync : ChargeTrigger::Capture);
  if (!moved) return core::fail(moved.error());
  record("Charge", c.id.str(), std::optional(c.state), moved->state, moved->reason);
  c.state = moved->state;
  c.reason.reset();
  c.capture_amount = in.capture_amount;
  if (in.soft_descriptor) c.soft_descriptor = in.soft_descriptor;
  c.last_updated = now();
  if (async) {
    if (forced && forced->outcome != "CaptureInitiated")
      c.pending_decline = parse_reason_code(forced->outcome);
    store_.add_event(now() + config_.async_delay, EventKind::ChargeCaptureResolve, c.id.str());
  }
  store_.put(c);
  if (!async) after_capture(c);
  return c;
}

Outcome<Charge> Service::cancel_with(const ChargeId& id, ChargeTrigger trigger) {
  auto loaded = load_charge(id);
  if (!loaded) return loaded;
  Charge c = std::move(loaded).value();
  auto moved = transition(charge_table(), c.state, trigger);
  if (!moved) return core::fail(moved.error());
  record("Charge", c.id.str(), std::optional(c.state), moved->state, moved->reason);
  c.state = moved->state;
  c.reason = moved->reason;
  c.last_updated = now();
  store_.put(c);
  return c;
}

Outcome<Charge> Service::cancel_charge(const ChargeId& id,
                                       const std::optional<std::string>& reason) {
  if (reason && reason->size() > 255)
    return core::fail(invalid("cancellationReason must be at most 255 characters"));
  return cancel_with(id, ChargeTrigger::Cancel);
}

Outcome<Charge> Service::amazon_cancel_charge(const ChargeId& id) {
  return cancel_with(id, ChargeTrigger::AmazonCancel);
}

Outcome<Charge> Service::buyer_cancel_charge(const ChargeId& id) {
  return cancel_with(id, ChargeTrigger::BuyerCancel);
}

// ---------------------------------------------------------------- Refund

Outcome<Refund> Service::create_refund(const CreateRefundInput& in, const SimulationCode& sim) {
  if (in.soft_descriptor && in.soft_descriptor->size() > 16)
    return core::fail(invalid("softDescriptor must be at most 16 characters"));
  auto loaded = load_charge(in.charge_id);
  if (!loaded) return core::fail(loaded.error());
  Charge c = std::move(loaded).value();
  auto moved = transition(charge_table(), c.state, ChargeTrigger::Refund);
  if (!moved) return core::fail(moved.error());
  if (in.refund_amount <= Yen{0}) return core::fail(invalid("refundAmount must be positive"));
  if (in.refund_amount > limits::kMaxRefundAmount)
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "refundAmount exceeds the maximum of 10000000 JPY"});
  if (c.refund_count >= limits::kMaxRefundsPerCharge)
    return core::fail(AmazonError{R::TransactionCountExceeded,
                                  "a charge allows at most 10 refunds"});
  Yen ceiling = limits::refund_ceiling(c.capture_amount.value_or(Yen{0}));
  if (c.refund_requested + in.refund_amount > ceiling)
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "refunds would exceed " + ceiling.to_string() +
                                      " JPY (captured amount plus min(15%, 8400 JPY))"});
  auto picked = pick_outcome(SimulatedOperation::CreateRefund, c.id.str(), sim);
  if (!picked) return core::fail(picked.error());

  auto rm = transition(refund_table(), std::nullopt, RefundTrigger::Create);
  assert(rm.ok());
  Refund r;
  r.id = new_refund_id(c.id);
  r.charge_id = c.id;
  r.amount = in.refund_amount;
  r.soft_descriptor = in.soft_descriptor;
  r.state = rm->state;
  r.created = r.last_updated = now();
  if (*picked) r.pending_decline = parse_reason_code((*picked)->outcome);
  store_.put(r);
  store_.add_event(now() + config_.refund_delay, EventKind::RefundResolve, r.id.str());
  record<RefundState>("Refund", r.id.str(), std::nullopt, r.state, std::nullopt);
  ++c.refund_count;
  c.refund_requested += in.refund_amount;
  c.last_updated = now();
  store_.put(c);
  return r;
}

Outcome<Refund> Service::get_refund(const RefundId& id) {
  auto r = store_.refund(id);
  if (!r) return core::fail(not_found("Refund", id.str()));
  return *r;
}

// ---------------------------------------------------------------- scheduled work

std::optional<Instant> Service::next_due() {
  auto e = store_.next_event();
  if (!e) return std::nullopt;
  return e->due;
}

void Service::run_due(Instant at) {
  auto e = store_.next_event();
  if (!e || e->due != at) return;
  store_.remove_event(e->seq);
  // Events are not cancelled when their object moves on; each handler checks that the
  // object is still in the state the event was armed for.
  switch (e->kind) {
    case EventKind::CheckoutSessionExpire: on_checkout_session_expire(e->object_id); break;
    case EventKind::ChargeAuthorizationResolve: on_authorization_resolve(e->object_id); break;
    case EventKind::ChargeExpire: on_charge_expire(e->object_id, e->due); break;
    case EventKind::ChargeCaptureResolve: on_capture_resolve(e->object_id); break;
    case EventKind::RefundResolve: on_refund_resolve(e->object_id); break;
    case EventKind::ChargePermissionExpire: on_charge_permission_expire(e->object_id, e->due); break;
  }
}

void Service::on_checkout_session_expire(const std::string& id) {
  auto cs = store_.checkout_session(CheckoutSessionId{id});
  if (!cs || cs->state != CheckoutSessionState::Open) return;
  auto moved = transition(checkout_session_table(), cs->state, CheckoutSessionTrigger::Expire);
  assert(moved.ok());
  record("CheckoutSession", id, std::optional(cs->state), moved->state, moved->reason);
  cs->state = moved->state;
  cs->reason = moved->reason;
  cs->last_updated = now();
  store_.put(*cs);
}

void Service::on_authorization_resolve(const std::string& id) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::AuthorizationInitiated) return;
  auto cp = store_.charge_permission(c->charge_permission_id);
  assert(cp.has_value());
  if (c->pending_decline) {
    auto moved = transition(charge_table(), c->state, ChargeTrigger::AuthorizationDeclined,
                            c->pending_decline);
    assert(moved.ok());
    record("Charge", id, std::optional(c->state), moved->state, moved->reason);
    c->state = moved->state;
    c->reason = moved->reason;
    --cp->charge_count;  // a declined charge is not one of the permission's valid charges
    apply_decline_to_permission(*cp, *c->pending_decline);
  } else {
    auto moved = transition(charge_table(), c->state, ChargeTrigger::AuthorizationApproved);
    assert(moved.ok());
    record("Charge", id, std::optional(c->state), moved->state, moved->reason);
    c->state = moved->state;
    c->reason.reset();
    set_authorized(*c);
    extend_recurring(*cp);
    if (c->capture_on_approval) {
      auto cap = transition(charge_table(), c->state, ChargeTrigger::Capture);
      assert(cap.ok());
      record("Charge", id, std::optional(c->state), cap->state, cap->reason);
      c->state = cap->state;
      c->capture_amount = c->charge_amount;
    }
  }
  c->last_updated = now();
  store_.put(*cp);
  store_.put(*c);
  if (c->state == ChargeState::Captured) after_capture(*c);
}

void Service::on_charge_expire(const std::string& id, Instant due) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::Authorized || c->expires != due) return;
  auto moved = transition(charge_table(), c->state, ChargeTrigger::Expire);
  assert(moved.ok());
  record("Charge", id, std::optional(c->state), moved->state, moved->reason);
  c->state = moved->state;
  c->reason = moved->reason;
  c->last_updated = now();
  store_.put(*c);
}

void Service::on_capture_resolve(const std::string& id) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::CaptureInitiated) return;
  if (c->pending_decline) {
    auto moved = transition(charge_table(), c->state, ChargeTrigger::CaptureDeclined,
                            c->pending_decline);
    assert(moved.ok());
    record("Charge", id, std::optional(c->state), moved->state, moved->reason);
    c->state = moved->state;
    c->reason = moved->reason;
  } else {
    auto moved = transition(charge_table(), c->state, ChargeTrigger::CaptureSettled);
    assert(moved.ok());
    record("Charge", id, std::optional(c->state), moved->state, moved->reason);
    c->state = moved->state;
  }
  c->pending_decline.reset();
  c->last_updated = now();
  store_.put(*c);
  if (c->state == ChargeState::Captured) after_capture(*c);
}

void Service::on_refund_resolve(const std::string& id) {
  auto r = store_.refund(RefundId{id});
  if (!r || r->state != RefundState::RefundInitiated) return;
  auto c = store_.charge(r->charge_id);
  assert(c.has_value());
  if (r->pending_decline) {
    auto moved = transition(refund_table(), r->state, RefundTrigger::Decline, r->pending_decline);
    assert(moved.ok());
    record("Refund", id, std::optional(r->state), moved->state, moved->reason);
    r->state = moved->state;
    r->reason = moved->reason;
    c->refund_requested -= r->amount;
  } else {
    auto moved = transition(refund_table(), r->state, RefundTrigger::Settle);
    assert(moved.ok());
    record("Refund", id, std::optional(r->state), moved->state, moved->reason);
    r->state = moved->state;
    c->refunded_amount += r->amount;
  }
  r->last_updated = now();
  c->last_updated = now();
  store_.put(*r);
  store_.put(*c);
}

void Service::on_charge_permission_expire(const std::string& id, Instant due) {
  auto cp = store_.charge_permission(ChargePermissionId{id});
  if (!cp || cp->state == ChargePermissionState::Closed || cp->expires != due) return;
  auto moved = transition(charge_permission_table(), cp->state, ChargePermissionTrigger::Expire);
  assert(moved.ok());
  record("ChargePermission", id, std::optional(cp->state), moved->state, moved->reason);
  cp->state = moved->state;
  cp->reasons = {*moved->reason};
  cp->last_updated = now();
  store_.put(*cp);
}

}  // namespace mock_amazon
