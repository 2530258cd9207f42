// ポイント機能 and クーポン on orders: who gets purchase points (購入ポイント, PTS-001..005,
// SUB-016) and what a coupon or used points take off the total. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shop_model/domain/model.hpp"

namespace shop_model {

// Whose order it is, as far as purchase points care.
enum class PointsRecipient {
  Guest,                // ゲスト購入 (PTS-004)
  RegisteredWithOrder,  // 「ご購入と同時に新規会員登録」 on the dedicated screen (PTS-001/003)
  LoggedInMember,     // 会員ログインして購入 (PTS-002)
  SubscriptionOrder,  // an order generated from a 定期・頒布会 application (SUB-016)
};
std::string_view name(PointsRecipient r);  // "guest", "registered_with_order", ...

// 購入ポイント of an order of `total`: rate % of it, rounded down, or 0 where the help page
// says none are granted.
std::int64_t purchase_points(const ShopSettings& settings, PointsRecipient recipient, Yen total);

// The coupon's discount when `code` is the shop's coupon (never more than `total`), or
// nullopt for an unknown code.
std::optional<Yen> coupon_discount(const ShopSettings& settings, const std::string& code,
                                   Yen total);

// What a new order takes from its member (nullptr: a guest): お客様情報's 「メールマガジンの
//購読」 and 「モバイルメール受信可否」 (a guest's stay unset, GST-003), its 付与ポイント, and the
// member's balance (+ granted − used). Points are granted when the order is created
// (provisional 付与ポイント, counted in the balance at once).
void settle_order_for_member(Order& order, Member* member, PointsRecipient recipient,
                             const ShopSettings& settings);

}  // namespace shop_model
