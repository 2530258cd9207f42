// The storefront against the in-process mock: checkout, the dedicated screen, the cart.
#include "shop_model/domain/messages.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

TEST(Shop, CheckoutCompletesOnTheShopsSite) {
  World w;
  Page done = w.buy();
  auto* complete = std::get_if<OrderCompleteView>(&done.screen);
  ASSERT_NE(complete, nullptr) << to_json(done).dump();
  EXPECT_EQ(complete->title, "ご注文完了");
  EXPECT_EQ(complete->host, "shop.example");
  EXPECT_EQ(done.url.rfind("https://shop.example/", 0), 0u);
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.authorization_status, texts::kAuthorized);
  EXPECT_EQ(d.order_status, "通常処理");
  EXPECT_EQ(d.shop_memo, "Amazonアカウントで指定したお支払い方法");
  EXPECT_TRUE(d.capture_button_enabled);
}

TEST(Shop, DedicatedScreenTakesSixFieldsAndRefusesShortPhone) {
  World w;
  ASSERT_TRUE(w.shop().add_to_cart("normal", 1).ok());
  std::string cs = w.cs_of(w.shop().press_amazon_pay());
  Page screen = w.shop().navigate(w.sign_in(cs, "short-phone"));
  auto& v = std::get<AmazonPayOrderView>(screen.screen);
  EXPECT_EQ(v.error, texts::kAddressUnusable);
  EXPECT_FALSE(v.can_place_order);
  EXPECT_EQ(v.fields_from_amazon.size(), 6u);
  // Choosing another address at Amazon fixes it.
  Page again = w.shop().navigate(w.sign_in(cs, "office"));
  auto& ok = std::get<AmazonPayOrderView>(again.screen);
  EXPECT_TRUE(ok.can_place_order);
  EXPECT_EQ(ok.prefecture, "大阪府");
}

TEST(Shop, CartButtonsFollowVariantAndOptions) {
  ShopSettings none;
  none.variant = CcVariant::None;
  World w(none);
  auto cart = std::get<CartView>(w.shop().add_to_cart("reservation", 1).value().screen);
  EXPECT_TRUE(cart.pay_on_site_button);
  EXPECT_FALSE(cart.amazon_pay_button);
  auto pressed = std::get<CartView>(w.shop().press_amazon_pay().screen);
  EXPECT_FALSE(pressed.error.empty());
  World live;
  auto live_cart = std::get<CartView>(live.shop().add_to_cart("reservation", 1).value().screen);
  EXPECT_TRUE(live_cart.amazon_pay_button);
}

}  // namespace
}  // namespace shop_model

namespace shop_model {
namespace {

// ポイント利用 on the dedicated screen: only a logged-in member, never a negative amount.
TEST(Storefront, PointUseRefusedToGuestsAndWhenNegative) {
  ShopSettings settings;
  settings.point_function = true;
  for (std::int64_t points : {10, -5}) {
    testing_support::World w(settings);
    PlaceOrderInput in;
    in.use_points = points;
    Page page = w.buy("normal", "card-1111", "home", in);
    ASSERT_TRUE(std::holds_alternative<AmazonPayOrderView>(page.screen)) << points;
    EXPECT_EQ(std::get<AmazonPayOrderView>(page.screen).error, messages::kPointsUnavailable);
    EXPECT_TRUE(w.shop().order_numbers().empty());
  }
}

}  // namespace
}  // namespace shop_model
