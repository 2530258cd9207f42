// expect.*: what the shop shows (the browser's page, 受注詳細, a member, a mail), the error of
// the previous action step, and the Amazon calls it made. A mismatch fails the scenario.
#include <algorithm>

#include <fmt/core.h>

#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

struct ExpectScreen {
  std::optional<Expectation> screen;
  std::vector<MapEntry> fields;
};
StepOutcome expect_screen(ScenarioContext& c, const ExpectScreen& p) {
  if (!c.page()) return failure("the browser has not opened any page yet");
  std::vector<MapEntry> wanted;
  if (p.screen) wanted.push_back(MapEntry{"screen", {}, p.screen->value});
  wanted.insert(wanted.end(), p.fields.begin(), p.fields.end());
  return c.expect_json(Value::map(wanted), shop_model::to_json(*c.page()), "page");
}

struct ExpectOrder {
  OrderRef order;
  std::vector<MapEntry> fields;
};
StepOutcome expect_order(ScenarioContext& c, const ExpectOrder& p) {
  auto n = c.order_number(p.order.text);
  if (!n) return failure(n.error());
  auto detail = c.shop().order_detail(*n);
  if (!detail) return failure("no order detail for " + *n + ": " + detail.error());
  return c.expect_json(Value::map(p.fields), shop_model::to_json(*detail), "order");
}

struct ExpectText {
  std::optional<std::string> contains;
  std::optional<std::string> equals;
};
StepOutcome expect_error(ScenarioContext& c, const ExpectText& p) {
  return c.expect_text(p.contains, p.equals, c.last_error(), "error");
}

StepOutcome expect_mail(ScenarioContext& c, const ExpectText& p) {
  if (!c.mail()) return failure("no thanks mail has been rendered (use admin.render_thanks_mail)");
  return c.expect_text(p.contains, p.equals, *c.mail(), "mail");
}

struct ExpectMember {
  MemberRef member;
  std::vector<MapEntry> fields;
};
StepOutcome expect_member(ScenarioContext& c, const ExpectMember& p) {
  auto id = c.member_id(p.member.text);
  if (!id) return failure(id.error());
  auto member = c.shop().member(*id);
  if (!member) return failure("the shop has no member " + *id);
  return c.expect_json(Value::map(p.fields), member_json(*member), "member");
}

// ---- expect.amazon_calls

bool is_control(const reports::HttpExchange& x) {
  return mock_amazon::control::is_control_path(x.path);
}

bool pattern_matches(const std::string& pattern, const reports::HttpExchange& x) {
  std::string prefix = pattern;
  size_t space = pattern.find(' ');
  if (space != std::string::npos) {
    if (pattern.substr(0, space) != x.method) return false;
    prefix = pattern.substr(space + 1);
  }
  return api_path(x.path).rfind(prefix, 0) == 0;
}

std::string describe_calls(const std::vector<const reports::HttpExchange*>& calls) {
  if (calls.empty()) return "no API call";
  std::string out;
  for (const auto* x : calls)
    out += fmt::format("{}{} {} → {} at {}", out.empty() ? "" : "; ", x->method, api_path(x->path),
                       x->status ? std::to_string(x->status) : x->transport_error, x->sim_time);
  return out;
}

struct ExpectCalls {
  std::optional<std::int64_t> count;
  CallPatterns none_matching;
  CallPatterns some_matching;
  std::vector<std::string> sent_at;
};

// The simulated instants of the calls, in order, against the expected ones.
std::optional<std::string> sent_at_mismatch(const std::vector<const reports::HttpExchange*>& calls,
                                            const std::vector<std::string>& expected) {
  std::vector<std::string> actual;
  for (const auto* x : calls) actual.push_back(x->sim_time);
  if (actual == expected) return std::nullopt;
  return fmt::format("expected the calls at [{}], got [{}]: {}", join(expected), join(actual),
                     describe_calls(calls));
}

