// 会員登録 at checkout: ご購入と同時に会員登録 (GST-005) and the registration a subscription
// requires (SUB-014). The member logs in with Amazon (AmazonID連携 from the start).
#pragma once

#include <optional>
#include <string>

#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/domain/model.hpp"
#include "shop_model/store/shop_store.hpp"

namespace shop_model {

// Reserves the next 会員ID ("M0001", ...).
std::string reserve_member_id(ShopStore& store);

// A member registered from the buyer Amazon returned: no password of their own (GST-005),
// linked to Amazon at registration (MEM-013: one timestamp for both).
Member amazon_linked_member(std::string id, const CheckoutSessionView& buyer,
                            std::optional<bool> newsletter, Instant now);

}  // namespace shop_model
