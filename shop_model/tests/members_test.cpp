// Members: registration at checkout, the order history link, 退会.
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

TEST(Shop, OrderHistoryLinkOnlyForActiveOwner) {
  World w;
  PlaceOrderInput in;
  in.register_member = true;
  in.newsletter = true;
  w.buy("normal", "card-1111", "home", in);
  auto member = w.shop().logged_in_member();
  ASSERT_TRUE(member);
  std::string mail = w.shop().render_thanks_mail("1001", "詳細: https://{@domain}/my/orders/$REQNUM$").value();
  EXPECT_EQ(mail, "詳細: https://shop.example/my/orders/1001");
  auto page = w.shop().navigate("https://shop.example/my/orders/1001");
  ASSERT_TRUE(std::holds_alternative<MyOrderView>(page.screen));
  EXPECT_EQ(std::get<MyOrderView>(page.screen).amazon_pay_mypage_link, texts::kAmazonMypageNormal);
  ASSERT_TRUE(w.shop().withdraw_member(*member).ok());
  EXPECT_TRUE(std::holds_alternative<NotFoundView>(
      w.shop().navigate("https://shop.example/my/orders/1001").screen));
}

}  // namespace
}  // namespace shop_model
