// The storefront: what the customer does in one browser session (ショッピングカート,
// 「このサイトでお支払い」, [amazon pay], Amazon Pay専用「ご注文手続き」, Amazon's returns to
// the shop, ご注文完了, マイページ). Every action returns the Page the browser shows next.
//
//   cart.cpp            cart, store pickup, 通常のご注文フォーム
//   checkout.cpp        [amazon pay], the review return, the dedicated screen
//   checkout_result.cpp Amazon's result return: the order (or 申込) and ご購入と同時に会員登録
//   navigation.cpp      URLs the browser follows, マイページ > 注文履歴詳細
//   additional_info.cpp 「追加情報入力」: a member's required fields asked at checkout
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shop_model/shop_context.hpp"
#include "shop_model/storefront/session.hpp"
#include "shop_model/views.hpp"

namespace shop_model {

class Subscriptions;

class Storefront {
 public:
  Storefront(ShopContext& context, Subscriptions& subscriptions)
      : ctx_(context), subscriptions_(subscriptions) {}

  ShopResult<Page> add_to_cart(const std::string& product_code, int quantity);
  Page view_cart();
  Page select_store_pickup(StorePickup pickup);
  Page pay_on_this_site();  // 「このサイトでお支払い」 → 通常のご注文フォーム
  // A non-Amazon checkout through 通常のご注文フォーム, for comparisons (LIM-001).
  // Required 顧客登録項目 (非会員用入力項目 for guests) must be among `fields` (GST-001).
  ShopResult<Page> place_normal_form_order(const std::string& payment_method,
                                           const CustomerFieldValues& fields = {});
  // 「追加情報入力」 submitted: the member's fields saved; checkout goes on when none is left
  // empty (GST-002).
  Page fill_additional_info(const CustomerFieldValues& fields);

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

  BrowserSession& session() { return session_; }
  const BrowserSession& session() const { return session_; }

 private:
  CartView cart_view(std::string error = {});
  Page cart_page(std::string_view error);
  std::vector<ProductType> cart_types() const;
  Yen cart_total() const;
  Page amazon_review_return(const std::string& checkout_session_id);
  Page amazon_result_return(const std::string& checkout_session_id);
  Page amazon_cancel_return();
  Page my_order(const std::string& url, const std::string& order_number);
  Page dedicated_screen(std::string error);
  Page complete_order(const CheckoutSessionView& done);
  Page complete_subscription(const CheckoutSessionView& done);
  Page finish(const std::string& query, OrderCompleteView view);
  std::vector<CustomerField> missing_member_fields() const;
  Page additional_info_page(std::string error) const;
  std::string discount_refusal(const PlaceOrderInput& input);

  ShopContext& ctx_;
  Subscriptions& subscriptions_;
  BrowserSession session_;
};

}  // namespace shop_model
