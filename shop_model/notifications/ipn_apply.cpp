// What one notification changes. The notification says only which object changed (fact
// sheet §11.2), so the object is read from Amazon first and its state applied to the order
// that holds it, through the same apply_charge_view/apply_refund_view as 自動連携 reads.
//
// Choices where the rules are silent (shop_model/README.md, "Amazon's notifications"):
//  - Notifications are applied whether or not 自動連携 is on: SYNC-005 names only the
//    販売事業者様サイトURL as the condition for an SC capture to reach futureshop.
//  - A Seller Central capture (SYNC-005, AMT-007, AMT-014) is recorded as the order's 入金:
//    入金済 with 入金日 = now, the charge 請求完了 (decision 3), capture_requested and
//    captured set so every rule over captured money holds (no 再与信 after 売上), and
//    seller_central_capture remembers where it came from.
//  - A Charge on the order's permission that the order does not hold was created in Seller
//    Central (decision 4, REF-004 proposal (1)): it is appended with role SellerCentral. Not
//    for subscriptions, whose permission serves many orders: there it is ignored.
//  - A Seller Central refund only updates the charge's amazon_refunded; the order's total
//    does not change (SYNC-006).
//  - Amazon unreachable or failing (transport, 5xx, 429): retry (500). Any other refusal
//    (e.g. 404 for the object) is recorded as ignored: a retry would get the same answer.
#include <algorithm>

#include "shop_model/admin/order_admin.hpp"
#include "shop_model/notifications/ipn_endpoint.hpp"

