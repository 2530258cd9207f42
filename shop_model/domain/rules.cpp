#include "shop_model/domain/rules.hpp"

#include <algorithm>
#include <cctype>

#include "shop_model/domain/order_mails.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {

std::string_view name(CcVariant v) {
  switch (v) {
    case CcVariant::None: return "CC_NONE";
    case CcVariant::Migrating: return "CC_MIGRATING";
    case CcVariant::Live: return "CC_LIVE";
  }
  return "?";
}

std::optional<CcVariant> parse_cc_variant(std::string_view text) {
  if (text == "CC_NONE") return CcVariant::None;
  if (text == "CC_MIGRATING") return CcVariant::Migrating;
  if (text == "CC_LIVE") return CcVariant::Live;
  return std::nullopt;
}

std::string_view name(ProductType t) {
  switch (t) {
    case ProductType::Normal: return "normal";
    case ProductType::Reservation: return "reservation";
    case ProductType::Subscription: return "subscription";
  }
  return "?";
}

std::optional<ProductType> parse_product_type(std::string_view text) {
  if (text == "normal") return ProductType::Normal;
  if (text == "reservation") return ProductType::Reservation;
  if (text == "subscription") return ProductType::Subscription;
  return std::nullopt;
}

std::string_view name(OrderType t) {
  switch (t) {
    case OrderType::Normal: return "normal";
    case OrderType::Reservation: return "reservation";
    case OrderType::Subscription: return "subscription";
  }
  return "?";
}

std::string_view name(ChargeRole r) {
  switch (r) {
    case ChargeRole::Original: return "original";
    case ChargeRole::Increase: return "increase";
    case ChargeRole::Reauthorization: return "reauthorization";
    case ChargeRole::SellerCentral: return "seller_central";
  }
  return "?";
}

// ---------------------------------------------------------------- labels

namespace {
using AS = AuthorizationStatus;
}  // namespace

std::string_view name(AuthorizationStatus s) {
  using namespace texts;
  switch (s) {
    case AS::Authorizing: return kAuthorizing;
    case AS::Authorized: return kAuthorized;
    case AS::AuthorizationExpired: return kAuthorizationExpired;
    case AS::AuthorizationFailed: return kAuthorizationFailed;
    case AS::AuthorizationCanceled: return kAuthorizationCanceled;
    case AS::Capturing: return kCapturing;
    case AS::Captured: return kCaptured;
    case AS::CaptureCompleted: return kCaptureCompleted;
    case AS::CaptureDeclined: return kCaptureDeclined;
    case AS::Refunding: return kRefunding;
    case AS::Refunded: return kRefunded;
    case AS::RefundDeclined: return kRefundDeclined;
    case AS::Unavailable: return kStatusUnavailable;
  }
  return kStatusUnavailable;
}

const std::vector<AuthorizationStatus>& all_authorization_statuses() {
  static const std::vector<AS> all = {
      AS::Authorizing,     AS::Authorized,       AS::AuthorizationExpired, AS::AuthorizationFailed,
      AS::AuthorizationCanceled, AS::Capturing,  AS::Captured,             AS::CaptureCompleted,
      AS::CaptureDeclined, AS::Refunding,        AS::Refunded,             AS::RefundDeclined,
      AS::Unavailable};
  return all;
}

std::optional<AuthorizationStatus> parse_authorization_status(std::string_view label) {
  for (AS s : all_authorization_statuses())
    if (name(s) == label) return s;
  return std::nullopt;
}

namespace {

AuthorizationStatus refund_status(RefundState state) {
  switch (state) {
    case RefundState::Refunded: return AS::Refunded;
    case RefundState::Declined: return AS::RefundDeclined;
    case RefundState::None:
    case RefundState::RefundInitiated: break;
  }
  return AS::Refunding;
}

}  // namespace

