// admin.* for money after checkout: 金額変更 (amount changes), 決済不要, 入金日取消. An operation
// the shop refuses is the step's error, not a failure.
#include <fmt/core.h>

#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

std::vector<std::string> amount_change_kinds() {
  std::vector<std::string> out;
  for (auto kind : shop_model::amount_change_kinds()) out.emplace_back(shop_model::name(kind));
  return out;
}

struct ChangeAmount {
  OrderRef order;
  std::int64_t total = 0;
  std::string kind = "order_amount";
};
StepOutcome change_amount(ScenarioContext& c, const ChangeAmount& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto kind = shop_model::parse_amount_change_kind(p.kind);
  if (!kind) return failure("unknown kind of amount change '" + p.kind + "'");  // checked on load
  return c.show(c.shop().change_amount(*n, shop_model::AmountChange{*kind, core::Yen{p.total}}));
}
void check_change_amount(const ChangeAmount& p, StepIssues& issues) {
  if (p.total < 0) issues.at("total", "admin.change_amount: 'total' must be 0 or more yen");
}

StepOutcome cancel_payment_date(ScenarioContext& c, const OrderOnly& p) {
  auto n = c.order_number(p.order.text);
  return n ? c.show(c.shop().cancel_payment_date(*n)) : failure(n.error());
}

struct PaymentNotRequired {
  OrderRef order;
  bool cancel_amazon_transaction = false;
};
StepOutcome set_payment_not_required(ScenarioContext& c, const PaymentNotRequired& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto amazon = p.cancel_amazon_transaction ? shop_model::AmazonTransaction::Cancel
                                            : shop_model::AmazonTransaction::Keep;
  return c.show(c.shop().set_payment_not_required(*n, amazon));
}

}  // namespace

void add_admin_money_steps(StepList& steps) {
  steps.add<ChangeAmount>(
      "admin.change_amount",
      "Edits the order so that its total becomes `total` (金額変更): 受注詳細 > 商品・送料・手数料"
      "編集 or 決済・ポイント利用額編集, by the kind of edit of AMT-008.",
      {order_param(&ChangeAmount::order),
       required("total", &ChangeAmount::total, "the order's new total in yen"),
       with_choices(optional("kind", &ChangeAmount::kind, "what was edited (AMT-008)"),
                    amount_change_kinds())},
      &change_amount, &check_change_amount);
  steps.add<OrderOnly>("admin.cancel_payment_date",
                       "入金日取消: ticks 「入金日取消」 and presses [更新] (PAYDATE-001).",
                       {order_param(&OrderOnly::order)}, &cancel_payment_date);
  steps.add<PaymentNotRequired>(
      "admin.set_payment_not_required",
      "決済・ポイント利用額編集 > 内容編集-決済方法: selects 「決済不要」 (ZERO-001), with or "
      "without 「Amazonの取引情報を取り消す」.",
      {order_param(&PaymentNotRequired::order),
       optional("cancel_amazon_transaction", &PaymentNotRequired::cancel_amazon_transaction,
                "tick 「Amazonの取引情報を取り消す」")},
      &set_payment_not_required);
}

}  // namespace scenarios
