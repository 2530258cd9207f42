// The shop's Amazon Pay rules as pure functions over its records (no I/O, no clock reads:
// time comes in as `now`). Rule IDs refer to reports/catalogue/rules.yaml.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shop_model/domain/model.hpp"

namespace shop_model {

// ---- 与信ステータス ----------------------------------------------------------------

// The seed's table (L318-L330), in table order; each name is its label in texts.hpp.
enum class AuthorizationStatus {
  Authorizing,            // 承認中
  Authorized,             // 承認済
  AuthorizationExpired,   // 承認完了 (30 days unused)
  AuthorizationFailed,    // 承認失敗
  AuthorizationCanceled,  // 承認取消済
  Capturing,              // 請求中
  Captured,               // 請求済
  CaptureCompleted,       // 請求完了
  CaptureDeclined,        // 請求却下
  Refunding,              // 返金中
  Refunded,               // 返金済
  RefundDeclined,         // 返金却下
  Unavailable,            // Amazon could not be read
};
std::string_view name(AuthorizationStatus status);  // the seed's label
std::optional<AuthorizationStatus> parse_authorization_status(std::string_view label);
// Every status of the seed's table, in table order (AUTHST-000).
const std::vector<AuthorizationStatus>& all_authorization_statuses();

// The status of one charge (AUTHST-*, rules.md Appendix A and decisions 3 and 7).
AuthorizationStatus authorization_status(const ChargeRecord& charge);
// The order's status: the statuses of its charges that still count (not superseded), rolled
// up by urgency (AUTHST-015): a charge that needs attention decides; 承認済 only when every
// counted charge is 承認済. nullopt when the order has no such charge.
std::optional<AuthorizationStatus> order_authorization_status(const Order& order);

// ---- storefront ------------------------------------------------------------------------

// A cart with a subscription product is a subscription; one with a reservation product is a
// reservation (AVAIL-002 proposal for mixed carts); otherwise normal.
OrderType order_type_for(const std::vector<ProductType>& products_in_cart);
// Whether [amazon pay] is offered for an order of this type (AVAIL-001..005).
bool amazon_pay_offered(const ShopSettings& settings, OrderType type);
// Why not, for the error shown when the dedicated screen is reached anyway; empty if offered.
std::string amazon_pay_refusal(const ShopSettings& settings, OrderType type);

inline constexpr Yen kMaxOrderAmount{10'000'000};  // RSV-010, AVAIL-010

// The two ways to check out: 通常のご注文フォーム, or Amazon Pay専用「ご注文手続き」.
enum class CheckoutPath { NormalForm, AmazonPay };
// 複数お届け先: only through the normal form and only when the shop uses it (ORD-011/012).
bool multiple_destinations_offered(const ShopSettings& settings, CheckoutPath path);
// 店舗受取: only through the normal form and only with the option (LIM-002).
bool store_pickup_offered(const ShopSettings& settings, CheckoutPath path);

// The six fields taken from Amazon (ORD-014), in the seed's order.
const std::vector<std::string>& fields_from_amazon();

// Digits of a phone number or postal code ("03-1234-5678" → "0312345678").
std::string digits_of(std::string_view text);
// Kanji prefecture for an Amazon stateOrRegion given in kanji or romanised; nullopt if none
// of the 47 matches.
std::optional<std::string> prefecture_of(std::string_view state_or_region);

struct AmazonAddress {
  std::string name, postal_code, state_or_region, address_line1, address_line2, phone;
};
// ORD-015: the shop refuses an address whose phone number does not have 10 or 11 digits,
// whose postal code does not have 7 digits, or whose prefecture is unknown.
bool address_usable(const AmazonAddress& address);

// ---- order processing ----------------------------------------------------------------

// FLOW-003: 入金処理 needs the order's label to be 承認済.
bool capture_allowed(const Order& order);

// Charges whose money counts: not superseded, and holding or having taken an authorization.
Yen authorized_amount(const Order& order);
Yen captured_amount(const Order& order);

enum class ReauthBlock {
  None,
  NotAmazonPay,        // the order is no longer paid with Amazon Pay
  AutoLinkOff,         // nothing is sent to Amazon without 自動連携
  Canceled,            // the order was canceled
  CapturedOrRefunded,  // RSV-009, SUB-013: after 売上 or 売上返金
  PermissionDeleted,   // the shop deleted the Charge Permission (RSV-007/008)
  NothingToAuthorize,  // every yen of the total is already authorized
  Pending,             // an authorization is still in progress (承認中)
};
// Whether the [再与信] button works now (REAUTH-003/004/005).
ReauthBlock reauthorization_block(const Order& order, const ShopSettings& settings);
std::string_view describe(ReauthBlock block);

// REAUTH-001/002: the order needs a new authorization before it can be captured.
bool needs_reauthorization(const Order& order);

// The amount a 再与信 asks for: the order total minus what valid charges already hold.
Yen reauthorization_amount(const Order& order);

// REAUTH-006 / decision 9: the message shown when a 再与信 fails for good, chosen from
// Amazon's reasonCode and, when the charge permission refused it, the permission's state
// and reasons. Empty when the failure is retryable (SoftDeclined, ProcessingFailure, ...).
std::string_view reauthorization_failure_message(
    ReasonCode reason, ChargePermissionState permission_state,
    const std::vector<ReasonCode>& permission_reasons);

// ---- 金額変更 (AMT), Seller Central, refunds ----------------------------------------

// When the order's latest successful authorization (the newest charge Amazon accepted, even
// if it later expired or was captured) was asked for; nullopt when none succeeded.
std::optional<Instant> latest_authorization(const Order& order);
// AMT-003 / decision 6: amounts may change while that authorization is valid (+30 × 24 h
// excluded).
bool amount_change_window_open(const Order& order, Instant now);
// AMT-009 / decision 2: max(9 × the order-time amount, ¥70,000), never above ¥10,000,000;
// subscriptions (AMT-010, SUB-019) only have the ¥10,000,000 bound.
Yen amount_change_ceiling(const Order& order);
// AMT-011: the buyer paid with Amazon gift-card balance only (from the payment descriptor).
bool gift_card_only(const Order& order);
// Why a 金額変更 to `new_total` is refused (messages.hpp), empty when it is accepted
// (AMT-001/003/006/009/010/011). Granted points (AMT-008) are never checked.
std::string_view amount_change_refusal(const Order& order, const AmountChange& change,
                                       const ShopSettings& settings, Instant now);

// AMT-012: Amazon shows the charge Canceled by the merchant (MerchantCanceled) although the
// shop did not cancel it: it was canceled in Seller Central.
bool canceled_in_seller_central(const ChargeRecord& charge);
// AMT-013: a charge the order holds was canceled in Seller Central; 入金処理 is then recorded
// locally only.
bool changed_in_seller_central(const Order& order);
// Refunds the shop asked for on the charge that Amazon settled.
Yen shop_refunded(const ChargeRecord& charge);
// What Amazon shows captured on the charge (the shop's own capture when not read yet).
Yen captured_at_amazon(const ChargeRecord& charge);
// Decision 4: Seller Central refunded part of the charge, so the shop refunds none of it.
bool refunded_in_seller_central(const ChargeRecord& charge);
// Seller Central refunds of the Charge still RefundInitiated, as notifications told the shop.
Yen seller_central_refund_pending(const ChargeRecord& charge);
// "400円" (thousands separated: "12,000円").
std::string yen_text(Yen amount);

// ---- shop memo (MEMO) ----------------------------------------------------------------

enum class PaymentInstrument { Card, GiftCard, GiftCardAndCard };
PaymentInstrument payment_instrument(std::string_view payment_descriptor);
// MEMO-002..004: the memo line for the way the buyer paid (texts.hpp).
std::string_view memo_line(PaymentInstrument instrument);
// MEMO-005: "Visa ****1111" when the descriptor names a card, keeping at most its last 4
// digits; empty when it names none.
std::string masked_card(std::string_view payment_descriptor);
// MEMO-001: `memo` with `line` appended on a line of its own, existing text kept.
std::string append_memo_line(const std::string& memo, std::string_view line);
// The memo of a new Amazon Pay order (not used for subscription orders, MEMO-006).
std::string memo_for(const std::string& memo, std::string_view payment_descriptor,
                     const ShopSettings& settings);

// REAUTH-011: expands {@domain} and $REQNUM$ in a mail template; GST-004: $MAILMAGAZINE$
// (「メールマガジンの購読」) and $MOBILEMAIL$ (「モバイルメール受信可否」).
std::string expand_mail_placeholders(std::string_view text, const ShopSettings& settings,
                                     const Order& order);
// REAUTH-013: the buyer's Amazon Pay page for this kind of order.
std::string_view amazon_mypage_url(OrderType type);

}  // namespace shop_model
