// Instant Payment Notifications under chaos (delay, duplicate, reorder, drop), and receivers
// that call back into the mock while they are notified.
#include <gtest/gtest.h>

#include <thread>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

const std::string kChaosUrl = "https://shop.example/amazon/ipn";

// A checkout with the endpoint registered afterwards, so only what follows is notified.
struct Receiving {
  MockHarness h;
  NotificationRecorder rec;
  Reply a;
  Receiving() {
    h.mock().set_notification_sender(rec.sender());
    a = h.checkout(Opts{.amount = 5000, .allow_overcharge = true});
    expect_ok(h.control().set_notification_endpoint(kChaosUrl, true));
  }
  // A new Charge on the permission: one notification.
  std::string another_charge() {
    Reply c = MockHarness::reply(h.control().seller_central_increase(cp_id(a), Yen{100}, false));
    EXPECT_EQ(c.status, 200) << c.body.dump();
    return c.body["chargeId"];
  }
};

TEST(NotificationChaos, DropNeverDelivers) {
  Receiving s;
  expect_ok(s.h.control().notification_chaos("drop", 1, std::nullopt));
  std::string dropped = s.another_charge();
  std::string kept = s.another_charge();
  s.h.advance("1d");
  EXPECT_EQ(s.rec.object_ids(), std::vector<std::string>{kept});
  json j = notifications_journal(s.h);
  EXPECT_EQ(j[0]["objectId"], dropped);
  EXPECT_EQ(j[0]["state"], "dropped");
  EXPECT_TRUE(j[0]["attempts"].empty());
  EXPECT_EQ(j[1]["state"], "delivered");
}

TEST(NotificationChaos, DuplicateDeliversTheSameMessageTwice) {
  Receiving s;
  expect_ok(s.h.control().notification_chaos("duplicate", 1, std::nullopt));
  std::string twice = s.another_charge();
  s.h.advance("0s");
  ASSERT_EQ(s.rec.received.size(), 2u);
  EXPECT_EQ(s.rec.received[0].request.body, s.rec.received[1].request.body);
  EXPECT_EQ(s.rec.received[0].message["ObjectId"], twice);
  EXPECT_EQ(notifications_journal(s.h)[0]["attempts"].size(), 2u);
}

TEST(NotificationChaos, ReorderHoldsThenDeliversLastFirst) {
  Receiving s;
  expect_ok(s.h.control().notification_chaos("reorder", 3, std::nullopt));
  std::string first = s.another_charge();
  s.h.advance("1m");
  EXPECT_TRUE(s.rec.received.empty());  // held until the third
  EXPECT_TRUE(notifications_journal(s.h)[0]["dueAt"].is_null());
  std::string second = s.another_charge();
  std::string third = s.another_charge();
  Reply moved = s.h.advance("0s");
  EXPECT_EQ(s.rec.object_ids(), (std::vector<std::string>{third, second, first}));
  EXPECT_EQ(moved.body["notifications"].size(), 3u);
  Reply chaos = MockHarness::reply(
      s.h.control().send("GET", control::Endpoint::NotificationChaos, {}, ""));
  EXPECT_TRUE(chaos.body["chaos"].empty());
}

TEST(NotificationChaos, DelayMovesTheDueTime) {
  Receiving s;
  expect_ok(s.h.control().notification_chaos("delay", 1, "1h"));
  Reply listed = MockHarness::reply(
      s.h.control().send("GET", control::Endpoint::NotificationChaos, {}, ""));
  ASSERT_EQ(listed.body["chaos"].size(), 1u);
  EXPECT_EQ(listed.body["chaos"][0]["mode"], "delay");
  std::string late = s.another_charge();
  std::string on_time = s.another_charge();
  Reply now = s.h.advance("0s");
  EXPECT_EQ(s.rec.object_ids(), std::vector<std::string>{on_time});
  EXPECT_EQ(now.body["nextEventAt"], "2026-01-05T01:00:00Z");
  s.h.advance("1h");
  EXPECT_EQ(s.rec.object_ids(), (std::vector<std::string>{on_time, late}));
  EXPECT_EQ(notifications_journal(s.h)[0]["dueAt"], "2026-01-05T01:00:00Z");
}

TEST(NotificationChaos, ValidatesAndClears) {
  Receiving s;
  auto post = [&](const std::string& body) {
    return MockHarness::reply(
        s.h.control().send("POST", control::Endpoint::NotificationChaos, {}, body));
  };
  EXPECT_EQ(post(R"({"mode": "shuffle"})").reason(), "InvalidParameterValue");
  EXPECT_EQ(post(R"({"mode": "reorder", "count": 1})").reason(), "InvalidParameterValue");
  EXPECT_EQ(post(R"({"mode": "delay"})").reason(), "InvalidParameterValue");
  EXPECT_EQ(post(R"({"mode": "drop", "count": 0})").reason(), "InvalidParameterValue");
  expect_ok(s.h.control().notification_chaos("drop", 5, std::nullopt));
  expect_ok(s.h.control().clear_notification_chaos());
  s.another_charge();
  s.h.advance("0s");
  EXPECT_EQ(s.rec.received.size(), 1u);
  Reply bad = MockHarness::reply(s.h.control().set_notification_endpoint("ftp://x", true));
  EXPECT_EQ(bad.reason(), "InvalidParameterValue");
  expect_ok(s.h.control().clear_notification_endpoint());
  s.another_charge();
  s.h.advance("0s");
  EXPECT_EQ(s.rec.received.size(), 1u);
}

TEST(NotificationCallbacks, AReceiverReadsTheMockDuringDelivery) {
  Receiving s;
  InProcessClient api(s.h.mock());
  std::vector<std::string> states;
  s.rec.on_receive = [&](const NotificationRecorder::Received& r) {
    core::HttpRequest get;
    get.method = "GET";
    get.path = "/v2/charges/" + r.message["ObjectId"].get<std::string>();
    auto res = api.send(get);
    ASSERT_TRUE(res.ok());
    states.push_back(json::parse(res->body)["statusDetails"]["state"]);
  };
  std::string charge = charge_id(s.a);
  expect_ok(s.h.control().seller_central_capture(charge, std::nullopt));
  s.h.advance("0s");
  EXPECT_EQ(states, std::vector<std::string>{"Captured"});
}

TEST(NotificationCallbacks, AReceiverMayActOnTheMockFromAnotherThread) {
  Receiving s;
  InProcessClient api(s.h.mock());
  s.rec.on_receive = [&](const NotificationRecorder::Received& r) {
    if (r.message["ObjectType"] != "CHARGE") return;
    // The shop captures what it was told about, on its own thread, and waits for it.
    std::thread shop([&] {
      core::HttpRequest capture;
      capture.method = "POST";
      capture.path = "/v2/charges/" + r.message["ObjectId"].get<std::string>() + "/capture";
      capture.body = json{{"captureAmount", yen(100)}}.dump();
      capture.headers.emplace_back("x-amz-pay-idempotency-key", "ipn-capture-1");
      auto res = api.send(capture);
      ASSERT_TRUE(res.ok());
      EXPECT_EQ(res->status, 200) << res->body;
    });
    shop.join();
  };
  std::string charge = s.another_charge();
  Reply moved = s.h.advance("0s");
  // The capture made during delivery is notified in the same advance.
  EXPECT_EQ(s.rec.object_ids(), (std::vector<std::string>{charge, charge}));
  EXPECT_EQ(s.h.call("GET", "/v2/charges/" + charge).state(), "Captured");
  EXPECT_EQ(moved.body["notifications"].size(), 2u);
}

}  // namespace
}  // namespace mock_amazon::testing
