// The shop a scenario runs against: `shop:` settings (also `admin.update_settings`) and
// `products:`, as typed values described once (typed_params.hpp), applied to the reference
// shop's own types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenarios/typed_params.hpp"
#include "shop_model/domain/model.hpp"

namespace scenarios {

struct CcVariantNames {
  static const std::vector<std::pair<shop_model::CcVariant, std::string_view>>& table();
};
struct MemberRegistrationNames {
  static const std::vector<std::pair<shop_model::MemberRegistration, std::string_view>>& table();
};
struct ProductTypeNames {
  static const std::vector<std::pair<shop_model::ProductType, std::string_view>>& table();
};
struct FieldUseNames {
  static const std::vector<std::pair<shop_model::FieldUse, std::string_view>>& table();
};
template <>
struct ParamTraits<shop_model::FieldUse>
    : EnumParamTraits<shop_model::FieldUse, FieldUseNames> {};
template <>
struct ParamTraits<shop_model::CcVariant>
    : EnumParamTraits<shop_model::CcVariant, CcVariantNames> {};
template <>
struct ParamTraits<shop_model::MemberRegistration>
    : EnumParamTraits<shop_model::MemberRegistration, MemberRegistrationNames> {};
template <>
struct ParamTraits<shop_model::ProductType>
    : EnumParamTraits<shop_model::ProductType, ProductTypeNames> {};

// The shop's contracted options.
struct OptionsPatch {
  std::optional<bool> amazon_pay, amazon_pay_recurring, subscription, store_pickup;
};
// 自動連携: ON only when both 「利用する」 and 「設定する」 are checked.
struct AutoLinkPatch {
  std::optional<bool> use, configure;
};

// 顧客登録項目一覧: one use per field (absent keys leave it as it is).
struct CustomerFieldsPatch {
  std::optional<shop_model::FieldUse> birth_date, gender, phone2, company;
};
// The shop's coupon.
struct CouponPatch {
  std::string code;
  std::int64_t discount = 0;
};

// Overrides of the default shop settings; absent keys leave a setting as it is.
struct SettingsPatch {
  std::optional<shop_model::CcVariant> variant;
  std::optional<OptionsPatch> options;
  std::optional<AutoLinkPatch> auto_link;
  std::optional<bool> merchant_url;
  std::optional<bool> memo_card_details;
  std::optional<shop_model::MemberRegistration> member_registration;
  std::optional<bool> multiple_destinations;
  std::optional<bool> privacy_consent_required;
  std::optional<core::Duration> charge_permission_deletion_delay;
  std::optional<std::string> domain;
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> other_payment_methods;
  std::optional<CustomerFieldsPatch> guest_fields, member_fields;
  std::optional<bool> point_function;
  std::optional<std::int64_t> point_rate_percent;
  std::optional<CouponPatch> coupon;
};

const std::vector<FieldSpec<SettingsPatch>>& settings_field_specs();
// A validated `shop:` mapping (null: no overrides).
SettingsPatch settings_patch(const Value& shop);
void apply_settings(shop_model::ShopSettings& settings, const SettingsPatch& patch);

// One entry of `products:`.
struct ProductEntry {
  std::string code;
  std::string name;
  std::int64_t price = 0;
  shop_model::ProductType type = shop_model::ProductType::Normal;
  std::int64_t deliveries = 0;  // 頒布会: deliveries in all (0: 定期, until cancelled)
};
const std::vector<FieldSpec<ProductEntry>>& product_field_specs();
// The validated `products:` list, or the default catalogue when it is null.
std::vector<shop_model::Product> catalog_of(const Value& products);

}  // namespace scenarios
