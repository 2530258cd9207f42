// The shop's records: settings, products, members, orders and the Amazon Pay charges each
// order holds. Pure data; the rules over it (与信ステータス labels included) live in
// rules.hpp, the seed's exact texts in texts.hpp, Amazon's states in amazon_states.hpp.
//
// Invariants:
//  - an Amazon Pay order has at most one Charge Permission, and every charge of the order
//    was created on it;
//  - the captured amount of an order never exceeds what its charges authorized;
//  - an order whose payment method moved away from Amazon Pay never moves back (PMC-007).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/time.hpp"
#include "shop_model/domain/amazon_states.hpp"
#include "shop_model/domain/customer_fields.hpp"

namespace shop_model {

using core::Instant;
using core::Yen;

// コマースクリエイター: 未利用 / 移行中(切替前) / 運用中(新規・切替後). "CC利用" = Live
// (rules.md decision 1).
enum class CcVariant { None, Migrating, Live };
std::string_view name(CcVariant v);  // "CC_NONE", "CC_MIGRATING", "CC_LIVE"
std::optional<CcVariant> parse_cc_variant(std::string_view text);

enum class ProductType { Normal, Reservation, Subscription };
std::string_view name(ProductType t);  // "normal", "reservation", "subscription"
std::optional<ProductType> parse_product_type(std::string_view text);

// 会員登録方法.
enum class MemberRegistration { Open, AdminOnly };

struct ShopSettings {
  std::string domain = "shop.example";
  std::string name = "Example Shop";
  CcVariant variant = CcVariant::Live;
  bool option_amazon_pay = true;            // AVAIL-004
  bool option_amazon_pay_recurring = true;  // AVAIL-005
  bool option_subscription = true;          // the shop's own 定期・頒布会 option
  // 設定>決済>決済一覧>Amazon Pay設定-決済処理設定-自動連携: ON only when both are checked.
  bool auto_link_use = true;        // 「利用する」
  bool auto_link_configure = true;  // 「設定する」
  bool merchant_url_set = false;    // 販売事業者様サイトURL (Amazon's notification endpoint)
  bool store_pickup_option = false; // 店舗受取オプション
  bool multiple_destinations = false;  // 複数お届け機能
  MemberRegistration member_registration = MemberRegistration::Open;
  bool privacy_consent_required = true;
  // 「一定期間後」: delay between a Charge Permission becoming unusable and its closing at
  // Amazon (rules.md decision 5).
  core::Duration charge_permission_deletion_delay = core::kDay;
  // 定期・頒布会: when the first order of an application is generated (then monthly).
  core::Duration subscription_first_generation_delay = core::kDay;
  std::string store_id = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef";
  // Payment methods of the normal order form (通常のご注文フォーム), by display name as the
  // merchant configured them; an order placed with one records its PaymentMethod.
  std::vector<std::string> other_payment_methods = {"クレジットカード", "銀行振込", "代金引換"};

  // MEMO-005 (post-2021.09): when Amazon's payment descriptor carries card details, the shop
  // memo also gets the masked card ("Visa ****1111"), never more than its last 4 digits.
  bool memo_card_details = false;

  bool auto_link() const { return auto_link_use && auto_link_configure; }

  // Amazon's notifications (notifications/): the host[:port] a SigningCertURL must name, and
  // whether an unsigned envelope is refused (false only as a test switch).
  std::string amazon_notification_host = "mock-amazon.invalid";
  bool notification_signature_required = true;

