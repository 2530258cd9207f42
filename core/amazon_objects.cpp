#include "core/amazon_objects.hpp"

#include <nlohmann/json.hpp>

namespace core::amazon {

using nlohmann::json;

namespace {

std::optional<std::string> optional_text(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string())
    return std::nullopt;
  return object.at(key).get<std::string>();
}

const json& member(const json& object, const char* key) {
  static const json kNull;
  return object.is_object() && object.contains(key) ? object.at(key) : kNull;
}

}  // namespace

std::string text(const json& object, const char* key) {
  return optional_text(object, key).value_or("");
}

std::optional<Yen> price(const json& object, const char* key) {
  const json& amount = member(member(object, key), "amount");
  if (amount.is_number_integer()) return Yen{amount.get<std::int64_t>()};
  if (!amount.is_string()) return std::nullopt;
  return Yen::parse(amount.get<std::string>());
}

std::string payment_descriptor(const json& object) {
  const json& preferences = member(object, "paymentPreferences");
  if (!preferences.is_array() || preferences.empty()) return "";
  return text(preferences.at(0), "paymentDescriptor");
}

Status read_status(const json& object) {
  const json& details = member(object, "statusDetails");
  Status s{optional_text(details, "state"), optional_text(details, "reasonCode"), {}};
  const json& reasons = member(details, "reasons");
  if (reasons.is_array())
    for (const json& r : reasons) s.reasons.push_back(text(r, "reasonCode"));
  return s;
}

Charge read_charge(const json& c) {
  return Charge{text(c, "chargeId"),       text(c, "chargePermissionId"),
                read_status(c),            price(c, "chargeAmount"),
                price(c, "captureAmount"), price(c, "refundedAmount")};
}

ChargePermission read_charge_permission(const json& cp) {
  const json& limits = member(cp, "limits");
  return ChargePermission{text(cp, "chargePermissionId"),
                          read_status(cp),
                          optional_text(cp, "expirationTimestamp"),
                          price(limits, "amountLimit"),
                          price(limits, "amountBalance"),
                          payment_descriptor(cp)};
}

Refund read_refund(const json& r) {
  return Refund{text(r, "refundId"), text(r, "chargeId"), read_status(r),
                price(r, "refundAmount")};
}

}  // namespace core::amazon
