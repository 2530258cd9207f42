#include "shop_model/subscriptions/subscriptions.hpp"

#include <cassert>

#include "shop_model/domain/points.hpp"

namespace shop_model {

// The application's deleted permission is its orders' too (no 再与信 on it; 受注詳細 shows it).
void share_permission_state(Order& o, const Subscription& sub) {
  if (o.charge_permission_id.empty()) return;
  o.charge_permission_unusable = sub.charge_permission_unusable;
  o.charge_permission_close_at = sub.charge_permission_close_at;
  o.charge_permission_closed = sub.charge_permission_closed;
}

Subscription Subscriptions::apply(const SubscriptionApplication& a, UnitOfWork& work) {
  Subscription sub;
  sub.id = "S" + std::to_string(ctx_.store.next_counter("subscription", 1001));
  sub.member_id = a.member_id;
  sub.lines = a.lines;
  sub.amount_per_delivery = a.amount_per_delivery;
  for (const auto& [code, qty] : a.lines)
    if (const Product* p = ctx_.product(code); p && p->type == ProductType::Subscription)
      sub.deliveries_total = p->deliveries;
  sub.applied_at = ctx_.clock.now();
  sub.next_generation_at = sub.applied_at + ctx_.settings.subscription_first_generation_delay;
  sub.checkout_session_id = a.checkout_session_id;
  sub.charge_permission_id = a.charge_permission_id;
  sub.payment_descriptor = a.payment_descriptor;
  if (auto cp = ctx_.amazon.get_charge_permission(sub.charge_permission_id); cp)
    sub.charge_permission_expires = cp->expires;
  work.save(sub);
  work.schedule(Job{JobKind::GenerateSubscriptionOrder, sub.id, *sub.next_generation_at});
  return sub;
}

Order Subscriptions::next_order(const Subscription& sub, Instant at) {
  Order o;
  o.number = ctx_.reserve_order_number();
  o.type = OrderType::Subscription;
  o.status = OrderStatus::Normal;
  o.member_id = sub.member_id;
  if (auto m = ctx_.store.member(sub.member_id))
    o.orderer = o.recipient = Customer{m->name, m->email, "", "", "", ""};
  o.lines = sub.lines;
  o.total = o.order_time_amount = sub.amount_per_delivery;
  o.ordered_at = at;
  o.checkout_session_id = sub.checkout_session_id;
  o.charge_permission_id = sub.charge_permission_id;
  o.charge_permission_expires = sub.charge_permission_expires;
  o.payment_descriptor = sub.payment_descriptor;
  o.subscription_id = sub.id;
  o.payment_method = sub.payment_method;
  if (sub.payment_method != PaymentMethod::AmazonPay) o.charge_permission_id.clear();
  share_permission_state(o, sub);
  // MEMO-006: no payment-method text for subscription orders.
  o.granted_points = purchase_points(ctx_.settings, PointsRecipient::SubscriptionOrder, o.total);
  return o;
}

// SUB-002: one authorization per generated order, on the application's permission.
void Subscriptions::authorize(Order& o, Subscription& sub, Instant at) {
  if (sub.payment_method != PaymentMethod::AmazonPay) return;  // SUB-011: another method
  ChargeRecord charge;
  charge.role = ChargeRole::Original;
  charge.amount = o.total;
  charge.requested_at = at;
  if (sub.charge_permission_unusable) {
    // SUB-012: after オプション解約 the permission is deleted; Amazon is not asked (SUB-003).
    o.status = OrderStatus::OnHold;
    o.last_error = "受注生成時のオーソリに失敗しました: Charge Permissionは削除されています";
    o.charges.push_back(charge);
    return;
  }
  auto created = ctx_.amazon.create_charge(sub.charge_permission_id, o.total, o.number);
  if (created) {
    charge.charge_id = created->id;
    charge.amazon_state = created->state;
    charge.amazon_reason = created->reason;
    // SUB-007: every successful authorization extends the permission.
    if (auto cp = ctx_.amazon.get_charge_permission(sub.charge_permission_id); cp)
      sub.charge_permission_expires = o.charge_permission_expires = cp->expires;
  } else {
    // SUB-003: the order is generated anyway, 保留, with 承認失敗.
    charge.amazon_reason = created.error().transport() ? "" : created.error().reason_code;
    o.status = OrderStatus::OnHold;
    o.last_error = "受注生成時のオーソリに失敗しました: " + created.error().describe();
  }
  o.charges.push_back(charge);
}

// The next delivery a month later, or none when a 頒布会 has delivered them all.
void Subscriptions::advance(Subscription& sub, UnitOfWork& work) {
  ++sub.deliveries_generated;
  if (sub.deliveries_total > 0 && sub.deliveries_generated >= sub.deliveries_total)
    return finish(sub, work);
  schedule_next(sub, work);
}

// Monthly from the first generation; a skipped month counts as passed (スキップ).
void Subscriptions::schedule_next(Subscription& sub, UnitOfWork& work) {
  sub.next_generation_at =
      core::add_months(sub.applied_at + ctx_.settings.subscription_first_generation_delay,
                       sub.deliveries_generated + sub.deliveries_skipped);
  work.schedule(Job{JobKind::GenerateSubscriptionOrder, sub.id, *sub.next_generation_at});
}

// 全お届け回終了: 申込ステータス「完了」, and the permission goes (SUB-008).
void Subscriptions::finish(Subscription& sub, UnitOfWork& work) {
  sub.status = SubscriptionStatus::Completed;
  sub.next_generation_at.reset();
  work.unschedule(JobKind::GenerateSubscriptionOrder, sub.id);
  mark_permission_unusable(sub, work);
}

void Subscriptions::generate_order(const std::string& subscription_id, Instant at) {
  auto sub = ctx_.store.subscription(subscription_id);
  assert(sub && "a generation job names an existing subscription");
  Order o = next_order(*sub, at);
  authorize(o, *sub, at);
  UnitOfWork work(ctx_.store);
  sub->order_numbers.push_back(o.number);
  advance(*sub, work);
  share_permission_state(o, *sub);  // the last delivery of a 頒布会 deletes it (SUB-008)
  work.save(o);
  work.save(*sub);
  work.commit();
}

std::optional<Subscription> Subscriptions::subscription(const std::string& id) {
  return ctx_.store.subscription(id);
}

std::vector<std::string> Subscriptions::subscription_ids() {
  return ctx_.store.subscription_ids();
}

}  // namespace shop_model
