// Name tables of the records' enums: the names are the texts the shop shows and stores.
#include "shop_model/domain/model.hpp"

#include <array>
#include <utility>

namespace shop_model {
namespace {

constexpr std::array<std::pair<OrderStatus, std::string_view>, 4> kOrderStatuses = {{
    {OrderStatus::Normal, "通常処理"},
    {OrderStatus::Reservation, "予約"},
    {OrderStatus::OnHold, "保留"},
    {OrderStatus::Canceled, "キャンセル"},
}};

constexpr std::array<std::pair<PaymentMethod, std::string_view>, 5> kPaymentMethods = {{
    {PaymentMethod::AmazonPay, "Amazon Pay"},
    {PaymentMethod::CreditCard, "クレジットカード"},
    {PaymentMethod::BankTransfer, "銀行振込"},
    {PaymentMethod::CashOnDelivery, "代金引換"},
    {PaymentMethod::NotRequired, "決済不要"},
}};

struct AmountChangeName {
  AmountChangeKind kind;
  std::string_view name, label;
};
constexpr std::array<AmountChangeName, 10> kAmountChangeKinds = {{
    {AmountChangeKind::OrderAmount, "order_amount", "受注内容・受注金額"},
    {AmountChangeKind::DeliveryMethod, "delivery_method", "配送方法"},
    {AmountChangeKind::ShippingFee, "shipping_fee", "送料"},
    {AmountChangeKind::Fee, "fee", "手数料"},
    {AmountChangeKind::GrantedPoints, "granted_points", "付与ポイント"},
    {AmountChangeKind::UsedPoints, "used_points", "利用ポイント"},
    {AmountChangeKind::Coupon, "coupon", "クーポン"},
    {AmountChangeKind::BundleDiscount, "bundle_discount", "バンドル販売割引"},
    {AmountChangeKind::AmountDiscount, "amount_discount", "購入金額別割引額"},
    {AmountChangeKind::Wrapping, "wrapping", "包装"},
}};

constexpr std::array<std::pair<SubscriptionStatus, std::string_view>, 3> kSubscriptionStatuses = {{
    {SubscriptionStatus::Active, "継続中"},
    {SubscriptionStatus::Completed, "完了"},
    {SubscriptionStatus::Canceled, "申込取消"},
}};

template <class Table, class E>
std::string_view name_in(const Table& table, E value) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return "?";
}

template <class E, class Table>
std::optional<E> parse_in(const Table& table, std::string_view text) {
  for (const auto& [v, t] : table)
    if (t == text) return v;
  return std::nullopt;
}

}  // namespace

std::vector<AmountChangeKind> amount_change_kinds() {
  std::vector<AmountChangeKind> out;
  for (const auto& k : kAmountChangeKinds) out.push_back(k.kind);
  return out;
}

std::string_view name(OrderStatus s) { return name_in(kOrderStatuses, s); }
std::optional<OrderStatus> parse_order_status(std::string_view text) {
  return parse_in<OrderStatus>(kOrderStatuses, text);
}

std::string_view name(PaymentMethod m) { return name_in(kPaymentMethods, m); }
std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
  return parse_in<PaymentMethod>(kPaymentMethods, text);
}

std::string_view name(AmountChangeKind k) {
  for (const auto& e : kAmountChangeKinds)
    if (e.kind == k) return e.name;
  return "?";
}
std::string_view label(AmountChangeKind k) {
  for (const auto& e : kAmountChangeKinds)
    if (e.kind == k) return e.label;
  return "?";
}
std::optional<AmountChangeKind> parse_amount_change_kind(std::string_view text) {
  for (const auto& e : kAmountChangeKinds)
    if (e.name == text || e.label == text) return e.kind;
  return std::nullopt;
}

std::string_view name(SubscriptionStatus s) { return name_in(kSubscriptionStatuses, s); }
std::optional<SubscriptionStatus> parse_subscription_status(std::string_view text) {
  return parse_in<SubscriptionStatus>(kSubscriptionStatuses, text);
}

}  // namespace shop_model
