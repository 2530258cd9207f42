// expect.amazon.*: reads an object from Amazon through the shop's own client and matches it.
// Friendly keys (state, reason, amounts, …) read Amazon's JSON as integers and lists;
// `match:` is a raw partial match against Amazon's JSON.
#include "reports/writers.hpp"
#include "scenarios/matcher.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using T = ParamType;

struct Wanted {
  const char* key;
  const std::optional<Expectation>& value;
};

// GETs `path`, turns Amazon's JSON into the friendly view and matches the wanted keys.
StepOutcome expect_amazon(ScenarioContext& c, const std::string& path,
                          const std::vector<Wanted>& keys, const std::optional<RawMatch>& raw,
                          json (*friendly)(const json&)) {
  auto got = c.call("GET", path);
  if (!got) return failure(got.error());
  std::vector<MapEntry> wanted;
  for (const Wanted& w : keys) {
    if (!w.value) continue;
    Value v = w.value->value;
    // Instants compare as instants, whatever offset the scenario wrote.
    if (std::string_view(w.key) == "expires" && v.is_scalar())
      if (auto t = core::parse_instant(v.text()))
        v = Value::scalar(core::format_iso(*t), true, v.mark());
    wanted.push_back(MapEntry{w.key, {}, std::move(v)});
  }
  json view = friendly(*got);
  if (auto m = match(Value::map(wanted), view))
    return failure(*m + "\nactual: " + dump(view) + "\nAmazon's JSON: " + dump(*got));
  if (raw)
    if (auto m = match(raw->value, *got, "match"))
      return failure(*m + "\nAmazon's JSON: " + dump(*got));
  StepOutcome o = note("matched " + dump(view));
  o.observations.push_back("amazon: " + dump(*got));
  return o;
}

struct ExpectCharge {
  OrderRef order;
  std::int64_t charge = 1;
  std::optional<Expectation> state, reason, charge_amount, capture_amount, refunded_amount;
  std::optional<RawMatch> match;
};
StepOutcome expect_charge(ScenarioContext& c, const ExpectCharge& p) {
  auto id = c.charge_id(p.order.text, p.charge);
  if (!id) return failure(id.error());
  return expect_amazon(c, "/v2/charges/" + *id,
                       {{"state", p.state},
                        {"reason", p.reason},
                        {"charge_amount", p.charge_amount},
                        {"capture_amount", p.capture_amount},
                        {"refunded_amount", p.refunded_amount}},
                       p.match, &friendly_charge);
}

struct ExpectPermission {
  OrderRef order;
  std::optional<Expectation> state, reasons, amount_limit, amount_balance, expires;
  std::optional<RawMatch> match;
};
StepOutcome expect_permission(ScenarioContext& c, const ExpectPermission& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  return expect_amazon(c, "/v2/chargePermissions/" + *cp,
                       {{"state", p.state},
                        {"reasons", p.reasons},
                        {"amount_limit", p.amount_limit},
                        {"amount_balance", p.amount_balance},
                        {"expires", p.expires}},
                       p.match, &friendly_permission);
}

struct ExpectSession {
  std::optional<OrderRef> order;
  std::optional<Expectation> state, reason;
  std::optional<RawMatch> match;
};
StepOutcome expect_session(ScenarioContext& c, const ExpectSession& p) {
  std::string id = c.checkout_session_id();
  if (p.order) {
    auto order = c.order(p.order->text);
    if (!order) return failure(order.error());
    id = order->checkout_session_id;
  }
  if (id.empty()) return failure("no checkout session: the shop has not created one yet");
  return expect_amazon(c, "/v2/checkoutSessions/" + id, {{"state", p.state}, {"reason", p.reason}},
                       p.match, &friendly_session);
}

// Every Charge of the order's Charge Permission at Amazon, oldest first, with its amounts
// (the report's charge table): Seller Central's Charges and refunds included.
struct ExpectCharges {
  OrderRef order;
  Expectation charges;
};
StepOutcome expect_charges(ScenarioContext& c, const ExpectCharges& p) {
  auto table = c.charge_table(p.order.text);
  if (!table) return failure(table.error());
  json rows = json::array();
  for (const reports::ChargeAmounts& r : *table)
    rows.push_back(json(reports::charge_amounts_json(r)));
  return c.expect_json(p.charges.value, rows, "Charges at Amazon");
}

}  // namespace

void add_expect_amazon_steps(StepList& steps) {
  steps.add<ExpectCharges>(
      "expect.amazon.charges",
      "Every Charge of the order's Charge Permission at Amazon, oldest first (Seller Central's "
      "included), as rows {charge_id, state, authorized, captured, refunded, refund_pending, "
      "refundable}; `charges` is a list matched row by row (same length), each row partially.",
      {order_param(&ExpectCharges::order),
       required("charges", &ExpectCharges::charges, "list of row expectations")},
      &expect_charges);
  using C = ExpectCharge;
  steps.add<C>("expect.amazon.charge", "Reads charge #n of the order from Amazon and matches it.",
               {order_param(&C::order), charge_param(&C::charge),
                expectation("state", &C::state, T::String, "statusDetails.state"),
                expectation("reason", &C::reason, T::String, "statusDetails.reasonCode"),
                expectation("charge_amount", &C::charge_amount, T::Int, "chargeAmount.amount"),
                expectation("capture_amount", &C::capture_amount, T::Int, "captureAmount.amount"),
                expectation("refunded_amount", &C::refunded_amount, T::Int,
                            "refundedAmount.amount (0 when none)"),
                optional("match", &C::match, "partial match on Amazon's raw JSON")},
               &expect_charge);
  using P = ExpectPermission;
  steps.add<P>(
      "expect.amazon.charge_permission",
      "Reads the order's Charge Permission from Amazon and matches it.",
      {order_param(&P::order), expectation("state", &P::state, T::String, "statusDetails.state"),
       expectation("reasons", &P::reasons, T::StringList,
                   "reasonCodes of statusDetails.reasons ([] when none)"),
       expectation("amount_limit", &P::amount_limit, T::Int, "limits.amountLimit.amount"),
       expectation("amount_balance", &P::amount_balance, T::Int, "limits.amountBalance.amount"),
       expectation("expires", &P::expires, T::Timestamp,
                   "expirationTimestamp (compared as an instant)"),
       optional("match", &P::match, "partial match on Amazon's raw JSON")},
      &expect_permission);
  using S = ExpectSession;
  steps.add<S>("expect.amazon.checkout_session",
               "Reads a Checkout Session from Amazon: the order's, or the current checkout's.",
               {optional("order", &S::order,
                         "read this order's checkout session instead of the current one"),
                expectation("state", &S::state, T::String, "statusDetails.state"),
                expectation("reason", &S::reason, T::String, "statusDetails.reasonCode"),
                optional("match", &S::match, "partial match on Amazon's raw JSON")},
               &expect_session);
}

}  // namespace scenarios
