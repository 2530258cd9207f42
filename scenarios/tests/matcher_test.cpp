// Expectations against JSON: partial objects, exact lists, typed scalars and $-matchers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scenarios/matcher.hpp"
#include "scenarios/yaml_loader.hpp"

namespace scenarios {
namespace {

using nlohmann::json;

Value yaml(const std::string& text) {
  Diagnostics d("t.yaml");
  std::vector<Value> docs = load_yaml(text, d);
  EXPECT_TRUE(d.empty());
  return docs.empty() ? Value::null() : docs.front();
}

// "" when matching, else the mismatch text.
std::string m(const std::string& expected, const json& actual) {
  auto r = match(yaml(expected), actual);
  return r ? *r : "";
}

TEST(Matcher, ObjectsArePartial) {
  json a{{"screen", "cart"}, {"total", 5000}, {"error", ""}};
  EXPECT_EQ(m("{screen: cart}", a), "");
  EXPECT_EQ(m("{screen: cart, total: 5000}", a), "");
  EXPECT_EQ(m("{screen: amazon_page}", a), "screen: expected \"amazon_page\", got \"cart\"");
  EXPECT_EQ(m("{missing: 1}", a), "missing: missing (expected 1)");
  EXPECT_EQ(m("{screen: cart}", json::array()), "(root): expected an object, got []");
}

TEST(Matcher, ListsMatchElementWiseWithEqualLength) {
  json a{{"charges", json::array({json{{"amazon_state", "Captured"}, {"amount", 5000}},
                                  json{{"amazon_state", "Authorized"}, {"amount", 100}}})}};
  EXPECT_EQ(m("{charges: [{amazon_state: Captured}, {amount: 100}]}", a), "");
  EXPECT_EQ(m("{charges: [{amazon_state: Captured}]}", a),
            "charges: expected 1 element(s) [{\"amazon_state\":\"Captured\"}], got "
            "[{\"amazon_state\":\"Captured\",\"amount\":5000},{\"amazon_state\":\"Authorized\","
            "\"amount\":100}]");
  EXPECT_EQ(m("{charges: [{amount: 5000}, {amazon_state: Declined}]}", a),
            "charges[1].amazon_state: expected \"Declined\", got \"Authorized\"");
}

TEST(Matcher, ScalarsAreTyped) {
  EXPECT_EQ(m("5000", json(5000)), "");
  EXPECT_EQ(m("5000.0", json(5000)), "");  // numbers compare numerically
  EXPECT_EQ(m("5000", json(5000u)), "");
  EXPECT_EQ(m("-1", json(std::uint64_t{18446744073709551615ull})),
            "(root): expected -1, got 18446744073709551615");
  EXPECT_EQ(m("\"5000\"", json("5000")), "");  // quoted: a string
  EXPECT_EQ(m("5000", json("5000")), "(root): expected 5000, got \"5000\"");
  EXPECT_EQ(m("true", json(true)), "");
  EXPECT_EQ(m("\"true\"", json(true)), "(root): expected \"true\", got true");
  EXPECT_EQ(m("null", json(nullptr)), "");
  EXPECT_EQ(m("~", json(0)), "(root): expected null, got 0");
  EXPECT_EQ(m("承認済", json("承認済")), "");
}

TEST(Matcher, Contains) {
  EXPECT_EQ(m("{$contains: 失敗}", json("オーソリ処理に失敗しました。")), "");
  EXPECT_EQ(m("{$contains: x}", json("abc")),
            "(root): expected text containing \"x\", got \"abc\"");
  EXPECT_EQ(m("{$contains: b}", json::array({"a", "b"})), "");
  EXPECT_EQ(m("{$contains: 2}", json::array({1, 2})), "");
  EXPECT_EQ(m("{$contains: c}", json::array({"a", "b"})),
            "(root): expected a list containing \"c\", got [\"a\",\"b\"]");
}

TEST(Matcher, NotEmptyAnyOf) {
  EXPECT_EQ(m("{$not: Declined}", json("Authorized")), "");
  EXPECT_EQ(m("{$not: Declined}", json("Declined")),
            "(root): expected anything but \"Declined\", got \"Declined\"");
  EXPECT_EQ(m("{$empty: true}", json("")), "");
  EXPECT_EQ(m("{$empty: true}", json::array()), "");
  EXPECT_EQ(m("{$empty: true}", json(nullptr)), "");
  EXPECT_EQ(m("{$empty: false}", json("x")), "");
  EXPECT_EQ(m("{$empty: true}", json("x")), "(root): expected empty, got \"x\"");
  EXPECT_EQ(m("{$any_of: [承認済, 承認中]}", json("承認中")), "");
  EXPECT_EQ(m("{$any_of: [1, 2]}", json(3)), "(root): expected one of [1,2], got 3");
  EXPECT_EQ(m("{$any_of: [{a: 1}, {b: 2}]}", json{{"b", 2}, {"c", 3}}), "");
}

TEST(Matcher, AbsentAndPresent) {
  json a{{"here", 1}, {"nothing", nullptr}};
  EXPECT_EQ(m("{gone: {$absent: true}}", a), "");
  EXPECT_EQ(m("{nothing: {$absent: true}}", a), "");
  EXPECT_EQ(m("{here: {$absent: true}}", a), "here: expected absent (missing or null), got 1");
  EXPECT_EQ(m("{here: {$present: true}}", a), "");
  EXPECT_EQ(m("{gone: {$present: true}}", a),
            "gone: expected present (not null, not empty), got null");
  // An empty text or list is how a view shows nothing: not present.
  EXPECT_EQ(m("{$present: true}", json("")),
            "(root): expected present (not null, not empty), got \"\"");
  EXPECT_EQ(m("{$present: true}", json::array()),
            "(root): expected present (not null, not empty), got []");
  EXPECT_EQ(m("{$present: false}", json("")), "");
  EXPECT_EQ(m("{$present: false}", json("x")), "(root): expected missing, null or empty, got \"x\"");
  EXPECT_EQ(m("{gone: {$not: 1}}", a), "");  // a missing key reads as null for matchers
}

TEST(Matcher, ToJsonTypesPlainScalars) {
  EXPECT_EQ(to_json(yaml("{a: 1, b: \"1\", c: true, d: x, e: ~, f: [1.5]}")),
            (json{{"a", 1},
                  {"b", "1"},
                  {"c", true},
                  {"d", "x"},
                  {"e", nullptr},
                  {"f", json::array({1.5})}}));
}

}  // namespace
}  // namespace scenarios
