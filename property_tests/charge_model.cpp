#include "property_tests/charge_model.hpp"

#include <algorithm>
#include <cassert>

#include "mock_amazon/domain/limits.hpp"

namespace property_tests {
namespace {

using mock_amazon::charge_permission_table;
using mock_amazon::charge_table;
using mock_amazon::ChargePermissionTrigger;
using mock_amazon::ChargeTrigger;
using mock_amazon::refund_table;
using mock_amazon::RefundTrigger;
using mock_amazon::transition;
namespace limits = mock_amazon::limits;

Expected refused(ReasonCode code) {
  return Expected{mock_amazon::http_status(code), code, ""};
}

template <class State>
Expected accepted(int status, State s) {
  return Expected{status, std::nullopt, std::string(mock_amazon::name(s))};
}

// Amount a charge still holds against its permission's limit (partial captures release the
// rest; canceled and declined charges hold nothing).
Yen held(const ChargeModel& c) {
  switch (c.state) {
    case ChargeState::AuthorizationInitiated:
    case ChargeState::Authorized:
      return c.amount;
    case ChargeState::CaptureInitiated:
    case ChargeState::Captured:
      return c.capture_amount.value_or(c.amount);
    case ChargeState::Canceled:
    case ChargeState::Declined:
      return Yen{0};
  }
  return Yen{0};
}

}  // namespace

bool Model::capturable(ChargeState s) {
  return charge_table().find(s, ChargeTrigger::Capture) != nullptr ||
         charge_table().find(s, ChargeTrigger::CaptureAsync) != nullptr;
}

Yen Model::active_amount(int permission) const {
  Yen sum{0};
  for (const auto& c : charges_)
    if (c.permission == permission) sum += held(c);
  return sum;
}

Yen Model::captured_total(int permission) const {
  Yen sum{0};
  for (const auto& c : charges_)
    if (c.permission == permission && c.state == ChargeState::Captured)
      sum += c.capture_amount.value_or(Yen{0});
  return sum;
}

Yen Model::headroom(int permission) const {
  return permissions_[static_cast<size_t>(permission)].amount_limit - active_amount(permission);
}

Yen Model::refund_room(int charge) const {
  const ChargeModel& c = charges_[static_cast<size_t>(charge)];
  return limits::refund_ceiling(c.capture_amount.value_or(Yen{0})) - c.refund_requested;
}

bool Model::has_forced(SimulatedOperation op, int index) const {
  return std::any_of(forced_.begin(), forced_.end(),
                     [&](const Forced& f) { return f.op == op && f.index == index; });
}

std::optional<Forced> Model::take_forced(SimulatedOperation op, int index) {
  auto it = std::find_if(forced_.begin(), forced_.end(),
                         [&](const Forced& f) { return f.op == op && f.index == index; });
  if (it == forced_.end()) return std::nullopt;
  Forced f = *it;
  forced_.erase(it);
  return f;
}

void Model::arm(Instant due, EventKind kind, int index) {
  events_.push_back(Event{due, next_seq_++, kind, index});
}

void Model::set_authorized(ChargeModel& c, int index) {
  c.authorized_at = now_;
  c.expires = now_ + limits::kAuthorizationValidity;
  arm(c.expires, EventKind::ChargeExpire, index);
}

// A OneTime permission whose whole limit is captured closes (AmountBalanceExhausted).
void Model::after_capture(const ChargeModel& c) {
  PermissionModel& p = permissions_[static_cast<size_t>(c.permission)];
  if (p.state != ChargePermissionState::Chargeable) return;
  if (p.amount_limit - captured_total(c.permission) > Yen{0}) return;
  auto moved = transition(charge_permission_table(), p.state,
                          ChargePermissionTrigger::AmountBalanceExhausted);
  assert(moved.ok());
  p.state = moved->state;
  p.reason = moved->reason;
}

// HardDeclined invalidates the payment method; AmazonRejected closes the permission.
void Model::apply_decline(PermissionModel& p, ReasonCode reason) {
  ChargePermissionTrigger trigger;
  if (reason == ReasonCode::HardDeclined)
    trigger = ChargePermissionTrigger::PaymentMethodInvalid;
  else if (reason == ReasonCode::AmazonRejected)
    trigger = ChargePermissionTrigger::AmazonCancel;
  else
    return;
  auto moved = transition(charge_permission_table(), p.state, trigger);
  if (!moved) return;  // already NonChargeable or Closed
  p.state = moved->state;
  p.reason = moved->reason;
}

// ---------------------------------------------------------------- operations

Expected Model::checkout(Yen amount, bool allow_overcharge, bool extend_expiration) {
  PermissionModel p;
  p.amount_limit = limits::one_time_amount_limit(amount, allow_overcharge);
  p.expires = extend_expiration ? core::add_months(now_, limits::kExtendedPermissionMonths)
                                : now_ + limits::kOneTimePermissionLifetime;
  p.charge_count = 1;
  p.allow_overcharge = allow_overcharge;
  p.extend_expiration = extend_expiration;
  permissions_.push_back(p);

  ChargeModel c;
  c.permission = static_cast<int>(permissions_.size()) - 1;
  c.amount = amount;
  auto moved = transition(charge_table(), std::nullopt, ChargeTrigger::CreateAuthorized);
  assert(moved.ok());
  c.state = moved->state;
  int index = static_cast<int>(charges_.size());
  set_authorized(c, index);
  charges_.push_back(c);
  // The mock arms the charge's expiry before the permission's.
  arm(p.expires, EventKind::PermissionExpire, c.permission);
  return Expected{200, std::nullopt, "Completed"};
}

Expected Model::create_charge(int permission, Yen amount, bool capture_now,
                              bool can_handle_pending) {
  PermissionModel& p = permissions_[static_cast<size_t>(permission)];
  auto allowed =
      transition(charge_permission_table(), p.state, ChargePermissionTrigger::CreateCharge);
  if (!allowed) return refused(allowed.error().code);
  if (amount <= Yen{0}) return refused(ReasonCode::InvalidParameterValue);
  if (amount > limits::kMaxChargeAmount) return refused(ReasonCode::TransactionAmountExceeded);
  if (p.charge_count >= limits::kMaxChargesPerOneTimePermission)
    return refused(ReasonCode::TransactionCountExceeded);
  if (active_amount(permission) + amount > p.amount_limit)
    return refused(ReasonCode::TransactionAmountExceeded);

  // A forced outcome is used by the first request that passes validation.
  std::optional<Forced> forced = take_forced(SimulatedOperation::CreateCharge, permission);
  bool pending = false;
  bool async_capture = false;
  std::optional<ReasonCode> pending_decline;
  if (forced) {
    if (forced->outcome == "AuthorizationInitiated") {
      if (!can_handle_pending) return refused(ReasonCode::InvalidSandboxSimulationSpecified);
      pending = true;
      if (!forced->then.empty()) pending_decline = mock_amazon::parse_reason_code(forced->then);
    } else if (forced->outcome == "CaptureInitiated") {
      if (!capture_now) return refused(ReasonCode::InvalidSandboxSimulationSpecified);
      async_capture = true;
    } else {
      // A synchronous decline is the answer; no charge is kept.
      ReasonCode reason = *mock_amazon::parse_reason_code(forced->outcome);
      apply_decline(p, reason);
      return refused(reason);
    }
  }

  ChargeTrigger trigger = pending         ? ChargeTrigger::CreatePending
                          : async_capture ? ChargeTrigger::CreateCaptureInitiated
                          : capture_now   ? ChargeTrigger::CreateCaptured
                                          : ChargeTrigger::CreateAuthorized;
  auto moved = transition(charge_table(), std::nullopt, trigger);
  assert(moved.ok());
  ChargeModel c;
  c.permission = permission;
  c.amount = amount;
  c.state = moved->state;
  c.expires = now_ + limits::kAuthorizationValidity;
  int index = static_cast<int>(charges_.size());
  if (pending) {
    c.pending_decline = pending_decline;
    c.capture_on_approval = capture_now;
    arm(now_ + limits::kDefaultAsyncDelay, EventKind::AuthorizationResolve, index);
  } else {
    set_authorized(c, index);
    if (capture_now) c.capture_amount = amount;
    if (async_capture) arm(now_ + limits::kDefaultAsyncDelay, EventKind::CaptureResolve, index);
  }
  ++p.charge_count;
  charges_.push_back(c);
  if (c.state == ChargeState::Captured) after_capture(c);
  return accepted(201, c.state);
}

Expected Model::capture(int charge, Yen amount) {
  ChargeModel& c = charges_[static_cast<size_t>(charge)];
  if (!capturable(c.state)) return refused(charge_table().denied);
  const PermissionModel& p = permissions_[static_cast<size_t>(c.permission)];
  // Only a merchant's own closure leaves authorizations capturable (README decision 5).
  if (p.state == ChargePermissionState::Closed && p.reason != ReasonCode::MerchantClosed)
    return refused(ReasonCode::InvalidChargePermissionStatus);
  // A queued outcome is taken only by a valid capture (the property once found the mock
  // taking it before the amount check; see README.md).
  if (amount <= Yen{0}) return refused(ReasonCode::InvalidParameterValue);
  if (amount > c.amount && flaw_ != ModelFlaw::OverCaptureAllowed)
    return refused(ReasonCode::TransactionAmountExceeded);
  std::optional<Forced> forced = take_forced(SimulatedOperation::CaptureCharge, charge);

  bool late = c.authorized_at && now_ > *c.authorized_at + limits::kSynchronousCaptureWindow;
  bool async = late || forced.has_value();
  auto moved = transition(charge_table(), c.state,
                          async ? ChargeTrigger::CaptureAsync : ChargeTrigger::Capture);
  if (!moved) return refused(moved.error().code);
  c.state = moved->state;
  c.reason.reset();
  c.capture_amount = amount;
  if (async) {
    if (forced && forced->outcome != "CaptureInitiated")
      c.pending_decline = mock_amazon::parse_reason_code(forced->outcome);
    arm(now_ + limits::kDefaultAsyncDelay, EventKind::CaptureResolve, charge);
  } else {
    after_capture(c);
  }
  return accepted(200, c.state);
}

Expected Model::cancel(int charge) {
  ChargeModel& c = charges_[static_cast<size_t>(charge)];
  auto moved = transition(charge_table(), c.state, ChargeTrigger::Cancel);
  if (!moved) return refused(moved.error().code);
  c.state = moved->state;
  c.reason = moved->reason;
  return accepted(200, c.state);
}

Expected Model::refund(int charge, Yen amount) {
  ChargeModel& c = charges_[static_cast<size_t>(charge)];
  auto allowed = transition(charge_table(), c.state, ChargeTrigger::Refund);
  if (!allowed) return refused(allowed.error().code);
  if (amount <= Yen{0}) return refused(ReasonCode::InvalidParameterValue);
  if (amount > limits::kMaxRefundAmount) return refused(ReasonCode::TransactionAmountExceeded);
  if (c.refund_count >= limits::kMaxRefundsPerCharge)
    return refused(ReasonCode::TransactionCountExceeded);
  if (amount > refund_room(charge)) return refused(ReasonCode::TransactionAmountExceeded);

  std::optional<Forced> forced = take_forced(SimulatedOperation::CreateRefund, charge);
  auto created = transition(refund_table(), std::nullopt, RefundTrigger::Create);
  assert(created.ok());
  RefundModel r;
  r.charge = charge;
  r.amount = amount;
  r.state = created->state;
  if (forced) r.pending_decline = mock_amazon::parse_reason_code(forced->outcome);
  arm(now_ + limits::kDefaultAsyncDelay, EventKind::RefundResolve,
      static_cast<int>(refunds_.size()));
  refunds_.push_back(r);
  ++c.refund_count;
  c.refund_requested += amount;
  return accepted(201, r.state);
}

Expected Model::force(SimulatedOperation op, int index, const std::string& outcome,
                      const std::string& then) {
  forced_.push_back(Forced{op, index, outcome, then});
  return Expected{200, std::nullopt, ""};
}

// ---------------------------------------------------------------- time

void Model::advance(Duration by) {
  Instant target = now_ + by;
  for (;;) {
    auto next =
        std::min_element(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
          return a.due != b.due ? a.due < b.due : a.seq < b.seq;
        });
    if (next == events_.end() || next->due > target) break;
    Event e = *next;
    events_.erase(next);
    now_ = e.due;
    run_event(e);
  }
  now_ = target;
}

