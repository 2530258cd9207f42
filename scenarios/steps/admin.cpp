// admin.*: the merchant in futureshop's 管理画面 (受注管理, 会員管理, settings). An operation
// the shop refuses is the step's error, not a failure.
#include <fmt/core.h>

#include "scenarios/settings.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"
#include "shop_model/domain/order_mails.hpp"

namespace scenarios {

struct MailKindNames {
  static const std::vector<std::pair<shop_model::MailKind, std::string_view>>& table() {
    using shop_model::MailKind;
    static const std::vector<std::pair<MailKind, std::string_view>> t = {
        {MailKind::OrderConfirmation, name(MailKind::OrderConfirmation)},
        {MailKind::Thanks, name(MailKind::Thanks)},
        {MailKind::Arbitrary, name(MailKind::Arbitrary)}};
    return t;
  }
};

template <>
struct ParamTraits<shop_model::MailKind>
    : EnumParamTraits<shop_model::MailKind, MailKindNames> {};

namespace {

StepOutcome open_order(ScenarioContext& c, const OrderOnly& p) {
  auto n = c.order_number(p.order.text);
  return n ? c.show(c.shop().open_order(*n)) : failure(n.error());
}

StepOutcome capture(ScenarioContext& c, const OrderOnly& p) {
  auto n = c.order_number(p.order.text);
  return n ? c.show(c.shop().capture(*n)) : failure(n.error());
}

StepOutcome reauthorize(ScenarioContext& c, const OrderOnly& p) {
  auto n = c.order_number(p.order.text);
  return n ? c.show(c.shop().reauthorize(*n)) : failure(n.error());
}

struct SearchOrders {
  std::string order_status;
  std::string authorization_status;
};
StepOutcome search_orders(ScenarioContext& c, const SearchOrders& p) {
  std::optional<shop_model::OrderStatus> status;
  if (!p.order_status.empty()) {
    status = shop_model::parse_order_status(p.order_status);
    if (!status) return failure("unknown 受注ステータス '" + p.order_status + "'");
  }
  std::optional<shop_model::AuthorizationStatus> authorization;
  if (!p.authorization_status.empty()) {
    authorization = shop_model::parse_authorization_status(p.authorization_status);
    if (!authorization) return failure("unknown 与信ステータス '" + p.authorization_status + "'");
  }
  return c.show(c.shop().search_orders(status, authorization));
}

StepOutcome open_setup_checklist(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().setup_checklist());
}

struct ChangeStatus {
  OrderRef order;
  std::string status;
};
StepOutcome change_status(ScenarioContext& c, const ChangeStatus& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto status = shop_model::parse_order_status(p.status);
  if (!status) return failure("unknown 受注ステータス '" + p.status + "'");
  return c.show(c.shop().change_status(*n, *status));
}

// The 「Amazonの取引情報を取り消す」 checkbox as the scenario ticks it.
shop_model::AmazonTransaction amazon_transaction(bool ticked) {
  return ticked ? shop_model::AmazonTransaction::Cancel : shop_model::AmazonTransaction::Keep;
}

struct CancelOrder {
  OrderRef order;
  bool cancel_amazon_transaction = false;
};
StepOutcome cancel_order(ScenarioContext& c, const CancelOrder& p) {
  auto n = c.order_number(p.order.text);
  return n ? c.show(c.shop().cancel_order(*n, amazon_transaction(p.cancel_amazon_transaction))) : failure(n.error());
}

struct ChangePaymentMethod {
  OrderRef order;
  std::string to;
  bool cancel_amazon_transaction = false;
};
StepOutcome change_payment_method(ScenarioContext& c, const ChangePaymentMethod& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto method = shop_model::parse_payment_method(p.to);
  if (!method) return failure("unknown payment method '" + p.to + "'");
  return c.show(
      c.shop().change_payment_method(*n, *method, amazon_transaction(p.cancel_amazon_transaction)));
}

StepOutcome withdraw_member(ScenarioContext& c, const MemberOnly& p) {
  auto id = c.member_id(p.member.text);
  if (!id) return failure(id.error());
  auto member = c.shop().withdraw_member(*id);
  if (!member) {
    c.set_error(member.error());
    return note("error: " + member.error());
  }
  StepOutcome o = note("member " + member->id + " withdrawn");
  o.observations.push_back("member: " + dump(member_json(*member)));
  return o;
}

struct RenderThanksMail {
  OrderRef order;
  std::string template_text;
};
StepOutcome render_thanks_mail(ScenarioContext& c, const RenderThanksMail& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto mail = c.shop().render_thanks_mail(*n, p.template_text);
  if (!mail) {
    c.set_error(mail.error());
    return note("error: " + mail.error());
  }
  c.set_mail(*mail);
  StepOutcome o = note(fmt::format("mail rendered ({} bytes)", mail->size()));
  o.observations.push_back("mail: " + *mail);
  return o;
}

struct RenderOrderMail {
  OrderRef order;
  shop_model::MailKind kind = shop_model::MailKind::Thanks;
  std::optional<std::string> template_text;
};
StepOutcome render_order_mail(ScenarioContext& c, const RenderOrderMail& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto mail = c.shop().render_order_mail(*n, p.kind, p.template_text);
  if (!mail) {
    c.set_error(mail.error());
    return note("error: " + mail.error());
  }
  c.set_mail(*mail);
  StepOutcome o = note(fmt::format("{} rendered ({} bytes)", label(p.kind), mail->size()));
  o.observations.push_back("mail: " + *mail);
  return o;
}

StepOutcome update_settings(ScenarioContext& c, const SettingsPatch& p) {
  shop_model::ShopSettings settings = c.shop().settings();
  apply_settings(settings, p);
  c.shop().update_settings(settings);
  if (std::string error = c.sync_notification_endpoint(); !error.empty()) return failure(error);
  return note("settings updated: " + Value::map(c.current_step().params.entries()).to_flow());
}

}  // namespace

