// RapidCheck commands on the mock's Charges. Each command draws its arguments from the model
// state it is generated for (the transition table says which charges can be captured or
// refunded, so most attempts are meaningful and some are deliberately not), applies itself to
// the model, runs against the mock, and checks the answer and every charge afterwards.
//
// show() prints one scenario-like line, so a shrunk counterexample reads as a script. Charges
// are numbered #0, #1, ... and permissions P0, P1, ... in the order they were created.
#pragma once

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "mock_amazon/domain/limits.hpp"
#include "property_tests/charge_model.hpp"
#include "property_tests/mock_driver.hpp"

namespace property_tests {

using ChargeCommand = rc::state::Command<Model, MockDriver>;

namespace detail {

inline int count(const std::vector<ChargeModel>& v) {
  return static_cast<int>(v.size());
}

// RapidCheck scales inRange/elementOf by the case size (a small case draws only the first
// values), which would make small cases degenerate: every choice here is uniform instead.
template <class T>
T draw(const rc::Gen<T>& gen) {
  return *rc::gen::resize(rc::kNominalSize, gen);
}
template <class T>
T uniform(T lo, T hi) {  // [lo, hi)
  return draw(rc::gen::inRange<T>(lo, hi));
}
inline bool one_in(int n) {
  return uniform(0, n) == 0;
}
template <class T>
T pick(const std::vector<T>& v) {
  return v[static_cast<size_t>(uniform(0, static_cast<int>(v.size())))];
}

// Mostly a charge the predicate likes (what the table allows), sometimes any charge, so
// refusals are exercised too.
template <class Pred>
int pick_charge(const Model& s, Pred wanted) {
  std::vector<int> good;
  for (int i = 0; i < count(s.charges()); ++i)
    if (wanted(s.charges()[static_cast<size_t>(i)])) good.push_back(i);
  // With nothing suitable, usually try another command rather than a certain refusal.
  if (good.empty()) RC_PRE(one_in(4));
  if (!good.empty() && !one_in(5)) return pick(good);
  return uniform(0, count(s.charges()));
}

// What the charge table allows from a charge's state.
inline bool table_allows(const ChargeModel& c, mock_amazon::ChargeTrigger t) {
  return mock_amazon::charge_table().find(c.state, t) != nullptr;
}

inline Yen amount_up_to(Yen most) {
  return Yen{uniform<std::int64_t>(1, std::max<std::int64_t>(most.value(), 1) + 1)};
}

// How often each command met each answer ("capture → CaptureInitiated"), so a run can show
// it exercised more than refusals.
inline std::map<std::string, int>& outcome_counts() {
  static std::map<std::string, int> counts;
  return counts;
}

// Runs one operation against the mock, compares its answer with the model's, then checks
// every entity and invariant. `before` is the model state the command was applied to.
template <class ModelOp, class MockOp>
void run_and_check(const Model& before, MockDriver& sut, const ChargeCommand& cmd, ModelOp model_op,
                   MockOp mock_op) {
  Model after = before;
  Expected expected = model_op(after);
  Answer actual = mock_op(sut);
  std::ostringstream step;
  cmd.show(step);
  if (std::string diff = compare(expected, actual); !diff.empty())
    RC_FAIL(step.str() + ": " + diff);
  std::string verb = step.str().substr(0, step.str().find(' '));
  ++outcome_counts()[verb + " → " +
                     (expected.ok() ? expected.state
                                    : std::string(mock_amazon::name(*expected.error)))];
  if (std::string diff = sut.verify(after); !diff.empty())
    RC_FAIL("after " + step.str() + " (at " + core::format_iso(after.now()) + "):\n" + diff);
}

}  // namespace detail

// A fresh checkout (cart → Amazon → Complete): a new permission and its Authorized charge.
struct Checkout : ChargeCommand {
  Yen amount;
  bool allow_overcharge;
  bool extend_expiration;

