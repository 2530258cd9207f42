// State machines as data: one transition table per Amazon Pay resource.
//
// Every state change the mock makes goes through `transition()`, which looks the
// (state, trigger) pair up in the resource's table; a pair that is not in the table is
// refused with the table's `denied` reasonCode (e.g. InvalidChargeStatus, HTTP 422).
// Unit tests walk every row and every missing pair; the property tests draw triggers from
// the tables; the conformance report draws the diagrams from them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.hpp"
#include "mock_amazon/domain/reason_code.hpp"

namespace mock_amazon {

enum class CheckoutSessionState { Open, Completed, Canceled };
enum class ChargePermissionState { Chargeable, NonChargeable, Closed };
enum class ChargeState {
  AuthorizationInitiated,
  Authorized,
  CaptureInitiated,
  Captured,
  Canceled,
  Declined
};
enum class RefundState { RefundInitiated, Refunded, Declined };

enum class CheckoutSessionTrigger {
  Create,
  Update,
  SignIn,           // sandbox buyer signs in and chooses address and payment method
  PassPaymentPage,  // buyer returns from amazonPayRedirectUrl
  Complete,
  BuyerCancel,      // buyer cancels on the hosted page, or card 3064
  Decline,          // payment declined on the payment page (card 3434)
  AmazonCancel,
  Expire,           // 24 h after creation
};

enum class ChargePermissionTrigger {
  Create,                 // Complete Checkout Session
  Update,                 // Update Charge Permission (PATCH)
  CreateCharge,
  Close,                  // Close Charge Permission
  PaymentMethodInvalid,   // a charge was hard-declined
  MakeNonChargeable,      // Amazon-side event with an explicit NonChargeable reason
  BuyerUpdatePaymentMethod,
  BuyerCancel,
  AmazonCancel,
  AmountBalanceExhausted,  // OneTime: captured total reached amountLimit
  Expire,
};

enum class ChargeTrigger {
  CreateAuthorized,
  CreatePending,          // canHandlePendingAuthorization and a pending simulation
  CreateCaptured,         // captureNow / AuthorizeWithCapture
  CreateCaptureInitiated, // captureNow with an asynchronous capture
  AuthorizationApproved,
  AuthorizationDeclined,
  Capture,                // synchronous capture (within 7 days of authorization)
  CaptureAsync,           // capture processed later (after 7 days, or simulated)
  CaptureSettled,
  CaptureDeclined,
  Cancel,
  Expire,                 // 30 days Authorized without capture
  ChargePermissionClosed, // Close Charge Permission with cancelPendingCharges
  AmazonCancel,
  BuyerCancel,
  Refund,                 // Create Refund on this charge (state unchanged)
};

enum class RefundTrigger { Create, Settle, Decline };

std::string_view name(CheckoutSessionState s);
std::string_view name(ChargePermissionState s);
std::string_view name(ChargeState s);
std::string_view name(RefundState s);
std::string_view name(CheckoutSessionTrigger t);
std::string_view name(ChargePermissionTrigger t);
std::string_view name(ChargeTrigger t);
std::string_view name(RefundTrigger t);

template <class State, class Trigger>
struct Transition {
  std::optional<State> from;  // nullopt: the trigger creates the resource
  Trigger trigger;
  State to;
  std::vector<ReasonCode> reasons;  // reasons the target state may carry; empty = none
  const char* description;
};

template <class State, class Trigger>
struct TransitionTable {
  const char* resource;
  std::vector<State> states;
  std::vector<Trigger> triggers;
  std::vector<Transition<State, Trigger>> rows;
  ReasonCode denied;  // answer for a (state, trigger) pair not in the table

  const Transition<State, Trigger>* find(std::optional<State> from, Trigger trigger) const {
    for (const auto& row : rows)
      if (row.from == from && row.trigger == trigger) return &row;
    return nullptr;
  }
};

using CheckoutSessionTable = TransitionTable<CheckoutSessionState, CheckoutSessionTrigger>;
using ChargePermissionTable = TransitionTable<ChargePermissionState, ChargePermissionTrigger>;
using ChargeTable = TransitionTable<ChargeState, ChargeTrigger>;
using RefundTable = TransitionTable<RefundState, RefundTrigger>;

const CheckoutSessionTable& checkout_session_table();
const ChargePermissionTable& charge_permission_table();
const ChargeTable& charge_table();
const RefundTable& refund_table();

// The outcome of applying a trigger: the new state and the reason it carries.
template <class State>
struct Moved {
  State state;
  std::optional<ReasonCode> reason;
};

// Looks the transition up. `reason` must be one of the row's reasons (or absent when the row
// has exactly one, which is then used). A missing row yields the table's denied error.
template <class State, class Trigger>
core::Result<Moved<State>, AmazonError> transition(
    const TransitionTable<State, Trigger>& table, std::optional<std::type_identity_t<State>> from,
    std::type_identity_t<Trigger> trigger, std::optional<ReasonCode> reason = {}) {
  const auto* row = table.find(from, trigger);
  if (row == nullptr) {
    std::string msg = std::string(table.resource) + " cannot " + std::string(name(trigger)) +
                      (from ? " in state " + std::string(name(*from)) : std::string());
    return core::fail(AmazonError{table.denied, std::move(msg)});
  }
  if (!reason && row->reasons.size() == 1) reason = row->reasons.front();
  // A reason outside the row is a programming error in the service, not a client error.
  if (reason) {
    bool allowed = false;
    for (ReasonCode r : row->reasons) allowed = allowed || r == *reason;
    if (!allowed) return core::fail(AmazonError{ReasonCode::InternalServerError,
                                                "transition reason not allowed by table"});
  }
  return Moved<State>{row->to, reason};
}

}  // namespace mock_amazon
