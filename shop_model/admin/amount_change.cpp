// 金額変更 (AMT-001..011): the merchant's edits that change what the buyer pays. futureshop
// never tells Amazon at change time (AMT-005/006): 入金処理 captures the changed total later,
// and a total above what is authorized waits for [再与信] (capture.cpp). The limits are in
// domain/rules_payment.cpp (amount_change_refusal).
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/rules.hpp"

namespace shop_model {

ShopResult<OrderDetailView> OrderAdmin::change_amount(const std::string& number,
                                                      AmountChange change) {
  return update_order(number, [&](Order& o, UnitOfWork&) {
    Instant now = ctx_.clock.now();
    if (auto refusal = amount_change_refusal(o, change, ctx_.settings, now); !refusal.empty()) {
      o.last_error = std::string(refusal);
      return;
    }
    // AMT-008: granted points are an order edit; the amount to pay stays as it is.
    Yen to = change.kind == AmountChangeKind::GrantedPoints ? o.total : change.new_total;
    o.amount_changes.push_back(AmountChangeRecord{change.kind, o.total, to, now});
    o.total = to;
  });
}

}  // namespace shop_model
