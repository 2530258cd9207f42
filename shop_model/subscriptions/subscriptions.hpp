// 定期・頒布会: one application (申込) holds one Recurring Charge Permission; an order is
// generated for each delivery, a month apart, and authorized on that permission (SUB-*).
//
// Files: subscriptions.cpp (application, generation), lifecycle.cpp (スキップ, 申込取消,
// 申込削除, 決済方法の変更, option cancellation, 申込詳細), permission_deletion.cpp (the
// application's Charge Permission closed after 「一定期間後」, decision 5).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shop_model/shop_context.hpp"
#include "shop_model/store/unit_of_work.hpp"
#include "shop_model/storefront/session.hpp"
#include "shop_model/views.hpp"

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

// Who asks for an operation on an application: the merchant in 管理画面, or a member on
// マイページ (empty member_id: nobody logged in).
struct SubscriptionRequester {
  bool merchant = true;
  std::string member_id;
};

// Copies the application's permission deletion onto a generated order (same permission).
void share_permission_state(Order& order, const Subscription& subscription);

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

  // ---- operations on an application (lifecycle.cpp); each answers with 申込詳細
  ShopResult<SubscriptionView> detail(const std::string& id, SubscriptionRequester who);
  // スキップ: the next delivery is not generated; later ones move a month.
  ShopResult<SubscriptionView> skip_next_delivery(const std::string& id, SubscriptionRequester who);
  // 申込取消 (SUB-009).
  ShopResult<SubscriptionView> cancel(const std::string& id, SubscriptionRequester who);
  // 申込削除, merchant only (SUB-010).
  ShopResult<SubscriptionView> remove(const std::string& id);
  // 決済方法の変更 away from Amazon Pay, merchant only (SUB-011; never back: PMC-007).
  ShopResult<SubscriptionView> change_payment_method(const std::string& id, PaymentMethod method);
  // オプション解約 (SUB-012): every application still on Amazon Pay loses its permission.
  void option_canceled();

  // ---- the job CloseSubscriptionChargePermission (permission_deletion.cpp)
  void close_deleted_permission(const std::string& id, Instant at);

 private:
  Order next_order(const Subscription& subscription, Instant at);
  void authorize(Order& order, Subscription& subscription, Instant at);
  void advance(Subscription& subscription, UnitOfWork& work);
  void schedule_next(Subscription& subscription, UnitOfWork& work);
  void finish(Subscription& subscription, UnitOfWork& work);

  using Change = std::function<std::string(Subscription&, UnitOfWork&)>;
  // Loads the application, checks who asks, applies `change` ("" or the refusal) and saves.
  ShopResult<SubscriptionView> update(const std::string& id, SubscriptionRequester who,
                                      const Change& change);
  SubscriptionView view_of(const Subscription& subscription) const;

  // SUB-008..012: unusable now (for the application and its orders), closed after the delay.
  void mark_permission_unusable(Subscription& subscription, UnitOfWork& work);

  ShopContext& ctx_;
};

}  // namespace shop_model
