// 「Amazonの取引情報を取り消す」 (CAN-002/003, PMC-002/004, ZERO-002): every authorization still
// open is canceled and every captured Charge is refunded in full, Charge by Charge (REF-001..005,
// decision 4): a Charge Seller Central already refunded part of is left to Seller Central, and
// the error on 受注詳細 names what remains on it. The futureshop change is saved either way.
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/rules.hpp"

namespace shop_model {
namespace {

bool open_authorization(const ChargeRecord& c) {
  return c.amazon_state == ChargeState::Authorized ||
         c.amazon_state == ChargeState::AuthorizationInitiated;
}

bool took_capture(const ChargeRecord& c) {
  return (c.amazon_state == ChargeState::Captured ||
          c.amazon_state == ChargeState::CaptureInitiated) &&
         captured_at_amazon(c) > Yen{0};
}

void add_error(Order& o, const std::string& error) {
  o.last_error += (o.last_error.empty() ? "" : "\n") + error;
}

}  // namespace

void OrderAdmin::withdraw_from_amazon(Order& o, UnitOfWork& work) {
  refresh(o);
  cancel_amazon_side(o);
  o.amazon_transaction_canceled = true;
  mark_permission_unusable(o, work);
}

void OrderAdmin::cancel_amazon_side(Order& o) {
  std::vector<std::string> remaining;  // per Charge left to Seller Central
  bool unknown = false;
  for (auto& c : o.charges) {
    if (c.superseded || c.charge_id.empty()) continue;
    if (open_authorization(c)) {
      auto r = ctx_.amazon.cancel_charge(c.charge_id, "order canceled");
      if (!r) {
        add_error(o, "Amazon Payの取引を取り消せませんでした: " + r.error().describe());
        continue;
      }
      c.amazon_state = r->state;
      c.amazon_reason = r->reason;
      c.canceled_by_shop = true;
      continue;
    }
    if (!took_capture(c) || !c.refunds.empty()) continue;  // nothing taken, or refunded already
    if (c.fetch_failed) {
      unknown = true;  // what Seller Central did cannot be known: refund nothing blindly
      continue;
    }
    if (refunded_in_seller_central(c)) {
      remaining.push_back(
          yen_text(captured_at_amazon(c) - c.amazon_refunded - seller_central_refund_pending(c)));
      continue;
    }
    auto r = ctx_.amazon.create_refund(c.charge_id, captured_at_amazon(c));
    if (!r) {
      add_error(o, "Amazon Payで返金できませんでした: " + r.error().describe());
      continue;
    }
    c.refunds.push_back(RefundRecord{r->id, r->amount, r->state, r->reason});
  }
  if (!remaining.empty()) {
    std::string amounts;
    for (const auto& a : remaining) amounts += (amounts.empty() ? "" : "、") + a;
    add_error(o, std::string(messages::kPartialRefundPrefix) + amounts +
                     std::string(messages::kPartialRefundSuffix));
  }
  if (unknown) add_error(o, std::string(messages::kRefundStatusUnknown));
}

}  // namespace shop_model
