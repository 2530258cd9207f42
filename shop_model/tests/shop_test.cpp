// The shop against the in-process mock: checkout, 与信ステータス, 入金処理, 再与信.
#include "shop_model/shop.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
const core::Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// A shop and a mock sharing one simulated timeline.
class World {
 public:
  explicit World(ShopSettings settings = {}) : clock_(kStart) {
    mock_amazon::MockOptions o;
    o.verify_signatures = false;
    o.start = kStart;
    mock_ = std::move(mock_amazon::Mock::open(o)).value();
    client_ = std::make_unique<mock_amazon::InProcessClient>(*mock_);
    store_ = std::move(ShopStore::open(":memory:")).value();
    std::vector<Product> catalog = {{"normal", "通常商品", Yen{5000}, ProductType::Normal},
                                    {"reservation", "予約商品", Yen{8000}, ProductType::Reservation},
                                    {"subscription", "定期商品", Yen{3000}, ProductType::Subscription},
                                    {"over", "高額商品", Yen{10'000'001}, ProductType::Normal}};
    shop_ = std::make_unique<Shop>(settings, catalog, *client_, *store_, clock_, 42);
    clock_.add_schedule(shop_.get());
  }

  Shop& shop() { return *shop_; }

  json control(const std::string& method, const std::string& path, const json& body = nullptr) {
    core::HttpRequest req{method, path, "", {}, body.is_null() ? "" : body.dump()};
    auto res = mock_->handle(req);
    return res.body.empty() ? json(nullptr) : json::parse(res.body);
  }

  // Moves mock and shop together, running each one's due work in time order.
  void advance(const std::string& span) {
    core::Instant target = core::parse_time_span(span)->after(clock_.now());
    for (;;) {
      core::Instant t = target;
      if (auto s = shop_->next_due(); s && *s < t) t = *s;
      json c = control("GET", "/__mock/clock");
      if (!c["nextEventAt"].is_null()) {
        auto m = core::parse_instant(c["nextEventAt"].get<std::string>());
        if (*m < t) t = *m;
      }
      control("POST", "/__mock/clock/advance", {{"to", core::format_iso(t)}});
      clock_.advance_to(t);
      if (t == target) return;
    }
  }

  std::string cs_of(const Page& p) { return std::get<AmazonPageView>(p.screen).checkout_session_id; }

  // Cart → Amazon → dedicated screen → Amazon payment page → ご注文完了.
  Page buy(const std::string& product = "normal", const std::string& payment = "card-1111",
           const std::string& address = "home", PlaceOrderInput input = {}) {
    EXPECT_TRUE(shop_->add_to_cart(product, 1).ok());
    Page amazon = shop_->press_amazon_pay();
    if (!std::holds_alternative<AmazonPageView>(amazon.screen)) return amazon;
    std::string cs = cs_of(amazon);
    json signed_in = control("POST", "/__mock/checkout-sessions/" + cs + "/sign-in",
                             {{"buyer", "taro"}, {"address", address}, {"paymentMethod", payment}});
    Page screen = shop_->navigate(signed_in["redirectUrl"]);
    if (!std::get<AmazonPayOrderView>(screen.screen).can_place_order) return screen;
    Page pay = shop_->place_order(input);
    if (!std::holds_alternative<AmazonPageView>(pay.screen)) return pay;
    json passed = control("POST", "/__mock/checkout-sessions/" + cs + "/payment-page");
    return shop_->navigate(passed["redirectUrl"]);
  }

  OrderDetailView open(const std::string& n = "1001") { return shop_->open_order(n).value(); }

 private:
  core::SimulatedClock clock_;
  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::InProcessClient> client_;
  std::unique_ptr<ShopStore> store_;
  std::unique_ptr<Shop> shop_;
};

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
  json r = w.control("POST", "/__mock/checkout-sessions/" + cs + "/sign-in",
                     {{"buyer", "taro"}, {"address", "short-phone"}, {"paymentMethod", "card-1111"}});
  Page screen = w.shop().navigate(r["redirectUrl"]);
  auto& v = std::get<AmazonPayOrderView>(screen.screen);
  EXPECT_EQ(v.error, texts::kAddressUnusable);
  EXPECT_FALSE(v.can_place_order);
  EXPECT_EQ(v.fields_from_amazon.size(), 6u);
  // Choosing another address at Amazon fixes it.
  r = w.control("POST", "/__mock/checkout-sessions/" + cs + "/sign-in",
                {{"buyer", "taro"}, {"address", "office"}, {"paymentMethod", "card-1111"}});
  Page again = w.shop().navigate(r["redirectUrl"]);
  auto& ok = std::get<AmazonPayOrderView>(again.screen);
  EXPECT_TRUE(ok.can_place_order);
  EXPECT_EQ(ok.prefecture, "大阪府");
}

TEST(Shop, CaptureGivesSeikyuzumiThenSeikyukanryo) {
  World w;
  w.buy();
  auto d = w.shop().capture("1001").value();
  EXPECT_EQ(d.authorization_status, texts::kCaptured);
  EXPECT_EQ(d.payment_status, "入金済");
  EXPECT_EQ(w.open().authorization_status, texts::kCaptureCompleted);
}

