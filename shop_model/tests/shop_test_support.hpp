// The shop tests' world: a shop and the in-process mock on one simulated timeline, and the
// hosted checkout (cart → Amazon → dedicated screen → Amazon payment page → ご注文完了).
#pragma once

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "shop_model/domain/texts.hpp"
#include "shop_model/shop.hpp"

namespace shop_model::testing_support {

using nlohmann::json;
inline const core::Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

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

}  // namespace shop_model::testing_support
