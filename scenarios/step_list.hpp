// Declaring steps: each actor file (scenarios/steps/<actor>.cpp) adds its steps with their
// typed parameters, handler and, where the types cannot say everything, a check run by
// `validate` before anything runs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenarios/diagnostic.hpp"
#include "scenarios/registry.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/typed_params.hpp"

namespace scenarios {

// Problems a step's own check finds, reported at the parameter they are about.
class StepIssues {
 public:
  StepIssues(const Step& step, Diagnostics& diagnostics) : step_(step), d_(diagnostics) {}
  // At the value of parameter `param` (at the step when it was not given).
  void at(std::string_view param, std::string message);
  // At the step.
  void here(std::string message);
  // Whether the scenario file gave `param` (defaults do not count).
  bool given(std::string_view param) const { return step_.params.get(param) != nullptr; }

 private:
  const Step& step_;
  Diagnostics& d_;
};

template <class P>
using Handler = StepOutcome (*)(ScenarioContext&, const P&);
template <class P>
using Check = void (*)(const P&, StepIssues&);

class StepList {
 public:
  // A step whose parameters are P's described fields.
  template <class P>
  StepSpec& add(std::string name, std::string doc, std::vector<FieldSpec<P>> fields,
                Handler<P> handler, Check<P> check = nullptr) {
    StepSpec s;
    s.name = std::move(name);
    s.doc = std::move(doc);
    s.params = param_specs(fields);
    s.run = [fields, handler](ScenarioContext& context, const Step& step) {
      return handler(context, decode_params(fields, step.params.entries()));
    };
    if (check)
      s.check = [fields, check](const Step& step, StepIssues& issues) {
        check(decode_params(fields, step.params.entries()), issues);
      };
    steps_.push_back(std::move(s));
    return steps_.back();
  }

  // A step whose keys other than P's fields are expectations, kept in P::*open, matched
  // against JSON of the given shape.
  template <class P>
  StepSpec& add_open(std::string name, std::string doc, std::vector<FieldSpec<P>> fields,
                     std::vector<MapEntry> P::*open, FieldShape shape, Handler<P> handler) {
    StepSpec& s = add(std::move(name), std::move(doc), fields, handler);
    s.open_fields = true;
    s.shape = shape;
    s.run = [fields, open, handler](ScenarioContext& context, const Step& step) {
      P p = decode_params(fields, step.params.entries());
      p.*open = step.fields;
      return handler(context, p);
    };
    return s;
  }

  std::vector<StepSpec> take() { return std::move(steps_); }

 private:
  std::vector<StepSpec> steps_;
};

// A step without parameters.
struct NoParams {};

// The parameters many steps share, documented once.
template <class P>
FieldSpec<P> order_param(OrderRef P::*member) {
  return required("order", member,
                  "the order: \"#1\" (the n-th order of this scenario), \"last\", or an order "
                  "number");
}
template <class P>
FieldSpec<P> member_param(MemberRef P::*member) {
  return required("member", member,
                  "the member: \"#1\" (the n-th member registered in this scenario), \"last\", "
                  "or a member id");
}
template <class P>
FieldSpec<P> subscription_param(SubscriptionRef P::*member) {
  return required("subscription", member,
                  "the application (申込): \"#1\" (the n-th of this scenario), \"last\", or a "
                  "申込番号");
}
template <class P>
FieldSpec<P> charge_param(std::int64_t P::*member) {
  return optional("charge", member, "which charge of the order (1 = the first)");
}

// Each actor's steps, in the order the README lists them.
void add_customer_steps(StepList& steps);
void add_member_steps(StepList& steps);  // steps/members.cpp: customer, buyer, admin, expect
void add_amazon_buyer_steps(StepList& steps);
void add_amazon_steps(StepList& steps);
// steps/mock_restart.cpp: amazon.restart; expect.amazon.clock, expect.amazon.idempotent_replay
inline constexpr std::string_view kMockRestartStep = "amazon.restart";
void add_mock_restart_steps(StepList& steps);
void add_mock_restart_expect_steps(StepList& steps);
void add_seller_central_steps(StepList& steps);
void add_notification_steps(StepList& steps);
void add_admin_steps(StepList& steps);
void add_subscription_steps(StepList& steps);
void add_admin_money_steps(StepList& steps);
void add_clock_steps(StepList& steps);
void add_expect_steps(StepList& steps);
void add_expect_amazon_steps(StepList& steps);

}  // namespace scenarios