AuthorizationStatus authorization_status(const ChargeRecord& c) {
  if (c.fetch_failed) return AS::Unavailable;
  if (!c.refunds.empty()) return refund_status(c.refunds.back().amazon_state);
  if (c.charge_id.empty()) return AS::AuthorizationFailed;  // Amazon refused the authorization
  // A refused capture describes the Charge only while it is still what was refused: once
  // Amazon moved it on (expired, canceled), that state decides (found by conformance fuzz).
  if (c.capture_failed &&
      (c.amazon_state == ChargeState::Authorized || c.amazon_state == ChargeState::Declined))
    return AS::CaptureDeclined;
  switch (c.amazon_state) {
    case ChargeState::AuthorizationInitiated: return AS::Authorizing;
    case ChargeState::Authorized: return AS::Authorized;
    case ChargeState::CaptureInitiated: return AS::Capturing;
    case ChargeState::Captured: return c.capture_confirmed ? AS::CaptureCompleted : AS::Captured;
    case ChargeState::Canceled:
      return reason_code(c.amazon_reason) == ReasonCode::ExpiredUnused ? AS::AuthorizationExpired
                                                                       : AS::AuthorizationCanceled;
    case ChargeState::Declined:
      return c.capture_requested ? AS::CaptureDeclined : AS::AuthorizationFailed;
    case ChargeState::None: break;
  }
  return AS::Unavailable;
}

std::optional<AuthorizationStatus> order_authorization_status(const Order& order) {
  // Most urgent first: what needs the merchant's attention decides the order's status.
  static const std::vector<AS> urgency = {
      AS::Unavailable, AS::AuthorizationFailed, AS::CaptureDeclined, AS::RefundDeclined,
      AS::Authorizing, AS::Capturing,           AS::Refunding,       AS::AuthorizationExpired,
      AS::AuthorizationCanceled, AS::Authorized, AS::Captured,       AS::CaptureCompleted,
      AS::Refunded};
  size_t best = urgency.size();
  for (const auto& c : order.charges) {
    if (c.superseded) continue;
    auto it = std::find(urgency.begin(), urgency.end(), authorization_status(c));
    best = std::min(best, static_cast<size_t>(it - urgency.begin()));
  }
  if (best == urgency.size()) return std::nullopt;
  return urgency[best];
}

// ---------------------------------------------------------------- storefront

OrderType order_type_for(const std::vector<ProductType>& products) {
  bool reservation = false;
  for (ProductType p : products) {
    if (p == ProductType::Subscription) return OrderType::Subscription;
    reservation = reservation || p == ProductType::Reservation;
  }
  return reservation ? OrderType::Reservation : OrderType::Normal;
}

std::string amazon_pay_refusal(const ShopSettings& s, OrderType type) {
  if (!s.option_amazon_pay) return "Amazon Payはご利用いただけません。";
  switch (type) {
    case OrderType::Normal:
      return "";
    case OrderType::Reservation:
      // AVAIL-002: コマースクリエイター利用店舗のみ (CC利用 = CC_LIVE).
      if (s.variant != CcVariant::Live)
        return "予約商品のご注文にAmazon Payはご利用いただけません。";
      return "";
    case OrderType::Subscription:
      // AVAIL-003/005: 運用中(新規・切替後) and both options.
      if (s.variant != CcVariant::Live || !s.option_amazon_pay_recurring || !s.option_subscription)
        return "定期・頒布会のお申込みにAmazon Payはご利用いただけません。";
      return "";
  }
  return "";
}

bool amazon_pay_offered(const ShopSettings& s, OrderType type) {
  return amazon_pay_refusal(s, type).empty();
}

bool multiple_destinations_offered(const ShopSettings& s, CheckoutPath path) {
  return path == CheckoutPath::NormalForm && s.multiple_destinations;
}

bool store_pickup_offered(const ShopSettings& s, CheckoutPath path) {
  return path == CheckoutPath::NormalForm && s.store_pickup_option;
}

const std::vector<std::string>& fields_from_amazon() {
  static const std::vector<std::string> fields = {"氏名", "メールアドレス", "郵便番号",
                                                  "都道府県", "住所", "電話番号"};
  return fields;
}

std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