void add_admin_steps(StepList& steps) {
  steps.add<OrderOnly>(
      "admin.open_order",
      "Opens 受注詳細 (with 自動連携, the shop reads every charge from Amazon first).",
      {order_param(&OrderOnly::order)}, &open_order);
  steps.add<OrderOnly>("admin.capture", "入金処理.", {order_param(&OrderOnly::order)}, &capture);
  steps.add<SearchOrders>(
      "admin.search_orders",
      "受注検索 by 受注ステータス and 与信ステータス; the browser shows the result (screen "
      "order_search).",
      {optional("order_status", &SearchOrders::order_status, "e.g. 保留; empty = any"),
       optional("authorization_status", &SearchOrders::authorization_status,
                "e.g. 承認失敗; empty = any")},
      &search_orders);
  steps.add<NoParams>("admin.open_setup_checklist",
                      "Opens the Amazon Pay set-up checklist (screen setup_checklist).", {},
                      &open_setup_checklist);
  steps.add<OrderOnly>("admin.reauthorize", "[再与信].", {order_param(&OrderOnly::order)},
                       &reauthorize);
  steps.add<ChangeStatus>(
      "admin.change_status", "Changes 受注ステータス.",
      {order_param(&ChangeStatus::order),
       required("status", &ChangeStatus::status, "new status, e.g. 通常処理, キャンセル")},
      &change_status);
  steps.add<CancelOrder>("admin.cancel_order", "Cancels the order.",
                         {order_param(&CancelOrder::order),
                          optional("cancel_amazon_transaction",
                                   &CancelOrder::cancel_amazon_transaction,
                                   "ticks 「Amazonの取引情報を取り消す」")},
                         &cancel_order);
  steps.add<ChangePaymentMethod>(
      "admin.change_payment_method", "Changes the order's payment method.",
      {order_param(&ChangePaymentMethod::order),
       required("to", &ChangePaymentMethod::to, "new payment method, e.g. 銀行振込"),
       optional("cancel_amazon_transaction", &ChangePaymentMethod::cancel_amazon_transaction,
                "ticks 「Amazonの取引情報を取り消す」")},
      &change_payment_method);
  steps.add<MemberOnly>("admin.withdraw_member", "Withdraws (退会) a member.",
                        {member_param(&MemberOnly::member)}, &withdraw_member);
  steps.add<RenderThanksMail>(
      "admin.render_thanks_mail",
      "Renders a thanks-mail template for the order (expect.mail checks it).",
      {order_param(&RenderThanksMail::order),
       required("template", &RenderThanksMail::template_text,
                "template text with {@domain}, $REQNUM$, ...")},
      &render_thanks_mail);
  steps.add<RenderOrderMail>(
      "admin.render_order_mail",
      "Renders 注文確認メール, サンクスメール or 任意受注メール for the order (expect.mail checks it): "
      "the given template, or the kind's own; tags {@domain}, $REQNUM$, $MAILMAGAZINE$, "
      "$MOBILEMAIL$.",
      {order_param(&RenderOrderMail::order),
       optional("kind", &RenderOrderMail::kind,
                "order_confirmation (注文確認メール), thanks (サンクスメール), arbitrary (任意受注メール)"),
       optional("template", &RenderOrderMail::template_text, "template text; absent = the kind's own")},
      &render_order_mail);
  StepSpec& update =
      steps.add<SettingsPatch>("admin.update_settings",
                               "Changes shop settings mid-scenario; same keys as `shop:`.",
                               settings_field_specs(), &update_settings);
  for (const ParamSpec& p : update.params) update.at_least_one_of.push_back(p.name);
}

}  // namespace scenarios
