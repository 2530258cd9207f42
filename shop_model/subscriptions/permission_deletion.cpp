// An application's Charge Permission deleted (SUB-008..012, decision 5): unusable from the
// trigger — for the application and every order generated from it — and closed at Amazon
// after 「一定期間後」 (ShopSettings::charge_permission_deletion_delay), without cancelling
// authorizations that may still be captured. The orders' own mechanism
// (admin/charge_permission.cpp) does the same for normal and reservation orders.
#include <cassert>

#include "shop_model/subscriptions/subscriptions.hpp"

namespace shop_model {

void Subscriptions::mark_permission_unusable(Subscription& sub, UnitOfWork& work) {
  if (sub.charge_permission_id.empty() || sub.charge_permission_unusable) return;
  sub.charge_permission_unusable = true;
  sub.charge_permission_close_at =
      ctx_.clock.now() + ctx_.settings.charge_permission_deletion_delay;
  work.schedule(
      Job{JobKind::CloseSubscriptionChargePermission, sub.id, *sub.charge_permission_close_at});
  for (const std::string& number : sub.order_numbers) {
    auto o = ctx_.store.order(number);
    if (!o) continue;  // generated in this very unit of work: its caller shares the state
    share_permission_state(*o, sub);
    work.save(*o);
  }
}

void Subscriptions::close_deleted_permission(const std::string& id, Instant at) {
  auto sub = ctx_.store.subscription(id);
  assert(sub && "a closing job names an existing subscription");
  auto closed = ctx_.amazon.close_charge_permission(sub->charge_permission_id,
                                                    "deleted by futureshop", PendingCharges::Keep);
  UnitOfWork work(ctx_.store);
  if (closed || !closed.error().transport()) {
    // Closed now, or Amazon says it cannot be closed (already closed, expired): done either way.
    sub->charge_permission_closed = true;
    work.unschedule(JobKind::CloseSubscriptionChargePermission, id);
    for (const std::string& number : sub->order_numbers) {
      auto o = ctx_.store.order(number);
      if (!o) continue;
      share_permission_state(*o, *sub);
      work.save(*o);
    }
  } else {
    sub->charge_permission_close_at = at + core::kHour;  // Amazon unreachable: try again later
    work.schedule(
        Job{JobKind::CloseSubscriptionChargePermission, id, *sub->charge_permission_close_at});
  }
  work.save(*sub);
  work.commit();
}

}  // namespace shop_model
