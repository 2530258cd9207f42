#include "shop_model/jobs/jobs.hpp"

#include "shop_model/admin/order_admin.hpp"
#include "shop_model/subscriptions/subscriptions.hpp"

namespace shop_model {

std::optional<core::Instant> Jobs::next_due() {
  auto job = ctx_.store.next_job();
  if (!job) return std::nullopt;
  return job->due;
}

void Jobs::run_due(core::Instant at) {
  auto job = ctx_.store.next_job();
  if (!job || job->due != at) return;
  switch (job->kind) {
    case JobKind::GenerateSubscriptionOrder:
      subscriptions_.generate_order(job->subject, at);
      return;
    case JobKind::CloseChargePermission:
      admin_.close_deleted_permission(job->subject, at);
      return;
    case JobKind::CloseSubscriptionChargePermission:
      subscriptions_.close_deleted_permission(job->subject, at);
      return;
  }
}

}  // namespace shop_model