TEST(Shop, ThirtyDaysMakeShoninKanryoAndReauthorizationFixesIt) {
  World w;
  w.buy();
  w.advance("30d");
  auto d = w.open();
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationExpired);
  EXPECT_TRUE(d.reauthorization_notice);
  EXPECT_FALSE(d.capture_button_enabled);
  auto refused = w.shop().capture("1001").value();
  EXPECT_FALSE(refused.error.empty());
  EXPECT_EQ(refused.payment_status, "未入金");
  auto re = w.shop().reauthorize("1001").value();
  EXPECT_EQ(re.authorization_status, texts::kAuthorized) << re.error;
  EXPECT_EQ(re.reauthorization_status, texts::kAuthorized);
  EXPECT_FALSE(re.reauthorization_notice);
  EXPECT_EQ(w.shop().capture("1001").value().authorization_status, texts::kCaptured);
}

TEST(Shop, HardDeclinedReauthorizationShowsM3UntilBuyerFixesIt) {
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  w.advance("30d");
  w.control("POST", "/__mock/force", {{"operation", "CreateCharge"}, {"outcome", "HardDeclined"}});
  auto d = w.shop().reauthorize("1001").value();
  EXPECT_EQ(d.failure_message, texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationFailed);
  // Pressing again before the buyer acts keeps the same message.
  EXPECT_EQ(w.shop().reauthorize("1001").value().failure_message, texts::kReauthFailedBuyerSettingsM3);
  w.control("POST", "/__mock/charge-permissions/" + cp + "/buyer-update-payment-method",
            {{"paymentMethod", "card-4444"}});
  EXPECT_EQ(w.open().failure_message, texts::kReauthFailedBuyerSettingsM3);  // no notification
  auto ok = w.shop().reauthorize("1001").value();
  EXPECT_EQ(ok.failure_message, "");
  EXPECT_EQ(ok.authorization_status, texts::kAuthorized);
}

TEST(Shop, FetchFailureShowsUnavailableLabelThenRecovers) {
  World w;
  w.buy();
  w.control("POST", "/__mock/faults", {{"path", "/v2/charges"}, {"kind", "timeout"}});
  EXPECT_EQ(w.open().authorization_status, texts::kStatusUnavailable);
  EXPECT_EQ(w.open().authorization_status, texts::kAuthorized);
}

TEST(Shop, ReservationCancelClosesPermissionAfterDelay) {
  World w;
  w.buy("reservation");
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.order_status, "予約");
  std::string cp = w.shop().order("1001")->charge_permission_id;
  ASSERT_TRUE(w.shop().cancel_order("1001", AmazonTransaction::Keep).ok());
  EXPECT_EQ(w.control("GET", "/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Chargeable");
  w.advance("1d");
  json got = w.control("GET", "/v2/chargePermissions/" + cp);
  EXPECT_EQ(got["statusDetails"]["state"], "Closed");
  EXPECT_EQ(got["statusDetails"]["reasons"][0]["reasonCode"], "MerchantClosed");
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
  w.control("POST", "/__mock/force", {{"operation", "CreateCharge"}, {"outcome", "SoftDeclined"}});
  w.advance("1mo");
  auto second = w.shop().order_detail("1002").value();
  EXPECT_EQ(second.order_status, "保留");
  EXPECT_EQ(second.authorization_status, texts::kAuthorizationFailed);
  auto found = std::get<OrderSearchView>(w.shop().search_orders(OrderStatus::OnHold, std::string(texts::kAuthorizationFailed)).screen);
  EXPECT_EQ(found.order_numbers, std::vector<std::string>{"1002"});
  auto history = w.shop().navigate("https://shop.example/my/orders/1001");
  EXPECT_EQ(std::get<MyOrderView>(history.screen).amazon_pay_mypage_link, texts::kAmazonMypageSubscription);
}

TEST(Rules, FailureMessagesFollowDecisionNine) {
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::HardDeclined, ChargePermissionState::None, {}), texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::AmazonRejected, ChargePermissionState::Closed,
                                            {ReasonCode::Other}),
            texts::kReauthFailedChangeMethodM1);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::InvalidChargePermissionStatus,
                                            ChargePermissionState::Closed, {ReasonCode::Other}),
            texts::kReauthFailedChangeMethodM2);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::InvalidChargePermissionStatus,
                                            ChargePermissionState::NonChargeable,
                                            {ReasonCode::PaymentMethodInvalid}),
            texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(reauthorization_failure_message(reason_code("SoftDeclined"), ChargePermissionState::Chargeable,
                                            {}), "");
  EXPECT_NE(texts::kReauthFailedChangeMethodM1, texts::kReauthFailedChangeMethodM2);
}

TEST(Rules, AddressValidation) {
  AmazonAddress a{"山田太郎", "150-0002", "東京都", "渋谷区渋谷1-2-3", "", "0312345678"};
  EXPECT_TRUE(address_usable(a));
  a.phone = "031234567";  // 9 digits
  EXPECT_FALSE(address_usable(a));
  a.phone = "090-1234-5678";
  EXPECT_TRUE(address_usable(a));
  a.state_or_region = "Atlantis";
  EXPECT_FALSE(address_usable(a));
  EXPECT_EQ(prefecture_of("tokyo"), "東京都");
}

}  // namespace
}  // namespace shop_model
