// The shop's rules on money after the order: 金額変更 (AMT), what Seller Central did to the
// order's charges (AMT-012, decision 4) and the shop memo (MEMO). Declared in rules.hpp.
#include <algorithm>
#include <cctype>

#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {

// ---------------------------------------------------------------- 金額変更, refunds

std::optional<Instant> latest_authorization(const Order& order) {
  std::optional<Instant> latest;
  for (const auto& c : order.charges) {
    if (c.charge_id.empty() || c.amazon_state == ChargeState::None) continue;
    if (c.amazon_state == ChargeState::Declined && !c.capture_requested) continue;  // 承認失敗
    if (!latest || c.requested_at > *latest) latest = c.requested_at;
  }
  return latest;
}

bool amount_change_window_open(const Order& order, Instant now) {
  auto from = latest_authorization(order);
  return from && now < *from + core::kDay * 30;
}

Yen amount_change_ceiling(const Order& order) {
  if (order.type == OrderType::Subscription) return kMaxOrderAmount;
  return min(max(order.order_time_amount * 9, Yen{70'000}), kMaxOrderAmount);
}

bool gift_card_only(const Order& order) {
  return payment_instrument(order.payment_descriptor) == PaymentInstrument::GiftCard;
}

std::string_view amount_change_refusal(const Order& order, const AmountChange& change,
                                       const ShopSettings& settings, Instant now) {
  if (change.kind == AmountChangeKind::GrantedPoints) return "";  // AMT-008: not an amount
  if (change.new_total < Yen{0}) return messages::kAmountNegative;
  if (order.payment_method != PaymentMethod::AmazonPay) return "";
  if (change.new_total > kMaxOrderAmount) return messages::kAmountAboveMaximum;
  // AMT-006: after capture (and once the Amazon side is gone) the change is the shop's own.
  bool captured = false;
  for (const auto& c : order.charges) captured = captured || c.capture_requested;
  if (captured || order.paid || !settings.auto_link() || order.amazon_transaction_canceled ||
      order.status == OrderStatus::Canceled)
    return "";
  if (!amount_change_window_open(order, now)) return messages::kAmountChangeWindowClosed;
  if (change.new_total > authorized_amount(order)) {
    if (gift_card_only(order)) return messages::kAmountGiftCardOnly;                  // AMT-011
    if (change.new_total > amount_change_ceiling(order)) return messages::kAmountAboveCeiling;  // AMT-009
  }
  return "";
}

bool canceled_in_seller_central(const ChargeRecord& c) {
  // ReasonCode has no MerchantCanceled (the shop never decided on it before); Amazon's text
  // is compared here, once.
  return !c.superseded && !c.canceled_by_shop && c.amazon_state == ChargeState::Canceled &&
         c.amazon_reason == "MerchantCanceled";
}

bool changed_in_seller_central(const Order& order) {
  if (order.amazon_transaction_canceled) return false;
  return std::any_of(order.charges.begin(), order.charges.end(), canceled_in_seller_central);
}

Yen shop_refunded(const ChargeRecord& c) {
  Yen sum{0};
  for (const auto& r : c.refunds)
    if (r.amazon_state == RefundState::Refunded) sum += r.amount;
  return sum;
}

Yen captured_at_amazon(const ChargeRecord& c) { return max(c.amazon_captured, c.captured); }

Yen seller_central_refund_pending(const ChargeRecord& c) {
  Yen sum{0};
  for (const auto& r : c.seller_central_refunds)
    if (r.amazon_state == RefundState::RefundInitiated) sum += r.amount;
  return sum;
}

bool refunded_in_seller_central(const ChargeRecord& c) {
  return c.amazon_refunded > shop_refunded(c) || seller_central_refund_pending(c) > Yen{0};
}

std::string yen_text(Yen amount) {
  std::string digits = std::to_string(amount.value() < 0 ? -amount.value() : amount.value());
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (amount.value() < 0 ? "-" : "") + out + "円";
}

// ---------------------------------------------------------------- shop memo

PaymentInstrument payment_instrument(std::string_view d) {
  if (d.find("gift card") != std::string_view::npos) return PaymentInstrument::GiftCardAndCard;
  if (d.find("ギフトカード") != std::string_view::npos || d.find("ギフト券") != std::string_view::npos)
    return PaymentInstrument::GiftCard;
  return PaymentInstrument::Card;
}

std::string_view memo_line(PaymentInstrument instrument) {
  switch (instrument) {
    case PaymentInstrument::GiftCard: return texts::kMemoGiftCard;
    case PaymentInstrument::GiftCardAndCard: return texts::kMemoGiftCardAndMethod;
    case PaymentInstrument::Card: break;
  }
  return texts::kMemoAccountMethod;
}

std::string masked_card(std::string_view d) {
  auto in_run = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == '-'; };
  for (size_t i = 0; i < d.size();) {
    if (!in_run(d[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < d.size() && (in_run(d[end]) || d[end] == ' ')) ++end;
    std::string run(d.substr(i, end - i));
    std::string digits = digits_of(run);
    bool masked = run.find('*') != std::string::npos;
    if (digits.empty() || (!masked && digits.size() < 4)) {
      i = end;
      continue;
    }
    // The brand is the word before the number ("Visa ****1111").
    size_t word_end = d.find_last_not_of(' ', i == 0 ? 0 : i - 1);
    std::string brand;
    if (i > 0 && word_end != std::string_view::npos) {
      size_t word_begin = d.rfind(' ', word_end);
      word_begin = word_begin == std::string_view::npos ? 0 : word_begin + 1;
      brand = std::string(d.substr(word_begin, word_end + 1 - word_begin)) + " ";
    }
    return brand + "****" + digits.substr(digits.size() > 4 ? digits.size() - 4 : 0);
  }
  return "";
}

std::string append_memo_line(const std::string& memo, std::string_view line) {
  if (memo.empty()) return std::string(line);
  return memo + (memo.back() == '\n' ? "" : "\n") + std::string(line);
}

std::string memo_for(const std::string& memo, std::string_view descriptor,
                     const ShopSettings& settings) {
  PaymentInstrument instrument = payment_instrument(descriptor);
  std::string out = append_memo_line(memo, memo_line(instrument));
  if (settings.memo_card_details && instrument != PaymentInstrument::GiftCard)
    if (std::string card = masked_card(descriptor); !card.empty()) out = append_memo_line(out, card);
  return out;
}

}  // namespace shop_model
