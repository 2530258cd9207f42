// 定期・頒布会: one application (申込) holds one Recurring Charge Permission; an order is
// generated for each delivery, a month apart, and authorized on that permission (SUB-*).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shop_model/shop_context.hpp"
#include "shop_model/store/unit_of_work.hpp"
#include "shop_model/storefront/session.hpp"

namespace shop_model {

// What the storefront hands over when Amazon completes a subscription checkout.
struct SubscriptionApplication {
  std::string member_id;
  CartLines lines;
  Yen amount_per_delivery;
  std::string checkout_session_id;
  std::string charge_permission_id;
  std::string payment_descriptor;
};

class Subscriptions {
 public:
  explicit Subscriptions(ShopContext& context) : ctx_(context) {}

  // Records the application (reads its Charge Permission from Amazon) and schedules its
  // first order; staged in `work`, which the caller commits.
  Subscription apply(const SubscriptionApplication& application, UnitOfWork& work);
  // The job GenerateSubscriptionOrder: the next delivery's order, authorized at Amazon.
  void generate_order(const std::string& subscription_id, Instant at);

  std::optional<Subscription> subscription(const std::string& id);
  std::vector<std::string> subscription_ids();

 private:
  Order next_order(const Subscription& subscription, Instant at);
  void authorize(Order& order, Subscription& subscription, Instant at);
  void advance(Subscription& subscription, UnitOfWork& work);

  ShopContext& ctx_;
};

}  // namespace shop_model
