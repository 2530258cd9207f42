#include "shop_model/views.hpp"

#include "core/json.hpp"
#include "shop_model/domain/customer_fields.hpp"

namespace shop_model {
namespace {

using nlohmann::json;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

json screen_json(const Screen& s) {
  return std::visit(
      Overloaded{
          [](const CartView& v) {
            json lines = json::array();
            for (const auto& l : v.lines)
              lines.push_back(json{{"product_code", l.product_code},
                                   {"product_name", l.product_name},
                                   {"product_type", l.product_type},
                                   {"quantity", l.quantity},
                                   {"subtotal", l.subtotal}});
            return json{{"lines", lines},
                        {"total", v.total},
                        {"order_type", v.order_type},
                        {"store_pickup_selected", v.store_pickup_selected},
                        {"pay_on_site_button", v.pay_on_site_button},
                        {"amazon_pay_button", v.amazon_pay_button},
                        {"error", v.error}};
          },
          [](const NormalOrderFormView& v) {
            return json{{"step", v.step},
                        {"payment_methods", v.payment_methods},
                        {"multiple_destinations_available", v.multiple_destinations_available}};
          },
          [](const AmazonPayOrderView& v) {
            return json{{"order_type", v.order_type},
                        {"total", v.total},
                        {"name", v.name},
                        {"email", v.email},
                        {"postal_code", v.postal_code},
                        {"prefecture", v.prefecture},
                        {"address", v.address},
                        {"phone", v.phone},
                        {"fields_from_amazon", v.fields_from_amazon},
                        {"input_fields", v.input_fields},
                        {"delivery_addresses", v.delivery_addresses},
                        {"can_add_delivery_address", v.can_add_delivery_address},
                        {"store_pickup_available", v.store_pickup_available},
                        {"card_number_input", v.card_number_input},
                        {"payment_descriptor", v.payment_descriptor},
                        {"privacy_consent_required", v.privacy_consent_required},
                        {"register_member_option", v.register_member_option},
                        {"member_registration_required", v.member_registration_required},
                        {"newsletter_option", v.newsletter_option},
                        {"can_place_order", v.can_place_order},
                        {"error", v.error},
                        {"coupon_input", v.coupon_input},
                        {"point_input", v.point_input}};
          },
          [](const OrderCompleteView& v) {
            return json{{"title", v.title}, {"order_number", v.order_number}, {"host", v.host}};
          },
          [](const MyOrderView& v) {
            return json{{"order_number", v.order_number},
                        {"amazon_pay_mypage_link", v.amazon_pay_mypage_link}};
          },
          [](const AmazonPageView& v) {
            return json{{"page", v.page},
                        {"checkout_session_id", v.checkout_session_id},
                        {"sign_in_return_url", v.sign_in_return_url}};
          },
          [](const SetupChecklistView& v) {
            return json{{"analytics_referral_exclusions", v.analytics_referral_exclusions}};
          },
          [](const OrderSearchView& v) {
            return json{{"order_status", v.order_status},
                        {"authorization_status", v.authorization_status},
                        {"order_numbers", v.order_numbers},
                        {"count", v.order_numbers.size()}};
          },
          [](const NotFoundView& v) { return json{{"message", v.message}}; },
          [](const AdditionalInfoView& v) {
            return json{{"title", v.title},
                        {"required_fields", v.required_fields},
                        {"missing_fields", v.missing_fields},
                        {"error", v.error}};
          },
          [](const LoginView& v) {
            return json{{"amazon_login_button", v.amazon_login_button},
                        {"amazon_logged_in", v.amazon_logged_in},
                        {"amazon_name", v.amazon_name},
                        {"message", v.message},
                        {"error", v.error}};
          },
          [](const MemberRegistrationView& v) {
            return json{{"amazon_logged_in", v.amazon_logged_in}, {"error", v.error}};
          },
          [](const MyPageView& v) {
            return json{{"member_id", v.member_id},
                        {"name", v.name},
                        {"logged_in_with", v.logged_in_with},
                        {"amazon_linked", v.amazon_linked},
                        {"menu", v.menu},
                        {"order_numbers", v.order_numbers},
                        {"message", v.message}};
          },
          [](const LoginLinksView& v) {
            return json{{"amazon_account", v.amazon_account},
                        {"amazon_status", v.amazon_status},
                        {"unlink_button", v.unlink_button},
                        {"error", v.error}};
          },
          [](const PasswordView& v) {
            return json{{"title", v.title},
                        {"current_password_required", v.current_password_required},
                        {"completed", v.completed},
                        {"error", v.error}};
          },
          [](const MemberSearchView& v) {
            return json{{"amazon_link", v.amazon_link},
                        {"member_ids", v.member_ids},
                        {"count", v.member_ids.size()}};
          },
      },
      s);
}

}  // namespace

std::string_view screen_name(const Screen& s) {
  return std::visit(Overloaded{[](const CartView&) { return "cart"; },
                               [](const NormalOrderFormView&) { return "normal_order_form"; },
                               [](const AmazonPayOrderView&) { return "amazon_pay_order"; },
                               [](const OrderCompleteView&) { return "order_complete"; },
                               [](const MyOrderView&) { return "my_order"; },
                               [](const AmazonPageView&) { return "amazon_page"; },
                               [](const SetupChecklistView&) { return "setup_checklist"; },
                               [](const OrderSearchView&) { return "order_search"; },
                               [](const NotFoundView&) { return "not_found"; },
                               [](const AdditionalInfoView&) { return "additional_info"; },
                               [](const LoginView&) { return "login"; },
                               [](const MemberRegistrationView&) { return "member_registration"; },
                               [](const MyPageView&) { return "mypage"; },
                               [](const LoginLinksView&) { return "login_links"; },
                               [](const PasswordView&) { return "password"; },
                               [](const MemberSearchView&) { return "member_search"; }},
                    s);
}

nlohmann::json to_json(const Page& page) {
  json j = screen_json(page.screen);
  j["url"] = page.url;
  j["screen"] = std::string(screen_name(page.screen));
  return j;
}

namespace {

json flag_json(const std::optional<bool>& flag) { return flag ? json(*flag) : json(nullptr); }

json customer_json(const CustomerInfoView& c) {
  // Every field of the list, by name, "" when empty, so scenarios can expect any of them.
  json fields = json::object();
  for (CustomerField f : customer_fields()) {
    std::string value;
    for (const auto& [field, text] : c.fields)
      if (field == name(f)) value = text;
    fields[std::string(name(f))] = value;
  }
  return json{{"name", c.name},
              {"email", c.email},
              {"newsletter", flag_json(c.newsletter)},
              {"mobile_mail", flag_json(c.mobile_mail)},
              {"newsletter_text", c.newsletter_text},
              {"mobile_mail_text", c.mobile_mail_text},
              {"fields", fields}};
}

}  // namespace

nlohmann::json to_json(const OrderDetailView& v) {
  json charges = json::array();
  for (const auto& c : v.charges)
    charges.push_back(json{{"charge_id", c.charge_id},
                           {"role", c.role},
                           {"amount", c.amount},
                           {"authorization_status", c.authorization_status},
                           {"amazon_state", c.amazon_state},
                           {"amazon_reason", c.amazon_reason},
                           {"superseded", c.superseded},
                           {"amazon_captured", c.amazon_captured},
                           {"amazon_refunded", c.amazon_refunded},
                           {"refundable", c.refundable}});
  json amount_changes = json::array();
  for (const auto& a : v.amount_changes)
    amount_changes.push_back(json{{"kind", a.kind}, {"from", a.from}, {"to", a.to}, {"at", a.at}});
  return json{{"order_number", v.order_number},
              {"order_type", v.order_type},
              {"order_status", v.order_status},
              {"payment_method", v.payment_method},
              {"member_id", v.member_id ? json(*v.member_id) : json(nullptr)},
              {"total", v.total},
              {"authorized_amount", v.authorized_amount},
              {"captured_amount", v.captured_amount},
              {"payment_status", v.payment_status},
              {"payment_date", v.payment_date},
              {"authorization_status_shown", v.authorization_status_shown},
              {"authorization_status", v.authorization_status},
              {"charges", charges},
              {"charge_permission_id", v.charge_permission_id},
              {"charge_permission_status", v.charge_permission_status},
              {"reauthorization_notice", v.reauthorization_notice},
              {"reauthorization_notice_text", v.reauthorization_notice_text},
              {"reauthorization_section", v.reauthorization_section},
              {"reauthorization_button_enabled", v.reauthorization_button_enabled},
              {"reauthorization_status", v.reauthorization_status},
              {"reauthorization_unavailable_reason", v.reauthorization_unavailable_reason},
              {"capture_button_enabled", v.capture_button_enabled},
              {"payment_method_choices", v.payment_method_choices},
              {"failure_message", v.failure_message},
              {"shop_memo", v.shop_memo},
              {"error", v.error},
              {"amount_changes", amount_changes},
              {"amount_change_ceiling", v.amount_change_ceiling},
              {"customer", customer_json(v.customer)},
              {"granted_points", v.granted_points},
              {"used_points", v.used_points},
              {"coupon_code", v.coupon_code},
              {"coupon_discount", v.coupon_discount}};
}

json to_json(const SubscriptionView& v) {
  auto opt = [](const std::optional<std::string>& t) { return t ? json(*t) : json(nullptr); };
  return json{{"subscription_id", v.subscription_id},
              {"status", v.status},
              {"deleted", v.deleted},
              {"member_id", v.member_id},
              {"payment_method", v.payment_method},
              {"amount_per_delivery", v.amount_per_delivery},
              {"deliveries_total", v.deliveries_total},
              {"deliveries_generated", v.deliveries_generated},
              {"deliveries_skipped", v.deliveries_skipped},
              {"applied_at", v.applied_at},
              {"next_generation_at", opt(v.next_generation_at)},
              {"charge_permission_id", v.charge_permission_id},
              {"charge_permission_expires", opt(v.charge_permission_expires)},
              {"charge_permission_status", v.charge_permission_status},
              {"order_numbers", v.order_numbers}};
}

}  // namespace shop_model
