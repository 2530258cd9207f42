// Amazon Pay's objects read from its JSON once, for every reader: the shop decides on them
// (shop_model/amazon), the scenario runner shows and matches them (scenarios/steps). Values
// stay as Amazon sent them — states and reason codes as text, nullopt when absent — so each
// reader interprets them its own way without reading Amazon's field names again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/money.hpp"

namespace core::amazon {

// statusDetails: {state, reasonCode} of a Checkout Session, Charge or Refund; the reasons
// list of a Charge Permission.
struct Status {
  std::optional<std::string> state, reason_code;
  std::vector<std::string> reasons;
};

struct Charge {
  std::string id, charge_permission_id;
  Status status;
  std::optional<Yen> charge_amount, capture_amount, refunded_amount;
};

struct ChargePermission {
  std::string id;
  Status status;
  std::optional<std::string> expiration_timestamp;  // Amazon's text, e.g. 20270205T000000Z
  std::optional<Yen> amount_limit, amount_balance;
  std::string payment_descriptor;  // of the first payment preference; "" when none
};

struct Refund {
  std::string id, charge_id;
  Status status;
  std::optional<Yen> refund_amount;
};

Status read_status(const nlohmann::json& object);
Charge read_charge(const nlohmann::json& charge);
ChargePermission read_charge_permission(const nlohmann::json& permission);
Refund read_refund(const nlohmann::json& refund);

// A text field of `object`; "" when absent or not text.
std::string text(const nlohmann::json& object, const char* key);
// A Price field ({amount: "1000", currencyCode: "JPY"}) of `object` in yen; nullopt when
// absent or not a whole number of yen.
std::optional<Yen> price(const nlohmann::json& object, const char* key);
// The first payment preference's paymentDescriptor; "" when none.
std::string payment_descriptor(const nlohmann::json& object);

}  // namespace core::amazon
