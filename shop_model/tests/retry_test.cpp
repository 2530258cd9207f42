// The shop's retries (amazon/retry.hpp) against a scripted Amazon: which answers are tried
// again, how long the shop waits on the simulated clock, that every attempt carries the same
// idempotency key, and the read-back when no attempt got an answer.
#include <deque>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/amazon/retry.hpp"

namespace shop_model {
namespace {

using core::Duration;
using nlohmann::json;

const core::Instant kT0 = core::parse_instant("2026-01-05T00:00:00Z").value();

// Answers from a script, in order; remembers each request, its key and the simulated time.
class ScriptedAmazon final : public core::AmazonPayClient {
 public:
  explicit ScriptedAmazon(const core::Clock& clock) : clock_(clock) {}
  using Answer = core::Result<core::HttpResponse, std::string>;

  void answer(int status, json body = json::object(), std::optional<std::string> retry_after = {}) {
    core::HttpResponse r;
    r.status = status;
    r.body = body.dump();
    if (retry_after) r.headers.emplace_back("Retry-After", *retry_after);
    script_.push_back(std::move(r));
  }
  void no_answer(int times = 1) {
    for (int i = 0; i < times; ++i) script_.push_back(core::fail(std::string("timeout")));
  }

  Answer send(core::HttpRequest request) override {
    const std::string* key = request.header("x-amz-pay-idempotency-key");
    sent.push_back({request.method + " " + request.path, key ? *key : "", clock_.now()});
    if (script_.empty()) return core::fail(std::string("script exhausted"));
    Answer a = std::move(script_.front());
    script_.pop_front();
    return a;
  }

  struct Sent {
    std::string call, key;
    core::Instant at;
  };
  std::vector<Sent> sent;

 private:
  const core::Clock& clock_;
  std::deque<Answer> script_;
};

// Waits by moving the simulated clock, as the harness does.
class ClockWaiter final : public Waiter {
 public:
  explicit ClockWaiter(core::SimulatedClock& clock) : clock_(clock) {}
  void wait(Duration d) override {
    waits.push_back(d);
    clock_.advance(d);
  }
  std::vector<Duration> waits;

