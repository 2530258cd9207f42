// 定期・頒布会 applications (申込): the member's operations on マイページ, the merchant's in
// 管理画面, and expect.subscription. The application itself is made by the storefront's
// checkout (customer.* and amazon_buyer.* steps); its orders by the clock (monthly jobs).
#include <fmt/core.h>

#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using shop_model::ShopResult;
using shop_model::SubscriptionView;

struct SubscriptionOnly {
  SubscriptionRef subscription;
};

template <class Operation>
StepOutcome on_subscription(ScenarioContext& c, const SubscriptionRef& ref, Operation op) {
  auto id = c.subscription_id(ref.text);
  if (!id) return failure(id.error());
  return c.show(op(*id));
}

StepOutcome my_skip(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription,
                         [&](const std::string& id) { return c.shop().my_skip_delivery(id); });
}
StepOutcome my_cancel(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription, [&](const std::string& id) {
    return c.shop().my_cancel_subscription(id);
  });
}
StepOutcome open_subscription(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription,
                         [&](const std::string& id) { return c.shop().subscription_detail(id); });
}
StepOutcome skip(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription,
                         [&](const std::string& id) { return c.shop().skip_delivery(id); });
}
StepOutcome cancel(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription,
                         [&](const std::string& id) { return c.shop().cancel_subscription(id); });
}
StepOutcome remove(ScenarioContext& c, const SubscriptionOnly& p) {
  return on_subscription(c, p.subscription,
                         [&](const std::string& id) { return c.shop().delete_subscription(id); });
}

struct ChangeMethod {
  SubscriptionRef subscription;
  std::string to;
};
StepOutcome change_method(ScenarioContext& c, const ChangeMethod& p) {
  auto method = shop_model::parse_payment_method(p.to);
  if (!method) return failure("unknown payment method '" + p.to + "'");
  return on_subscription(c, p.subscription, [&](const std::string& id) {
    return c.shop().change_subscription_payment_method(id, *method);
  });
}

struct ExpectSubscription {
  SubscriptionRef subscription;
  std::vector<MapEntry> fields;
};
StepOutcome expect_subscription(ScenarioContext& c, const ExpectSubscription& p) {
  auto id = c.subscription_id(p.subscription.text);
  if (!id) return failure(id.error());
  auto detail = c.shop().subscription_detail(*id);
  if (!detail) return failure(detail.error());
  return c.expect_json(Value::map(p.fields), shop_model::to_json(*detail), "subscription");
}

}  // namespace

void add_subscription_steps(StepList& steps) {
  steps.add<SubscriptionOnly>(
      "customer.skip_delivery",
      "マイページ: the logged-in member skips the next delivery (スキップ) of their application.",
      {subscription_param(&SubscriptionOnly::subscription)}, &my_skip);
  steps.add<SubscriptionOnly>(
      "customer.cancel_subscription",
      "マイページ: the logged-in member cancels their application (申込取消).",
      {subscription_param(&SubscriptionOnly::subscription)}, &my_cancel);
  steps.add<SubscriptionOnly>("admin.open_subscription", "Opens 定期・頒布会 申込詳細.",
                              {subscription_param(&SubscriptionOnly::subscription)},
                              &open_subscription);
  steps.add<SubscriptionOnly>("admin.skip_delivery",
                              "スキップ: the application's next delivery is not generated.",
                              {subscription_param(&SubscriptionOnly::subscription)}, &skip);
  steps.add<SubscriptionOnly>("admin.cancel_subscription",
                              "申込取消: 申込ステータス becomes 申込取消 (SUB-009).",
                              {subscription_param(&SubscriptionOnly::subscription)}, &cancel);
  steps.add<SubscriptionOnly>("admin.delete_subscription", "申込削除 (SUB-010).",
                              {subscription_param(&SubscriptionOnly::subscription)}, &remove);
  steps.add<ChangeMethod>(
      "admin.change_subscription_payment_method",
      "Changes the application's payment method (SUB-011); later orders are generated with it.",
      {subscription_param(&ChangeMethod::subscription),
       required("to", &ChangeMethod::to, "new payment method, e.g. 銀行振込")},
      &change_method);
  steps.add_open<ExpectSubscription>(
      "expect.subscription",
      "Partial match against 申込詳細 (the application as the shop keeps it); other keys are its "
      "fields.",
      {subscription_param(&ExpectSubscription::subscription)}, &ExpectSubscription::fields,
      FieldShape::Subscription, &expect_subscription);
}

}  // namespace scenarios
