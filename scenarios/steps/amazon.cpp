// amazon.*: Amazon's own side, through the mock's control API: forced outcomes, faults and
// events Amazon's sandbox cannot produce on demand. A refusal fails the step.
#include <algorithm>

#include <fmt/core.h>

#include "mock_amazon/domain/reason_code.hpp"
#include "mock_amazon/domain/simulation.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using mock_amazon::SimulatedOperation;

std::vector<std::string> force_operations() {
  std::vector<std::string> out;
  for (auto op : mock_amazon::simulated_operations()) out.emplace_back(mock_amazon::name(op));
  return out;
}

std::vector<std::string> fault_kind_names() {
  std::vector<std::string> out;
  for (auto kind : mock_amazon::fault_kinds()) out.emplace_back(mock_amazon::name(kind));
  return out;
}

struct Force {
  std::string operation;
  std::optional<OrderRef> order;
  std::int64_t charge = 1;
  std::string outcome;
  std::optional<std::string> then;
};

// The object the outcome is for: the order's charge, checkout session or Charge Permission.
core::Result<std::string, std::string> forced_object(ScenarioContext& c, SimulatedOperation op,
                                                     const Force& p) {
  bool complete = op == SimulatedOperation::CompleteCheckoutSession;
  if (!p.order) return complete ? c.checkout_session_id() : std::string();
  if (op == SimulatedOperation::CaptureCharge || op == SimulatedOperation::CreateRefund)
    return c.charge_id(p.order->text, p.charge);
  if (!complete) return c.permission_id(p.order->text);
  auto order = c.order(p.order->text);
  if (!order) return core::fail(order.error());
  return order->checkout_session_id;
}

StepOutcome force(ScenarioContext& c, const Force& p) {
  auto op = mock_amazon::parse_simulated_operation(p.operation);
  if (!op) return failure("amazon.force: unknown operation " + p.operation);  // checked on load
  auto object = forced_object(c, *op, p);
  if (!object) return failure(object.error());
  auto answer = ScenarioContext::json_answer(
      c.control().force({*op, *object, p.outcome, p.then.value_or("")}));
  if (!answer) return failure(answer.error());
  return note(fmt::format("queued {} → {} for {}", p.operation, p.outcome,
                          object->empty() ? "any object" : *object));
}

void check_force(const Force& p, StepIssues& issues) {
  if (auto op = mock_amazon::parse_simulated_operation(p.operation)) {
    const auto& codes = mock_amazon::simulation_codes(*op);
    if (std::find(codes.begin(), codes.end(), p.outcome) == codes.end())
      issues.at("outcome", fmt::format("amazon.force: outcome '{}' is not valid for {} (valid: {})",
                                       p.outcome, p.operation, join(codes)));
  }
  if (p.then && p.outcome != "AuthorizationInitiated")
    issues.at("then", "amazon.force: 'then' only applies to outcome AuthorizationInitiated");
}

struct Fault {
  std::optional<std::string> path;
  std::optional<std::string> method;
  std::string kind = "error";
  std::optional<std::string> reason_code;
  std::optional<std::int64_t> status;
  std::optional<std::int64_t> retry_after;
  std::int64_t count = 1;
};
StepOutcome fault(ScenarioContext& c, const Fault& p) {
  auto kind = mock_amazon::parse_fault_kind(p.kind);
  if (!kind) return failure("amazon.fault: unknown kind " + p.kind);  // checked on load
  auto answer = ScenarioContext::json_answer(c.control().add_fault(
      {p.path, p.method, *kind, p.reason_code, p.status, p.retry_after, p.count}));
  if (!answer) return failure(answer.error());
  return note("fault armed: " + dump(*answer));
}

void check_fault(const Fault& p, StepIssues& issues) {
  if (p.reason_code && !mock_amazon::parse_reason_code(*p.reason_code))
    issues.at("reason_code", fmt::format("amazon.fault: unknown reasonCode '{}'", *p.reason_code));
  if (p.path && p.path->rfind("/v2/", 0) != 0)
    issues.at("path", "amazon.fault: 'path' must start with /v2/ (e.g. /v2/charges)");
  if (p.status && (*p.status < 400 || *p.status > 599))
    issues.at("status", "amazon.fault: 'status' must be 400-599");
  if (p.count == 0 || p.count < -1)
    issues.at("count", "amazon.fault: 'count' must be positive, or -1 for until cleared");
  if (mock_amazon::parse_fault_kind(p.kind) != mock_amazon::FaultKind::Error &&
      (p.reason_code || p.status || p.retry_after))
    issues.here("amazon.fault: reason_code, status and retry_after only apply to kind: error");
  if (p.retry_after && (*p.retry_after < 0 || *p.retry_after > mock_amazon::kMaxRetryAfterSeconds))
    issues.at("retry_after", fmt::format("amazon.fault: 'retry_after' must be 0-{} seconds",
                                         mock_amazon::kMaxRetryAfterSeconds));
}