  explicit Checkout(const Model& s) {
    RC_PRE(s.charges().size() < 12);  // keeps each step's full check cheap
    // Mostly everyday amounts; sometimes large ones, where 9 × the amount passes the ¥70,000
    // over-charge floor.
    amount = Yen{detail::one_in(5) ? detail::uniform<std::int64_t>(20'000, 1'000'001)
                                   : detail::uniform<std::int64_t>(1, 20'001)};
    allow_overcharge = detail::one_in(2);
    extend_expiration = detail::one_in(2);
  }
  void apply(Model& s) const override { s.checkout(amount, allow_overcharge, extend_expiration); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this,
        [&](Model& m) { return m.checkout(amount, allow_overcharge, extend_expiration); },
        [&](MockDriver& d) { return d.checkout(amount, allow_overcharge, extend_expiration); });
  }
  void show(std::ostream& os) const override {
    os << "checkout " << amount.display() << " (authorize"
       << (allow_overcharge ? ", allowOvercharge" : "")
       << (extend_expiration ? ", extendExpiration" : "") << ")";
  }
};

// Create Charge on an existing permission (reauthorization), sometimes with captureNow.
struct CreateCharge : ChargeCommand {
  int permission;
  Yen amount;
  bool capture_now;
  bool can_handle_pending;

  explicit CreateCharge(const Model& s) {
    RC_PRE(!s.permissions().empty() && s.charges().size() < 12);
    // Mostly a permission that allows it (extendExpiration + allowOvercharge in real shops),
    // or one with a queued sandbox outcome, so forced outcomes get used.
    std::vector<int> good, forced;
    for (int i = 0; i < static_cast<int>(s.permissions().size()); ++i) {
      const auto& p = s.permissions()[static_cast<size_t>(i)];
      if (p.allow_overcharge && p.extend_expiration && p.state == ChargePermissionState::Chargeable)
        good.push_back(i);
      if (s.has_forced(SimulatedOperation::CreateCharge, i)) forced.push_back(i);
    }
    if (!forced.empty() && detail::one_in(2))
      permission = detail::pick(forced);
    else if (!good.empty() && !detail::one_in(4))
      permission = detail::pick(good);
    else
      permission = detail::uniform(0, static_cast<int>(s.permissions().size()));
    Yen room = s.headroom(permission);
    amount = detail::one_in(5)
                 ? std::max(room, Yen{0}) + Yen{detail::uniform<std::int64_t>(1, 5'000)}
                 : detail::amount_up_to(room);
    capture_now = detail::one_in(4);
    can_handle_pending = !detail::one_in(4);
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(permission < static_cast<int>(s.permissions().size()));
  }
  void apply(Model& s) const override {
    s.create_charge(permission, amount, capture_now, can_handle_pending);
  }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this,
        [&](Model& m) {
          return m.create_charge(permission, amount, capture_now, can_handle_pending);
        },
        [&](MockDriver& d) {
          return d.create_charge(permission, amount, capture_now, can_handle_pending);
        });
  }
  void show(std::ostream& os) const override {
    os << (capture_now ? "authorize+capture " : "authorize ") << amount.display() << " on P"
       << permission << " (Create Charge"
       << (can_handle_pending ? ", canHandlePendingAuthorization" : "") << ")";
  }
};

struct Capture : ChargeCommand {
  int charge;
  Yen amount;

  explicit Capture(const Model& s) {
    RC_PRE(!s.charges().empty());
    charge =
        detail::pick_charge(s, [](const ChargeModel& c) { return Model::capturable(c.state); });
    Yen full = s.charges()[static_cast<size_t>(charge)].amount;
    switch (detail::uniform(0, 5)) {
      case 0:
        amount = full + Yen{detail::uniform<std::int64_t>(1, 10'000)};
        break;  // too much
      case 1:
        amount = full;
        break;
      default:
        amount = detail::amount_up_to(full);
        break;
    }
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(charge < detail::count(s.charges()));
  }
  void apply(Model& s) const override { s.capture(charge, amount); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this, [&](Model& m) { return m.capture(charge, amount); },
        [&](MockDriver& d) { return d.capture(charge, amount); });
  }
  void show(std::ostream& os) const override {
    os << "capture #" << charge << " " << amount.display();
  }
};

struct Cancel : ChargeCommand {
  int charge;

  explicit Cancel(const Model& s) {
    RC_PRE(!s.charges().empty());
    charge = detail::pick_charge(s, [](const ChargeModel& c) {
      return detail::table_allows(c, mock_amazon::ChargeTrigger::Cancel);
    });
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(charge < detail::count(s.charges()));
  }
  void apply(Model& s) const override { s.cancel(charge); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this, [&](Model& m) { return m.cancel(charge); },
        [&](MockDriver& d) { return d.cancel(charge); });
  }
  void show(std::ostream& os) const override { os << "cancel #" << charge; }
};

struct Refund : ChargeCommand {
  int charge;
  Yen amount;

  explicit Refund(const Model& s) {
    RC_PRE(!s.charges().empty());
    charge = detail::pick_charge(s, [](const ChargeModel& c) {
      return detail::table_allows(c, mock_amazon::ChargeTrigger::Refund);
    });
    Yen room = s.refund_room(charge);
    switch (detail::uniform(0, 6)) {
      case 0:
        amount = std::max(room, Yen{0}) + Yen{detail::uniform<std::int64_t>(1, 3'000)};
        break;
      case 1:  // exactly up to the ceiling
        amount = std::max(room, Yen{1});
        break;
      default:
        amount = detail::amount_up_to(Yen{std::max<std::int64_t>(room.value() / 3, 1)});
        break;
    }
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(charge < detail::count(s.charges()));
  }
  void apply(Model& s) const override { s.refund(charge, amount); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this, [&](Model& m) { return m.refund(charge, amount); },
        [&](MockDriver& d) { return d.refund(charge, amount); });
  }
  void show(std::ostream& os) const override {
    os << "refund #" << charge << " " << amount.display();
  }
};

// Several refunds in a row on one charge: how a shop returns items one by one, and the way
// to reach the 10-refunds-per-charge limit within a short sequence.
struct SplitRefund : ChargeCommand {
  int charge;
  int parts;
  Yen each;

  explicit SplitRefund(const Model& s) {
    RC_PRE(!s.charges().empty());
    charge = detail::pick_charge(s, [](const ChargeModel& c) {
      return detail::table_allows(c, mock_amazon::ChargeTrigger::Refund);
    });
    parts = detail::uniform(2, mock_amazon::limits::kMaxRefundsPerCharge + 3);
    Yen room = std::max(s.refund_room(charge), Yen{1});
    each = Yen{std::max<std::int64_t>(room.value() / (parts + detail::uniform(-1, 2)), 1)};
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(charge < detail::count(s.charges()));
  }
  void apply(Model& s) const override {
    for (int i = 0; i < parts; ++i) s.refund(charge, each);
  }
  void run(const Model& s, MockDriver& sut) const override {
    Model before = s;
    for (int i = 0; i < parts; ++i) {
      detail::run_and_check(
          before, sut, *this, [&](Model& m) { return m.refund(charge, each); },
          [&](MockDriver& d) { return d.refund(charge, each); });
      before.refund(charge, each);
    }
  }
  void show(std::ostream& os) const override {
    os << "refund #" << charge << " " << parts << " × " << each.display();
  }
};

// Moves the simulated clock across the boundaries that matter: the ~30 s asynchronous
// delay, the 7-day synchronous capture window, the 30-day authorization validity and the
// 180-day / 13-month permission lifetimes.
struct AdvanceTime : ChargeCommand {
  Duration by;

  explicit AdvanceTime(const Model&) {
    using core::kDay;
    using core::kHour;
    const Duration s{1};
    // Mostly short hops (weights 5:3:2:1:1), so charges live long enough to be captured and
    // refunded.
    int bucket = detail::uniform(0, 12);
    if (bucket < 5)
      by = detail::pick(
          std::vector<Duration>{Duration{29}, Duration{30}, Duration{31}, kHour, kDay});
    else if (bucket < 8)
      by = detail::pick(std::vector<Duration>{kDay * 7 - s, kDay * 7, kDay * 7 + s, kDay * 8});
    else if (bucket < 10)
      by = Duration{detail::uniform<std::int64_t>(1, 10 * 86'400)};
    else if (bucket < 11)
      by = detail::pick(std::vector<Duration>{kDay * 30 - s, kDay * 30, kDay * 31});
    else
      by = detail::pick(std::vector<Duration>{kDay * 90, kDay * 180});
  }
  void apply(Model& s) const override { s.advance(by); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this,
        [&](Model& m) {
          m.advance(by);
          return Expected{200, std::nullopt, ""};
        },
        [&](MockDriver& d) { return d.advance(by); });
  }
  void show(std::ostream& os) const override { os << "advance " << core::format_duration(by); }
};

// Queues a sandbox outcome (/__mock/force) for the next Create Charge on a permission, or
// the next Capture / Create Refund on a charge. Codes come from the mock's own list.
struct ForceOutcome : ChargeCommand {
  SimulatedOperation op;
  int index;
  std::string outcome;
  std::string then;

  explicit ForceOutcome(const Model& s) {
    RC_PRE(!s.charges().empty());
    op = detail::pick(std::vector<SimulatedOperation>{SimulatedOperation::CreateCharge,
                                                      SimulatedOperation::CaptureCharge,
                                                      SimulatedOperation::CreateRefund});
    index = op == SimulatedOperation::CreateCharge
                ? detail::uniform(0, static_cast<int>(s.permissions().size()))
                : detail::uniform(0, detail::count(s.charges()));
    // A pending authorization is the richest outcome (it resolves 30 s later): favour it.
    outcome = op == SimulatedOperation::CreateCharge && detail::one_in(3)
                  ? "AuthorizationInitiated"
                  : detail::pick(mock_amazon::simulation_codes(op));
    if (outcome == "AuthorizationInitiated" && detail::one_in(2))
      then =
          detail::pick(std::vector<std::string>{"HardDeclined", "SoftDeclined", "AmazonRejected"});
  }
  void checkPreconditions(const Model& s) const override {
    RC_PRE(index < (op == SimulatedOperation::CreateCharge
                        ? static_cast<int>(s.permissions().size())
                        : detail::count(s.charges())));
  }
  void apply(Model& s) const override { s.force(op, index, outcome, then); }
  void run(const Model& s, MockDriver& sut) const override {
    detail::run_and_check(
        s, sut, *this, [&](Model& m) { return m.force(op, index, outcome, then); },
        [&](MockDriver& d) { return d.force(op, index, outcome, then); });
  }
  void show(std::ostream& os) const override {
    os << "force " << mock_amazon::name(op) << " on "
       << (op == SimulatedOperation::CreateCharge ? "P" : "#") << index << " → " << outcome
       << (then.empty() ? "" : " then " + then);
  }
};

// The generator every property uses: one of the commands, drawn for the current model.
inline auto charge_commands() {
  // A type listed twice is drawn twice as often.
  return rc::state::gen::execOneOfWithArgs<Checkout, Checkout, CreateCharge, CreateCharge, Capture,
                                           Capture, Capture, Cancel, Refund, Refund, SplitRefund,
                                           AdvanceTime, AdvanceTime, ForceOutcome>();
}

}  // namespace property_tests
