// seller_central.*: what the merchant does by hand in Amazon's console (Amazonセラーセントラル),
// bypassing futureshop. The mock runs them through the same service, transition tables and
// limits as the API; its changes are marked as Seller Central's. "charge: n" counts the
// Charges of the order's Charge Permission at Amazon, oldest first — Charges made in Seller
// Central included, which the shop may not know. Seller Central's refusal (a limit, a state
// that does not allow it) is the step's error, for `expect.error`; a wrong reference fails.
#include <fmt/core.h>

#include "core/money.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using core::Yen;
using mock_amazon::control::Answer;

// The resource Seller Central answered with, or its refusal as the step's error.
core::Result<json, std::string> answered(ScenarioContext& c, const Answer& answer) {
  auto j = ScenarioContext::json_answer(answer);
  if (!j) c.set_error("Seller Central: " + j.error());
  return j;
}

StepOutcome charge_outcome(ScenarioContext& c, const std::string& what, const Answer& answer) {
  auto j = answered(c, answer);
  if (!j) return note("refused: " + j.error());
  return note(what + ": " + dump(friendly_charge(*j)));
}

void check_positive(const char* step, std::int64_t amount, StepIssues& issues) {
  if (amount <= 0) issues.at("amount", fmt::format("{}: 'amount' must be a positive number of yen", step));
}

template <class P>
FieldSpec<P> sc_charge_param(std::int64_t P::*member) {
  return optional("charge", member,
                  "which Charge of the order's Charge Permission at Amazon (1 = the oldest)");
}

struct Capture {
  OrderRef order;
  std::int64_t charge = 1;
  std::optional<std::int64_t> amount;
};
StepOutcome capture(ScenarioContext& c, const Capture& p) {
  auto id = c.amazon_charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  std::optional<Yen> amount;
  if (p.amount) amount = Yen{*p.amount};
  return charge_outcome(c, "captured in Seller Central, Charge " + *id,
                        c.control().seller_central_capture(*id, amount));
}
void check_capture(const Capture& p, StepIssues& issues) {
  if (p.amount) check_positive("seller_central.capture", *p.amount, issues);
}

struct Refund {
  OrderRef order;
  std::int64_t charge = 1;
  std::int64_t amount = 0;
};
StepOutcome refund(ScenarioContext& c, const Refund& p) {
  auto id = c.amazon_charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  auto j = answered(c, c.control().seller_central_refund(*id, Yen{p.amount}));
  if (!j) return note("refused: " + j.error());
  return note(fmt::format("refunded ¥{} of Charge {} in Seller Central: {}", p.amount, *id,
                          dump(*j)));
}
void check_refund(const Refund& p, StepIssues& issues) {
  check_positive("seller_central.refund", p.amount, issues);
}

StepOutcome cancel(ScenarioContext& c, const OrderCharge& p) {
  auto id = c.amazon_charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  return charge_outcome(c, "canceled in Seller Central, Charge " + *id,
                        c.control().seller_central_cancel(*id));
}

struct Increase {
  OrderRef order;
  std::int64_t amount = 0;
  bool capture = false;
};
StepOutcome increase(ScenarioContext& c, const Increase& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  return charge_outcome(
      c, fmt::format("additional Charge of ¥{} made in Seller Central{}", p.amount,
                  p.capture ? " and captured" : ""),
      c.control().seller_central_increase(*cp, Yen{p.amount}, p.capture));
}
void check_increase(const Increase& p, StepIssues& issues) {
  check_positive("seller_central.increase", p.amount, issues);
}

struct ChargeAmountChange {
  OrderRef order;
  std::int64_t charge = 1;
  std::int64_t amount = 0;
};
StepOutcome change_charge_amount(ScenarioContext& c, const ChargeAmountChange& p) {
  auto id = c.amazon_charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  return charge_outcome(
      c, fmt::format("amount of Charge {} changed to ¥{} in Seller Central; new Charge", *id,
                  p.amount),
      c.control().seller_central_change_amount(*id, Yen{p.amount}));
}
void check_change_charge_amount(const ChargeAmountChange& p, StepIssues& issues) {
  check_positive("seller_central.change_amount", p.amount, issues);
}

struct Close {
  OrderRef order;
  bool cancel_pending_charges = false;
};
StepOutcome close(ScenarioContext& c, const Close& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  auto j = answered(c, c.control().seller_central_close(*cp, p.cancel_pending_charges));
  if (!j) return note("refused: " + j.error());
  return note("Charge Permission " + *cp + " closed in Seller Central: " +
              dump(friendly_permission(*j)));
}

}  // namespace

void add_seller_central_steps(StepList& steps) {
  steps.add<Capture>(
      "seller_central.capture",
      "The merchant captures (入金処理 / 売上処理) a Charge in Seller Central, in full or in part.",
      {order_param(&Capture::order), sc_charge_param(&Capture::charge),
       optional("amount", &Capture::amount, "yen to capture (default: the Charge's amount)")},
      &capture, &check_capture);
  steps.add<Refund>("seller_central.refund",
                    "The merchant refunds (返金) part or all of a captured Charge in Seller Central.",
                    {order_param(&Refund::order), sc_charge_param(&Refund::charge),
                     required("amount", &Refund::amount, "yen to refund")},
                    &refund, &check_refund);
  steps.add<OrderCharge>("seller_central.cancel",
                         "The merchant cancels an authorized Charge in Seller Central.",
                         {order_param(&OrderCharge::order), sc_charge_param(&OrderCharge::charge)},
                         &cancel);
  steps.add<Increase>(
      "seller_central.increase",
      "The merchant raises the order amount in Seller Central: an additional Charge on the "
      "order's Charge Permission (decision 8), optionally captured at once.",
      {order_param(&Increase::order), required("amount", &Increase::amount, "yen of the increase"),
       optional("capture", &Increase::capture, "capture the new Charge at once")},
      &increase, &check_increase);
  steps.add<ChargeAmountChange>(
      "seller_central.change_amount",
      "The merchant changes a Charge's amount in Seller Central (AMT-012): the Charge is "
      "canceled and a new one authorized for the new amount.",
      {order_param(&ChargeAmountChange::order), sc_charge_param(&ChargeAmountChange::charge),
       required("amount", &ChargeAmountChange::amount, "the new amount in yen")},
      &change_charge_amount, &check_change_charge_amount);
  steps.add<Close>("seller_central.close",
                   "The merchant closes the order's Charge Permission in Seller Central.",
                   {order_param(&Close::order),
                    optional("cancel_pending_charges", &Close::cancel_pending_charges,
                             "also cancel Charges still authorized")},
                   &close);
}

}  // namespace scenarios
