// RapidCheck commands on one Amazon Pay order: futureshop's 受注管理, the merchant in Seller
// Central, chaos on Amazon's notifications, and the clock. What a command acts on (which
// Charge, how much) is drawn as a choice — a Charge pick, a per-mille of an amount — and
// resolved against the order as it stands when the command runs, so a shrunk sequence still
// means something. Each run logs one line (OrderWorld::log) and is followed by the step
// checks; Drain also checks the shop against Amazon Charge by Charge.
#pragma once

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <map>
#include <ostream>
#include <string>

#include "property_tests/charge_commands.hpp"  // detail::uniform, one_in, pick
#include "property_tests/order_world.hpp"

namespace property_tests {

// What generation needs to know of a case; the order itself lives in OrderWorld.
struct OrderCase {
  int commands = 0;
};

using OrderCommand = rc::state::Command<OrderCase, OrderWorld>;

namespace detail {

// How often each command met each answer ("SC refund → 201 RefundInitiated").
inline std::map<std::string, int>& order_outcomes() {
  static std::map<std::string, int> counts;
  return counts;
}

inline void count_outcome(const std::string& line) {
  auto arrow = line.find(" → ");
  std::string verb = line.substr(0, line.find_first_of(" ,"));
  if (line.rfind("SC ", 0) == 0) verb = line.substr(0, line.find(' ', 3));
  std::string answer = arrow == std::string::npos ? "done" : line.substr(arrow + 5);
  answer = answer.substr(0, answer.find(" ("));
  if (answer.rfind("refused", 0) == 0) answer = "refused";
  ++order_outcomes()[verb + " → " + answer];
}

// Runs one operation, logs it, then checks the step (and, for a drain, the drained order).
template <class Op>
void run_step(OrderWorld& w, Op op, bool drained = false) {
  std::string line = op(w);
  w.end_step(line);
  count_outcome(line);
  std::string bad = w.check_step();
  if (drained) bad += w.check_drained();
  if (!bad.empty()) RC_FAIL("after:\n" + w.log() + bad);
}

inline int permille(int lo, int hi) {
  return uniform(lo, hi + 1);
}

}  // namespace detail

// Every command counts towards the case's bound.
struct OrderStep : OrderCommand {
  void apply(OrderCase& s) const override { ++s.commands; }
};

// ---- futureshop's 受注管理

struct ShopCapture : OrderStep {
  explicit ShopCapture(const OrderCase&) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [](OrderWorld& x) { return x.capture(); });
  }
  void show(std::ostream& os) const override { os << "futureshop 入金処理"; }
};

struct ShopReauthorize : OrderStep {
  explicit ShopReauthorize(const OrderCase&) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [](OrderWorld& x) { return x.reauthorize(); });
  }
  void show(std::ostream& os) const override { os << "futureshop 再与信"; }
};

// Down (sometimes to ¥0) or up (within and beyond the shop's ceiling).
struct ShopChangeAmount : OrderStep {
  int permille;
  explicit ShopChangeAmount(const OrderCase&)
      : permille(detail::one_in(5) ? 0 : detail::permille(300, 1600)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.change_amount(permille); });
  }
  void show(std::ostream& os) const override {
    os << "futureshop 金額変更 to " << permille << "‰ of the total";
  }
};

struct ShopCancel : OrderStep {
  bool checkbox;
  explicit ShopCancel(const OrderCase&) : checkbox(!detail::one_in(3)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.cancel_order(checkbox); });
  }
  void show(std::ostream& os) const override {
    os << "futureshop キャンセル" << (checkbox ? " ☑Amazonの取引情報を取り消す" : "");
  }
};

struct ShopChangePaymentMethod : OrderStep {
  bool checkbox;
  explicit ShopChangePaymentMethod(const OrderCase&) : checkbox(!detail::one_in(3)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.change_payment_method(checkbox); });
  }
  void show(std::ostream& os) const override {
    os << "futureshop 決済方法の変更 → 銀行振込"
       << (checkbox ? " ☑Amazonの取引情報を取り消す" : "");
  }
};

// Only meaningful at a total of ¥0; at any other total the shop must refuse it.
struct ShopPaymentNotRequired : OrderStep {
  bool checkbox;
  explicit ShopPaymentNotRequired(const OrderCase&) : checkbox(!detail::one_in(3)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.set_payment_not_required(checkbox); });
  }
  void show(std::ostream& os) const override {
    os << "futureshop 決済不要" << (checkbox ? " ☑Amazonの取引情報を取り消す" : "");
  }
};

struct ShopOpenOrder : OrderStep {
  explicit ShopOpenOrder(const OrderCase&) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [](OrderWorld& x) { return x.open_order(); });
  }
  void show(std::ostream& os) const override { os << "futureshop 受注詳細"; }
};

// ---- Seller Central

