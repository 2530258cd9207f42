#include "shop_model/domain/amazon_states.hpp"

#include <array>
#include <utility>

namespace shop_model {
namespace {

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<ChargeState, 7> kChargeStates = {{
    {ChargeState::None, ""},
    {ChargeState::AuthorizationInitiated, "AuthorizationInitiated"},
    {ChargeState::Authorized, "Authorized"},
    {ChargeState::CaptureInitiated, "CaptureInitiated"},
    {ChargeState::Captured, "Captured"},
    {ChargeState::Canceled, "Canceled"},
    {ChargeState::Declined, "Declined"},
}};

constexpr Table<RefundState, 4> kRefundStates = {{
    {RefundState::None, ""},
    {RefundState::RefundInitiated, "RefundInitiated"},
    {RefundState::Refunded, "Refunded"},
    {RefundState::Declined, "Declined"},
}};

constexpr Table<ChargePermissionState, 4> kPermissionStates = {{
    {ChargePermissionState::None, ""},
    {ChargePermissionState::Chargeable, "Chargeable"},
    {ChargePermissionState::NonChargeable, "NonChargeable"},
    {ChargePermissionState::Closed, "Closed"},
}};

constexpr Table<ReasonCode, 14> kReasonCodes = {{
    {ReasonCode::Other, ""},
    {ReasonCode::ExpiredUnused, "ExpiredUnused"},
    {ReasonCode::HardDeclined, "HardDeclined"},
    {ReasonCode::AmazonRejected, "AmazonRejected"},
    {ReasonCode::InvalidChargePermissionStatus, "InvalidChargePermissionStatus"},
    {ReasonCode::PaymentMethodNotAllowed, "PaymentMethodNotAllowed"},
    {ReasonCode::TransactionAmountExceeded, "TransactionAmountExceeded"},
    {ReasonCode::TransactionCountExceeded, "TransactionCountExceeded"},
    {ReasonCode::PaymentMethodInvalid, "PaymentMethodInvalid"},
    {ReasonCode::PaymentMethodDeleted, "PaymentMethodDeleted"},
    {ReasonCode::PaymentMethodExpired, "PaymentMethodExpired"},
    {ReasonCode::PaymentMethodNotSet, "PaymentMethodNotSet"},
    {ReasonCode::BillingAddressDeleted, "BillingAddressDeleted"},
    {ReasonCode::MFAFailed, "MFAFailed"},
}};

template <class E, std::size_t N>
std::string_view name_in(const Table<E, N>& table, E value) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return table[0].second;
}

// The first entry is the fallback for text the table does not hold.
template <class E, std::size_t N>
E parse_in(const Table<E, N>& table, std::string_view text) {
  for (const auto& [v, t] : table)
    if (t == text) return v;
  return table[0].first;
}

}  // namespace

std::string_view name(ChargeState s) { return name_in(kChargeStates, s); }
ChargeState parse_charge_state(std::string_view t) { return parse_in(kChargeStates, t); }
std::string_view name(RefundState s) { return name_in(kRefundStates, s); }
RefundState parse_refund_state(std::string_view t) { return parse_in(kRefundStates, t); }
std::string_view name(ChargePermissionState s) { return name_in(kPermissionStates, s); }
ChargePermissionState parse_charge_permission_state(std::string_view t) {
  return parse_in(kPermissionStates, t);
}
std::string_view name(ReasonCode c) { return name_in(kReasonCodes, c); }
ReasonCode reason_code(std::string_view t) { return parse_in(kReasonCodes, t); }

}  // namespace shop_model