// Events are never cancelled: each one checks its object is still where it was armed for.
void Model::run_event(const Event& e) {
  switch (e.kind) {
    case EventKind::ChargeExpire: {
      ChargeModel& c = charges_[static_cast<size_t>(e.index)];
      if (c.state != ChargeState::Authorized || c.expires != e.due) return;
      auto moved = transition(charge_table(), c.state, ChargeTrigger::Expire);
      assert(moved.ok());
      c.state = moved->state;
      c.reason = moved->reason;
      return;
    }
    case EventKind::AuthorizationResolve: {
      ChargeModel& c = charges_[static_cast<size_t>(e.index)];
      if (c.state != ChargeState::AuthorizationInitiated) return;
      PermissionModel& p = permissions_[static_cast<size_t>(c.permission)];
      if (c.pending_decline) {
        auto moved = transition(charge_table(), c.state, ChargeTrigger::AuthorizationDeclined,
                                c.pending_decline);
        assert(moved.ok());
        c.state = moved->state;
        c.reason = moved->reason;
        --p.charge_count;  // a declined charge does not count against the 25
        apply_decline(p, *c.pending_decline);
        return;
      }
      auto moved = transition(charge_table(), c.state, ChargeTrigger::AuthorizationApproved);
      assert(moved.ok());
      c.state = moved->state;
      c.reason.reset();
      set_authorized(c, e.index);
      if (c.capture_on_approval) {
        auto cap = transition(charge_table(), c.state, ChargeTrigger::Capture);
        assert(cap.ok());
        c.state = cap->state;
        c.capture_amount = c.amount;
        after_capture(c);
      }
      return;
    }
    case EventKind::CaptureResolve: {
      ChargeModel& c = charges_[static_cast<size_t>(e.index)];
      if (c.state != ChargeState::CaptureInitiated) return;
      auto moved = c.pending_decline
                       ? transition(charge_table(), c.state, ChargeTrigger::CaptureDeclined,
                                    c.pending_decline)
                       : transition(charge_table(), c.state, ChargeTrigger::CaptureSettled);
      assert(moved.ok());
      c.state = moved->state;
      c.reason = moved->reason;
      c.pending_decline.reset();
      if (c.state == ChargeState::Captured) after_capture(c);
      return;
    }
    case EventKind::RefundResolve: {
      RefundModel& r = refunds_[static_cast<size_t>(e.index)];
      if (r.state != RefundState::RefundInitiated) return;
      ChargeModel& c = charges_[static_cast<size_t>(r.charge)];
      auto moved = r.pending_decline ? transition(refund_table(), r.state, RefundTrigger::Decline,
                                                  r.pending_decline)
                                     : transition(refund_table(), r.state, RefundTrigger::Settle);
      assert(moved.ok());
      r.state = moved->state;
      r.reason = moved->reason;
      if (r.state == RefundState::Refunded)
        c.refunded += r.amount;
      else
        c.refund_requested -= r.amount;  // a declined refund frees its share of the ceiling
      return;
    }
    case EventKind::PermissionExpire: {
      PermissionModel& p = permissions_[static_cast<size_t>(e.index)];
      if (p.state == ChargePermissionState::Closed || p.expires != e.due) return;
      auto moved = transition(charge_permission_table(), p.state, ChargePermissionTrigger::Expire);
      assert(moved.ok());
      p.state = moved->state;
      p.reason = moved->reason;
      return;
    }
  }
}

}  // namespace property_tests
