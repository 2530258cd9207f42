// Screens as view models: what the customer, the member and the merchant see. Scenarios
// assert on their JSON form (to_json), whose field names are documented in
// scenarios/README.md.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/money.hpp"

namespace shop_model {

using core::Yen;

struct CartLineView {
  std::string product_code, product_name, product_type;
  int quantity = 0;
  Yen subtotal;
};

// ショッピングカート.
struct CartView {
  std::vector<CartLineView> lines;
  Yen total;
  std::string order_type;  // what the cart would become: normal, reservation, subscription
  bool store_pickup_selected = false;
  bool pay_on_site_button = false;  // 「このサイトでお支払い」
  bool amazon_pay_button = false;   // [amazon pay]
  std::string error;
};

// The first screen of 通常のご注文フォーム, with the payment methods it offers.
struct NormalOrderFormView {
  std::string step;  // お客様情報入力
  std::vector<std::string> payment_methods;
  bool multiple_destinations_available = false;
};

// Amazon Pay専用「ご注文手続き」.
struct AmazonPayOrderView {
  std::string order_type;
  Yen total;
  // Filled from Amazon (ORD-013/014).
  std::string name, email, postal_code, prefecture, address, phone;
  std::vector<std::string> fields_from_amazon;
  // What the customer can enter here (ORD-008); nothing that Amazon already gave.
  std::vector<std::string> input_fields;
  // Computed from the shop's settings and Amazon's answer (storefront/checkout.cpp).
  int delivery_addresses = 0;             // ORD-011
  bool can_add_delivery_address = false;  // ORD-011
  bool store_pickup_available = false;    // LIM-002
  bool card_number_input = false;         // AVAIL-007
  std::string payment_descriptor;
  bool privacy_consent_required = false;
  bool register_member_option = false;
  bool member_registration_required = false;  // subscriptions (SUB-014)
  bool newsletter_option = false;
  bool can_place_order = false;
  std::string error;  // e.g. the unusable-address message (ORD-015)
  // クーポン and ポイント利用 inputs: never for a 定期・頒布会 application (SUB-016).
  bool coupon_input = false;
  bool point_input = false;
};

// ご注文完了.
struct OrderCompleteView {
  std::string title;  // ご注文完了
  std::string order_number;
  std::string host;
};

// マイページ > 注文履歴詳細.
struct MyOrderView {
  std::string order_number;
  std::string amazon_pay_mypage_link;
};

// A page on Amazon's side (hosted sign-in and payment pages).
struct AmazonPageView {
  std::string page;  // "sign-in", "payment"; "login" for Amazonログイン (not a checkout)
  std::string checkout_session_id;
  std::string sign_in_return_url = {};  // login: where Amazon sends the buyer token
};

// The merchant's Amazon Pay set-up checklist (管理画面), as configuration data (ENV-007).
struct SetupChecklistView {
  std::vector<std::string> analytics_referral_exclusions;  // add to Google Analytics
};

// 受注検索 results (admin): FLOW-009 finds orders whose authorization failed at generation.
struct OrderSearchView {
  std::string order_status;          // criterion, empty = any
  std::string authorization_status;  // criterion, empty = any
  std::vector<std::string> order_numbers;
};

struct NotFoundView {
  std::string message;
};

// 「追加情報入力」: a member's required 顧客登録項目 still empty, asked before checkout goes on
// (GST-002); not skippable while one is empty.
struct AdditionalInfoView {
  std::string title;                         // 追加情報入力
  std::vector<std::string> required_fields;  // labels, e.g. 生年月日
  std::vector<std::string> missing_fields;   // those still empty
  std::string error;
};

// ---- members (members/): ログイン画面, 会員登録, マイページ and its pages, admin 会員検索

// ログイン画面 (MEM-002): shop ID/password, and [amazonでログイン] with the Amazon Pay option.
struct LoginView {
  bool amazon_login_button = false;  // [amazonでログイン]
  bool amazon_logged_in = false;  // Amazonログイン done, no member yet (CC未利用: MEM-003)
  std::string amazon_name;        // the Amazon buyer's name while amazon_logged_in
  std::string message;
  std::string error;
};

// 会員登録 (the storefront's registration form), shown again with its error.
struct MemberRegistrationView {
  bool amazon_logged_in = false;  // registering now links the Amazon account (MEM-003 (a))
  std::string error;
};

// マイページ: the member pages a session reaches, whichever way it logged in (MEM-008).
struct MyPageView {
  std::string member_id, name;
  std::string logged_in_with;  // "password" or "amazon"
  bool amazon_linked = false;  // AmazonID連携会員
  std::vector<std::string> menu;  // 注文履歴, パスワード変更, ログイン連携 (CC運用中)
  std::vector<std::string> order_numbers;  // 注文履歴
  std::string message;
};

// マイページ「ログイン連携」 (CC運用中 only, MEM-014) with the unlink button (MEM-015).
struct LoginLinksView {
  std::string amazon_account;  // the entry's label: Amazonアカウント
  std::string amazon_status;   // 連携中, or 未連携
  bool unlink_button = false;
  std::string error;
};

// パスワード変更 (マイページ), パスワードをお忘れの場合 (CC未利用) / パスワード再設定 (CC).
struct PasswordView {
  std::string title;
  bool current_password_required = false;  // not for a member without one (GST-006)
  bool completed = false;
  std::string error;
};

// admin 会員検索: the result of one search (ログイン連携関連「Amazon ID連携」).
struct MemberSearchView {
  std::string amazon_link;  // criterion: あり, なし, or empty = any
  std::vector<std::string> member_ids;
};

using Screen = std::variant<CartView, NormalOrderFormView, AmazonPayOrderView,
                            OrderCompleteView, MyOrderView, AmazonPageView, SetupChecklistView,
                            OrderSearchView, NotFoundView, AdditionalInfoView, LoginView,
                            MemberRegistrationView, MyPageView, LoginLinksView, PasswordView,
                            MemberSearchView>;

// Where the browser is and what it shows.
struct Page {
  std::string url;
  Screen screen;
};
std::string_view screen_name(const Screen& s);  // "cart", "normal_order_form", ...

// 受注詳細 > お客様情報: the two mail flags as recorded (null: never registered, GST-003) and
// as shown ("" then, GST-004), and the 顧客登録項目 entered, by field name.
struct CustomerInfoView {
  std::string name, email;
  std::optional<bool> newsletter, mobile_mail;
  std::string newsletter_text, mobile_mail_text;
  std::vector<std::pair<std::string, std::string>> fields;  // e.g. birth_date, value
};

// 受注詳細: one row per charge (AUTHST-015).
struct ChargeRowView {
  std::string charge_id;
  std::string role;
  Yen amount;
  std::string authorization_status;
  std::string amazon_state, amazon_reason;
  bool superseded = false;
  // What Amazon last showed (Seller Central's work included) and what is left to refund.
  Yen amazon_captured, amazon_refunded, refundable;
};

// One 金額変更 (AMT-008 kind by its label).
struct AmountChangeRowView {
  std::string kind;  // e.g. 送料
  Yen from, to;
  std::string at;    // JST
};

struct OrderDetailView {
  std::string order_number, order_type, order_status, payment_method;
  std::optional<std::string> member_id;
  Yen total;
  Yen authorized_amount;
  Yen captured_amount;
  std::string payment_status;  // 入金状況: 未入金 / 入金済
  std::string payment_date;    // 入金日 (JST), empty when none
  bool authorization_status_shown = false;  // SYNC-004, ZERO-003
  std::string authorization_status;         // the order's 与信ステータス
  std::vector<ChargeRowView> charges;
  std::string charge_permission_id;
  std::string charge_permission_status;  // usable / deletion scheduled / deleted
  bool reauthorization_notice = false;   // REAUTH-002
  std::string reauthorization_notice_text;
  bool reauthorization_section = false;  // REAUTH-003
  bool reauthorization_button_enabled = false;
  std::string reauthorization_status;    // 再与信ステータス
  std::string reauthorization_unavailable_reason;
  bool capture_button_enabled = false;   // 入金処理
  // 決済・ポイント利用額編集: the payment methods the order can be changed to (PMC-003).
  std::vector<std::string> payment_method_choices;
  std::string failure_message;           // REAUTH-006: one of the three, or empty
  std::string shop_memo;
  std::string error;                     // the last operation's error
  std::vector<AmountChangeRowView> amount_changes;  // 金額変更 history
  // AMT-009/010: the highest total a change may ask for before capture.
  Yen amount_change_ceiling;
  CustomerInfoView customer;     // お客様情報
  std::int64_t granted_points = 0;  // 付与ポイント
  std::int64_t used_points = 0;     // 利用ポイント
  std::string coupon_code;          // クーポン
  Yen coupon_discount;
};

// 定期・頒布会 申込詳細: the application as the merchant (and the member's マイページ) sees it.
// Instants are ISO-8601 UTC, or null.
struct SubscriptionView {
  std::string subscription_id;  // 申込番号
  std::string status;           // 継続中 / 完了 / 申込取消
  bool deleted = false;         // 申込削除
  std::string member_id;
  std::string payment_method;
  Yen amount_per_delivery;
  int deliveries_total = 0;  // 0: 定期 (until cancelled)
  int deliveries_generated = 0;
  int deliveries_skipped = 0;
  std::string applied_at;
  std::optional<std::string> next_generation_at;
  std::string charge_permission_id;
  std::optional<std::string> charge_permission_expires;  // as the shop last read it
  std::string charge_permission_status;  // 有効 / 削除予定 <JST> / 削除済
  std::vector<std::string> order_numbers;
};

nlohmann::json to_json(const Page& page);
nlohmann::json to_json(const OrderDetailView& view);
nlohmann::json to_json(const SubscriptionView& view);

}  // namespace shop_model
