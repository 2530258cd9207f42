// The simulated clock's scheduled work: expiries and the settling of pending authorizations,
// asynchronous captures and refunds.
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {

std::optional<Instant> Service::next_due() {
  auto e = store_.next_event();
  if (!e) return std::nullopt;
  return e->due;
}

void Service::run_due(Instant at) {
  auto e = store_.next_event();
  if (!e || e->due != at) return;
  store_.remove_event(e->seq);
  ActorScope scope(*this, ChangeActor::Clock);
  // Events are not cancelled when their object moves on; each handler checks that the
  // object is still in the state the event was armed for.
  switch (e->kind) {
    case EventKind::CheckoutSessionExpire:
      on_checkout_session_expire(e->object_id);
      break;
    case EventKind::ChargeAuthorizationResolve:
      on_authorization_resolve(e->object_id);
      break;
    case EventKind::ChargeExpire:
      on_charge_expire(e->object_id, e->due);
      break;
    case EventKind::ChargeCaptureResolve:
      on_capture_resolve(e->object_id);
      break;
    case EventKind::RefundResolve:
      on_refund_resolve(e->object_id);
      break;
    case EventKind::ChargePermissionExpire:
      on_charge_permission_expire(e->object_id, e->due);
      break;
  }
}

void Service::on_checkout_session_expire(const std::string& id) {
  auto cs = store_.checkout_session(CheckoutSessionId{id});
  if (!cs || cs->state != CheckoutSessionState::Open) return;
  apply_allowed(*cs, CheckoutSessionTrigger::Expire);
}

void Service::on_authorization_resolve(const std::string& id) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::AuthorizationInitiated) return;
  auto cp = store_.charge_permission(c->charge_permission_id);
  assert(cp.has_value());
  if (c->pending_decline) {
    apply_allowed(*c, ChargeTrigger::AuthorizationDeclined, c->pending_decline);
    --cp->charge_count;  // a declined charge is not one of the permission's valid charges
    apply_decline_to_permission(*cp, *c->pending_decline);
  } else {
    apply_allowed(*c, ChargeTrigger::AuthorizationApproved);
    set_authorized(*c);
    extend_recurring(*cp);
    if (c->capture_on_approval) {
      c->capture_amount = c->charge_amount;
      apply_allowed(*c, ChargeTrigger::Capture);
    }
  }
  store_.put(*cp);
  store_.put(*c);
  if (c->state == ChargeState::Captured) after_capture(*c);
}

void Service::on_charge_expire(const std::string& id, Instant due) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::Authorized || c->expires != due) return;
  apply_allowed(*c, ChargeTrigger::Expire);
}

void Service::on_capture_resolve(const std::string& id) {
  auto c = store_.charge(ChargeId{id});
  if (!c || c->state != ChargeState::CaptureInitiated) return;
  if (c->pending_decline)
    apply_allowed(*c, ChargeTrigger::CaptureDeclined, c->pending_decline);
  else
    apply_allowed(*c, ChargeTrigger::CaptureSettled);
  c->pending_decline.reset();
  store_.put(*c);
  if (c->state == ChargeState::Captured) after_capture(*c);
}

void Service::on_refund_resolve(const std::string& id) {
  auto r = store_.refund(RefundId{id});
  if (!r || r->state != RefundState::RefundInitiated) return;
  auto c = store_.charge(r->charge_id);
  assert(c.has_value());
  if (r->pending_decline) {
    apply_allowed(*r, RefundTrigger::Decline, r->pending_decline);
    c->refund_requested -= r->amount;
  } else {
    apply_allowed(*r, RefundTrigger::Settle);
    c->refunded_amount += r->amount;
  }
  c->last_updated = now();
  store_.put(*c);
}

void Service::on_charge_permission_expire(const std::string& id, Instant due) {
  auto cp = store_.charge_permission(ChargePermissionId{id});
  if (!cp || cp->state == ChargePermissionState::Closed || cp->expires != due) return;
  apply_allowed(*cp, ChargePermissionTrigger::Expire);
}

}  // namespace mock_amazon
