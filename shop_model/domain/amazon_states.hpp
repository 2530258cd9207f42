// Amazon Pay's states and reason codes as the shop sees them, one name table each. The
// names are Amazon's own, as its answers spell them and as 受注詳細 shows them.
#pragma once

#include <optional>
#include <string_view>

namespace shop_model {

// A Charge's statusDetails.state.
enum class ChargeState {
  None,  // "": never created (Amazon refused the authorization), or a state the shop does not know
  AuthorizationInitiated,
  Authorized,
  CaptureInitiated,
  Captured,
  Canceled,
  Declined,
};
std::string_view name(ChargeState state);
ChargeState parse_charge_state(std::string_view text);  // unknown → None

// A Refund's statusDetails.state.
enum class RefundState {
  None,  // "": a state the shop does not know
  RefundInitiated,
  Refunded,
  Declined,
};
std::string_view name(RefundState state);
RefundState parse_refund_state(std::string_view text);  // unknown → None

// A Charge Permission's statusDetails.state.
enum class ChargePermissionState {
  None,  // "": not read, or a state the shop does not know
  Chargeable,
  NonChargeable,
  Closed,
};
std::string_view name(ChargePermissionState state);
ChargePermissionState parse_charge_permission_state(std::string_view text);  // unknown → None

// The reasonCodes the shop decides on. Records keep Amazon's text as it came (受注詳細 shows
// it); decisions read it through reason_code().
enum class ReasonCode {
  Other,  // any code the shop does not decide on (SoftDeclined, ProcessingFailure, ...)
  ExpiredUnused,
  HardDeclined,
  AmazonRejected,
  InvalidChargePermissionStatus,
  PaymentMethodNotAllowed,
  TransactionAmountExceeded,
  TransactionCountExceeded,
  // A NonChargeable Charge Permission's reasons the buyer can fix (decision 9).
  PaymentMethodInvalid,
  PaymentMethodDeleted,
  PaymentMethodExpired,
  PaymentMethodNotSet,
  BillingAddressDeleted,
  MFAFailed,
};
std::string_view name(ReasonCode code);  // Other → ""
ReasonCode reason_code(std::string_view text);

}  // namespace shop_model
