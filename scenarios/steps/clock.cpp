// clock.*: simulated time. The mock's and the shop's clocks move in lockstep, so each side
// runs its due work in time order (ScenarioContext::advance_until).
#include <algorithm>

#include <fmt/core.h>

#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

struct Advance {
  core::TimeSpan by;
};
StepOutcome advance(ScenarioContext& c, const Advance& p) {
  return c.advance_until(p.by.after(c.clock().now()));
}

struct AdvanceTo {
  core::Instant to;
};
StepOutcome advance_to(ScenarioContext& c, const AdvanceTo& p) {
  if (p.to < c.clock().now())
    return failure(fmt::format("the simulated clock never moves backwards (now {}, asked for {})",
                               core::format_iso(c.clock().now()), core::format_iso(p.to)));
  return c.advance_until(p.to);
}

StepOutcome next(ScenarioContext& c, const NoParams&) {
  auto clock = ScenarioContext::json_answer(c.control().clock());
  if (!clock) return failure("cannot read the mock's clock: " + clock.error());
  std::optional<core::Instant> next;
  if (json at = field(*clock, "nextEventAt"); at.is_string())
    next = core::parse_instant(at.get<std::string>());
  if (auto shop_next = c.shop().next_due(); shop_next && (!next || *shop_next < *next))
    next = shop_next;
  if (!next) return failure("nothing is scheduled at Amazon or in the shop");
  return c.advance_until(std::max(*next, c.clock().now()), *clock);
}

}  // namespace

void add_clock_steps(StepList& steps) {
  steps
      .add<Advance>("clock.advance",
                    "Moves the simulated time forward, running Amazon's and the shop's due work "
                    "in time order.",
                    {required("by", &Advance::by, "span: 30s, 15m, 24h, 30d, 2w, 1d12h, 13mo")},
                    &advance)
      .scalar_param = "by";
  steps
      .add<AdvanceTo>("clock.advance_to", "Moves the simulated time to an instant.",
                      {required("to", &AdvanceTo::to, "2026-02-04T00:00:00Z or with an offset")},
                      &advance_to)
      .scalar_param = "to";
  steps.add<NoParams>("clock.next",
                      "Moves to the earliest scheduled work of Amazon or the shop (fails when "
                      "nothing is scheduled).",
                      {}, &next);
}

}  // namespace scenarios
