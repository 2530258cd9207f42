// 入金日取消 (PAYDATE-001/002): clears 入金状況 and 入金日 in futureshop only. Amazon is not
// told and nothing is refunded; the charges stay 請求済/請求完了, so a later 入金処理 is refused
// by FLOW-003 instead of capturing twice. Refunds go through キャンセル or Seller Central.
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::cancel_payment_date(const std::string& number) {
  return update_order(number, [&](Order& o, UnitOfWork&) {
    if (!o.paid) {
      o.last_error = std::string(messages::kPaymentDateNotPaid);
      return;
    }
    o.paid = false;
    o.paid_at.reset();
  });
}

}  // namespace shop_model
