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
    // CAN-002/003 with the checkbox (refund.cpp); CAN-005 without it: Amazon is not told.
    if (amazon && amazon_transaction == AmazonTransaction::Cancel) withdraw_from_amazon(o, work);
    // RSV-007: cancelling a reservation deletes its Charge Permission, checkbox or not.
    if (amazon && o.type == OrderType::Reservation) mark_permission_unusable(o, work);
  });
}

}  // namespace shop_model