StepOutcome expect_amazon_calls(ScenarioContext& c, const ExpectCalls& p) {
  std::vector<const reports::HttpExchange*> calls;
  for (const auto& x : c.last_exchanges())
    if (!is_control(x)) calls.push_back(&x);
  if (p.count && static_cast<std::int64_t>(calls.size()) != *p.count)
    return failure(fmt::format("expected {} Amazon API call(s), got {}: {}", *p.count,
                               calls.size(), describe_calls(calls)));
  for (const std::string& pattern : p.none_matching.items)
    for (const auto* x : calls)
      if (pattern_matches(pattern, *x))
        return failure(fmt::format("expected no call matching \"{}\", got {} {}; all calls: {}",
                                   pattern, x->method, api_path(x->path), describe_calls(calls)));
  if (!p.sent_at.empty())
    if (auto mismatch = sent_at_mismatch(calls, p.sent_at)) return failure(*mismatch);
  for (const std::string& pattern : p.some_matching.items) {
    bool found = std::any_of(calls.begin(), calls.end(),
                             [&](const auto* x) { return pattern_matches(pattern, *x); });
    if (!found)
      return failure(
          fmt::format("expected a call matching \"{}\", got {}", pattern, describe_calls(calls)));
  }
  return note(describe_calls(calls));
}

}  // namespace

void add_expect_steps(StepList& steps) {
  steps.add_open<ExpectScreen>(
      "expect.screen",
      "Partial match against the browser's current page (to_json(Page)); other keys are fields "
      "of the screen.",
      {matchable(optional("screen", &ExpectScreen::screen,
                          "cart, normal_order_form, amazon_pay_order, order_complete, my_order, "
                          "amazon_page, setup_checklist, order_search, not_found, additional_info"))},
      &ExpectScreen::fields, FieldShape::Screen, &expect_screen);
  steps.add_open<ExpectOrder>("expect.order",
                              "Partial match against 受注詳細 as last known, without asking "
                              "Amazon; other keys are fields of the order detail.",
                              {order_param(&ExpectOrder::order)}, &ExpectOrder::fields,
                              FieldShape::OrderDetail, &expect_order);
  StepSpec& error = steps.add<ExpectText>(
      "expect.error",
      "The error of the previous action step: the page's or order detail's `error`, or the "
      "step's own error. equals: \"\" asserts no error.",
      {optional("contains", &ExpectText::contains, "substring"),
       optional("equals", &ExpectText::equals, "whole text")},
      &expect_error);
  error.exactly_one_of = {"contains", "equals"};
  // expect.amazon.* are declared between these (steps/expect_amazon.cpp).
  add_expect_amazon_steps(steps);
  StepSpec& calls = steps.add<ExpectCalls>(
      "expect.amazon_calls",
      "Checks the Amazon API calls of the previous action step (control calls to /__mock are "
      "not counted). A pattern is \"METHOD /path-prefix\" or \"/path-prefix\"; environment "
      "prefixes (/sandbox, /live) are ignored.",
      {optional("count", &ExpectCalls::count, "exact number of API calls"),
       optional("none_matching", &ExpectCalls::none_matching, "no call matches any of these"),
       optional("some_matching", &ExpectCalls::some_matching,
                "each pattern matches at least one call"),
       optional("sent_at", &ExpectCalls::sent_at,
                "the simulated instant of every call, in order (ISO-8601 UTC, as the "
                "transcript records it)")},
      &expect_amazon_calls);
  calls.at_least_one_of = {"count", "none_matching", "some_matching", "sent_at"};
  StepSpec& mail = steps.add<ExpectText>(
      "expect.mail", "The last rendered thanks mail.",
      {optional("contains", &ExpectText::contains, "substring"),
       optional("equals", &ExpectText::equals, "whole text")},
      &expect_mail);
  mail.exactly_one_of = {"contains", "equals"};
  steps.add_open<ExpectMember>(
      "expect.member",
      "Partial match against the member record; other keys are member fields (id, email, name, "
      "status, amazon_buyer_id, has_password, newsletter, registered_at, amazon_linked_at, "
      "fields, points).",
      {member_param(&ExpectMember::member)}, &ExpectMember::fields, FieldShape::Member,
      &expect_member);
}

}  // namespace scenarios
