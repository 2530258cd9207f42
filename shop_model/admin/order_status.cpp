// 受注ステータス changes and キャンセル, with 「Amazonの取引情報を取り消す」 (受注に関して,
// 予約注文の取消し).
#include "shop_model/admin/order_admin.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::change_status(const std::string& number,
                                                      OrderStatus status) {
  if (status == OrderStatus::Canceled) return cancel_order(number, AmazonTransaction::Keep);
  return update_order(number, [&](Order& o, UnitOfWork&) {
    // RSV-003: moving 予約 → 通常処理 asks Amazon for nothing.
    o.status = status;
  });
}

ShopResult<OrderDetailView> OrderAdmin::cancel_order(const std::string& number,
                                                     AmazonTransaction amazon_transaction) {
  return update_order(number, [&](Order& o, UnitOfWork& work) {
    o.status = OrderStatus::Canceled;
    bool amazon = o.payment_method == PaymentMethod::AmazonPay && ctx_.settings.auto_link();
    if (amazon && amazon_transaction == AmazonTransaction::Cancel) {
      refresh(o);
      cancel_amazon_side(o);
      o.amazon_transaction_canceled = true;
      mark_permission_unusable(o, work);
    }
    // RSV-007: cancelling a reservation deletes its Charge Permission, checkbox or not.
    if (amazon && o.type == OrderType::Reservation) mark_permission_unusable(o, work);
  });
}

// 「Amazonの取引情報を取り消す」: cancels what is still authorized and refunds what was captured.
void OrderAdmin::cancel_amazon_side(Order& o) {
  for (auto& c : o.charges) {
    if (c.superseded || c.charge_id.empty()) continue;
    if (c.amazon_state == ChargeState::Authorized ||
        c.amazon_state == ChargeState::AuthorizationInitiated) {
      auto r = ctx_.amazon.cancel_charge(c.charge_id, "order canceled");
      if (r) {
        c.amazon_state = r->state;
        c.amazon_reason = r->reason;
      } else {
        o.last_error = "Amazon Payの取引を取り消せませんでした: " + r.error().describe();
      }
    } else if ((c.amazon_state == ChargeState::Captured ||
                c.amazon_state == ChargeState::CaptureInitiated) &&
               c.refunds.empty() && c.captured > Yen{0}) {
      auto r = ctx_.amazon.create_refund(c.charge_id, c.captured);
      if (r) {
        c.refunds.push_back(RefundRecord{r->id, r->amount, r->state, r->reason});
      } else {
        o.last_error = "Amazon Payで返金できませんでした: " + r.error().describe();
      }
    }
  }
}

}  // namespace shop_model
