#include "scenarios/registry.hpp"

#include <algorithm>

#include "scenarios/step_list.hpp"

namespace scenarios {
namespace {

using T = ParamType;

ParamSpec req(std::string name, ParamType type, std::string doc) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.required = true;
  p.doc = std::move(doc);
  return p;
}

ParamSpec opt(std::string name, ParamType type, std::string doc) {
  ParamSpec p = req(std::move(name), type, std::move(doc));
  p.required = false;
  return p;
}

ParamSpec def(std::string name, ParamType type, std::string default_value, std::string doc) {
  ParamSpec p = opt(std::move(name), type, std::move(doc));
  p.default_value = std::move(default_value);
  return p;
}

std::vector<StepSpec> make_steps() {
  StepList steps;
  add_customer_steps(steps);
  add_amazon_buyer_steps(steps);
  add_amazon_steps(steps);
  add_mock_restart_steps(steps);
  add_seller_central_steps(steps);
  add_notification_steps(steps);
  add_admin_steps(steps);
  add_admin_money_steps(steps);
  add_subscription_steps(steps);
  add_clock_steps(steps);
  add_expect_steps(steps);  // with expect.amazon.* in the middle
  add_member_steps(steps);
  add_mock_restart_expect_steps(steps);
  return steps.take();
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<ParamSpec>& top_level_keys() {
  static const std::vector<ParamSpec> keys = {
      req("id", T::Id, "unique across all files: [A-Za-z0-9._-]+"),
      req("title", T::String, "what the scenario shows, for people"),
      req("rules", T::RuleList, "catalogue rule IDs this scenario checks"),
      opt("assumes", T::RuleList, "rule IDs whose adopted interpretation the scenario relies on"),
      def("start", T::Timestamp, std::string(kDefaultStart), "simulated start instant"),
      opt("matrix", T::Matrix,
          "variable → list of values; one run per combination, ${variable} substituted in "
          "every string of shop, products and steps"),
      opt("charge_table", T::OrderRef,
          "an order (\"#1\"): after every step the report shows each Charge of its Charge "
          "Permission at Amazon (authorized, captured, refunded, refundable)"),
      opt("properties", T::StringList,
          "world properties checked after every step: authorization_status, money, "
          "forbidden_calls (what `conformance fuzz` checks; scenarios/README.md)"),
      opt("shop", T::Settings, "overrides of the default shop settings"),
      opt("products", T::Products, "the catalogue (replaces the default one)"),
      req("steps", T::Steps, "the steps, in order"),
  };
  return keys;
}

const std::vector<StepSpec>& step_specs() {
  static const std::vector<StepSpec> steps = make_steps();
  return steps;
}

const StepSpec* find_step(std::string_view name) {
  for (const StepSpec& s : step_specs())
    if (s.name == name) return &s;
  return nullptr;
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 4;  // further than this is not a typo
  for (const std::string& c : candidates) {
    size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string closest_step(std::string_view name) {
  std::vector<std::string> names;
  for (const StepSpec& s : step_specs()) names.push_back(s.name);
  return closest_name(name, names);
}

const std::vector<ActorSpec>& actor_specs() {
  static const std::vector<ActorSpec> actors = {
      {"customer", "the customer's browser on the storefront"},
      {"amazon_buyer", "the buyer on Amazon's hosted pages (the mock's control API)"},
      {"amazon", "Amazon's own side: forced outcomes, faults, Amazon-side events; a refusal fails "
                 "the step"},
      {"seller_central", "the merchant by hand in Amazon's console (Amazonセラーセントラル), "
                         "bypassing futureshop; Seller Central's refusal is the step's error"},
      {"admin", "the merchant in futureshop's 管理画面; an operation the shop refuses is the "
                "step's error, not a failure"},
      {"clock", "simulated time, moved in lockstep at Amazon and in the shop"},
      {"expect", "checks; a mismatch fails the scenario"},
  };
  return actors;
}

const std::vector<MatcherSpec>& matcher_specs() {
  static const std::vector<MatcherSpec> specs = {
      {"$contains", T::String,
       "a string containing the text, or a list with an element equal to the value"},
      {"$not", T::Expected, "anything that does not match the value"},
      {"$empty", T::Bool, "true: \"\", [], {} or null; false: anything else"},
      {"$any_of", T::StringList, "matches one of the listed values"},
      {"$absent", T::Bool, "true: the key is missing or null"},
      {"$present", T::Bool, "true: the key exists and is not null"},
  };
  return specs;
}

const MatcherSpec* find_matcher(std::string_view name) {
  for (const MatcherSpec& m : matcher_specs())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<DefaultProduct>& default_products() {
  static const std::vector<DefaultProduct> products = {
      {"normal", "通常商品", 5000, "normal"},
      {"reservation", "予約商品", 8000, "reservation"},
      {"subscription", "定期商品", 3000, "subscription"},
      {"ten-million", "高額商品", 10000000, "normal"},
      {"over-ten-million", "高額商品(上限超過)", 10000001, "normal"},
      {"one-yen", "1円商品", 1, "normal"},
  };
  return products;
}

}  // namespace scenarios
