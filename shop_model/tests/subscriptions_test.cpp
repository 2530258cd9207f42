// 定期・頒布会: the application, then one order a month.
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

TEST(Shop, SubscriptionApplicationThenMonthlyOrders) {
  World w;
  PlaceOrderInput in;
  in.register_member = true;
  Page done = w.buy("subscription", "card-1111", "home", in);
  auto* complete = std::get_if<OrderCompleteView>(&done.screen);
  ASSERT_NE(complete, nullptr) << to_json(done).dump();
  EXPECT_EQ(complete->title, "お申込み完了");
  EXPECT_TRUE(w.shop().order_numbers().empty());  // SUB-017: nothing charged yet
  w.advance("1d");
  ASSERT_EQ(w.shop().order_numbers().size(), 1u);
  auto first = w.shop().order_detail("1001").value();
  EXPECT_EQ(first.order_type, "subscription");
  EXPECT_EQ(first.authorization_status, texts::kAuthorized);
  EXPECT_EQ(first.shop_memo, "");  // MEMO-006
  // The next generation fails: 保留 with 承認失敗, and the search finds it.
  ASSERT_TRUE(w.control().force({mock_amazon::SimulatedOperation::CreateCharge, "", "SoftDeclined", ""}).ok());
  w.advance("1mo");
  auto second = w.shop().order_detail("1002").value();
  EXPECT_EQ(second.order_status, "保留");
  EXPECT_EQ(second.authorization_status, texts::kAuthorizationFailed);
  auto found = std::get<OrderSearchView>(w.shop().search_orders(OrderStatus::OnHold, AuthorizationStatus::AuthorizationFailed).screen);
  EXPECT_EQ(found.order_numbers, std::vector<std::string>{"1002"});
  auto history = w.shop().navigate("https://shop.example/my/orders/1001");
  EXPECT_EQ(std::get<MyOrderView>(history.screen).amazon_pay_mypage_link, texts::kAmazonMypageSubscription);
}