std::optional<std::string> prefecture_of(std::string_view state) {
  static const std::pair<const char*, const char*> kPrefectures[] = {
      {"北海道", "Hokkaido"}, {"青森県", "Aomori"},     {"岩手県", "Iwate"},
      {"宮城県", "Miyagi"},   {"秋田県", "Akita"},      {"山形県", "Yamagata"},
      {"福島県", "Fukushima"}, {"茨城県", "Ibaraki"},   {"栃木県", "Tochigi"},
      {"群馬県", "Gunma"},    {"埼玉県", "Saitama"},    {"千葉県", "Chiba"},
      {"東京都", "Tokyo"},    {"神奈川県", "Kanagawa"}, {"新潟県", "Niigata"},
      {"富山県", "Toyama"},   {"石川県", "Ishikawa"},   {"福井県", "Fukui"},
      {"山梨県", "Yamanashi"}, {"長野県", "Nagano"},    {"岐阜県", "Gifu"},
      {"静岡県", "Shizuoka"}, {"愛知県", "Aichi"},      {"三重県", "Mie"},
      {"滋賀県", "Shiga"},    {"京都府", "Kyoto"},      {"大阪府", "Osaka"},
      {"兵庫県", "Hyogo"},    {"奈良県", "Nara"},       {"和歌山県", "Wakayama"},
      {"鳥取県", "Tottori"},  {"島根県", "Shimane"},    {"岡山県", "Okayama"},
      {"広島県", "Hiroshima"}, {"山口県", "Yamaguchi"}, {"徳島県", "Tokushima"},
      {"香川県", "Kagawa"},   {"愛媛県", "Ehime"},      {"高知県", "Kochi"},
      {"福岡県", "Fukuoka"},  {"佐賀県", "Saga"},       {"長崎県", "Nagasaki"},
      {"熊本県", "Kumamoto"}, {"大分県", "Oita"},       {"宮崎県", "Miyazaki"},
      {"鹿児島県", "Kagoshima"}, {"沖縄県", "Okinawa"}};
  for (auto [kanji, roman] : kPrefectures) {
    if (state == kanji) return std::string(kanji);
    std::string_view r(roman);
    if (state.size() == r.size()) {
      bool same = true;
      for (size_t i = 0; i < r.size(); ++i)
        same = same && std::tolower(static_cast<unsigned char>(state[i])) ==
                           std::tolower(static_cast<unsigned char>(r[i]));
      if (same) return std::string(kanji);
    }
  }
  return std::nullopt;
}

bool address_usable(const AmazonAddress& a) {
  std::string phone = digits_of(a.phone);
  if (phone.size() != 10 && phone.size() != 11) return false;
  if (digits_of(a.postal_code).size() != 7) return false;
  if (!prefecture_of(a.state_or_region)) return false;
  return !a.name.empty() && !a.address_line1.empty();
}

// ---------------------------------------------------------------- processing

bool capture_allowed(const Order& order) {
  return order_authorization_status(order) == AuthorizationStatus::Authorized;
}

namespace {
bool holds_authorization(const ChargeRecord& c) {
  if (c.superseded || c.charge_id.empty() || c.fetch_failed) return false;
  return c.amazon_state == ChargeState::Authorized ||
         c.amazon_state == ChargeState::AuthorizationInitiated;
}
bool took_money(const ChargeRecord& c) {
  return c.capture_requested && !c.capture_failed && c.amazon_state != ChargeState::Declined;
}
}  // namespace

Yen authorized_amount(const Order& order) {
  Yen sum{0};
  for (const auto& c : order.charges)
    if (holds_authorization(c)) sum += c.amount;
  return sum;
}

Yen captured_amount(const Order& order) {
  Yen sum{0};
  for (const auto& c : order.charges)
    if (took_money(c)) sum += c.captured;
  return sum;
}

ReauthBlock reauthorization_block(const Order& order, const ShopSettings& settings) {
  if (order.payment_method != PaymentMethod::AmazonPay) return ReauthBlock::NotAmazonPay;
  if (!settings.auto_link()) return ReauthBlock::AutoLinkOff;
  if (order.status == OrderStatus::Canceled || order.amazon_transaction_canceled)
    return ReauthBlock::Canceled;
  for (const auto& c : order.charges)
    if (took_money(c) || !c.refunds.empty()) return ReauthBlock::CapturedOrRefunded;
  if (order.charge_permission_unusable) return ReauthBlock::PermissionDeleted;
  for (const auto& c : order.charges)
    if (!c.superseded && c.amazon_state == ChargeState::AuthorizationInitiated)
      return ReauthBlock::Pending;
  if (reauthorization_amount(order) <= Yen{0}) return ReauthBlock::NothingToAuthorize;
  return ReauthBlock::None;
}

