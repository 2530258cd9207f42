// The shop tests' world: a shop and the in-process mock on one simulated timeline, and the
// hosted checkout (cart → Amazon → dedicated screen → Amazon payment page → ご注文完了).
#pragma once

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/domain/texts.hpp"
#include "shop_model/shop.hpp"

namespace shop_model::testing_support {

using nlohmann::json;
inline const core::Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

// The shop's door to Amazon, remembering every request ("POST /v2/refunds") it sent.
class CountingClient final : public core::AmazonPayClient {
 public:
  explicit CountingClient(core::AmazonPayClient& inner) : inner_(inner) {}
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    requests.push_back(request.method + " " + request.path);
    return inner_.send(std::move(request));
  }
  // Requests other than reads, from `from` on.
  std::vector<std::string> writes(size_t from = 0) const {
    std::vector<std::string> out;
    for (size_t i = from; i < requests.size(); ++i)
      if (requests[i].rfind("GET ", 0) != 0) out.push_back(requests[i]);
    return out;
  }
  std::vector<std::string> requests;

 private:
  core::AmazonPayClient& inner_;
};

// A shop and a mock sharing one simulated timeline.
class World {
 public:
  explicit World(ShopSettings settings = {}) : clock_(kStart) {
    mock_amazon::MockOptions o;
    o.verify_signatures = false;
    o.start = kStart;
    mock_ = std::move(mock_amazon::Mock::open(o)).value();
    client_ = std::make_unique<mock_amazon::InProcessClient>(*mock_);
    control_ = std::make_unique<mock_amazon::control::ControlClient>(*client_);
    store_ = std::move(ShopStore::open(":memory:")).value();
    std::vector<Product> catalog = {{"normal", "通常商品", Yen{5000}, ProductType::Normal},
                                    {"reservation", "予約商品", Yen{8000}, ProductType::Reservation},
                                    {"subscription", "定期商品", Yen{3000}, ProductType::Subscription},
                                    {"over", "高額商品", Yen{10'000'001}, ProductType::Normal}};
    shop_client_ = std::make_unique<CountingClient>(*client_);
    seller_ = std::make_unique<AmazonPayApi>(*client_, 7);
    shop_ = std::make_unique<Shop>(settings, catalog, *shop_client_, *store_, clock_, 42);
    clock_.add_schedule(shop_.get());
  }

  Shop& shop() { return *shop_; }

  ShopStore& store() { return *store_; }
  // What the shop sent to Amazon.
  CountingClient& shop_requests() { return *shop_client_; }
  // The merchant working by hand in Seller Central, through Amazon's API (not the shop's).
  AmazonPayApi& seller_central() { return *seller_; }
  // The Amazon Pay client the shop uses, for acting at Amazon as Seller Central would.
  core::AmazonPayClient& amazon_client() { return *client_; }

  // The mock's control API (forced outcomes, faults, Amazon-side events).
  mock_amazon::control::ControlClient& control() { return *control_; }

  // Amazon's JSON for an API GET ("/v2/chargePermissions/…"), as Amazon keeps it.
  json amazon_get(const std::string& path) {
    auto res = client_->send(core::HttpRequest{"GET", path, "", {}, ""});
    EXPECT_TRUE(res.ok()) << path;
    return res.ok() ? json::parse(res.value().body) : json(nullptr);
  }

  // Moves mock and shop together, running each one's due work in time order.
  void advance(const std::string& span) {
    core::Instant target = core::parse_time_span(span)->after(clock_.now());
    for (;;) {
      core::Instant t = target;
      if (auto s = shop_->next_due(); s && *s < t) t = *s;
      json c = json::parse(control_->clock().value().body);
      if (!c["nextEventAt"].is_null()) {
        auto m = core::parse_instant(c["nextEventAt"].get<std::string>());
        if (*m < t) t = *m;
      }
      EXPECT_TRUE(control_->advance_to(t).ok());
      clock_.advance_to(t);
      if (t == target) return;
    }
  }

  std::string cs_of(const Page& p) { return std::get<AmazonPageView>(p.screen).checkout_session_id; }

  // Signs taro in on Amazon's page with `address`; the review URL Amazon sends the buyer to.
  std::string sign_in(const std::string& cs, const std::string& address,
                      const std::string& payment = "card-1111") {
    auto page = control_->sign_in(cs, {"taro", address, payment});
    EXPECT_TRUE(page.ok());
    return page.ok() ? mock_amazon::control::redirect_url(page.value()) : "";
  }

  // Cart → Amazon → dedicated screen → Amazon payment page → ご注文完了.
  Page buy(const std::string& product = "normal", const std::string& payment = "card-1111",
           const std::string& address = "home", PlaceOrderInput input = {}) {
    EXPECT_TRUE(shop_->add_to_cart(product, 1).ok());
    Page last = shop_->press_amazon_pay();
    if (!std::holds_alternative<AmazonPageView>(last.screen)) return last;
    // The review page is the shop's: the dedicated screen, then [注文を確定する].
    auto review = [&](const core::HttpResponse& signed_in) -> std::string {
      last = shop_->navigate(mock_amazon::control::redirect_url(signed_in));
      if (!std::get<AmazonPayOrderView>(last.screen).can_place_order) return "unusable screen";
      last = shop_->place_order(input);
      if (!std::holds_alternative<AmazonPageView>(last.screen)) return "no payment page";
      return "";
    };
    auto walk = mock_amazon::control::walk_hosted_pages(*control_, cs_of(last),
                                                        {"taro", address, payment}, review);
    if (!walk.reached_result_page()) return last;
    return shop_->navigate(mock_amazon::control::redirect_url(walk.payment_page.value()));
  }

  OrderDetailView open(const std::string& n = "1001") { return shop_->open_order(n).value(); }

  // Amazon's amount field of a Charge ("captureAmount", "refundedAmount", "chargeAmount").
  core::Yen charge_amount(const std::string& charge_id, const std::string& field) {
    json c = amazon_get("/v2/charges/" + charge_id);
    if (!c.contains(field) || c[field].is_null()) return core::Yen{0};
    return core::Yen::parse(c[field]["amount"].get<std::string>()).value_or(core::Yen{-1});
  }

 private:
  core::SimulatedClock clock_;
  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::InProcessClient> client_;
  std::unique_ptr<mock_amazon::control::ControlClient> control_;
  std::unique_ptr<CountingClient> shop_client_;
  std::unique_ptr<AmazonPayApi> seller_;
  std::unique_ptr<ShopStore> store_;
  std::unique_ptr<Shop> shop_;
};

// The Amazon id of the i-th Charge (0-based) of order 1001, the first order of a test.
inline std::string charge_of(World& w, std::size_t i = 0) {
  return w.shop().order("1001")->charges.at(i).charge_id;
}

}  // namespace shop_model::testing_support
