#include "shop_model/domain/customer_fields.hpp"

#include <array>

namespace shop_model {
namespace {

struct FieldName {
  CustomerField field;
  std::string_view name, label;
};
constexpr std::array<FieldName, 4> kFields = {{
    {CustomerField::BirthDate, "birth_date", "生年月日"},
    {CustomerField::Gender, "gender", "性別"},
    {CustomerField::Phone2, "phone2", "電話番号2"},
    {CustomerField::Company, "company", "会社名"},
}};

constexpr std::array<std::pair<FieldUse, std::string_view>, 3> kUses = {{
    {FieldUse::Unused, "unused"},
    {FieldUse::Used, "used"},
    {FieldUse::Required, "required"},
}};

}  // namespace

std::string_view name(CustomerField f) {
  for (const auto& e : kFields)
    if (e.field == f) return e.name;
  return "?";
}

std::string_view label(CustomerField f) {
  for (const auto& e : kFields)
    if (e.field == f) return e.label;
  return "?";
}

std::optional<CustomerField> parse_customer_field(std::string_view text) {
  for (const auto& e : kFields)
    if (e.name == text) return e.field;
  return std::nullopt;
}

std::vector<CustomerField> customer_fields() {
  std::vector<CustomerField> out;
  for (const auto& e : kFields) out.push_back(e.field);
  return out;
}

std::string_view name(FieldUse u) {
  for (const auto& [use, text] : kUses)
    if (use == u) return text;
  return "?";
}

std::vector<CustomerField> missing_required(const CustomerFieldUses& uses,
                                            const CustomerFieldValues& values) {
  std::vector<CustomerField> out;
  for (CustomerField f : customer_fields()) {
    auto use = uses.find(f);
    if (use == uses.end() || use->second != FieldUse::Required) continue;
    auto value = values.find(f);
    if (value == values.end() || value->second.empty()) out.push_back(f);
  }
  return out;
}

}  // namespace shop_model
