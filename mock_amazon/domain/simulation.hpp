// The sandbox's simulation vocabulary, shared by the mock and its callers: the operations an
// outcome can be forced on (x-amz-pay-simulation-code and POST /__mock/force) with the codes
// each accepts, the network faults the control API injects, and the state changes the
// simulated clock reports. Pure data: no service, no storage.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace mock_amazon {

// The x-amz-pay-simulation-code header, when sent.
using SimulationCode = std::optional<std::string>;

enum class SimulatedOperation {
  CompleteCheckoutSession,
  CreateCharge,
  CaptureCharge,
  CreateRefund,
  CloseChargePermission,
};
std::string_view name(SimulatedOperation op);
std::optional<SimulatedOperation> parse_simulated_operation(std::string_view text);
std::span<const SimulatedOperation> simulated_operations();
// The codes each operation accepts, for validation and documentation.
const std::vector<std::string>& simulation_codes(SimulatedOperation op);
bool accepts_simulation_code(SimulatedOperation op, std::string_view code);
// How a forced AuthorizationInitiated may end ("then"); absent means Authorized.
const std::vector<std::string>& authorization_declines();

// POST /__mock/force: the outcome of the next matching operation.
struct ForceRequest {
  SimulatedOperation operation = SimulatedOperation::CreateCharge;
  std::string object_id;  // empty: any object
  std::string outcome;    // a simulation code of the operation
  std::string then;       // after AuthorizationInitiated: one of authorization_declines()
};

// What an injected fault does to a matching API request. Error, Timeout and Drop stop it
// before anything happens; Lost lets it run — the write is committed, and its idempotency
// record kept — and loses only the answer (the shop sees a timeout after Amazon did it).
enum class FaultKind { Error, Timeout, Drop, Lost };
std::string_view name(FaultKind kind);
std::optional<FaultKind> parse_fault_kind(std::string_view text);
std::span<const FaultKind> fault_kinds();

// The largest Retry-After an error fault may carry (seconds).
inline constexpr std::int64_t kMaxRetryAfterSeconds = 3600;

// POST /__mock/faults: the next `count` matching API requests fail.
struct FaultRequest {
  std::optional<std::string> path;    // prefix such as /v2/charges; absent: every API path
  std::optional<std::string> method;  // absent: any
  FaultKind kind = FaultKind::Error;
  std::optional<std::string> reason_code;  // Error only; default InternalServerError
  std::optional<std::int64_t> status;      // Error only; default the reasonCode's
  // Error with status 429 or 5xx only: the Retry-After header (seconds). Default: 1 for 429,
  // none for 5xx.
  std::optional<std::int64_t> retry_after;
  std::optional<std::int64_t> count;       // absent: 1; -1: until cleared
};

// Who caused a change: the merchant through the API or by hand in Seller Central, Amazon,
// the buyer, or the simulated clock (expiries, pending work settling).
enum class ChangeActor { Api, SellerCentral, Amazon, Buyer, Clock };
std::string_view name(ChangeActor actor);

// One state change, as reported to control-API callers ("what changed").
struct Change {
  core::Instant at;
  std::string resource;  // "Charge"
  std::string id;
  std::string from;  // empty when created
  std::string to;
  std::string reason;  // empty when none
  ChangeActor actor = ChangeActor::Api;
  std::string charge_permission_id;  // the resource's permission; empty for CheckoutSession
  bool attribute = false;  // an attribute changed, not the state (from == to)
};

}  // namespace mock_amazon