StepOutcome clear_faults(ScenarioContext& c, const NoParams&) {
  auto answer = ScenarioContext::json_answer(c.control().clear_faults());
  if (!answer) return failure(answer.error());
  return note("faults cleared");
}

struct MakeNonChargeable {
  OrderRef order;
  std::string reason;
};
StepOutcome make_non_chargeable(ScenarioContext& c, const MakeNonChargeable& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  auto answer = ScenarioContext::json_answer(c.control().make_non_chargeable(*cp, p.reason));
  if (!answer) return failure(answer.error());
  return note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
}

StepOutcome cancel_charge(ScenarioContext& c, const OrderCharge& p) {
  auto id = c.charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  auto answer = ScenarioContext::json_answer(c.control().amazon_cancel_charge(*id));
  if (!answer) return failure(answer.error());
  return note("Charge " + *id + ": " + dump(friendly_charge(*answer)));
}

StepOutcome cancel_charge_permission(ScenarioContext& c, const OrderOnly& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  auto answer =
      ScenarioContext::json_answer(c.control().amazon_cancel_charge_permission(*cp));
  if (!answer) return failure(answer.error());
  return note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
}

}  // namespace

void add_amazon_steps(StepList& steps) {
  steps.add<Force>(
      "amazon.force",
      "Queues a forced outcome for the next matching Amazon operation. The object is the "
      "order's Charge Permission (CreateCharge, CloseChargePermission), its charge #n "
      "(CaptureCharge, CreateRefund) or checkout session (CompleteCheckoutSession; the current "
      "checkout when no order is given); without an order, any object.",
      {with_choices(required("operation", &Force::operation, "the operation"), force_operations()),
       optional("order", &Force::order, "the order whose object the outcome applies to"),
       charge_param(&Force::charge),
       required("outcome", &Force::outcome,
                "simulation code valid for the operation, e.g. HardDeclined, "
                "AuthorizationInitiated, CaptureInitiated, AmazonRejected"),
       with_choices(optional("then", &Force::then,
                             "after AuthorizationInitiated: how the pending authorization ends"),
                    mock_amazon::authorization_declines())},
      &force, &check_force);
  steps.add<Fault>(
      "amazon.fault", "Makes Amazon fail the next `count` matching API requests.",
      {optional("path", &Fault::path, "path prefix such as /v2/charges (default: every API path)"),
       with_choices(optional("method", &Fault::method, "HTTP method (default: any)"),
                    {"GET", "POST", "PATCH", "DELETE"}),
       with_choices(optional("kind", &Fault::kind,
                             "error answer, timeout, dropped connection (nothing done), or lost: "
                             "done at Amazon, answer lost"),
                    fault_kind_names()),
       optional("reason_code", &Fault::reason_code,
                "reasonCode of the error answer (default InternalServerError)"),
       optional("status", &Fault::status,
                "HTTP status of the error answer (default: the reasonCode's)"),
       optional("retry_after", &Fault::retry_after,
                "Retry-After of a 429 or 5xx error answer, in seconds (default: 1 for 429, none "
                "for 5xx)"),
       optional("count", &Fault::count, "how many requests fail; -1 = until amazon.clear_faults")},
      &fault, &check_fault);
  steps.add<NoParams>("amazon.clear_faults", "Removes every fault.", {}, &clear_faults);
  steps.add<MakeNonChargeable>(
      "amazon.make_non_chargeable", "Amazon marks the order's Charge Permission NonChargeable.",
      {order_param(&MakeNonChargeable::order),
       with_choices(required("reason", &MakeNonChargeable::reason, "reason code"),
                    {"PaymentMethodInvalid", "PaymentMethodDeleted", "BillingAddressDeleted",
                     "PaymentMethodExpired", "PaymentMethodNotAllowed", "PaymentMethodNotSet",
                     "ChargeInProgress", "MFAFailed"})},
      &make_non_chargeable);
  steps.add<OrderCharge>("amazon.cancel_charge",
                         "Amazon cancels charge #n of the order (AmazonCanceled).",
                         {order_param(&OrderCharge::order), charge_param(&OrderCharge::charge)},
                         &cancel_charge);
  steps.add<OrderOnly>("amazon.cancel_charge_permission",
                       "Amazon closes the order's Charge Permission (AmazonClosed).",
                       {order_param(&OrderOnly::order)}, &cancel_charge_permission);
}

}  // namespace scenarios
