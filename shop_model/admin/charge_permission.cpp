// Deleting an order's Charge Permission (decision 5): unusable at once, closed at Amazon
// after 「一定期間後」 (ShopSettings::charge_permission_deletion_delay) by the job
// CloseChargePermission.
#include <cassert>

#include "shop_model/admin/order_admin.hpp"

namespace shop_model {

void OrderAdmin::mark_permission_unusable(Order& o, UnitOfWork& work) {
  if (o.charge_permission_id.empty() || o.charge_permission_unusable) return;
  // A generated order shares its application's permission: only the application's triggers
  // delete it (SUB-008..012, subscriptions/permission_deletion.cpp).
  if (o.type == OrderType::Subscription) return;
  o.charge_permission_unusable = true;
  o.charge_permission_close_at = ctx_.clock.now() + ctx_.settings.charge_permission_deletion_delay;
  work.schedule(Job{JobKind::CloseChargePermission, o.number, *o.charge_permission_close_at});
}

void OrderAdmin::close_deleted_permission(const std::string& number, Instant at) {
  auto o = ctx_.store.order(number);
  assert(o && "a closing job names an existing order");
  // Decision 5: close without cancelling authorizations that may still be captured.
  auto closed = ctx_.amazon.close_charge_permission(o->charge_permission_id,
                                                    "deleted by futureshop",
                                                    PendingCharges::Keep);
  UnitOfWork work(ctx_.store);
  if (closed || !closed.error().transport()) {
    // Closed now, or Amazon says it cannot be closed (already closed, expired): done either way.
    o->charge_permission_closed = true;
    work.unschedule(JobKind::CloseChargePermission, number);
  } else {
    o->charge_permission_close_at = at + core::kHour;  // Amazon unreachable: try again later
    work.schedule(Job{JobKind::CloseChargePermission, number, *o->charge_permission_close_at});
  }
  work.save(*o);
  work.commit();
}

}  // namespace shop_model
