// Instant Payment Notifications: what is queued, the SNS envelope and its signature, retries,
// the journal, persistence, and delivery over real HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "core/sns.hpp"
#include "mock_amazon/tests/mock_test_support.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace mock_amazon::testing {
namespace {

const std::string kUrl = "https://shop.example/amazon/ipn?site=1";

std::string served_certificate(MockHarness& h) {
  core::HttpRequest get;
  get.method = "GET";
  get.path = control::path_of(control::Endpoint::SnsCertificate);
  core::HttpResponse res = h.mock().handle(get);
  EXPECT_EQ(res.status, 200);
  return res.body;
}

TEST(Notifications, NothingWithoutAnEndpoint) {
  MockHarness h;
  NotificationRecorder rec;
  h.mock().set_notification_sender(rec.sender());
  Reply a = h.checkout(Opts{.amount = 5000});
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}});
  Reply moved = h.advance("1d");
  EXPECT_TRUE(rec.received.empty());
  EXPECT_TRUE(notifications_journal(h).empty());
  EXPECT_FALSE(moved.body.contains("notifications"));
}

TEST(Notifications, SnsEnvelopeHeadersAndMessage) {
  MockHarness h;
  NotificationRecorder rec;
  h.mock().set_notification_sender(rec.sender());
  ASSERT_EQ(MockHarness::reply(h.control().set_notification_endpoint(kUrl, true)).status, 200);
  Reply a = h.checkout(Opts{.amount = 5000});
  ASSERT_EQ(h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", json::object()).status, 200);
  EXPECT_TRUE(rec.received.empty());  // delivered on the simulated clock
  Reply moved = h.advance("0s");
  ASSERT_FALSE(rec.received.empty());
  ASSERT_TRUE(moved.body.contains("notifications"));
  EXPECT_EQ(moved.body["notifications"].size(), rec.received.size());

  const auto& last = rec.received.back();
  EXPECT_EQ(last.url, kUrl);
  EXPECT_EQ(last.request.method, "POST");
  EXPECT_EQ(last.request.path, "/amazon/ipn");
  EXPECT_EQ(last.request.query, "site=1");
  EXPECT_EQ(*last.request.header("content-type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(*last.request.header("x-amz-sns-message-type"), "Notification");
  EXPECT_EQ(*last.request.header("x-amz-sns-message-id"), last.envelope["MessageId"]);
  EXPECT_EQ(*last.request.header("x-amz-sns-topic-arn"), last.envelope["TopicArn"]);
  EXPECT_NE(last.request.header("x-amz-sns-subscription-arn"), nullptr);
  EXPECT_EQ(*last.request.header("User-Agent"), "Amazon Simple Notification Service Agent");

  EXPECT_EQ(last.envelope["Type"], "Notification");
  EXPECT_EQ(last.envelope["Timestamp"], "2026-01-05T00:00:00.000Z");
  EXPECT_EQ(last.envelope["SignatureVersion"], "1");
  EXPECT_EQ(last.envelope["SigningCertURL"],
            "http://mock-amazon.invalid/__mock/sns/SimpleNotificationService-mock.pem");
  const json& m = last.message;
  EXPECT_EQ(m["ObjectType"], "CHARGE");
  EXPECT_EQ(m["ObjectId"], charge_id(a));
  EXPECT_EQ(m["ChargePermissionId"], cp_id(a));
  EXPECT_EQ(m["NotificationType"], "STATE_CHANGE");
  EXPECT_EQ(m["NotificationVersion"], "V2");
  EXPECT_FALSE(m["MerchantID"].get<std::string>().empty());
  EXPECT_FALSE(m["NotificationId"].get<std::string>().empty());

  // One per change of the permission and its charge: created, created, canceled.
  std::vector<std::string> types;
  for (const auto& r : rec.received) types.push_back(r.message["ObjectType"]);
  EXPECT_EQ(types, (std::vector<std::string>{"CHARGE_PERMISSION", "CHARGE", "CHARGE"}));

  // The signature verifies with the certificate served at SigningCertURL's path.
  auto cert = core::SnsCertificate::from_pem(served_certificate(h));
  ASSERT_TRUE(cert.ok()) << cert.error();
  for (const auto& r : rec.received) {
    auto env = core::parse_sns_envelope(r.request.body);
    ASSERT_TRUE(env.ok()) << env.error();
    EXPECT_TRUE(cert->verify(*env).ok());
  }
}

TEST(Notifications, UnsignedSwitch) {
  MockHarness h;
  NotificationRecorder rec;
  h.mock().set_notification_sender(rec.sender());
  expect_ok(h.control().set_notification_endpoint(kUrl, false));
  EXPECT_EQ(MockHarness::reply(h.control().notification_endpoint()).body["endpoint"]["signed"],
            false);
  h.checkout(Opts{.amount = 5000});
  h.advance("0s");
  ASSERT_FALSE(rec.received.empty());
  auto env = core::parse_sns_envelope(rec.received[0].request.body);
  ASSERT_TRUE(env.ok()) << env.error();
  EXPECT_TRUE(env->signature.empty());
  auto cert = core::SnsCertificate::from_pem(served_certificate(h));
  ASSERT_TRUE(cert.ok());
  EXPECT_FALSE(cert->verify(*env).ok());
}

TEST(Notifications, ChangesOfEveryActorIncludingSellerCentralAndAttributes) {
  MockHarness h;
  NotificationRecorder rec;
  h.mock().set_notification_sender(rec.sender());
  Reply a = h.checkout(Opts{.amount = 5000});
  expect_ok(h.control().set_notification_endpoint(kUrl, true));
  expect_ok(h.control().seller_central_capture(charge_id(a), Yen{5000}));  // + permission Closed
  Reply r = MockHarness::reply(h.control().seller_central_refund(charge_id(a), Yen{1000}));
  h.advance("30s");  // the refund settles
  Reply b = h.checkout(Opts{.amount = 5000});
  expect_ok(h.control().buyer_update_payment_method(cp_id(b), "card-1111"));
  h.advance("0s");
  json j = notifications_journal(h);
  std::vector<std::string> seen;
  for (const auto& e : j)
    seen.push_back(e["objectType"].get<std::string>() + " " + e["notificationType"].get<std::string>() +
                   " " + e["actor"].get<std::string>());
  std::vector<std::string> expected = {
      "CHARGE STATE_CHANGE SellerCentral",          "CHARGE_PERMISSION STATE_CHANGE SellerCentral",
      "REFUND STATE_CHANGE SellerCentral",          "REFUND STATE_CHANGE Clock",
      "CHARGE_PERMISSION STATE_CHANGE Api",         "CHARGE STATE_CHANGE Api",
      "CHARGE_PERMISSION STATE_CHANGE Buyer",       "CHARGE_PERMISSION ATTRIBUTE_CHANGE Buyer"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(j[2]["objectId"], r.body["refundId"]);
  EXPECT_EQ(j[2]["chargePermissionId"], cp_id(a));
  for (const auto& e : j) EXPECT_EQ(e["state"], "delivered");
}

TEST(Notifications, RetriesHourlyUntilAcknowledged) {
  MockHarness h;
  NotificationRecorder rec;
  rec.statuses = {500, 503};
  h.mock().set_notification_sender(rec.sender());
  Reply a = h.checkout(Opts{.amount = 5000});
  expect_ok(h.control().set_notification_endpoint(kUrl, true));
  h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", json::object());
  Reply first = h.advance("0s");
  EXPECT_EQ(first.body["nextEventAt"], "2026-01-05T01:00:00Z");
  json e = notifications_journal(h)[0];
  EXPECT_EQ(e["state"], "pending");
  EXPECT_EQ(e["dueAt"], "2026-01-05T01:00:00Z");
  h.advance("59m");
  EXPECT_EQ(rec.received.size(), 1u);
  h.advance("3h");
  ASSERT_EQ(rec.received.size(), 3u);
  e = notifications_journal(h)[0];
  EXPECT_EQ(e["state"], "delivered");
  ASSERT_EQ(e["attempts"].size(), 3u);
  EXPECT_EQ(e["attempts"][0], (json{{"at", "2026-01-05T00:00:00Z"}, {"status", 500}}));
  EXPECT_EQ(e["attempts"][1], (json{{"at", "2026-01-05T01:00:00Z"}, {"status", 503}}));
  EXPECT_EQ(e["attempts"][2], (json{{"at", "2026-01-05T02:00:00Z"}, {"status", 200}}));
  // Redelivery keeps the message and notification ids.
  EXPECT_EQ(rec.received[0].request.body, rec.received[2].request.body);
}

TEST(Notifications, RetryPolicyAndTransportFailures) {
  MockHarness h;
  int calls = 0;
  h.mock().set_notification_sender(
      [&](const std::string&, const core::HttpRequest&) -> core::Result<core::HttpResponse, std::string> {
        ++calls;
        return core::fail(std::string("connection refused"));
      });
  ASSERT_EQ(MockHarness::reply(h.control().set_notification_retry("30m", 2)).status, 200);
  EXPECT_EQ(MockHarness::reply(h.control().send("PUT", control::Endpoint::NotificationRetry, {},
                                                R"({"interval": "soon"})"))
                .reason(),
            "InvalidParameterValue");
  Reply a = h.checkout(Opts{.amount = 5000});
  expect_ok(h.control().set_notification_endpoint(kUrl, true));
  h.call("DELETE", "/v2/charges/" + charge_id(a) + "/cancel", json::object());
  h.advance("1d");
  EXPECT_EQ(calls, 2);
  json e = notifications_journal(h)[0];
  EXPECT_EQ(e["state"], "failed");
  EXPECT_EQ(e["attempts"][1]["at"], "2026-01-05T00:30:00Z");
  EXPECT_EQ(e["attempts"][1]["error"], "connection refused");
}

TEST(Notifications, IdsFollowTheSeedAndResetClearsEverything) {
  std::vector<std::string> ids[2];
  for (auto& list : ids) {
    MockHarness h;
    NotificationRecorder rec;
    h.mock().set_notification_sender(rec.sender());
    expect_ok(h.control().set_notification_endpoint(kUrl, true));
    h.checkout(Opts{.amount = 5000});
    for (const auto& e : notifications_journal(h)) list.push_back(e["notificationId"]);
    EXPECT_FALSE(list.empty());
    expect_ok(h.control().notification_chaos("drop", 1, std::nullopt));
    expect_ok(h.control().reset(1, core::parse_instant("2026-01-05T00:00:00Z").value()));
    Reply after = MockHarness::reply(h.control().notifications());
    EXPECT_TRUE(after.body["endpoint"].is_null());
    EXPECT_TRUE(after.body["notifications"].empty());
    Reply chaos = MockHarness::reply(
        h.control().send("GET", control::Endpoint::NotificationChaos, {}, ""));
    EXPECT_TRUE(chaos.body["chaos"].empty());
  }
  EXPECT_EQ(ids[0], ids[1]);
}

MockOptions file_backed(const std::string& path) {
  MockOptions o;
  o.db_path = path;
  return o;
}

TEST(Notifications, SurviveARestartOfAFileBackedMock) {
  auto path = std::filesystem::temp_directory_path() / "mock-ipn-restart-test.db";
  std::filesystem::remove(path);
  std::string charge;
  {
    MockHarness h(file_backed(path.string()));
    expect_ok(h.control().set_notification_endpoint(kUrl, false));
    expect_ok(h.control().set_notification_retry("2h", 5));
    charge = charge_id(h.checkout(Opts{.amount = 5000}));
  }
  MockHarness h(file_backed(path.string()));
  NotificationRecorder rec;
  h.mock().set_notification_sender(rec.sender());
  Reply j = MockHarness::reply(h.control().notifications());
  EXPECT_EQ(j.body["endpoint"]["url"], kUrl);
  ASSERT_EQ(j.body["notifications"].size(), 2u);
  EXPECT_EQ(j.body["notifications"][1]["objectId"], charge);
  h.advance("0s");
  EXPECT_EQ(rec.received.size(), 2u);
  EXPECT_EQ(MockHarness::reply(h.control().notifications()).body["notifications"][1]["state"],
            "delivered");
  std::filesystem::remove(path);
}

TEST(Notifications, DeliveredOverHttpWithTheDefaultSender) {
  std::vector<core::HttpRequest> got;
  std::mutex mu;
  HttpServer receiver(
      [&](const core::HttpRequest& req) {
        std::lock_guard lock(mu);
        got.push_back(req);
        core::HttpResponse res;
        res.status = 204;
        return res;
      },
      [] {
        HttpServerOptions o;
        o.threads = 2;
        return o;
      }());
  ASSERT_TRUE(receiver.start().ok());
  MockHarness h;
  h.mock().set_public_base_url("http://127.0.0.1:8443/");
  expect_ok(h.control().set_notification_endpoint(receiver.base_url() + "/ipn", true));
  h.checkout(Opts{.amount = 5000});
  Reply moved = h.advance("0s");
  receiver.stop();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].path, "/ipn");
  EXPECT_EQ(*got[0].header("x-amz-sns-message-type"), "Notification");
  EXPECT_EQ(json::parse(got[0].body)["SigningCertURL"],
            "http://127.0.0.1:8443/__mock/sns/SimpleNotificationService-mock.pem");
  EXPECT_EQ(moved.body["notifications"][0]["attempts"][0]["status"], 204);
  EXPECT_EQ(notifications_journal(h)[1]["state"], "delivered");
}

}  // namespace
}  // namespace mock_amazon::testing