  // 設定>購入者・会員情報>顧客登録項目一覧: each field's use for non-members (「非会員用入力項目」)
  // and for members; a field not listed is 利用しない.
  CustomerFieldUses guest_fields;
  CustomerFieldUses member_fields;
  // ポイント機能 and the purchase-point rate, % of the order total (rounded down).
  bool point_function = false;
  std::int64_t point_rate_percent = 1;
  // The shop's one coupon (クーポン); no coupon when the code is empty.
  std::string coupon_code;
  Yen coupon_discount{0};
};

struct Product {
  std::string code;
  std::string name;
  Yen price;
  ProductType type = ProductType::Normal;
  // Subscriptions: deliveries of a 頒布会 (0 = 定期, until cancelled), one a month.
  int deliveries = 0;
};

enum class MemberStatus { Active, Withdrawn };

struct Member {
  std::string id;  // "M0001"
  std::string email;
  std::string name;
  MemberStatus status = MemberStatus::Active;
  std::optional<std::string> amazon_buyer_id;  // AmazonID連携
  bool has_password = false;
  std::optional<bool> newsletter;
  Instant registered_at;
  std::optional<Instant> amazon_linked_at;
  // 顧客登録項目 the member has entered (「追加情報入力」, GST-002).
  CustomerFieldValues extra_fields;
  std::int64_t points = 0;  // ポイント残高, purchase points granted included
  // 自社ECサイトのパスワード: only a salted hash (members/password.hpp); empty when none.
  std::string password_salt;
  std::string password_hash;
};

enum class OrderType { Normal, Reservation, Subscription };
std::string_view name(OrderType t);

// 受注ステータス (the subset the Amazon Pay rules touch).
enum class OrderStatus { Normal, Reservation, OnHold, Canceled };
std::string_view name(OrderStatus status);  // "通常処理", "予約", "保留", "キャンセル"
std::optional<OrderStatus> parse_order_status(std::string_view text);

// 決済方法. NotRequired: 決済不要, chosen when the total became ¥0 (ZERO-001).
enum class PaymentMethod { AmazonPay, CreditCard, BankTransfer, CashOnDelivery, NotRequired };
// "Amazon Pay", "クレジットカード", "銀行振込", "代金引換", "決済不要"
std::string_view name(PaymentMethod method);
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

// SellerCentral: a Charge the merchant created in Seller Central (an increase, or the new
// Charge of an amount change there), learned from Amazon's notification (decision 4).
enum class ChargeRole { Original, Increase, Reauthorization, SellerCentral };
std::string_view name(ChargeRole r);

struct RefundRecord {
  std::string refund_id;
  Yen amount;
  RefundState amazon_state = RefundState::None;
  std::string amazon_reason;  // Amazon's reasonCode as it came
};

// One authorization the shop asked Amazon for, and what the shop last learned of it.
struct ChargeRecord {
  std::string charge_id;  // empty when Amazon refused to create it
  ChargeRole role = ChargeRole::Original;
  Yen amount;
  Instant requested_at;
  ChargeState amazon_state = ChargeState::None;  // last known; None when never created
  std::string amazon_reason;  // last known reasonCode (or the refusal's), as Amazon spelled it
  Yen captured{0};            // what 入金処理 captured on it
  // What Amazon last showed (captureAmount, refundedAmount): includes Seller Central's work.
  Yen amazon_captured{0};
  Yen amazon_refunded{0};
  bool capture_requested = false;
  bool capture_failed = false;     // the capture call itself was refused
  bool capture_confirmed = false;  // a later status read confirmed Captured (請求完了)
  bool fetch_failed = false;       // the last status read did not reach Amazon
  bool superseded = false;         // replaced by a later successful re-authorization
  std::vector<RefundRecord> refunds;
  // Captured in Seller Central, learned from Amazon's notification (SYNC-005): the shop then
  // records it as its 入金 (capture_requested, captured), and remembers where it came from.
  bool seller_central_capture = false;
  bool canceled_by_shop = false;   // the shop canceled it (so a Canceled it did not ask for
                                   // came from Seller Central: AMT-012)
  // Refunds made in Seller Central, learned from Amazon's notifications: Amazon's
  // refundedAmount counts only settled refunds, so a pending one is known only from here.
  std::vector<RefundRecord> seller_central_refunds;
};

// 金額変更: the edits of AMT-008 that change what the buyer pays (GrantedPoints is an order
// edit that does not). Names: "order_amount" (受注内容・受注金額), "delivery_method" (配送方法),
// "shipping_fee" (送料), "fee" (手数料), "granted_points" (付与ポイント), "used_points"
// (利用ポイント), "coupon" (クーポン), "bundle_discount" (バンドル販売割引), "amount_discount"
// (購入金額別割引額), "wrapping" (包装).
enum class AmountChangeKind {
  OrderAmount,
  DeliveryMethod,
  ShippingFee,
  Fee,
  GrantedPoints,
  UsedPoints,
  Coupon,
  BundleDiscount,
  AmountDiscount,
  Wrapping,
};
std::string_view name(AmountChangeKind kind);   // "order_amount", ...
std::string_view label(AmountChangeKind kind);  // "受注内容・受注金額", ...
std::optional<AmountChangeKind> parse_amount_change_kind(std::string_view text);
std::vector<AmountChangeKind> amount_change_kinds();  // in table order

// One 金額変更 as the merchant asks for it: the edit and the order total it leads to.
struct AmountChange {
  AmountChangeKind kind = AmountChangeKind::OrderAmount;
  Yen new_total;
};

// One accepted 金額変更, kept for 受注詳細.
struct AmountChangeRecord {
  AmountChangeKind kind = AmountChangeKind::OrderAmount;
  Yen from, to;
  Instant at;
};

struct Customer {
  std::string name, email, postal_code, prefecture, address, phone;
};

struct Order {
  std::string number;  // REQNUM
  OrderType type = OrderType::Normal;
  OrderStatus status = OrderStatus::Normal;
  PaymentMethod payment_method = PaymentMethod::AmazonPay;
  std::optional<std::string> member_id;  // empty for guests
  Customer orderer;
  Customer recipient;  // exactly one delivery address (ORD-011)
  std::vector<std::pair<std::string, int>> lines;  // product code, quantity
  Yen total;
  Yen order_time_amount;  // A of AMT-009, fixed at order time
  Instant ordered_at;
  std::string checkout_session_id;
  std::string charge_permission_id;
  std::string payment_descriptor;
  bool charge_permission_unusable = false;       // deletion triggered (RSV-007/008)
  std::optional<Instant> charge_permission_close_at;  // when the shop closes it at Amazon
  bool charge_permission_closed = false;         // closed at Amazon by the shop
  std::optional<Instant> charge_permission_expires;
  bool amazon_transaction_canceled = false;      // 「Amazonの取引情報を取り消す」 was used
  std::vector<ChargeRecord> charges;
  bool paid = false;  // 入金状況 入金済
  std::optional<Instant> paid_at;
  std::string reauthorization_failure;  // one of texts::kReauthFailed*, or empty
  std::string shop_memo;
  std::string last_error;  // the last admin operation's error, shown on 受注詳細
  std::vector<AmountChangeRecord> amount_changes;  // 金額変更 history, oldest first
  // お客様情報 beyond name and address: 「メールマガジンの購読」 and 「モバイルメール受信可否」,
  // unset for a guest of the dedicated screen (GST-003), and the 顧客登録項目 entered.
  std::optional<bool> newsletter;
  std::optional<bool> mobile_mail;
  CustomerFieldValues extra_fields;
  std::int64_t granted_points = 0;  // 付与ポイント (provisional from the order on)
  std::int64_t used_points = 0;     // 利用ポイント
  std::string coupon_code;          // クーポン used, or empty
  Yen coupon_discount{0};
  std::string subscription_id;  // 申込番号 of a generated order (定期・頒布会), else empty
};

// 定期・頒布会の申込: one application, one Recurring Charge Permission, one order per delivery.
// 申込削除 is not a status: a deleted application keeps its last status and is flagged.
enum class SubscriptionStatus { Active, Completed, Canceled };
std::string_view name(SubscriptionStatus status);  // "継続中", "完了", "申込取消"
std::optional<SubscriptionStatus> parse_subscription_status(std::string_view text);

struct Subscription {
  std::string id;  // 申込番号 "S1001"
  std::string member_id;
  std::vector<std::pair<std::string, int>> lines;
  Yen amount_per_delivery;
  int deliveries_total = 0;  // 0: until cancelled
  int deliveries_generated = 0;
  SubscriptionStatus status = SubscriptionStatus::Active;
  Instant applied_at;
  std::optional<Instant> next_generation_at;
  std::string checkout_session_id;
  std::string charge_permission_id;
  std::optional<Instant> charge_permission_expires;
  std::string payment_descriptor;
  std::vector<std::string> order_numbers;
  // The application's payment method: changed away from Amazon Pay, never back (SUB-011).
  PaymentMethod payment_method = PaymentMethod::AmazonPay;
  int deliveries_skipped = 0;  // スキップ: months passed without a delivery
  bool deleted = false;        // 申込削除 (SUB-010)
  std::optional<Instant> deleted_at;
  // Deletion of the Charge Permission (SUB-008..012, decision 5), as for orders.
  bool charge_permission_unusable = false;
  std::optional<Instant> charge_permission_close_at;
  bool charge_permission_closed = false;
};

// One notification Amazon delivered to the 販売事業者様サイトURL (notifications/), kept by its
// NotificationId so a redelivery changes nothing.
struct NotificationRecord {
  std::string id;  // NotificationId
  Instant received_at;
  std::string object_type;  // CHARGE, REFUND, CHARGE_PERMISSION, ...
  std::string object_id;
  std::string outcome;  // "applied", or "ignored: <why>"
};

}  // namespace shop_model
