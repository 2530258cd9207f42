// The per-Charge table of scenarios with `charge_table`: after every step, each Charge of the
// order's Charge Permission as Amazon holds it, including Charges made in Seller Central that
// the shop may not know. Read through the control API and left out of the step's transcript:
// it is the report's bookkeeping, not something the shop or the scenario did.
#include <fmt/core.h>

#include "core/amazon_objects.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

long long yen(const std::optional<core::Yen>& y) { return y ? y->value() : 0; }

}  // namespace

// The order's Charge Permission id and the mock's objects, read once outside the transcript.
core::Result<std::pair<std::string, json>, std::string> ScenarioContext::permission_objects(
    const std::string& order_ref) {
  auto permission = permission_id(order_ref);
  if (!permission) return core::fail(permission.error());
  auto objects = quietly([](auto& control) { return control.objects(); });
  if (!objects) return core::fail("cannot read Amazon's objects: " + objects.error());
  return std::pair<std::string, json>(*permission, *objects);
}

core::Result<std::vector<json>, std::string> ScenarioContext::amazon_charges(
    const std::string& order_ref) {
  auto read = permission_objects(order_ref);
  if (!read) return core::fail(read.error());
  const auto& [permission, objects] = *read;
  std::vector<json> charges;
  for (const json& j : field(objects, "charges"))
    if (core::amazon::read_charge(j).charge_permission_id == permission) charges.push_back(j);
  return charges;
}

core::Result<std::string, std::string> ScenarioContext::amazon_charge_id(
    const std::string& order_ref, std::int64_t n) {
  auto charges = amazon_charges(order_ref);
  if (!charges) return core::fail(charges.error());
  if (n < 1 || n > static_cast<std::int64_t>(charges->size()))
    return core::fail(fmt::format("order {} has {} Charge(s) at Amazon, not #{}", order_ref,
                                  charges->size(), n));
  return core::amazon::read_charge((*charges)[static_cast<size_t>(n - 1)]).id;
}

core::Result<std::vector<reports::ChargeAmounts>, std::string> ScenarioContext::charge_table(
    const std::string& order_ref) {
  auto read = permission_objects(order_ref);
  if (!read) return core::fail(read.error());
  const auto& [permission, objects] = *read;
  std::vector<reports::ChargeAmounts> rows;
  for (const json& j : field(objects, "charges")) {
    core::amazon::Charge c = core::amazon::read_charge(j);
    if (c.charge_permission_id != permission) continue;
    reports::ChargeAmounts row;
    row.charge_id = c.id;
    row.state = c.status.state.value_or("");
    row.authorized = yen(c.charge_amount);
    row.captured = yen(c.capture_amount);
    for (const json& r : field(objects, "refunds")) {
      core::amazon::Refund refund = core::amazon::read_refund(r);
      if (refund.charge_id != c.id) continue;
      if (refund.status.state == "Refunded") row.refunded += yen(refund.refund_amount);
      if (refund.status.state == "RefundInitiated") row.refund_pending += yen(refund.refund_amount);
    }
    row.refundable = row.captured - row.refunded - row.refund_pending;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace scenarios
