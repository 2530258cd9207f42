#include "shop_model/notifications/ipn_message.hpp"

#include <utility>

#include <nlohmann/json.hpp>

namespace shop_model {

std::optional<IpnObjectType> parse_ipn_object_type(std::string_view text) {
  if (text == "CHARGE") return IpnObjectType::Charge;
  if (text == "REFUND") return IpnObjectType::Refund;
  if (text == "CHARGE_PERMISSION") return IpnObjectType::ChargePermission;
  if (text == "CHARGEBACK") return IpnObjectType::Chargeback;
  return std::nullopt;
}

core::Result<IpnMessage, std::string> parse_ipn_message(std::string_view message) {
  nlohmann::json j = nlohmann::json::parse(message, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return core::fail(std::string("Message: not a JSON object"));
  IpnMessage m;
  const std::pair<const char*, std::string*> fields[] = {
      {"MerchantID", &m.merchant_id},
      {"ObjectType", &m.object_type},
      {"ObjectId", &m.object_id},
      {"ChargePermissionId", &m.charge_permission_id},
      {"NotificationType", &m.notification_type},
      {"NotificationId", &m.notification_id},
      {"NotificationVersion", &m.notification_version}};
  for (const auto& [key, out] : fields) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
      return core::fail("Message: '" + std::string(key) + "' is missing or not a string");
    *out = it->get<std::string>();
  }
  if (m.notification_version != "V2")
    return core::fail("Message: NotificationVersion '" + m.notification_version + "' is not V2");
  return m;
}

}  // namespace shop_model
