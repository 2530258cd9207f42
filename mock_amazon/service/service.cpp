// The service's shared machinery: ids, picking a simulated outcome, loading resources.
// The operations live in one file per resource (checkout_session, charge_permission,
// charge, refund), the sandbox's own operations in simulation.cpp and the clock's
// scheduled work in schedule.cpp.
#include "mock_amazon/service/service.hpp"

#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {

using R = ReasonCode;
using service_detail::not_found;

Service::Service(Store& store, core::SimulatedClock& clock, core::Prng& prng, ServiceConfig config)
    : store_(store), clock_(clock), prng_(prng), config_(std::move(config)) {}

std::vector<Change> Service::take_changes() {
  return std::exchange(changes_, {});
}

std::vector<Change> Service::take_notices() {
  return std::exchange(notices_, {});
}

// ---------------------------------------------------------------- ids

std::string Service::new_charge_permission_id(ChargePermissionType type) {
  // S = one-time, C = recurring; 03 = Japan (fact sheet §1.5, an inference from examples).
  const char* prefix = type == ChargePermissionType::OneTime ? "S03-" : "C03-";
  for (;;) {
    std::string id = prefix + prng_.digits(7) + "-" + prng_.digits(7);
    if (!store_.id_in_use(id)) return id;
  }
}

ChargeId Service::new_charge_id(const ChargePermissionId& cp) {
  for (;;) {
    // "<permission>-C<digits>" can only meet another Charge's id.
    ChargeId id{cp.str() + "-C" + prng_.digits(6)};
    if (!store_.has_charge(id, cp)) return id;
  }
}

RefundId Service::new_refund_id(const ChargeId& charge) {
  std::string cp = charge.str().substr(0, charge.str().rfind("-C"));
  for (;;) {
    std::string id = cp + "-R" + prng_.digits(6);
    if (!store_.id_in_use(id)) return RefundId{id};
  }
}

// ---------------------------------------------------------------- outcomes and loading

Outcome<std::optional<ForcedOutcome>> Service::pick_outcome(SimulatedOperation op,
                                                            const std::string& object_id,
                                                            const SimulationCode& sim) {
  if (sim) {
    if (!accepts_simulation_code(op, *sim))
      return core::fail(
          AmazonError{R::InvalidSandboxSimulationSpecified,
                      "simulation code '" + *sim + "' is not valid for " + std::string(name(op))});
    // The header wins; a queued outcome for this object stays queued.
    return std::optional<ForcedOutcome>(ForcedOutcome{0, op, object_id, *sim, ""});
  }
  return store_.take_forced(op, object_id);
}

Outcome<ChargePermission> Service::load_cp(const ChargePermissionId& id) {
  auto cp = store_.charge_permission(id);
  if (!cp) return core::fail(not_found("ChargePermission", id.str()));
  return *cp;
}

Outcome<Charge> Service::load_charge(const ChargeId& id) {
  auto c = store_.charge(id);
  if (!c) return core::fail(not_found("Charge", id.str()));
  return *c;
}

// ---------------------------------------------------------------- views

CheckoutSessionView Service::view(const CheckoutSession& cs) const {
  return CheckoutSessionView{cs, constraints(cs), amazon_pay_redirect_url(cs),
                             config_.release_environment};
}

ChargePermissionView Service::view(const ChargePermission& cp) {
  return ChargePermissionView{cp, amount_balance(cp), buyer_data_available(cp),
                              config_.release_environment};
}

ChargeView Service::view(const Charge& c) const {
  return ChargeView{c, config_.release_environment};
}

RefundView Service::view(const Refund& r) const {
  return RefundView{r, config_.release_environment};
}

}  // namespace mock_amazon