// AMT-010/SUB-019: no 900%/¥70,000 ceiling; the increase is its own Charge (SUB-018), and a
// full refund from futureshop covers both Charges (REF-005).
TEST(Shop, SubscriptionIncreaseHasNoCeilingAndRefundCoversBothCharges) {
  World w;
  PlaceOrderInput in;
  in.register_member = true;
  w.buy("subscription", "card-1111", "home", in);
  w.advance("1d");
  auto d = w.shop().change_amount("1001", AmountChange{AmountChangeKind::OrderAmount, Yen{80'000}}).value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.amount_change_ceiling, kMaxOrderAmount);
  auto re = w.shop().reauthorize("1001").value();
  ASSERT_EQ(re.charges.size(), 2u) << re.error;
  EXPECT_EQ(re.charges[1].amount, Yen{77'000});
  EXPECT_EQ(w.shop().capture("1001").value().captured_amount, Yen{80'000});
  auto canceled = w.shop().cancel_order("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(canceled.error, "");
  Order o = *w.shop().order("1001");
  ASSERT_EQ(o.charges[0].refunds.size(), 1u);
  ASSERT_EQ(o.charges[1].refunds.size(), 1u);
  EXPECT_EQ(o.charges[0].refunds[0].amount, Yen{3000});
  EXPECT_EQ(o.charges[1].refunds[0].amount, Yen{77'000});
}

// An application with its first order generated (1001).
Subscription applied_and_generated(World& w) {
  PlaceOrderInput in;
  in.register_member = true;
  w.buy("subscription", "card-1111", "home", in);
  w.advance("1d");
  return *w.shop().subscription("S1001");
}

json permission(World& w, const Subscription& s) {
  return w.amazon_get("/v2/chargePermissions/" + s.charge_permission_id);
}

// SUB-009 / decision 5: 申込取消 stops the generations; the permission is closed a day later
// without cancelling the last authorization, which can still be captured.
TEST(Subscriptions, CancelClosesPermissionAfterDelayAndKeepsAuthorization) {
  World w;
  Subscription s = applied_and_generated(w);
  auto v = w.shop().cancel_subscription(s.id);
  ASSERT_TRUE(v.ok()) << v.error();
  EXPECT_EQ(v->status, "申込取消");
  EXPECT_FALSE(v->next_generation_at.has_value());
  EXPECT_EQ(w.open("1001").reauthorization_button_enabled, false);
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Chargeable");
  w.advance("1d");
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Closed");
  EXPECT_EQ(w.shop().subscription_detail(s.id)->charge_permission_status, "削除済");
  EXPECT_EQ(w.shop().capture("1001").value().error, "");
  w.advance("60d");
  EXPECT_EQ(w.shop().order_numbers().size(), 1u);
  EXPECT_FALSE(w.shop().cancel_subscription(s.id).ok());  // already 申込取消
}

// スキップ: the next generation moves a month; the month counts as passed.
TEST(Subscriptions, SkipMovesTheNextGenerationByAMonth) {
  World w;
  Subscription s = applied_and_generated(w);
  auto before = *s.next_generation_at;
  auto v = w.shop().skip_delivery(s.id).value();
  EXPECT_EQ(v.deliveries_skipped, 1);
  EXPECT_EQ(*w.shop().subscription(s.id)->next_generation_at, core::add_months(before, 1));
  w.advance("40d");
  EXPECT_EQ(w.shop().order_numbers().size(), 1u);
  w.advance("30d");
  EXPECT_EQ(w.shop().order_numbers().size(), 2u);
}

// マイページ: only the logged-in owner may skip or cancel.
TEST(Subscriptions, MemberOperatesOnlyOnOwnApplication) {
  World w;
  Subscription s = applied_and_generated(w);
  EXPECT_TRUE(w.shop().my_skip_delivery(s.id).ok());
  w.shop().log_out();
  EXPECT_FALSE(w.shop().my_cancel_subscription(s.id).ok());
  ASSERT_TRUE(w.shop().log_in(s.member_id).ok());
  EXPECT_EQ(w.shop().my_cancel_subscription(s.id).value().status, "申込取消");
}

// SUB-011: away from Amazon Pay; later orders are generated with the new method, no Amazon call.
TEST(Subscriptions, PaymentMethodChangeDeletesPermissionAndLaterOrdersUseTheNewMethod) {
  World w;
  Subscription s = applied_and_generated(w);
  EXPECT_FALSE(w.shop().change_subscription_payment_method(s.id, PaymentMethod::AmazonPay).ok());
  auto v = w.shop().change_subscription_payment_method(s.id, PaymentMethod::BankTransfer).value();
  EXPECT_EQ(v.payment_method, "銀行振込");
  EXPECT_NE(v.charge_permission_status.find("削除予定"), std::string::npos);
  w.advance("31d");
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Closed");
  Order second = *w.shop().order("1002");
  EXPECT_EQ(second.payment_method, PaymentMethod::BankTransfer);
  EXPECT_TRUE(second.charges.empty());
  EXPECT_EQ(second.status, OrderStatus::Normal);
}

// SUB-012: オプション解約 deletes the permission; the application stays 継続中 and its next
// order is 保留 without asking Amazon.
TEST(Subscriptions, OptionCancellationDeletesPermissionAndNextOrderIsOnHold) {
  World w;
  Subscription s = applied_and_generated(w);
  ShopSettings settings = w.shop().settings();
  settings.option_amazon_pay_recurring = false;
  w.shop().update_settings(settings);
  EXPECT_TRUE(w.shop().subscription(s.id)->charge_permission_unusable);
  w.advance("31d");
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Closed");
  Order second = *w.shop().order("1002");
  EXPECT_EQ(second.status, OrderStatus::OnHold);
  ASSERT_EQ(second.charges.size(), 1u);
  EXPECT_TRUE(second.charges[0].charge_id.empty());
  EXPECT_EQ(w.shop().subscription(s.id)->status, SubscriptionStatus::Active);
}

// A generated order's own cancellation leaves the application's permission alone.
TEST(Subscriptions, CancellingAGeneratedOrderKeepsTheApplicationsPermission) {
  World w;
  Subscription s = applied_and_generated(w);
  EXPECT_EQ(w.shop().cancel_order("1001", AmazonTransaction::Cancel).value().error, "");
  w.advance("2d");
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Chargeable");
  EXPECT_FALSE(w.shop().subscription(s.id)->charge_permission_unusable);
}

// SUB-010: 申込削除 is a flag; the application is kept and its permission deleted.
TEST(Subscriptions, DeletionFlagsTheApplication) {
  World w;
  Subscription s = applied_and_generated(w);
  auto v = w.shop().delete_subscription(s.id).value();
  EXPECT_TRUE(v.deleted);
  EXPECT_EQ(v.status, "継続中");
  EXPECT_FALSE(w.shop().skip_delivery(s.id).ok());
  EXPECT_FALSE(w.shop().delete_subscription(s.id).ok());
  w.advance("1d");
  EXPECT_EQ(permission(w, s)["statusDetails"]["state"], "Closed");
}

}  // namespace
}  // namespace shop_model
