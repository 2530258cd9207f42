// Refund: Create, Get (fact sheet §6.12-6.13).
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;
using service_detail::invalid;
using service_detail::not_found;

// Japan's limits on one more refund of `amount` on the charge.
std::optional<AmazonError> over_limit(const Charge& c, Yen amount) {
  if (amount <= Yen{0}) return invalid("refundAmount must be positive");
  if (amount > limits::kMaxRefundAmount)
    return AmazonError{R::TransactionAmountExceeded,
                       "refundAmount exceeds the maximum of 10000000 JPY"};
  if (c.refund_count >= limits::kMaxRefundsPerCharge)
    return AmazonError{R::TransactionCountExceeded, "a charge allows at most 10 refunds"};
  Yen ceiling = limits::refund_ceiling(c.capture_amount.value_or(Yen{0}));
  if (c.refund_requested + amount > ceiling)
    return AmazonError{R::TransactionAmountExceeded,
                       "refunds would exceed " + ceiling.to_string() +
                           " JPY (captured amount plus min(15%, 8400 JPY))"};
  return std::nullopt;
}

}  // namespace

Outcome<Refund> Service::create_refund(const CreateRefundInput& in, const SimulationCode& sim) {
  if (in.soft_descriptor && in.soft_descriptor->size() > 16)
    return core::fail(invalid("softDescriptor must be at most 16 characters"));
  auto loaded = load_charge(in.charge_id);
  if (!loaded) return core::fail(loaded.error());
  Charge c = std::move(loaded).value();
  auto moved = transition(charge_table(), c.state, ChargeTrigger::Refund);
  if (!moved) return core::fail(moved.error());
  if (auto refused = over_limit(c, in.refund_amount)) return core::fail(*refused);
  auto picked = pick_outcome(SimulatedOperation::CreateRefund, c.id.str(), sim);
  if (!picked) return core::fail(picked.error());

  Refund r;
  r.id = new_refund_id(c.id);
  r.charge_id = c.id;
  r.amount = in.refund_amount;
  r.soft_descriptor = in.soft_descriptor;
  r.created = now();
  if (*picked) r.pending_decline = parse_reason_code((*picked)->outcome);
  create(r, RefundTrigger::Create);
  store_.add_event(now() + config_.refund_delay, EventKind::RefundResolve, r.id.str());
  ++c.refund_count;
  c.refund_requested += in.refund_amount;
  c.last_updated = now();
  store_.put(c);
  return r;
}

Outcome<Refund> Service::get_refund(const RefundId& id) {
  auto r = store_.refund(id);
  if (!r) return core::fail(not_found("Refund", id.str()));
  return *r;
}

}  // namespace mock_amazon
