#include "scenarios/settings.hpp"

#include "scenarios/registry.hpp"

namespace scenarios {
namespace {

using shop_model::CcVariant;
using shop_model::MemberRegistration;
using shop_model::ProductType;

std::vector<FieldSpec<OptionsPatch>> option_fields() {
  return {optional("amazon_pay", &OptionsPatch::amazon_pay, "Amazon Pay option"),
          optional("amazon_pay_recurring", &OptionsPatch::amazon_pay_recurring,
                   "Amazon Pay 定期・頒布会 option"),
          optional("subscription", &OptionsPatch::subscription,
                   "the shop's own 定期・頒布会 option"),
          optional("store_pickup", &OptionsPatch::store_pickup, "店舗受取オプション")};
}

std::vector<FieldSpec<AutoLinkPatch>> auto_link_fields() {
  return {optional("use", &AutoLinkPatch::use, "「利用する」"),
          optional("configure", &AutoLinkPatch::configure, "「設定する」")};
}

// A `shop:` key whose value is a mapping of P's fields, kept in `member`.
template <class P>
FieldSpec<SettingsPatch> nested_field(std::string name, std::optional<P> SettingsPatch::*member,
                                      std::vector<FieldSpec<P>> (*fields)(), std::string doc) {
  FieldSpec<SettingsPatch> f;
  f.spec.name = std::move(name);
  f.spec.type = ParamType::Fields;
  f.spec.doc = std::move(doc);
  f.spec.fields = param_specs(fields());
  f.read = [member, fields](const Value& v, SettingsPatch& p) {
    p.*member = decode_params(fields(), v.entries());
  };
  return f;
}

FieldSpec<SettingsPatch> auto_link_field() {
  FieldSpec<SettingsPatch> f;
  f.spec.name = "auto_link";
  f.spec.type = ParamType::BoolOrFields;
  f.spec.doc = "自動連携: true/false, or {use, configure} (ON only when both)";
  f.spec.fields = param_specs(auto_link_fields());
  f.read = [](const Value& v, SettingsPatch& p) {
    if (auto both = v.as_bool()) p.auto_link = AutoLinkPatch{*both, *both};
    else p.auto_link = decode_params(auto_link_fields(), v.entries());
  };
  return f;
}

std::vector<FieldSpec<CustomerFieldsPatch>> customer_field_fields() {
  using P = CustomerFieldsPatch;
  return {optional("birth_date", &P::birth_date, "生年月日"),
          optional("gender", &P::gender, "性別"),
          optional("phone2", &P::phone2, "電話番号2"),
          optional("company", &P::company, "会社名")};
}

std::vector<FieldSpec<CouponPatch>> coupon_fields() {
  return {required("code", &CouponPatch::code, "the code a customer enters"),
          required("discount", &CouponPatch::discount, "yen taken off the order")};
}

template <class T>
void set_if(T& setting, const std::optional<T>& value) {
  if (value) setting = *value;
}

void apply_field_uses(shop_model::CustomerFieldUses& uses, const CustomerFieldsPatch& p) {
  using shop_model::CustomerField;
  const std::pair<CustomerField, std::optional<shop_model::FieldUse>> given[] = {
      {CustomerField::BirthDate, p.birth_date},
      {CustomerField::Gender, p.gender},
      {CustomerField::Phone2, p.phone2},
      {CustomerField::Company, p.company}};
  for (const auto& [field, use] : given)
    if (use) uses[field] = *use;
}

}  // namespace

const std::vector<std::pair<shop_model::FieldUse, std::string_view>>& FieldUseNames::table() {
  using shop_model::FieldUse;
  static const std::vector<std::pair<FieldUse, std::string_view>> t = {
      {FieldUse::Unused, name(FieldUse::Unused)},
      {FieldUse::Used, name(FieldUse::Used)},
      {FieldUse::Required, name(FieldUse::Required)}};
  return t;
}

const std::vector<std::pair<CcVariant, std::string_view>>& CcVariantNames::table() {
  static const std::vector<std::pair<CcVariant, std::string_view>> t = {
      {CcVariant::None, name(CcVariant::None)},
      {CcVariant::Migrating, name(CcVariant::Migrating)},
      {CcVariant::Live, name(CcVariant::Live)}};
  return t;
}

const std::vector<std::pair<MemberRegistration, std::string_view>>&
MemberRegistrationNames::table() {
  static const std::vector<std::pair<MemberRegistration, std::string_view>> t = {
      {MemberRegistration::Open, "open"}, {MemberRegistration::AdminOnly, "admin_only"}};
  return t;
}

const std::vector<std::pair<ProductType, std::string_view>>& ProductTypeNames::table() {
  static const std::vector<std::pair<ProductType, std::string_view>> t = {
      {ProductType::Normal, name(ProductType::Normal)},
      {ProductType::Reservation, name(ProductType::Reservation)},
      {ProductType::Subscription, name(ProductType::Subscription)}};
  return t;
}

const std::vector<FieldSpec<SettingsPatch>>& settings_field_specs() {
  using P = SettingsPatch;
  static const std::vector<FieldSpec<P>> fields = {
      optional("variant", &P::variant, "コマースクリエイター variant"),
      nested_field("options", &P::options, &option_fields, "the shop's contracted options"),
      auto_link_field(),
      optional("merchant_url", &P::merchant_url, "販売事業者様サイトURL registered"),
      optional("memo_card_details", &P::memo_card_details,
               "after Amazon's 2021.09 change: the memo may show the masked card (MEMO-005)"),
      optional("member_registration", &P::member_registration, "会員登録方法"),
      optional("multiple_destinations", &P::multiple_destinations, "複数お届け機能"),
      optional("privacy_consent_required", &P::privacy_consent_required,
               "privacy-policy consent required"),
      optional("charge_permission_deletion_delay", &P::charge_permission_deletion_delay,
               "delay before an unusable Charge Permission is closed (rules.md decision 5)"),
      optional("domain", &P::domain, "shop domain"),
      optional("name", &P::name, "shop name"),
      optional("other_payment_methods", &P::other_payment_methods,
               "payment methods of the normal order form"),
      nested_field("guest_fields", &P::guest_fields, &customer_field_fields,
                            "顧客登録項目一覧「非会員用入力項目」: unused / used / required per field"),
      nested_field("member_fields", &P::member_fields, &customer_field_fields,
                            "顧客登録項目一覧, for members: unused / used / required per field"),
      optional("point_function", &P::point_function, "ポイント機能"),
      optional("point_rate_percent", &P::point_rate_percent,
               "purchase points, % of the order total (default 1)"),
      nested_field("coupon", &P::coupon, &coupon_fields, "the shop's coupon (クーポン)"),
  };
  return fields;
}

const std::vector<ParamSpec>& settings_fields() {
  static const std::vector<ParamSpec> specs = param_specs(settings_field_specs());
  return specs;
}

SettingsPatch settings_patch(const Value& shop) {
  if (!shop.is_map()) return {};
  return decode_params(settings_field_specs(), shop.entries());
}

void apply_settings(shop_model::ShopSettings& s, const SettingsPatch& p) {
  set_if(s.variant, p.variant);
  if (p.options) {
    set_if(s.option_amazon_pay, p.options->amazon_pay);
    set_if(s.option_amazon_pay_recurring, p.options->amazon_pay_recurring);
    set_if(s.option_subscription, p.options->subscription);
    set_if(s.store_pickup_option, p.options->store_pickup);
  }
  if (p.auto_link) {
    set_if(s.auto_link_use, p.auto_link->use);
    set_if(s.auto_link_configure, p.auto_link->configure);
  }
  set_if(s.merchant_url_set, p.merchant_url);
  set_if(s.memo_card_details, p.memo_card_details);
  set_if(s.member_registration, p.member_registration);
  set_if(s.multiple_destinations, p.multiple_destinations);
  set_if(s.privacy_consent_required, p.privacy_consent_required);
  set_if(s.charge_permission_deletion_delay, p.charge_permission_deletion_delay);
  set_if(s.domain, p.domain);
  set_if(s.name, p.name);
  set_if(s.other_payment_methods, p.other_payment_methods);
  if (p.guest_fields) apply_field_uses(s.guest_fields, *p.guest_fields);
  if (p.member_fields) apply_field_uses(s.member_fields, *p.member_fields);
  set_if(s.point_function, p.point_function);
  set_if(s.point_rate_percent, p.point_rate_percent);
  if (p.coupon) {
    s.coupon_code = p.coupon->code;
    s.coupon_discount = core::Yen{p.coupon->discount};
  }
}

const std::vector<FieldSpec<ProductEntry>>& product_field_specs() {
  using P = ProductEntry;
  static const std::vector<FieldSpec<P>> fields = {
      required("code", &P::code, "product code used by customer.add_to_cart"),
      required("name", &P::name, "product name"),
      required("price", &P::price, "price in yen"),
      optional("type", &P::type, "product type"),
      optional("deliveries", &P::deliveries,
               "subscription products: deliveries of a 頒布会 (0 = 定期, until cancelled)"),
  };
  return fields;
}

const std::vector<ParamSpec>& product_fields() {
  static const std::vector<ParamSpec> specs = param_specs(product_field_specs());
  return specs;
}

std::vector<shop_model::Product> catalog_of(const Value& products) {
  std::vector<shop_model::Product> out;
  if (!products.is_list()) {
    for (const DefaultProduct& p : default_products())
      out.push_back(shop_model::Product{p.code, p.name, core::Yen{p.price},
                                        *shop_model::parse_product_type(p.type)});
    return out;
  }
  for (const Value& item : products.items()) {
    ProductEntry e = decode_params(product_field_specs(), item.entries());
    out.push_back(shop_model::Product{e.code, e.name, core::Yen{e.price}, e.type,
                                      static_cast<int>(e.deliveries)});
  }
  return out;
}

}  // namespace scenarios
