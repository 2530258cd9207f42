// The reference shop: futureshop's Amazon Pay behaviour as the help page describes it.
//
// The shop talks to Amazon only through a core::AmazonPayClient (HTTP with signatures, or
// in-process). It reads time only from the Clock it is given, draws idempotency keys from
// its own seeded generator, and keeps its orders in a ShopStore. Work it must do later (the
// delayed closing of a deleted Charge Permission) is exposed as a core::Schedule, so a
// simulated clock runs it in time order.
//
// The storefront models one browser session: a cart, the Amazon Pay checkout in progress,
// and the member logged in, if any. Every customer action returns the Page the browser
// shows next; every admin action returns the 受注詳細 screen.
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/amazon_pay_client.hpp"
#include "core/clock.hpp"
#include "core/prng.hpp"
#include "core/result.hpp"
#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/domain/model.hpp"
#include "shop_model/store/shop_store.hpp"
#include "shop_model/views.hpp"

namespace shop_model {

// What the customer fills in on the dedicated screen.
struct PlaceOrderInput {
  bool privacy_consent = true;
  bool register_member = false;  // ご購入と同時に会員登録
  std::optional<bool> newsletter;  // only with register_member
  std::string delivery_note;
  int extra_delivery_addresses = 0;  // asking for more than one address (ORD-011)
  bool store_pickup = false;         // asking for store pickup (LIM-002)
};

template <class T>
using ShopResult = core::Result<T, std::string>;

class Shop final : public core::Schedule {
 public:
  Shop(ShopSettings settings, std::vector<Product> catalog, core::AmazonPayClient& amazon,
       ShopStore& store, const core::Clock& clock, std::uint64_t seed);

  const ShopSettings& settings() const { return settings_; }
  ShopSettings& mutable_settings() { return settings_; }
  const std::vector<Product>& catalog() const { return catalog_; }

  // ---- storefront (the customer) ----
  ShopResult<Page> add_to_cart(const std::string& product_code, int quantity);
  Page view_cart();
  Page select_store_pickup(bool selected);
  Page pay_on_this_site();  // 「このサイトでお支払い」 → 通常のご注文フォーム
  // [amazon pay]: creates a Checkout Session and sends the browser to Amazon's sign-in page,
  // or stays on the cart with an error.
  Page press_amazon_pay();
  // The browser follows a URL: Amazon's returns to the shop, the member's order history, ...
  Page navigate(const std::string& url);
  // Submits the dedicated screen: updates the Checkout Session and sends the browser to
  // Amazon's payment page, or stays on the screen with an error.
  Page place_order(const PlaceOrderInput& input);
  // The dedicated screen's link back to Amazon to choose another address or payment method.
  Page back_to_amazon();
  // A non-Amazon checkout through 通常のご注文フォーム, for comparisons (LIM-001).
  ShopResult<Page> place_normal_form_order(const std::string& payment_method);

  // ---- members ----
  ShopResult<Page> log_in(const std::string& member_id);
  Page log_out();
  std::optional<std::string> logged_in_member() const { return member_; }
  ShopResult<Member> withdraw_member(const std::string& member_id);  // 退会
  std::optional<Member> member(const std::string& member_id);

  // ---- admin (受注管理) ----
  // 受注詳細 as last known, without asking Amazon.
  ShopResult<OrderDetailView> order_detail(const std::string& order_number);
  // Opens 受注詳細: with 自動連携, reads every charge's status from Amazon first.
  ShopResult<OrderDetailView> open_order(const std::string& order_number);
  ShopResult<OrderDetailView> capture(const std::string& order_number);       // 入金処理
  ShopResult<OrderDetailView> reauthorize(const std::string& order_number);   // [再与信]
  ShopResult<OrderDetailView> change_status(const std::string& order_number,
                                            const std::string& status);
  ShopResult<OrderDetailView> cancel_order(const std::string& order_number,
                                           bool cancel_amazon_transaction);
  ShopResult<OrderDetailView> change_payment_method(const std::string& order_number,
                                                    const std::string& method,
                                                    bool cancel_amazon_transaction);
  ShopResult<std::string> render_thanks_mail(const std::string& order_number,
                                             const std::string& template_text);
  // 受注検索 by order status and 与信ステータス (empty = any).
  Page search_orders(const std::string& order_status, const std::string& authorization_status);
  std::optional<Subscription> subscription(const std::string& id);
  std::vector<std::string> subscription_ids();
  // 設定: the Amazon Pay set-up checklist shown to the merchant.
  Page setup_checklist() const;
  std::vector<std::string> order_numbers();
  std::optional<Order> order(const std::string& order_number);

  // ---- scheduled work (core::Schedule) ----
  std::optional<core::Instant> next_due() override;
  void run_due(core::Instant at) override;

 private:
  struct Checkout {
    std::string checkout_session_id;
    OrderType type = OrderType::Normal;
    std::vector<std::pair<std::string, int>> lines;
    Yen total;
    std::optional<CheckoutSessionView> session;  // as read on return from Amazon
    AmazonPayOrderView screen;
    PlaceOrderInput input;
  };

  CartView cart_view(std::string error = {});
  std::vector<ProductType> cart_types() const;
  Yen cart_total() const;
  const Product* product(const std::string& code) const;
  Page amazon_review_return(const std::string& checkout_session_id);
  Page amazon_result_return(const std::string& checkout_session_id);
  Page amazon_cancel_return();
  Page dedicated_screen(std::string error);
  OrderDetailView detail_of(const Order& order) const;
  void refresh(Order& order);
  void refresh_charge(ChargeRecord& charge);
  void mark_permission_unusable(Order& order);
  void generate_order(Subscription& subscription, core::Instant at);
  Page complete_subscription(const CheckoutSessionView& session);
  std::string next_order_number();
  std::string next_member_id();

  ShopSettings settings_;
  std::vector<Product> catalog_;
  AmazonPayApi amazon_;
  ShopStore& store_;
  const core::Clock& clock_;
  // Browser session.
  std::vector<std::pair<std::string, int>> cart_;
  bool store_pickup_ = false;
  std::optional<Checkout> checkout_;
  std::optional<std::string> member_;
};

}  // namespace shop_model
