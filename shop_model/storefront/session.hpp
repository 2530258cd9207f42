// One browser session on the storefront: the cart, the Amazon Pay checkout in progress and
// the member logged in, if any. Lives in memory only, like a browser's session cookie.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/domain/model.hpp"
#include "shop_model/views.hpp"

namespace shop_model {

// 店舗受取 in the cart.
enum class StorePickup { NotSelected, Selected };

// What the customer fills in on the dedicated screen (Amazon Pay専用「ご注文手続き」).
struct PlaceOrderInput {
  bool privacy_consent = true;
  bool register_member = false;  // ご購入と同時に会員登録
  std::optional<bool> newsletter;  // only with register_member
  std::string delivery_note;
  int extra_delivery_addresses = 0;  // asking for more than one address (ORD-011)
  StorePickup store_pickup = StorePickup::NotSelected;  // asking for it anyway (LIM-002)
  std::string coupon;          // クーポン code, empty = none
  std::int64_t use_points = 0;  // ポイント利用
};

using CartLines = std::vector<std::pair<std::string, int>>;  // product code, quantity

// The Amazon Pay checkout between [amazon pay] and ご注文完了.
struct Checkout {
  std::string checkout_session_id;
  OrderType type = OrderType::Normal;
  CartLines lines;
  Yen total;
  std::optional<CheckoutSessionView> session;  // as read on return from Amazon
  AmazonPayOrderView screen;
  PlaceOrderInput input;
  Yen coupon_discount{0};  // what input.coupon took off the total
};

// Amazonログイン on this browser: the buyer Amazon's sign-in returned (Get Buyer) and the
// token to sign out with (MEM-009).
struct AmazonLogin {
  std::string buyer_token;
  std::string buyer_id, name, email;
};

struct BrowserSession {
  CartLines cart;
  StorePickup store_pickup = StorePickup::NotSelected;
  std::optional<Checkout> checkout;
  std::optional<std::string> member;  // logged in
  std::optional<AmazonLogin> amazon_login;
};

}  // namespace shop_model
