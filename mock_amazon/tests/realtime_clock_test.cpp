// --clock realtime (MockOptions::clock_mode): the simulated clock follows an injected wall
// clock from the mock's start, on top of every advance; the default clock does not move.
#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

// A wall clock the test moves: no sleeping.
struct FakeWall final : core::Clock {
  core::Instant at = *core::parse_instant("2030-06-01T12:00:00Z");
  core::Instant now() const override { return at; }
};

MockOptions realtime(const FakeWall& wall) {
  MockOptions o;
  o.clock_mode = ClockMode::Realtime;
  o.wall_clock = &wall;
  return o;
}

std::string clock_now(MockHarness& h) {
  return h.call("GET", "/__mock/clock").body["now"];
}

TEST(RealtimeClock, PendingAuthorizationSettlesAfterThirtyWallSeconds) {
  FakeWall wall;
  MockHarness h(realtime(wall));
  Reply done = h.checkout(Opts{.payment = "card-0701", .pending = true});
  ASSERT_EQ(done.status, 202) << done.body.dump();
  std::string charge = "/v2/charges/" + charge_id(done);
  wall.at += core::Duration{29};
  EXPECT_EQ(h.call("GET", charge).state(), "AuthorizationInitiated");
  wall.at += core::Duration{1};
  // No advance: the request itself finds the settlement due and runs it first.
  EXPECT_EQ(h.call("GET", charge).state(), "Authorized");
}

TEST(RealtimeClock, FollowsWallTimePlusAdvances) {
  FakeWall wall;
  MockHarness h(realtime(wall));  // starts at 2026-01-05T00:00:00Z
  EXPECT_EQ(clock_now(h), "2026-01-05T00:00:00Z");
  wall.at += core::Duration{90};
  EXPECT_EQ(clock_now(h), "2026-01-05T00:01:30Z");
  Reply adv = h.advance("1h");
  EXPECT_EQ(adv.body["now"], "2026-01-05T01:01:30Z");
  wall.at += core::Duration{10};
  EXPECT_EQ(clock_now(h), "2026-01-05T01:01:40Z");
  // A wall clock stepped back holds the simulated clock; its repeated time is not counted.
  wall.at -= core::Duration{60};
  EXPECT_EQ(clock_now(h), "2026-01-05T01:01:40Z");
  wall.at += core::Duration{65};
  EXPECT_EQ(clock_now(h), "2026-01-05T01:01:45Z");
}

TEST(RealtimeClock, DeliversNotificationsFallingDueWithoutARequest) {
  FakeWall wall;
  MockHarness h(realtime(wall));
  NotificationRecorder recorder;
  h.mock().set_notification_sender(recorder.sender());
  expect_ok(h.control().set_notification_endpoint("https://shop.example/ipn", true));
  Reply done = h.checkout(Opts{.payment = "card-0701", .pending = true});
  ASSERT_EQ(done.status, 202);
  std::size_t before = recorder.received.size();
  wall.at += core::Duration{30};
  h.mock().follow_wall_clock();  // what amazon-pay-mock's idle loop calls every second
  ASSERT_GT(recorder.received.size(), before);
  EXPECT_EQ(recorder.received.back().message["ObjectId"], charge_id(done));
}

TEST(RealtimeClock, DefaultClockIgnoresWallTime) {
  FakeWall wall;
  MockOptions o;
  o.wall_clock = &wall;
  MockHarness h(o);
  wall.at += core::Duration{3600};
  EXPECT_EQ(clock_now(h), "2026-01-05T00:00:00Z");
}

TEST(RealtimeClock, RefusedWithoutAWallClock) {
  MockOptions o;
  o.clock_mode = ClockMode::Realtime;
  auto m = Mock::open(o);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().find("wall clock"), std::string::npos);
}

TEST(RealtimeClock, ModeNames) {
  EXPECT_EQ(parse_clock_mode("realtime"), ClockMode::Realtime);
  EXPECT_EQ(parse_clock_mode("simulated"), ClockMode::Simulated);
  EXPECT_EQ(parse_clock_mode("wall"), std::nullopt);
  EXPECT_EQ(name(ClockMode::Realtime), "realtime");
}

}  // namespace
}  // namespace mock_amazon::testing
