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

}  // namespace
}  // namespace shop_model
