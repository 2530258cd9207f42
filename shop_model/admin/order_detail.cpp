// 受注詳細 (with 与信ステータス and the 再与信 block), 受注検索, the 設定 checklist and the
// thanks mail.
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/order_mails.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {
namespace {

std::string permission_status(const Order& o) {
  if (o.charge_permission_closed) return "削除済";
  if (o.charge_permission_unusable) return "削除予定 " + core::format_jst(*o.charge_permission_close_at);
  return o.charge_permission_id.empty() ? "" : "有効";
}

// 決済・ポイント利用額編集 > 内容編集-決済方法: the targets under the names the merchant set in
// 表示設定(決済表示名) (PMC-003), then 決済不要 (ZERO-001); never Amazon Pay (PMC-007).
std::vector<std::string> payment_method_choices(const Order& o, const ShopSettings& settings) {
  std::vector<std::string> out;
  for (const std::string& m : settings.other_payment_methods)
    if (m != name(o.payment_method)) out.push_back(m);
  if (o.payment_method != PaymentMethod::NotRequired)
    out.emplace_back(name(PaymentMethod::NotRequired));
  return out;
}

void show_reauthorization(OrderDetailView& v, const Order& o, const ShopSettings& settings) {
  ReauthBlock block = reauthorization_block(o, settings);
  v.reauthorization_section = block != ReauthBlock::NotAmazonPay && block != ReauthBlock::AutoLinkOff &&
                              block != ReauthBlock::Canceled && block != ReauthBlock::CapturedOrRefunded;
  v.reauthorization_button_enabled = block == ReauthBlock::None;
  v.reauthorization_unavailable_reason = std::string(describe(block));
  for (auto it = o.charges.rbegin(); it != o.charges.rend(); ++it)
    if (it->role != ChargeRole::Original) {
      v.reauthorization_status = std::string(name(authorization_status(*it)));
      break;
    }
  v.reauthorization_notice = settings.auto_link() && needs_reauthorization(o);
  if (v.reauthorization_notice) v.reauthorization_notice_text = std::string(messages::kReauthNotice);
}

// お客様情報 (GST-003/004): the flags as recorded and as shown, and the fields entered.
CustomerInfoView customer_info(const Order& o) {
  CustomerInfoView c;
  c.name = o.orderer.name;
  c.email = o.orderer.email;
  c.newsletter = o.newsletter;
  c.mobile_mail = o.mobile_mail;
  c.newsletter_text = newsletter_text(o.newsletter);
  c.mobile_mail_text = mobile_mail_text(o.mobile_mail);
  for (const auto& [field, value] : o.extra_fields) c.fields.emplace_back(name(field), value);
  return c;
}

}  // namespace

OrderDetailView OrderAdmin::detail_of(const Order& o) const {
  const ShopSettings& settings = ctx_.settings;
  OrderDetailView v;
  v.order_number = o.number;
  v.order_type = std::string(name(o.type));
  v.order_status = std::string(name(o.status));
  v.payment_method = std::string(name(o.payment_method));
  v.member_id = o.member_id;
  v.total = o.total;
  v.authorized_amount = authorized_amount(o);
  v.captured_amount = captured_amount(o);
  v.payment_status = o.paid ? "入金済" : "未入金";
  v.payment_date = o.paid_at ? core::format_jst(*o.paid_at) : "";
  bool amazon = o.payment_method == PaymentMethod::AmazonPay;
  // SYNC-004: the label is shown only with 自動連携.
  v.authorization_status_shown = settings.auto_link() && amazon;
  if (auto status = order_authorization_status(o); status && v.authorization_status_shown)
    v.authorization_status = std::string(name(*status));
  for (const auto& c : o.charges) {
    Yen captured = captured_at_amazon(c);
    Yen refunded = c.amazon_refunded;
    v.charges.push_back(ChargeRowView{c.charge_id, std::string(name(c.role)), c.amount,
                                      std::string(name(authorization_status(c))),
                                      std::string(name(c.amazon_state)), c.amazon_reason,
                                      c.superseded, captured, refunded,
                                      max(captured - refunded, Yen{0})});
  }
  for (const auto& a : o.amount_changes)
    v.amount_changes.push_back(
        AmountChangeRowView{std::string(label(a.kind)), a.from, a.to, core::format_jst(a.at)});
  v.amount_change_ceiling = amount_change_ceiling(o);
  v.charge_permission_id = o.charge_permission_id;
  v.charge_permission_status = permission_status(o);
  show_reauthorization(v, o, settings);
  // AMT-013: after a Seller Central amount change 入金処理 is recorded locally; CAN-004: not
  // after the Amazon transaction was canceled.
  v.capture_button_enabled =
      amazon && !o.paid &&
      (!settings.auto_link() ||
       (!o.amazon_transaction_canceled && (capture_allowed(o) || changed_in_seller_central(o))));
  v.failure_message = o.reauthorization_failure;
  v.payment_method_choices = payment_method_choices(o, settings);
  v.shop_memo = o.shop_memo;
  v.error = o.last_error;
  v.customer = customer_info(o);
  v.granted_points = o.granted_points;
  v.used_points = o.used_points;
  v.coupon_code = o.coupon_code;
  v.coupon_discount = o.coupon_discount;
  return v;
}

ShopResult<OrderDetailView> OrderAdmin::order_detail(const std::string& number) {
  auto o = ctx_.store.order(number);
  if (!o) return core::fail("unknown order '" + number + "'");
  return detail_of(*o);
}

ShopResult<OrderDetailView> OrderAdmin::open_order(const std::string& number) {
  return update_order(number, [&](Order& o, UnitOfWork&) { refresh(o); });
}

Page OrderAdmin::search_orders(std::optional<OrderStatus> order_status,
                               std::optional<AuthorizationStatus> authorization) {
  OrderSearchView v{order_status ? std::string(name(*order_status)) : "",
                    authorization ? std::string(name(*authorization)) : "",
                    {}};
  for (const auto& number : ctx_.store.order_numbers()) {
    auto o = ctx_.store.order(number);
    if (order_status && o->status != *order_status) continue;
    if (authorization &&
        (!ctx_.settings.auto_link() || order_authorization_status(*o) != authorization))
      continue;
    v.order_numbers.push_back(number);
  }
  return Page{ctx_.url("/admin/orders"), v};
}

Page OrderAdmin::setup_checklist() const {
  SetupChecklistView v;
  for (auto domain : texts::kAnalyticsReferralExclusions)
    v.analytics_referral_exclusions.emplace_back(domain);
  return Page{ctx_.url("/admin/settings/amazon-pay/checklist"), v};
}

ShopResult<std::string> OrderAdmin::render_thanks_mail(const std::string& number,
                                                       const std::string& template_text) {
  auto o = ctx_.store.order(number);
  if (!o) return core::fail("unknown order '" + number + "'");
  return expand_mail_placeholders(template_text, ctx_.settings, *o);
}

ShopResult<std::string> OrderAdmin::render_order_mail(const std::string& number, MailKind kind,
                                                      const std::optional<std::string>& text) {
  auto o = ctx_.store.order(number);
  if (!o) return core::fail("unknown order '" + number + "'");
  return render_order_mail_text(kind, text, ctx_.settings, *o);
}

std::vector<std::string> OrderAdmin::order_numbers() { return ctx_.store.order_numbers(); }

std::optional<Order> OrderAdmin::order(const std::string& number) { return ctx_.store.order(number); }

}  // namespace shop_model
