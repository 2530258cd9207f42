// 入金処理 (capture): with 自動連携, captures the order total at Amazon (FLOW-003/004, AMT-005);
// without it, only records the payment (SYNC-003). After a Seller Central amount change the
// payment is recorded locally only (AMT-013, decision 11); after 「Amazonの取引情報を取り消す」
// nothing reaches Amazon any more (CAN-004).
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/rules.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::capture(const std::string& number) {
  return update_order(number, [&](Order& o, UnitOfWork&) {
    if (o.paid) {
      o.last_error = std::string(messages::kAlreadyPaid);
      return;
    }
    if (!ctx_.settings.auto_link() || o.payment_method != PaymentMethod::AmazonPay) {
      // SYNC-003: futureshop records the payment and tells Amazon nothing.
      o.paid = true;
      o.paid_at = ctx_.clock.now();
      return;
    }
    if (o.amazon_transaction_canceled) {
      o.last_error = std::string(messages::kAmazonTransactionCanceled);
      return;
    }
    refresh(o);
    if (changed_in_seller_central(o)) {
      // AMT-013: the merchant captures the new Charge in Seller Central; futureshop records
      // 入金 and sends nothing.
      o.paid = true;
      o.paid_at = ctx_.clock.now();
      return;
    }
    if (!capture_allowed(o)) {
      o.last_error = std::string(messages::kCaptureNotAuthorized);  // FLOW-003
      return;
    }
    if (authorized_amount(o) < o.total) {
      o.last_error = std::string(messages::kIncreaseNeedsReauth);  // AMT-005 proposal
      return;
    }
    capture_authorizations(o);
  });
}

// Captures the order total across its authorizations, oldest first (decision 8); an
// authorization left with nothing to take is released.
void OrderAdmin::capture_authorizations(Order& o) {
  Yen remaining = o.total;
  bool all_ok = true;
  for (auto& c : o.charges) {
    if (c.superseded || c.charge_id.empty() || c.amazon_state != ChargeState::Authorized) continue;
    Yen amount = min(remaining, c.amount);
    if (amount <= Yen{0}) {
      if (auto canceled = ctx_.amazon.cancel_charge(c.charge_id, "not needed for the final amount")) {
        c.amazon_state = canceled->state;
        c.amazon_reason = canceled->reason;
        c.canceled_by_shop = true;
      }
      continue;
    }
    auto captured = ctx_.amazon.capture_charge(c.charge_id, amount);
    if (!captured && captured.error().undecided()) {
      // Not a refusal: the Charge stays as it was (承認済), and 入金処理 can be pressed again.
      o.last_error = "入金処理に失敗しました: " + captured.error().describe();
      all_ok = false;
      continue;
    }
    c.capture_requested = true;
    c.capture_confirmed = false;
    if (!captured) {
      c.capture_failed = true;
      c.amazon_reason = captured.error().reason_code;
      o.last_error = "入金処理に失敗しました: " + captured.error().describe();
      all_ok = false;
      continue;
    }
    c.captured = amount;
    c.amazon_captured = captured->capture_amount.value_or(amount);
    c.amazon_state = captured->state;
    c.amazon_reason = captured->reason;
    remaining -= amount;
  }
  if (all_ok) {
    o.paid = true;  // FLOW-004: 入金状況 入金済
    o.paid_at = ctx_.clock.now();
  }
}

}  // namespace shop_model