std::string_view describe(ReauthBlock block) {
  switch (block) {
    case ReauthBlock::None: return "";
    case ReauthBlock::NotAmazonPay: return "Amazon Pay以外の決済方法に変更された受注です。";
    case ReauthBlock::AutoLinkOff: return "自動連携を利用していないため、再与信できません。";
    case ReauthBlock::Canceled: return "キャンセルされた受注は再与信できません。";
    case ReauthBlock::CapturedOrRefunded: return "売上後、売上返金後は再与信機能を利用できません。";
    case ReauthBlock::PermissionDeleted:
      return "Charge Permissionが削除されたため、再与信できません。";
    case ReauthBlock::NothingToAuthorize: return "再与信が必要な金額はありません。";
    case ReauthBlock::Pending: return "承認処理中のため、再与信できません。";
  }
  return "";
}

bool needs_reauthorization(const Order& order) {
  if (order.payment_method != PaymentMethod::AmazonPay || order.status == OrderStatus::Canceled ||
      order.amazon_transaction_canceled)
    return false;
  for (const auto& c : order.charges)
    if (took_money(c) || !c.refunds.empty()) return false;
  for (const auto& c : order.charges) {
    if (c.superseded) continue;
    auto status = authorization_status(c);
    if (status == AuthorizationStatus::AuthorizationExpired ||
        status == AuthorizationStatus::AuthorizationFailed ||
        status == AuthorizationStatus::CaptureDeclined)
      return true;
  }
  // An increase above what is authorized (AMT-005 proposal).
  return !order.charges.empty() && reauthorization_amount(order) > Yen{0} &&
         authorized_amount(order) > Yen{0};
}

Yen reauthorization_amount(const Order& order) {
  Yen missing = order.total - authorized_amount(order) - captured_amount(order);
  return missing > Yen{0} ? missing : Yen{0};
}

std::string_view reauthorization_failure_message(
    ReasonCode reason, ChargePermissionState permission_state,
    const std::vector<ReasonCode>& permission_reasons) {
  // Decision 9: the buyer can fix a hard decline on their Amazon Pay page → M3; Amazon
  // rejecting this re-authorization → M1; a permission that can no longer be charged → M2.
  switch (reason) {
    case ReasonCode::HardDeclined: return texts::kReauthFailedBuyerSettingsM3;
    case ReasonCode::AmazonRejected: return texts::kReauthFailedChangeMethodM1;
    case ReasonCode::InvalidChargePermissionStatus:
    case ReasonCode::PaymentMethodNotAllowed:
    case ReasonCode::TransactionAmountExceeded:
    case ReasonCode::TransactionCountExceeded:
      if (permission_state == ChargePermissionState::NonChargeable) {
        static const std::vector<ReasonCode> fixable = {
            ReasonCode::PaymentMethodInvalid, ReasonCode::PaymentMethodDeleted,
            ReasonCode::PaymentMethodExpired, ReasonCode::PaymentMethodNotSet,
            ReasonCode::BillingAddressDeleted, ReasonCode::MFAFailed};
        for (auto r : permission_reasons)
          if (std::find(fixable.begin(), fixable.end(), r) != fixable.end())
            return texts::kReauthFailedBuyerSettingsM3;
      }
      return texts::kReauthFailedChangeMethodM2;
    default: break;
  }
  return "";  // SoftDeclined, ProcessingFailure, TransactionTimedOut, 5xx: try again later
}

std::string expand_mail_placeholders(std::string_view text, const ShopSettings& settings,
                                     const Order& order) {
  std::string out(text);
  auto replace_all = [&out](std::string_view from, const std::string& to) {
    for (size_t pos = out.find(from); pos != std::string::npos; pos = out.find(from, pos + to.size()))
      out.replace(pos, from.size(), to);
  };
  replace_all("{@domain}", settings.domain);
  replace_all("$REQNUM$", order.number);
  // GST-004: お客様情報's two flags; "" for a guest of the dedicated screen.
  replace_all("$MAILMAGAZINE$", newsletter_text(order.newsletter));
  replace_all("$MOBILEMAIL$", mobile_mail_text(order.mobile_mail));
  return out;
}

std::string_view amazon_mypage_url(OrderType type) {
  return type == OrderType::Subscription ? texts::kAmazonMypageSubscription
                                         : texts::kAmazonMypageNormal;
}

}  // namespace shop_model
