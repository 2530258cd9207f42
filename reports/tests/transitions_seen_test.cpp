#include <gtest/gtest.h>

#include "reports/transitions_seen.hpp"

namespace reports {
namespace {

HttpExchange answer(const char* method, int status, std::string body) {
  HttpExchange x;
  x.method = method;
  x.path = "/v2/x";
  x.status = status;
  x.response_body = std::move(body);
  return x;
}

std::string charge(const char* id, const char* state) {
  return std::string(R"({"chargeId":")") + id + R"(","chargePermissionId":"P1","statusDetails":{"state":")" +
         state + R"("}})";
}

ScenarioResult scenario(const char* id, std::vector<HttpExchange> exchanges) {
  ScenarioResult s;
  s.id = id;
  StepRecord st;
  st.index = 1;
  st.exchanges = std::move(exchanges);
  s.steps.push_back(st);
  return s;
}

using Key = std::tuple<std::string, std::string, std::string>;

TEST(TransitionsSeen, CreationChangesAndWritesThatKeepTheState) {
  RunModel run;
  run.scenarios.push_back(scenario(
      "S1", {answer("POST", 201, charge("C1", "Authorized")),
             answer("GET", 200, charge("C1", "Authorized")),   // a read: no self-transition
             answer("POST", 200, charge("C1", "Captured")),    // Authorized → Captured
             answer("POST", 200, charge("C1", "Captured")),    // a write keeping the state
             answer("POST", 422, charge("C1", "Canceled")),    // refused: not evidence
             answer("GET", 200, "not json")}));
  run.scenarios.push_back(scenario("S2", {answer("POST", 201, charge("C1", "Authorized"))}));
  const TransitionsSeen seen = transitions_seen(run);
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.at(Key{"Charge", "", "Authorized"}), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(seen.at(Key{"Charge", "Authorized", "Captured"}), std::vector<std::string>{"S1"});
  EXPECT_EQ(seen.at(Key{"Charge", "Captured", "Captured"}), std::vector<std::string>{"S1"});
  EXPECT_EQ(seen.count(Key{"Charge", "Authorized", "Authorized"}), 0u);
  EXPECT_EQ(seen.count(Key{"Charge", "Captured", "Canceled"}), 0u);
}

// A Checkout Session names its Charge and Charge Permission, a Refund its Charge: the object
// is the most specific resource its ids say; nested objects count too.
TEST(TransitionsSeen, ResourceFromTheIdsAnObjectCarries) {
  RunModel run;
  run.scenarios.push_back(scenario(
      "S1",
      {answer("POST", 200,
              R"({"checkoutSessionId":"CS1","chargeId":"C1","chargePermissionId":"P1",)"
              R"("statusDetails":{"state":"Open"}})"),
       answer("POST", 201,
              R"({"refundId":"R1","chargeId":"C1","statusDetails":{"state":"RefundInitiated"}})"),
       answer("GET", 200,
              R"({"items":[{"chargePermissionId":"P1","statusDetails":{"state":"Chargeable"}}]})")}));
  const TransitionsSeen seen = transitions_seen(run);
  EXPECT_EQ(seen.count(Key{"CheckoutSession", "", "Open"}), 1u);
  EXPECT_EQ(seen.count(Key{"Refund", "", "RefundInitiated"}), 1u);
  EXPECT_EQ(seen.count(Key{"ChargePermission", "", "Chargeable"}), 1u);
  EXPECT_EQ(seen.size(), 3u);
}

// Objects are per scenario: the same id in the next scenario is a new object.
TEST(TransitionsSeen, ObjectsArePerScenario) {
  RunModel run;
  run.scenarios.push_back(scenario("S1", {answer("POST", 201, charge("C1", "Authorized"))}));
  run.scenarios.push_back(scenario("S2", {answer("POST", 201, charge("C1", "Captured"))}));
  const TransitionsSeen seen = transitions_seen(run);
  EXPECT_EQ(seen.count(Key{"Charge", "", "Captured"}), 1u);
  EXPECT_EQ(seen.count(Key{"Charge", "Authorized", "Captured"}), 0u);
}

}  // namespace
}  // namespace reports
