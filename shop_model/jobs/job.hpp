// Work that falls due later, as one typed record: what to do (kind), to which record
// (subject: an order number or a 申込番号), and when. Jobs live in the store's jobs table
// (like the mock's events table); jobs/jobs.hpp runs them in time order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace shop_model {

// In run order for jobs due at the same instant.
enum class JobKind {
  GenerateSubscriptionOrder,  // 定期・頒布会: generate the next delivery's order (subject: 申込番号)
  CloseChargePermission,      // decision 5: close a deleted Charge Permission (subject: order number)
  // Decision 5 for an application's Charge Permission (SUB-008..012; subject: 申込番号).
  CloseSubscriptionChargePermission,
};
// "generate_subscription_order", "close_charge_permission",
// "close_subscription_charge_permission"
std::string_view name(JobKind kind);
std::optional<JobKind> parse_job_kind(std::string_view text);

struct Job {
  JobKind kind = JobKind::GenerateSubscriptionOrder;
  std::string subject;
  core::Instant due;
};

}  // namespace shop_model
