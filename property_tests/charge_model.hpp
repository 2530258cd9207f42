// The reference model of the mock's Charges: what Amazon Pay should answer to each operation
// and how charges, permissions and refunds move as simulated time passes.
//
// The model is written from the contract (fact sheet limits, README decisions) but reads the
// mock's own data where the data IS the contract: the transition tables (charge_table(),
// charge_permission_table(), refund_table()), limits.hpp and the sandbox simulation codes.
// It never calls the service. Entities are numbered in creation order (#0, #1, ... for
// charges, P0, P1, ... for permissions), because the mock's ids are random.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/time.hpp"
#include "mock_amazon/domain/reason_code.hpp"
#include "mock_amazon/domain/transitions.hpp"
#include "mock_amazon/domain/simulation.hpp"

namespace property_tests {

using core::Duration;
using core::Instant;
using core::Yen;
using mock_amazon::ChargePermissionState;
using mock_amazon::ChargeState;
using mock_amazon::ReasonCode;
using mock_amazon::RefundState;
using mock_amazon::SimulatedOperation;

// Deliberate mistakes the self-check plants in the model to prove the property can fail.
enum class ModelFlaw {
  None,
  OverCaptureAllowed,  // believes captureAmount may exceed chargeAmount
};

// What one API call should answer: a 2xx with the object's new state, or an error code.
struct Expected {
  int status = 200;
  std::optional<ReasonCode> error;  // set for a refusal
  std::string state;                // statusDetails.state on success
  bool ok() const { return !error; }
};

struct PermissionModel {
  Yen amount_limit;
  ChargePermissionState state = ChargePermissionState::Chargeable;
  std::optional<ReasonCode> reason;
  Instant expires;
  int charge_count = 0;  // charges not declined (the 25-per-permission limit)
  bool allow_overcharge = false;
  bool extend_expiration = false;
};

struct ChargeModel {
  int permission = 0;
  Yen amount;
  ChargeState state = ChargeState::Authorized;
  std::optional<ReasonCode> reason;
  std::optional<Yen> capture_amount;
  std::optional<Instant> authorized_at;
  Instant expires;
  std::optional<ReasonCode> pending_decline;  // how a pending authorization/capture resolves
  bool capture_on_approval = false;
  int refund_count = 0;
  Yen refund_requested{0};  // initiated + settled: what the ceiling is checked against
  Yen refunded{0};          // settled only: refundedAmount
};

struct RefundModel {
  int charge = 0;
  Yen amount;
  RefundState state = RefundState::RefundInitiated;
  std::optional<ReasonCode> reason;
  std::optional<ReasonCode> pending_decline;
};

enum class EventKind {
  ChargeExpire,
  AuthorizationResolve,
  CaptureResolve,
  RefundResolve,
  PermissionExpire
};

// Scheduled work, ordered like the mock's store: by due time, then by arming order.
struct Event {
  Instant due;
  std::int64_t seq = 0;
  EventKind kind = EventKind::ChargeExpire;
  int index = 0;
};

struct Forced {
  SimulatedOperation op;
  int index = 0;  // permission for CreateCharge, charge for CaptureCharge / CreateRefund
  std::string outcome;
  std::string then;
};

class Model {
 public:
  Model(Instant start, ModelFlaw flaw) : now_(start), flaw_(flaw) {}

  // ---- operations (each returns the expected answer and moves the model) ----
  // A whole checkout (create, sign in, update, payment page, complete) with paymentIntent
  // Authorize: a new OneTime permission and its first charge.
  Expected checkout(Yen amount, bool allow_overcharge, bool extend_expiration);
  Expected create_charge(int permission, Yen amount, bool capture_now, bool can_handle_pending);
  Expected capture(int charge, Yen amount);
  Expected cancel(int charge);
  Expected refund(int charge, Yen amount);
  Expected force(SimulatedOperation op, int index, const std::string& outcome,
                 const std::string& then);
  void advance(Duration by);

  // ---- queries ----
  Instant now() const { return now_; }
  const std::vector<PermissionModel>& permissions() const { return permissions_; }
  const std::vector<ChargeModel>& charges() const { return charges_; }
  const std::vector<RefundModel>& refunds() const { return refunds_; }
  // What may still be put on a OneTime permission: limit − active charges.
  Yen headroom(int permission) const;
  // The table says Capture (or its asynchronous variant) can start from this state.
  static bool capturable(ChargeState s);
  // Refunds still allowed on the charge by the ceiling (may be ≤ 0).
  Yen refund_room(int charge) const;
  bool has_forced(SimulatedOperation op, int index) const;

 private:
  Yen active_amount(int permission) const;
  Yen captured_total(int permission) const;
  std::optional<Forced> take_forced(SimulatedOperation op, int index);
  void arm(Instant due, EventKind kind, int index);
  void set_authorized(ChargeModel& c, int index);
  void after_capture(const ChargeModel& c);
  void apply_decline(PermissionModel& p, ReasonCode reason);
  void run_event(const Event& e);

  Instant now_;
  ModelFlaw flaw_;
  std::int64_t next_seq_ = 0;
  std::vector<PermissionModel> permissions_;
  std::vector<ChargeModel> charges_;
  std::vector<RefundModel> refunds_;
  std::vector<Event> events_;
  std::vector<Forced> forced_;
};

}  // namespace property_tests