 private:
  core::SimulatedClock& clock_;
};

json charge_json(const std::string& state) {
  return {{"chargeId", "C01"},
          {"chargePermissionId", "P01"},
          {"chargeAmount", {{"amount", "5000"}, {"currencyCode", "JPY"}}},
          {"statusDetails", {{"state", state}}}};
}

struct Fixture {
  core::SimulatedClock clock{kT0};
  ScriptedAmazon amazon{clock};
  ClockWaiter waiter{clock};
  AmazonPayApi api{amazon, 1, waiter};
};

TEST(Retry, RetriesWhatTheSdksRetry) {
  for (int s : {408, 425, 429, 500, 502, 503, 504}) EXPECT_TRUE(retryable_status(s)) << s;
  for (int s : {200, 400, 401, 403, 404, 409, 422, 501}) EXPECT_FALSE(retryable_status(s)) << s;
}

TEST(Retry, TooManyRequestsWaitsTheRetryAfterOnTheSimulatedClockWithTheSameKey) {
  Fixture f;
  f.amazon.answer(429, {{"reasonCode", "TooManyRequests"}}, "2");
  f.amazon.answer(200, charge_json("Captured"));
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_TRUE(captured) << captured.error().describe();
  EXPECT_EQ(captured->state, ChargeState::Captured);
  ASSERT_EQ(f.amazon.sent.size(), 2u);
  EXPECT_EQ(f.amazon.sent[0].at, kT0);
  EXPECT_EQ(f.amazon.sent[1].at, kT0 + Duration{2});
  EXPECT_FALSE(f.amazon.sent[0].key.empty());
  EXPECT_EQ(f.amazon.sent[0].key, f.amazon.sent[1].key);
  EXPECT_EQ(f.waiter.waits, std::vector<Duration>{Duration{2}});
}

TEST(Retry, ServiceUnavailableIsTriedFourTimesWithExponentialBackoffThenReported) {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.amazon.answer(503, {{"reasonCode", "ServiceUnavailable"}});
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_FALSE(captured);
  EXPECT_EQ(captured.error().status, 503);
  EXPECT_EQ(captured.error().reason_code, "ServiceUnavailable");
  ASSERT_EQ(f.amazon.sent.size(), static_cast<size_t>(kMaxAttempts));
  EXPECT_EQ(f.waiter.waits, (std::vector<Duration>{Duration{1}, Duration{2}, Duration{4}}));
  EXPECT_EQ(f.amazon.sent[3].at, kT0 + Duration{7});
  for (const auto& s : f.amazon.sent) {
    EXPECT_EQ(s.call, "POST /v2/charges/C01/capture");  // an answer: no read-back
    EXPECT_EQ(s.key, f.amazon.sent[0].key);
  }
}

TEST(Retry, AnAnswerThatIsNotRetryableIsFinal) {
  Fixture f;
  f.amazon.answer(400, {{"reasonCode", "InvalidParameterValue"}}, "1");
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_FALSE(captured);
  EXPECT_EQ(captured.error().reason_code, "InvalidParameterValue");
  EXPECT_EQ(f.amazon.sent.size(), 1u);
  EXPECT_TRUE(f.waiter.waits.empty());
}

TEST(Retry, ARetryAfterLongerThanTheShopWaitsEndsTheCall) {
  Fixture f;
  f.amazon.answer(429, {{"reasonCode", "TooManyRequests"}}, "61");
  f.amazon.answer(200, charge_json("Captured"));
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_FALSE(captured);
  EXPECT_EQ(captured.error().status, 429);
  EXPECT_EQ(f.amazon.sent.size(), 1u);
}

TEST(Retry, AnUnreadableRetryAfterFallsBackToTheBackoff) {
  Fixture f;
  f.amazon.answer(503, {{"reasonCode", "ServiceUnavailable"}}, "soon");
  f.amazon.answer(200, charge_json("Captured"));
  ASSERT_TRUE(f.api.capture_charge("C01", Yen{5000}));
  EXPECT_EQ(f.waiter.waits, std::vector<Duration>{Duration{1}});
}

TEST(Retry, ACaptureWithNoAnswerIsReadBackAndTheCaptureAmazonMadeIsTheAnswer) {
  Fixture f;
  f.amazon.no_answer(kMaxAttempts);
  f.amazon.answer(200, charge_json("Captured"));
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_TRUE(captured) << captured.error().describe();
  EXPECT_EQ(captured->state, ChargeState::Captured);
  ASSERT_EQ(f.amazon.sent.size(), static_cast<size_t>(kMaxAttempts) + 1);
  EXPECT_EQ(f.amazon.sent.back().call, "GET /v2/charges/C01");
  EXPECT_EQ(f.amazon.sent.back().at, kT0 + Duration{7});
  for (int i = 1; i < kMaxAttempts; ++i) EXPECT_EQ(f.amazon.sent[i].key, f.amazon.sent[0].key);
}

TEST(Retry, ACaptureWithNoAnswerThatAmazonDidNotMakeStaysAFailure) {
  Fixture f;
  f.amazon.no_answer(kMaxAttempts);
  f.amazon.answer(200, charge_json("Authorized"));
  auto captured = f.api.capture_charge("C01", Yen{5000});
  ASSERT_FALSE(captured);
  EXPECT_TRUE(captured.error().transport());
}

TEST(Retry, ACancelWithNoAnswerIsReadBack) {
  Fixture f;
  f.amazon.no_answer(kMaxAttempts);
  f.amazon.answer(200, charge_json("Canceled"));
  auto canceled = f.api.cancel_charge("C01", "reason");
  ASSERT_TRUE(canceled);
  EXPECT_EQ(canceled->state, ChargeState::Canceled);
}

TEST(Retry, WithoutAWaiterTheAttemptsGoAtOnce) {
  core::SimulatedClock clock{kT0};
  ScriptedAmazon amazon{clock};
  AmazonPayApi api{amazon, 1};
  amazon.answer(503, {{"reasonCode", "ServiceUnavailable"}});
  amazon.answer(200, charge_json("Authorized"));
  ASSERT_TRUE(api.get_charge("C01"));
  ASSERT_EQ(amazon.sent.size(), 2u);
  EXPECT_EQ(amazon.sent[1].at, kT0);
}

}  // namespace
}  // namespace shop_model
