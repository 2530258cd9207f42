#include "shop_model/jobs/job.hpp"

namespace shop_model {

std::string_view name(JobKind kind) {
  switch (kind) {
    case JobKind::GenerateSubscriptionOrder: return "generate_subscription_order";
    case JobKind::CloseChargePermission: return "close_charge_permission";
    case JobKind::CloseSubscriptionChargePermission: return "close_subscription_charge_permission";
  }
  return "?";
}

std::optional<JobKind> parse_job_kind(std::string_view text) {
  for (auto kind : {JobKind::GenerateSubscriptionOrder, JobKind::CloseChargePermission,
                    JobKind::CloseSubscriptionChargePermission})
    if (name(kind) == text) return kind;
  return std::nullopt;
}

}  // namespace shop_model
