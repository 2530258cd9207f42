// 決済不要 (ZERO-001..005): an order whose total became ¥0 stops being paid with Amazon Pay.
// With 「Amazonの取引情報を取り消す」 and 自動連携 the Amazon side is withdrawn like a
// cancellation (authorizations canceled, captures refunded Charge by Charge, the Charge
// Permission deleted); without it Amazon is not told at all. Either way it is final: the
// order never returns to Amazon Pay (PMC-007), so no 再与信 and no capture at Amazon.
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::set_payment_not_required(
    const std::string& number, AmazonTransaction amazon_transaction) {
  return update_order(number, [&](Order& o, UnitOfWork& work) {
    if (o.total != Yen{0}) {
      o.last_error = std::string(messages::kNotRequiredNeedsZero);
      return;
    }
    bool amazon = o.payment_method == PaymentMethod::AmazonPay && ctx_.settings.auto_link();
    if (amazon && amazon_transaction == AmazonTransaction::Cancel) withdraw_from_amazon(o, work);
    o.payment_method = PaymentMethod::NotRequired;  // ZERO-003: no 与信ステータス shown
  });
}

}  // namespace shop_model