struct ScCapture : OrderStep {
  int pick, permille;  // permille 0: the whole chargeAmount
  explicit ScCapture(const OrderCase&)
      : pick(detail::uniform(0, 8)), permille(detail::one_in(2) ? 0 : detail::permille(1, 1000)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_capture(pick, permille); });
  }
  void show(std::ostream& os) const override {
    os << "SC capture charge " << pick << " "
       << (permille ? std::to_string(permille) + "‰" : "full");
  }
};

// Mostly within what the Charge may still refund, often little of it (so a futureshop full
// refund still fits Amazon's allowance); sometimes above it, to be refused.
struct ScRefund : OrderStep {
  int pick, permille;
  explicit ScRefund(const OrderCase&)
      : pick(detail::uniform(0, 8)),
        permille(detail::one_in(6)   ? detail::permille(1001, 1500)
                 : detail::one_in(2) ? detail::permille(1, 150)  // leaves room for a full refund
                                     : detail::permille(1, 1000)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_refund(pick, permille); });
  }
  void show(std::ostream& os) const override {
    os << "SC refund charge " << pick << " " << permille << "‰ of its room";
  }
};

struct ScCancel : OrderStep {
  int pick;
  explicit ScCancel(const OrderCase&) : pick(detail::uniform(0, 8)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_cancel(pick); });
  }
  void show(std::ostream& os) const override { os << "SC cancel charge " << pick; }
};

struct ScChangeAmount : OrderStep {
  int pick, permille;
  explicit ScChangeAmount(const OrderCase&)
      : pick(detail::uniform(0, 8)), permille(detail::permille(200, 1500)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_change_amount(pick, permille); });
  }
  void show(std::ostream& os) const override {
    os << "SC change amount of charge " << pick << " to " << permille << "‰";
  }
};

struct ScClose : OrderStep {
  bool cancel_pending;
  explicit ScClose(const OrderCase&) : cancel_pending(detail::one_in(2)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_close(cancel_pending); });
  }
  void show(std::ostream& os) const override {
    os << "SC close" << (cancel_pending ? " (cancel pending charges)" : "");
  }
};

struct ScIncrease : OrderStep {
  Yen amount;
  bool capture;
  explicit ScIncrease(const OrderCase&)
      : amount(Yen{detail::uniform<std::int64_t>(1, 20'001)}), capture(detail::one_in(2)) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.sc_increase(amount, capture); });
  }
  void show(std::ostream& os) const override {
    os << "SC increase " << amount.display() << (capture ? " and capture" : "");
  }
};

// ---- notifications and time

struct IpnChaos : OrderStep {
  std::string mode;
  int count;
  std::optional<Duration> delay;
  explicit IpnChaos(const OrderCase&) {
    mode = detail::pick(std::vector<std::string>{"drop", "duplicate", "reorder", "delay"});
    count = mode == "reorder" ? 2 : detail::uniform(1, 3);
    if (mode == "delay")
      delay = detail::pick(std::vector<Duration>{Duration{45}, core::kHour, core::kDay * 2});
  }
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.chaos(mode, count, delay); });
  }
  void show(std::ostream& os) const override {
    os << "IPN chaos " << mode << " ×" << count
       << (delay ? " " + core::format_duration(*delay) : "");
  }
};

struct AdvanceClock : OrderStep {
  Duration by;
  explicit AdvanceClock(const OrderCase&) {
    by = detail::pick(std::vector<Duration>{
        Duration{detail::uniform(1, 61)}, Duration{31}, core::kHour, core::kDay + Duration{1},
        core::kDay * 7 + Duration{1}, Duration{detail::uniform<std::int64_t>(1, 10 * 86'400)},
        core::kDay * 31});
  }
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(w, [this](OrderWorld& x) { return x.advance(by); });
  }
  void show(std::ostream& os) const override { os << "advance " << core::format_duration(by); }
};

// Chaos cleared, every notification delivered, the order opened: then the shop must agree
// with Amazon on every Charge (also done at the end of every case).
struct Drain : OrderStep {
  explicit Drain(const OrderCase&) {}
  void run(const OrderCase&, OrderWorld& w) const override {
    detail::run_step(
        w, [](OrderWorld& x) { return x.drain(); }, true);
  }
  void show(std::ostream& os) const override { os << "drain notifications"; }
};

inline auto order_commands() {
  // A type listed twice is drawn twice as often.
  return rc::state::gen::execOneOfWithArgs<
      ShopCapture, ShopCapture, ShopCapture, ShopReauthorize, ShopChangeAmount, ShopChangeAmount,
      ShopCancel, ShopChangePaymentMethod, ShopPaymentNotRequired, ShopOpenOrder, ScCapture,
      ScCapture, ScRefund, ScRefund, ScRefund, ScCancel, ScChangeAmount, ScClose, ScIncrease,
      ScIncrease, IpnChaos, IpnChaos, AdvanceClock, AdvanceClock, AdvanceClock, Drain>();
}

}  // namespace property_tests
