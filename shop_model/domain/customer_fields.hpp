// 設定>購入者・会員情報>顧客登録項目一覧: the customer fields a shop may ask for beyond the six
// Amazon gives (ORD-014), each 利用しない / 利用する / 利用必須, separately for non-members
// (「非会員用入力項目」) and members. Pure; included by model.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shop_model {

// A few of the list's fields (GST-001/002 need only that such fields exist).
enum class CustomerField { BirthDate, Gender, Phone2, Company };
std::string_view name(CustomerField f);   // "birth_date", "gender", "phone2", "company"
std::string_view label(CustomerField f);  // "生年月日", "性別", "電話番号2", "会社名"
std::optional<CustomerField> parse_customer_field(std::string_view text);
std::vector<CustomerField> customer_fields();  // in table order

// 利用しない / 利用する / 利用必須.
enum class FieldUse { Unused, Used, Required };
std::string_view name(FieldUse u);  // "unused", "used", "required"

// Per field, how it is used; a field not listed is 利用しない.
using CustomerFieldUses = std::map<CustomerField, FieldUse>;
// What a customer entered, per field; a field not listed (or "") is empty.
using CustomerFieldValues = std::map<CustomerField, std::string>;

// The 利用必須 fields of `uses` that `values` leaves empty, in table order.
std::vector<CustomerField> missing_required(const CustomerFieldUses& uses,
                                            const CustomerFieldValues& values);

}  // namespace shop_model
