// Charge Permission: Get, Update, Close (fact sheet §6.5-6.7), what may still be charged, and
// the effects of charges on their permission.
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;
using service_detail::invalid;
using service_detail::merge;

// On a closed permission only still-empty merchantMetadata fields may be filled in.
bool fills_only_nulls(const ChargePermission& cp, const ChargePermissionPatch& p) {
  if (p.recurring) return false;
  if (!p.merchant_metadata) return true;
  const auto& m = *p.merchant_metadata;
  const auto& cur = cp.merchant_metadata;
  return (!m.merchant_reference_id || !cur.merchant_reference_id) &&
         (!m.merchant_store_name || !cur.merchant_store_name) &&
         (!m.note_to_buyer || !cur.note_to_buyer) &&
         (!m.custom_information || !cur.custom_information);
}

}  // namespace

Outcome<ChargePermission> Service::get_charge_permission(const ChargePermissionId& id) {
  return load_cp(id);
}

Yen Service::amount_balance(const ChargePermission& cp) {
  // Sums kept by the store: the cost does not grow with the permission's Charges.
  const ChargeSums& sums = store_.charge_sums(cp.id);
  Yen used = cp.type == ChargePermissionType::OneTime
                 ? sums.captured
                 : sums.active_since(core::start_of_jst_month(now()));
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
    if (!fills_only_nulls(cp, p))
      return core::fail(
          AmazonError{R::ChargePermissionNotModifiable, "the charge permission is closed"});
  } else {
    auto moved = transition(charge_permission_table(), cp.state, ChargePermissionTrigger::Update,
                            cp.reasons.empty() ? std::nullopt : std::optional(cp.reasons.front()));
    if (!moved) return core::fail(moved.error());
  }
  if (p.merchant_metadata) merge(cp.merchant_metadata, *p.merchant_metadata);
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
  if (auto closed = apply(cp, ChargePermissionTrigger::Close, reason); !closed)
    return core::fail(closed.error());
  if (in.cancel_pending_charges) {
    for (auto& c : store_.charges_of(cp.id)) {
      if (c.state != ChargeState::Authorized && c.state != ChargeState::AuthorizationInitiated)
        continue;
      apply_allowed(c, ChargeTrigger::ChargePermissionClosed);
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
  if (auto moved = apply(cp, trigger, reason); !moved) return core::fail(moved.error());
  return cp;
}

void Service::apply_decline_to_permission(ChargePermission& cp, ReasonCode reason) {
  ChargePermissionTrigger trigger;
  if (reason == R::HardDeclined)
    trigger = ChargePermissionTrigger::PaymentMethodInvalid;
  else if (reason == R::AmazonRejected)
    trigger = ChargePermissionTrigger::AmazonCancel;
  else
    return;
  // Refused when the permission is already NonChargeable or Closed: nothing changes.
  [[maybe_unused]] auto moved = apply(cp, trigger);
}

void Service::extend_recurring(ChargePermission& cp) {
  // A Recurring permission's 13 months restart at every successful authorization
  // (rules.md decision 10; fact sheet §13.4 recommendation).
  if (cp.type != ChargePermissionType::Recurring || cp.state == ChargePermissionState::Closed)
    return;
  const Instant expires = core::add_months(now(), limits::kExtendedPermissionMonths);
  // The event at the current expiry is queued already (every change of it queues one): a
  // second authorization at the same instant needs no other.
  if (expires == cp.expires) return;
  cp.expires = expires;
  store_.add_event(cp.expires, EventKind::ChargePermissionExpire, cp.id.str());
}

void Service::after_capture(Charge& c) {
  auto cp = store_.charge_permission(c.charge_permission_id);
  assert(cp.has_value());
  if (cp->type != ChargePermissionType::OneTime || cp->state != ChargePermissionState::Chargeable)
    return;
  if (amount_balance(*cp) > Yen{0}) return;
  apply_allowed(*cp, ChargePermissionTrigger::AmountBalanceExhausted);
}

}  // namespace mock_amazon
