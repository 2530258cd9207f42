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

}  // namespace
}  // namespace shop_model
