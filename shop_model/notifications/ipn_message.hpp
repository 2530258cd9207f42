// The inner Message of an Amazon Pay notification (fact sheet §11.2): which object changed,
// on which Charge Permission, and the NotificationId to de-duplicate by. It carries no state:
// the receiver reads the object from Amazon.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace shop_model {

enum class IpnObjectType { Charge, Refund, ChargePermission, Chargeback };
std::optional<IpnObjectType> parse_ipn_object_type(std::string_view text);  // "CHARGE", ...

struct IpnMessage {
  std::string merchant_id;
  std::string object_type;  // as sent; see parse_ipn_object_type
  std::string object_id;
  std::string charge_permission_id;
  std::string notification_type;  // STATE_CHANGE, ATTRIBUTE_CHANGE
  std::string notification_id;
  std::string notification_version;  // always "V2"
};

// Every field must be a non-empty string and NotificationVersion "V2"; the error says which
// is not. An ObjectType the shop does not know is accepted here (and ignored later).
core::Result<IpnMessage, std::string> parse_ipn_message(std::string_view message);

}  // namespace shop_model
