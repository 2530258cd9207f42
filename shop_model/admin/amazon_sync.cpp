// 自動連携: with it, the shop reads each charge's (and refund's) status from Amazon before
// showing or acting on an order; without it, Amazon is never asked. Amazon's notifications
// (notifications/) apply what they read through the same apply_charge_view/apply_refund_view.
#include <algorithm>

#include "shop_model/admin/order_admin.hpp"

namespace shop_model {
namespace {

bool is_final_refund(const RefundRecord& r) {
  return r.amazon_state == RefundState::Refunded || r.amazon_state == RefundState::Declined;
}

}  // namespace

void apply_charge_view(ChargeRecord& c, const ChargeView& got) {
  c.fetch_failed = false;
  // Decision 3: a later read that finds the capture done confirms it (請求完了).
  if (got.state == ChargeState::Captured && c.capture_requested) c.capture_confirmed = true;
  c.amazon_state = got.state;
  c.amazon_reason = got.reason;
  c.amazon_captured = got.capture_amount.value_or(Yen{0});
  c.amazon_refunded = got.refunded_amount;
}

void apply_refund_view(RefundRecord& r, const RefundView& got) {
  r.amazon_state = got.state;
  r.amazon_reason = got.reason;
}

void OrderAdmin::refresh_charge(ChargeRecord& c) {
  if (c.charge_id.empty() || c.superseded) return;
  auto got = ctx_.amazon.get_charge(c.charge_id);
  if (!got) {
    // AUTHST-013: no label is guessed when Amazon cannot be read.
    c.fetch_failed = true;
    return;
  }
  apply_charge_view(c, *got);
  for (auto& r : c.refunds) {
    if (is_final_refund(r)) continue;
    auto refund = ctx_.amazon.get_refund(r.refund_id);
    if (!refund) {
      c.fetch_failed = true;
      continue;
    }
    apply_refund_view(r, *refund);
  }
}

void OrderAdmin::refresh(Order& o) {
  if (!ctx_.settings.auto_link()) return;
  // An order canceled or moved away from Amazon Pay keeps showing the truth of the Charges it
  // still holds (a refund settling or declined later).
  bool holds_charges = std::any_of(o.charges.begin(), o.charges.end(),
                                   [](const ChargeRecord& c) { return !c.charge_id.empty(); });
  if (o.payment_method != PaymentMethod::AmazonPay && !holds_charges) return;
  for (auto& c : o.charges) refresh_charge(c);
  if (o.payment_method != PaymentMethod::AmazonPay) return;  // 入金状況 is the other method's
  // 請求却下 (AUTHST-009): a capture Amazon declines after accepting it took no money, so
  // 入金状況 returns to 未入金 and 再与信 followed by 入金処理 can collect the order.
  for (const auto& c : o.charges)
    if (!c.superseded && c.capture_requested && c.amazon_state == ChargeState::Declined &&
        o.paid) {
      o.paid = false;
      o.paid_at.reset();
    }
}

}  // namespace shop_model
