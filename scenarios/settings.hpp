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
