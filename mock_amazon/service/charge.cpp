// Charge: Create, Get, Capture, Cancel (fact sheet §6.8-6.11).
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;
using service_detail::invalid;

// Japan's limits on a new charge of `amount` against the permission.
std::optional<AmazonError> over_limit(const ChargePermission& cp, Yen active, Yen amount,
                                      Yen balance) {
  if (cp.type != ChargePermissionType::OneTime) {
    if (amount <= balance) return std::nullopt;
    return AmazonError{R::PeriodicAmountExceeded,
                       "the monthly limit of 100000 JPY of this charge permission is "
                       "reached; charge again next month"};
  }
  if (cp.charge_count >= limits::kMaxChargesPerOneTimePermission)
    return AmazonError{R::TransactionCountExceeded,
                       "a one-time charge permission allows at most 25 charges"};
  if (active + amount > cp.amount_limit)
    return AmazonError{R::TransactionAmountExceeded,
                       "the charge would exceed the permission's amountLimit of " +
                           cp.amount_limit.to_string() + " JPY"};
  if (cp.gift_card_only && active + amount > cp.original_amount)
    return AmazonError{R::PaymentMethodNotAllowed,
                       "a permission paid only by Amazon gift card cannot be "
                       "charged above its original amount"};
  return std::nullopt;
}

}  // namespace

Outcome<Charge> Service::get_charge(const ChargeId& id) {
  return load_charge(id);
}

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
  auto cp_moved =
      transition(charge_permission_table(), cp.state, ChargePermissionTrigger::CreateCharge);
  if (!cp_moved) return core::fail(cp_moved.error());
  if (in.charge_amount <= Yen{0}) return core::fail(invalid("chargeAmount must be positive"));
  if (in.charge_amount > limits::kMaxChargeAmount)
    return core::fail(AmazonError{R::TransactionAmountExceeded,
                                  "chargeAmount exceeds the maximum of 10000000 JPY per charge"});

  Yen active = store_.charge_sums(cp.id).active;
  // The monthly balance reads the store: asked only of recurring permissions, as before.
  Yen balance = cp.type == ChargePermissionType::OneTime ? Yen{0} : amount_balance(cp);
  if (auto refused = over_limit(cp, active, in.charge_amount, balance)) return core::fail(*refused);

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
  c.created = now();
  c.expires = now() + limits::kAuthorizationValidity;
  create_unsaved(c, pending          ? ChargeTrigger::CreatePending
                    : async_capture  ? ChargeTrigger::CreateCaptureInitiated
                    : in.capture_now ? ChargeTrigger::CreateCaptured
                                     : ChargeTrigger::CreateAuthorized);
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
  store_.insert(c);
  if (c.state == ChargeState::Captured) after_capture(c);
  return c;
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
    return core::fail(
        AmazonError{R::InvalidChargePermissionStatus, "the charge permission is closed"});
  if (in.capture_amount <= Yen{0}) return core::fail(invalid("captureAmount must be positive"));
  if (in.capture_amount > c.charge_amount)
    return core::fail(AmazonError{
        R::TransactionAmountExceeded,
        "captureAmount exceeds the charge amount of " + c.charge_amount.to_string() + " JPY"});
  if (in.soft_descriptor && in.soft_descriptor->size() > 16)
    return core::fail(invalid("softDescriptor must be at most 16 characters"));
  // The outcome is taken only once the request is valid, so a refused capture leaves a
  // queued outcome for the corrected one (as Create Charge and Create Refund do).
  auto picked = pick_outcome(SimulatedOperation::CaptureCharge, c.id.str(), sim);
  if (!picked) return core::fail(picked.error());
  std::optional<ForcedOutcome> forced = *picked;
  bool late = c.authorized_at && now() > *c.authorized_at + limits::kSynchronousCaptureWindow;
  bool async = late || forced.has_value();
  if (auto moved = apply(c, async ? ChargeTrigger::CaptureAsync : ChargeTrigger::Capture); !moved)
    return core::fail(moved.error());
  c.capture_amount = in.capture_amount;
  if (in.soft_descriptor) c.soft_descriptor = in.soft_descriptor;
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
  if (auto moved = apply(c, trigger); !moved) return core::fail(moved.error());
  return c;
}

Outcome<Charge> Service::cancel_charge(const ChargeId& id,
                                       const std::optional<std::string>& reason) {
  if (reason && reason->size() > 255)
    return core::fail(invalid("cancellationReason must be at most 255 characters"));
  return cancel_with(id, ChargeTrigger::Cancel);
}

}  // namespace mock_amazon
