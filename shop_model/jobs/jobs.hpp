// Runs the shop's due jobs (jobs table, job.hpp) in time order for the simulated clock:
// each kind is handed to the feature that owns it.
#pragma once

#include <optional>

#include "core/time.hpp"
#include "shop_model/shop_context.hpp"

namespace shop_model {

class OrderAdmin;
class Subscriptions;

class Jobs {
 public:
  Jobs(ShopContext& context, Subscriptions& subscriptions, OrderAdmin& admin)
      : ctx_(context), subscriptions_(subscriptions), admin_(admin) {}

  std::optional<core::Instant> next_due();
  // Runs the first job due at `at`, if any (one job per call, like core::Schedule expects).
  void run_due(core::Instant at);

 private:
  ShopContext& ctx_;
  Subscriptions& subscriptions_;
  OrderAdmin& admin_;
};

}  // namespace shop_model
