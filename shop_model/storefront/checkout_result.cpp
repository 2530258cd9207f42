// Amazon's result return: Complete Checkout Session, then the order (or the 定期・頒布会
// application) and, when asked for, the member registered with it. Follows the unit-of-work
// rule: numbers reserved, Amazon called, then everything saved in one transaction.
#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/points.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/members/registration.hpp"
#include "shop_model/store/unit_of_work.hpp"
#include "shop_model/storefront/storefront.hpp"
#include "shop_model/subscriptions/subscriptions.hpp"

namespace shop_model {
namespace {

void take_buyer(Order& o, const CheckoutSessionView& s) {
  o.orderer = Customer{s.buyer_name, s.buyer_email, "", "", "", ""};
  if (s.shipping_address) {
    const AmazonAddress& a = *s.shipping_address;
    std::string pref = prefecture_of(a.state_or_region).value_or(a.state_or_region);
    std::string address = a.address_line1 + (a.address_line2.empty() ? "" : " " + a.address_line2);
    o.orderer = Customer{s.buyer_name, s.buyer_email, a.postal_code, pref, address, a.phone};
    o.recipient = Customer{a.name, s.buyer_email, a.postal_code, pref, address, a.phone};
  }
  o.payment_descriptor = s.payment_descriptor;
}

Order order_from(const Checkout& c, const CheckoutSessionView& done, Instant now) {
  Order o;
  o.type = c.type;
  o.status = c.type == OrderType::Reservation ? OrderStatus::Reservation : OrderStatus::Normal;
  o.lines = c.lines;
  o.total = o.order_time_amount = c.total;
  o.ordered_at = now;
  o.checkout_session_id = c.checkout_session_id;
  o.charge_permission_id = done.charge_permission_id;
  take_buyer(o, *c.session);
  if (!done.charge_id.empty()) {
    ChargeRecord charge;
    charge.charge_id = done.charge_id;
    charge.role = ChargeRole::Original;
    charge.amount = c.total;
    charge.requested_at = now;
    charge.amazon_state = done.authorization_pending ? ChargeState::AuthorizationInitiated
                                                     : ChargeState::Authorized;
    o.charges.push_back(charge);
  }
  return o;
}

}  // namespace

Page Storefront::amazon_result_return(const std::string& id) {
  auto& checkout = session_.checkout;
  if (!checkout || checkout->checkout_session_id != id || !checkout->session)
    return cart_page(messages::kCheckoutExpired);
  auto done = ctx_.amazon.complete_checkout_session(id, checkout->total);
  if (!done) {
    // Declined or canceled on Amazon's pages: no order.
    return dedicated_screen(done.error().transport() ? std::string(messages::kAmazonUnreachable)
                                                     : std::string(messages::kNotCompleted));
  }
  if (checkout->type == OrderType::Subscription) return complete_subscription(*done);
  return complete_order(*done);
}

Page Storefront::complete_order(const CheckoutSessionView& done) {
  const Checkout& c = *session_.checkout;
  Order o = order_from(c, done, ctx_.clock.now());
  o.number = ctx_.reserve_order_number();
  std::optional<Member> registered;
  if (c.input.register_member && !session_.member &&
      ctx_.settings.member_registration == MemberRegistration::Open)
    registered = amazon_linked_member(reserve_member_id(ctx_.store), *c.session,
                                      c.input.newsletter, ctx_.clock.now());
  if (auto cp = ctx_.amazon.get_charge_permission(o.charge_permission_id); cp) {
    o.charge_permission_expires = cp->expires;
    if (!cp->payment_descriptor.empty()) o.payment_descriptor = cp->payment_descriptor;
  }
  // MEMO-001: the way the buyer paid, appended to the shop memo.
  o.shop_memo = memo_for(o.shop_memo, o.payment_descriptor, ctx_.settings);
  o.member_id = registered ? std::optional(registered->id) : session_.member;
  o.coupon_code = c.input.coupon;
  o.coupon_discount = c.coupon_discount;
  o.used_points = c.input.use_points;
  std::optional<Member> member = registered;
  if (!member && session_.member) member = ctx_.store.member(*session_.member);
  PointsRecipient recipient = registered         ? PointsRecipient::RegisteredWithOrder
                              : session_.member ? PointsRecipient::LoggedInMember
                                                : PointsRecipient::Guest;
  settle_order_for_member(o, member ? &*member : nullptr, recipient, ctx_.settings);
  UnitOfWork work(ctx_.store);
  if (member) work.save(*member);
  work.save(o);
  work.commit();
  if (registered) session_.member = registered->id;
  session_.store_pickup = StorePickup::NotSelected;
  // ORD-010: the order completes on the shop's own site.
  return finish("order=" + o.number, OrderCompleteView{"ご注文完了", o.number, ctx_.settings.domain});
}

Page Storefront::complete_subscription(const CheckoutSessionView& done) {
  const Checkout& c = *session_.checkout;
  std::optional<Member> registered;
  if (!session_.member)  // SUB-014: a subscription needs a member
    registered = amazon_linked_member(reserve_member_id(ctx_.store), *c.session,
                                      c.input.newsletter, ctx_.clock.now());
  SubscriptionApplication application{registered ? registered->id : *session_.member,
                                      c.lines,
                                      c.total,
                                      c.checkout_session_id,
                                      done.charge_permission_id,
                                      c.session->payment_descriptor};
  UnitOfWork work(ctx_.store);
  if (registered) work.save(*registered);
  Subscription sub = subscriptions_.apply(application, work);
  work.commit();
  if (registered) session_.member = registered->id;
  return finish("subscription=" + sub.id,
                OrderCompleteView{"お申込み完了", sub.id, ctx_.settings.domain});
}

Page Storefront::finish(const std::string& query, OrderCompleteView view) {
  session_.cart.clear();
  session_.checkout.reset();
  return Page{ctx_.url("/order/complete?" + query), std::move(view)};
}

}  // namespace shop_model