namespace shop_model {
namespace {

using Applied = NotificationEndpoint::Applied;

Applied ignored(const std::string& why) { return Applied{false, "ignored: " + why, {}}; }

Applied failed(const std::string& what, const ApiError& e) {
  bool transient = e.transport() || e.status >= 500 || e.status == 429;
  if (transient) return Applied{true, what + ": " + e.describe(), {}};
  return ignored(what + ": " + e.describe());
}

Applied applied(Order order) { return Applied{false, "applied", {std::move(order)}}; }

ChargeRecord* charge_of(Order& o, const std::string& charge_id) {
  auto it = std::find_if(o.charges.begin(), o.charges.end(),
                         [&](const ChargeRecord& c) { return c.charge_id == charge_id; });
  return it == o.charges.end() ? nullptr : &*it;
}

// The order among `orders` holding the charge, and the charge.
std::pair<Order*, ChargeRecord*> holder(std::vector<Order>& orders, const std::string& charge_id) {
  for (Order& o : orders)
    if (ChargeRecord* c = charge_of(o, charge_id)) return {&o, c};
  return {nullptr, nullptr};
}

}  // namespace

NotificationEndpoint::Applied NotificationEndpoint::apply(const IpnMessage& m) {
  auto type = parse_ipn_object_type(m.object_type);
  if (!type || *type == IpnObjectType::Chargeback)
    return ignored("ObjectType " + m.object_type + " is not handled");
  // 1. read: the orders on the permission (one, or a subscription's generated orders).
  std::vector<Order> orders;
  for (const std::string& n : ctx_.store.order_numbers_on_permission(m.charge_permission_id))
    if (auto o = ctx_.store.order(n)) orders.push_back(std::move(*o));
  // Unknown permission: acknowledged, so Amazon does not retry forever.
  if (orders.empty()) return ignored("no order on Charge Permission " + m.charge_permission_id);
  for (const Order& o : orders)
    if (ctx_.orders_being_changed.count(o.number) > 0)
      return Applied{
          true, "order " + o.number + " is being changed; Amazon delivers this again later", {}};
  switch (*type) {
    case IpnObjectType::Charge: return apply_charge(m, std::move(orders));
    case IpnObjectType::Refund: return apply_refund(m, std::move(orders));
    case IpnObjectType::ChargePermission: return apply_charge_permission(m, std::move(orders));
    case IpnObjectType::Chargeback: break;
  }
  return ignored("ObjectType " + m.object_type + " is not handled");
}

NotificationEndpoint::Applied NotificationEndpoint::apply_charge(const IpnMessage& m,
                                                                 std::vector<Order> orders) {
  auto got = ctx_.amazon.get_charge(m.object_id);
  if (!got) return failed("Get Charge " + m.object_id, got.error());
  if (got->charge_permission_id != m.charge_permission_id)
    return ignored("Charge " + m.object_id + " is not on " + m.charge_permission_id);
  auto [order, charge] = holder(orders, m.object_id);
  if (order == nullptr) {
    // Created in Seller Central (decision 4). A subscription's permission serves many orders,
    // and which one such a Charge belongs to is unknowable: ignored.
    Order& only = orders.front();
    if (orders.size() != 1 || only.type == OrderType::Subscription)
      return ignored("Charge " + m.object_id + " is on no order of a subscription");
    ChargeRecord sc;
    sc.charge_id = got->id;
    sc.role = ChargeRole::SellerCentral;
    sc.amount = got->charge_amount;
    sc.requested_at = ctx_.clock.now();
    only.charges.push_back(std::move(sc));
    order = &only;
    charge = &only.charges.back();
  }
  apply_charge_view(*charge, *got);
  if (got->state == ChargeState::Captured) record_capture(*order, *charge);
  return applied(std::move(*order));
}

void NotificationEndpoint::record_capture(Order& o, ChargeRecord& c) {
  if (!c.capture_requested || c.capture_failed) {
    // Captured in Seller Central (SYNC-005), also after futureshop's own capture was refused:
    // recorded as the order's 入金.
    c.capture_requested = true;
    c.seller_central_capture = true;
    c.capture_failed = false;
    c.captured = c.amazon_captured;
  }
  c.capture_confirmed = true;  // decision 3: confirmed by the notification → 請求完了
  if (!o.paid) {
    o.paid = true;
    o.paid_at = ctx_.clock.now();
  }
}

NotificationEndpoint::Applied NotificationEndpoint::apply_refund(const IpnMessage& m,
                                                                 std::vector<Order> orders) {
  auto got = ctx_.amazon.get_refund(m.object_id);
  if (!got) return failed("Get Refund " + m.object_id, got.error());
  auto [order, charge] = holder(orders, got->charge_id);
  if (order == nullptr) return ignored("Refund " + m.object_id + " is on no order's Charge");
  auto own = std::find_if(charge->refunds.begin(), charge->refunds.end(),
                          [&](const RefundRecord& r) { return r.refund_id == got->id; });
  if (own != charge->refunds.end()) {
    apply_refund_view(*own, *got);
    return applied(std::move(*order));
  }
  // Refunded in Seller Central: what Amazon shows of the Charge changes, not the order's
  // total (SYNC-006); the refund is remembered while still pending, which Amazon's
  // refundedAmount does not show (decision 4: futureshop then leaves the Charge alone).
  auto c = ctx_.amazon.get_charge(charge->charge_id);
  if (!c) return failed("Get Charge " + charge->charge_id, c.error());
  apply_charge_view(*charge, *c);
  auto& sc = charge->seller_central_refunds;
  auto known = std::find_if(sc.begin(), sc.end(),
                            [&](const RefundRecord& r) { return r.refund_id == got->id; });
  if (known == sc.end()) known = sc.insert(sc.end(), RefundRecord{got->id, got->amount, {}, {}});
  apply_refund_view(*known, *got);
  return applied(std::move(*order));
}

NotificationEndpoint::Applied NotificationEndpoint::apply_charge_permission(
    const IpnMessage& m, std::vector<Order> orders) {
  auto got = ctx_.amazon.get_charge_permission(m.object_id);
  if (!got) return failed("Get Charge Permission " + m.object_id, got.error());
  Applied result{false, "applied", {}};
  for (Order& o : orders) {
    if (got->expires) o.charge_permission_expires = got->expires;
    result.changed.push_back(std::move(o));
  }
  return result;
}

}  // namespace shop_model
