#include "mock_amazon/domain/simulation.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mock_amazon {
namespace {

// One row per operation: its name and the codes it honours.
struct OperationRow {
  SimulatedOperation op;
  std::string_view name;
  std::vector<std::string> codes;
};

const std::array<OperationRow, 5>& operation_table() {
  static const std::array<OperationRow, 5> table = {{
      {SimulatedOperation::CompleteCheckoutSession,
       "CompleteCheckoutSession",
       {"BuyerCanceled", "AmazonCanceled", "Declined", "AuthorizationInitiated"}},
      {SimulatedOperation::CreateCharge,
       "CreateCharge",
       {"HardDeclined", "SoftDeclined", "AmazonRejected", "TransactionTimedOut",
        "ProcessingFailure", "PaymentMethodNotAllowed", "MFANotCompleted", "AuthorizationInitiated",
        "CaptureInitiated"}},
      {SimulatedOperation::CaptureCharge,
       "CaptureCharge",
       {"CaptureInitiated", "AmazonRejected", "ProcessingFailure"}},
      {SimulatedOperation::CreateRefund, "CreateRefund", {"AmazonRejected", "ProcessingFailure"}},
      {SimulatedOperation::CloseChargePermission, "CloseChargePermission", {"AmazonClosed"}},
  }};
  return table;
}

const OperationRow& row_of(SimulatedOperation op) {
  const auto& table = operation_table();
  return *std::find_if(table.begin(), table.end(), [&](const auto& r) { return r.op == op; });
}

constexpr std::array<std::pair<FaultKind, std::string_view>, 4> kFaultKinds = {{
    {FaultKind::Error, "error"},
    {FaultKind::Timeout, "timeout"},
    {FaultKind::Drop, "drop"},
    {FaultKind::Lost, "lost"},
}};

}  // namespace

std::string_view name(SimulatedOperation op) {
  return row_of(op).name;
}

std::optional<SimulatedOperation> parse_simulated_operation(std::string_view text) {
  for (const auto& r : operation_table())
    if (r.name == text) return r.op;
  return std::nullopt;
}

std::span<const SimulatedOperation> simulated_operations() {
  static constexpr std::array<SimulatedOperation, 5> all = {
      SimulatedOperation::CompleteCheckoutSession, SimulatedOperation::CreateCharge,
      SimulatedOperation::CaptureCharge, SimulatedOperation::CreateRefund,
      SimulatedOperation::CloseChargePermission};
  return all;
}

const std::vector<std::string>& simulation_codes(SimulatedOperation op) {
  return row_of(op).codes;
}

bool accepts_simulation_code(SimulatedOperation op, std::string_view code) {
  const auto& codes = simulation_codes(op);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

const std::vector<std::string>& authorization_declines() {
  static const std::vector<std::string> declines = {
      "HardDeclined", "SoftDeclined", "AmazonRejected", "ProcessingFailure", "TransactionTimedOut"};
  return declines;
}

std::string_view name(FaultKind kind) {
  for (const auto& [k, text] : kFaultKinds)
    if (k == kind) return text;
  return "?";
}

std::span<const FaultKind> fault_kinds() {
  static constexpr std::array<FaultKind, 4> all = {FaultKind::Error, FaultKind::Timeout,
                                                   FaultKind::Drop, FaultKind::Lost};
  return all;
}

std::optional<FaultKind> parse_fault_kind(std::string_view text) {
  for (const auto& [k, t] : kFaultKinds)
    if (t == text) return k;
  return std::nullopt;
}

std::string_view name(ChangeActor actor) {
  switch (actor) {
    case ChangeActor::Api:
      return "Api";
    case ChangeActor::SellerCentral:
      return "SellerCentral";
    case ChangeActor::Amazon:
      return "Amazon";
    case ChangeActor::Buyer:
      return "Buyer";
    case ChangeActor::Clock:
      return "Clock";
  }
  return "?";
}

}  // namespace mock_amazon
