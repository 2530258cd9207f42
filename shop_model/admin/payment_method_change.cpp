// 「決済方法の変更」: from Amazon Pay to another method, never back (PMC-*).
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::change_payment_method(
    const std::string& number, PaymentMethod method, AmazonTransaction amazon_transaction) {
  if (method == PaymentMethod::NotRequired) return set_payment_not_required(number, amazon_transaction);
  return update_order(number, [&](Order& o, UnitOfWork& work) {
    if (method == PaymentMethod::AmazonPay) {
      // PMC-007: never from another method to Amazon Pay.
      o.last_error = std::string(messages::kNoAmazonPayChange);
      return;
    }
    if (o.payment_method != PaymentMethod::AmazonPay) {
      o.payment_method = method;
      return;
    }
    bool linked = ctx_.settings.auto_link();
    // PMC-002/004: cancel or refund Charge by Charge (refund.cpp); PMC-006: without the
    // checkbox Amazon is not told.
    if (linked && amazon_transaction == AmazonTransaction::Cancel) withdraw_from_amazon(o, work);
    o.payment_method = method;
    // RSV-008 / PMC-006: switching away deletes the Charge Permission after the delay.
    if (linked) mark_permission_unusable(o, work);
  });
}

}  // namespace shop_model
