// The protocol through Mock::handle: validation, routing, idempotency, faults, the clock,
// persistence, determinism and reset.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

TEST(Validation, AmazonErrorsForBadBodies) {
  MockHarness h;
  auto create = [&](const json& body) { return h.call("POST", "/v2/checkoutSessions", body); };
  EXPECT_EQ(create({{"storeId", "s"}}).reason(), "MissingParameterValue");
  Reply unknown = create({{"storeId", "s"}, {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "u"}}}, {"bogus", 1}});
  EXPECT_EQ(unknown.reason(), "UnrecognizedField");
  EXPECT_EQ(unknown.body["message"], "The field 'bogus' is invalid for this API.");
  EXPECT_EQ(create({{"storeId", 5}, {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "u"}}}}).reason(),
            "InvalidParameterValue");
  core::HttpRequest raw{"POST", "/v2/checkoutSessions", "", {}, "{not json"};
  auto res = h.mock().handle(raw);
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("InvalidRequestFormat"), std::string::npos);

  Reply done = h.checkout(Opts{});
  std::string charge = charge_id(done);
  Reply frac = h.call("POST", "/v2/charges/" + charge + "/capture",
                      {{"captureAmount", {{"amount", "10.50"}, {"currencyCode", "JPY"}}}});
  EXPECT_EQ(frac.reason(), "InvalidParameterValue");
  Reply usd = h.call("POST", "/v2/charges/" + charge + "/capture",
                     {{"captureAmount", {{"amount", "10"}, {"currencyCode", "USD"}}}});
  EXPECT_EQ(usd.reason(), "CurrencyMismatch");
  Reply number = h.call("POST", "/v2/charges/" + charge + "/capture",
                        {{"captureAmount", {{"amount", 5000}, {"currencyCode", "JPY"}}}});
  EXPECT_EQ(number.status, 200) << number.body.dump();
}

TEST(Routing, AllThreePathFormsAndTrailingSlash) {
  MockHarness h;
  Reply done = h.checkout(Opts{});
  for (std::string prefix : {"/v2", "/sandbox/v2", "/live/v2"}) {
    EXPECT_EQ(h.call("GET", prefix + "/charges/" + charge_id(done)).status, 200) << prefix;
    EXPECT_EQ(h.call("GET", prefix + "/charges/" + charge_id(done) + "/").status, 200) << prefix;
  }
  EXPECT_EQ(h.call("GET", "/v2/charges/S03-0000000-0000000-C000000").reason(), "ResourceNotFound");
  EXPECT_EQ(h.call("GET", "/v2/nothing").status, 404);
  EXPECT_EQ(h.call("GET", "/v1/charges/x").reason(), "InvalidAPIVersion");
  Reply wrong_method = h.call("PUT", "/v2/charges/" + charge_id(done));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.reason(), "UnsupportedOperation");
}

TEST(Routing, ResponseHeadersComeFromTheSimulatedClock) {
  MockHarness h;
  auto res = *h.control().clock();
  ASSERT_NE(res.header("date"), nullptr);
  EXPECT_EQ(*res.header("date"), "Mon, 05 Jan 2026 00:00:00 GMT");
  ASSERT_NE(res.header("x-amz-pay-request-id"), nullptr);
  EXPECT_EQ(res.header("x-amz-pay-request-id")->size(), 36u);
}

// ---------------------------------------------------------------- protocol

TEST(Idempotency, ReplaysSameRequestRejectsDifferentOne) {
  MockHarness h;
  Reply a = h.checkout(Opts{.allow_overcharge = true, .extend_expiration = true});
  core::Headers key = {{"x-amz-pay-idempotency-key", "key-1"}};
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}};
  Reply first = h.call("POST", "/v2/charges", body, key);
  Reply second = h.call("POST", "/v2/charges", body, key);
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(first.body, second.body);
  json other = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(101)}};
  Reply dup = h.call("POST", "/v2/charges", other, key);
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(dup.reason(), "DuplicateIdempotencyKey");
  Reply bad = h.call("POST", "/v2/charges", body, {{"x-amz-pay-idempotency-key", "bad key!"}});
  EXPECT_EQ(bad.reason(), "InvalidHeaderValue");
  Reply long_key = h.call("POST", "/v2/charges", body,
                          {{"x-amz-pay-idempotency-key", std::string(33, 'a')}});
  EXPECT_EQ(long_key.reason(), "InvalidHeaderValue");
}

TEST(Faults, ErrorsAndDroppedConnectionsThenRecovery) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  FaultRequest unavailable;
  unavailable.path = "/v2/charges";
  unavailable.reason_code = "ServiceUnavailable";
  ASSERT_EQ(h.reply(h.control().add_fault(unavailable)).status, 200);
  Reply failed = h.call("GET", "/v2/charges/" + charge_id(a));
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.reason(), "ServiceUnavailable");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).status, 200);
  FaultRequest timeouts;
  timeouts.kind = FaultKind::Timeout;
  timeouts.count = 2;
  ASSERT_EQ(h.reply(h.control().add_fault(timeouts)).status, 200);
  core::HttpRequest req{"GET", "/v2/charges/" + charge_id(a), "", {}, ""};
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);
  EXPECT_EQ(h.mock().handle(req).status, 200);
  json lightning = {{"kind", "lightning"}};
  EXPECT_EQ(h.control().send("POST", control::Endpoint::Faults, {}, lightning.dump())->status, 400);
}

// A throttled or unavailable answer says when to come back: Retry-After (seconds) — 1 for a
// 429 unless told, none for a 5xx unless told; other statuses and kinds refuse it.
TEST(Faults, RetryAfterGoesWithThrottledAndUnavailableAnswers) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  std::string path = "/v2/charges/" + charge_id(a);
  auto arm = [&](json body) {
    return h.control().send("POST", control::Endpoint::Faults, {}, body.dump())->status;
  };
  auto retry_after = [&] {
    core::HttpResponse res = h.mock().handle(core::HttpRequest{"GET", path, "", {}, ""});
    const std::string* v = res.header("retry-after");
    return std::to_string(res.status) + " " + (v ? *v : "-");
  };
  ASSERT_EQ(arm({{"path", "/v2/charges"}, {"reasonCode", "TooManyRequests"}}), 200);
  EXPECT_EQ(retry_after(), "429 1");
  ASSERT_EQ(arm({{"path", "/v2/charges"}, {"reasonCode", "TooManyRequests"}, {"retryAfter", 2}}),
            200);
  EXPECT_EQ(retry_after(), "429 2");
  ASSERT_EQ(arm({{"path", "/v2/charges"}, {"reasonCode", "ServiceUnavailable"}}), 200);
  EXPECT_EQ(retry_after(), "503 -");
  ASSERT_EQ(arm({{"reasonCode", "InternalServerError"}, {"status", 503}, {"retryAfter", 5}}), 200);
  EXPECT_EQ(retry_after(), "503 5");
  EXPECT_EQ(retry_after(), "200 -");
  for (json bad : {json{{"reasonCode", "InvalidParameterValue"}, {"retryAfter", 1}},
                   json{{"kind", "timeout"}, {"retryAfter", 1}},
                   json{{"reasonCode", "TooManyRequests"}, {"retryAfter", -1}},
                   json{{"reasonCode", "TooManyRequests"}, {"retryAfter", "2"}},
                   json{{"reasonCode", "TooManyRequests"}, {"retryAfter", 3601}}}) {
    auto res = h.control().send("POST", control::Endpoint::Faults, {}, bad.dump());
    EXPECT_EQ(res->status, 400) << bad.dump();
    EXPECT_EQ(json::parse(res->body)["reasonCode"], "InvalidParameterValue") << bad.dump();
  }
  EXPECT_EQ(json::parse(h.control().faults()->body)["faults"].size(), 0u);
}

// The next `count` Create Charge answers are lost (Amazon does the request).
FaultRequest lost_create_charge(std::int64_t count) {
  FaultRequest lost;
  lost.path = "/v2/charges";
  lost.method = "POST";
  lost.kind = FaultKind::Lost;
  lost.count = count;
  return lost;
}

// `lost` with a count: every answer is lost, a replay's too — the caller never learns.
TEST(Faults, ALostReplayIsLostToo) {
  MockHarness h;
  Reply a = h.checkout(Opts{.allow_overcharge = true, .extend_expiration = true});
  ASSERT_EQ(h.reply(h.control().add_fault(lost_create_charge(2))).status, 200);
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}};
  core::HttpRequest req{
      "POST", "/v2/charges", "", {{"x-amz-pay-idempotency-key", "lost-2"}}, body.dump()};
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);
  EXPECT_EQ(h.mock().handle(req).status, kNoResponse);  // the replay, lost as well
  EXPECT_EQ(h.mock().handle(req).status, 201);          // the replay, heard at last
}

// `lost`: Amazon does the request and the caller never hears; a retry with the same
// idempotency key gets the one Charge that was created, not a second.
TEST(Faults, LostAnswerCommitsTheWriteAndTheReplayReturnsIt) {
  MockHarness h;
  Reply a = h.checkout(Opts{.allow_overcharge = true, .extend_expiration = true});
  ASSERT_EQ(h.reply(h.control().add_fault(lost_create_charge(1))).status, 200);
  json body = {{"chargePermissionId", cp_id(a)}, {"chargeAmount", yen(100)}};
  core::HttpRequest req{
      "POST", "/v2/charges", "", {{"x-amz-pay-idempotency-key", "lost-1"}}, body.dump()};
  core::HttpResponse none = h.mock().handle(req);
  EXPECT_EQ(none.status, kNoResponse);
  EXPECT_EQ(none.body, "timeout");
  Reply replay = h.call("POST", "/v2/charges", body, {{"x-amz-pay-idempotency-key", "lost-1"}});
  ASSERT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body["chargeAmount"]["amount"], "100");
  Reply after = h.call("GET", "/v2/charges/" + replay.body["chargeId"].get<std::string>());
  EXPECT_EQ(after.status, 200);  // the Charge made before the answer was lost
  // Only one Charge was created for the key: the permission's list did not grow on replay.
  Reply objects = h.reply(h.control().objects());
  int for_permission = 0;
  for (const json& c : objects.body["charges"])
    if (c["chargePermissionId"] == cp_id(a)) ++for_permission;
  EXPECT_EQ(for_permission, 2);  // the checkout's Charge and the one created once
}

// A page of another site can POST text/plain to the control API without a preflight: such
// requests are refused; the mock's own origin and clients without Origin are answered.
TEST(ControlApi, RefusesRequestsFromAnotherSite) {
  MockHarness h;
  auto control = [&](const std::string& method, const std::string& path, core::Headers headers) {
    core::HttpRequest req{method, path, "", std::move(headers), method == "POST" ? "{}" : ""};
    return h.mock().handle(req);
  };
  core::Headers foreign = {{"origin", "http://evil.example"},
                           {"host", "127.0.0.1:8080"},
                           {"content-type", "text/plain"}};
  core::HttpResponse reset = control("POST", "/__mock/reset", foreign);
  EXPECT_EQ(reset.status, 401);
  EXPECT_NE(reset.body.find("UnauthorizedAccess"), std::string::npos);
  EXPECT_EQ(control("POST", "/__mock/clock/advance", foreign).status, 401);
  EXPECT_EQ(control("GET", "/__mock/objects", foreign).status, 401);
  EXPECT_EQ(
      control("GET", "/__mock/objects", {{"origin", "null"}, {"host", "127.0.0.1:8080"}}).status,
      401);
  core::Headers own = {{"origin", "http://127.0.0.1:8080"}, {"host", "127.0.0.1:8080"}};
  EXPECT_EQ(control("GET", "/__mock/objects", own).status, 200);
  EXPECT_EQ(control("GET", "/__mock/objects", {}).status, 200);
}

TEST(Clock, AdvanceReportsChangesAndNeverGoesBack) {
  MockHarness h;
  h.checkout(Opts{});
  Reply next = h.reply(h.control().advance_to_next_event());
  EXPECT_EQ(next.body["now"], "2026-01-06T00:00:00Z");  // the session's 24 h expiry event
  Reply back = h.reply(h.control().advance_to(*core::parse_instant("2025-01-01T00:00:00Z")));
  EXPECT_EQ(back.status, 400);
  Reply bad = h.reply(h.control().advance_by("soon"));
  EXPECT_EQ(bad.status, 400);
  Reply to = h.reply(h.control().advance_to(*core::parse_instant("2026-02-04T00:00:00Z")));
  ASSERT_EQ(to.status, 200);
  EXPECT_EQ(to.body["changes"].back()["reason"], "ExpiredUnused");
}

TEST(Persistence, RestartContinuesWhereItStopped) {
  auto dir = std::filesystem::temp_directory_path() / ("mock-persist-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string db = (dir / "mock.db").string();
  std::string charge, cp;
  {
    MockOptions o;
    o.db_path = db;
    MockHarness h(o);
    Reply a = h.checkout(Opts{});
    charge = charge_id(a);
    cp = cp_id(a);
    h.advance("10d");
  }
  {
    MockOptions o;
    o.db_path = db;
    o.start = core::parse_instant("2030-01-01T00:00:00Z");  // ignored: the file has a clock
    MockHarness h(o);
    EXPECT_EQ(h.reply(h.control().clock()).body["now"], "2026-01-15T00:00:00Z");
    EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "Authorized");
    h.advance("20d");  // the expiry event armed before the restart still fires
    EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "Canceled");
    // New ids continue the stored random sequence rather than repeating old ones.
    Reply b = h.checkout(Opts{});
    EXPECT_NE(cp_id(b), cp);
  }
  {
    MockOptions o;
    o.db_path = (dir / "other.db").string();
    MockHarness other(o);  // a second database shares nothing
    EXPECT_EQ(other.call("GET", "/v2/charges/" + charge).status, 404);
  }
  std::filesystem::remove_all(dir);
}

// What a restart on the same file must keep beyond the objects: idempotency records (a replay
// answers as before), queued forced outcomes and faults, pending work in time order (a 30 s
// asynchronous capture), the clock to the second and the request ids' sequence.
TEST(Persistence, RestartKeepsIdempotencyForcedOutcomesFaultsAndPendingWork) {
  auto dir = std::filesystem::temp_directory_path() /
             ("mock-persist-replay-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  MockOptions o;
  o.db_path = (dir / "mock.db").string();
  json create;
  Reply created, captured;
  std::string charge, cp;
  std::set<std::string> ids_before;  // x-amz-pay-request-id, the first one included
  auto request_id = [](const Reply& r) {
    return *core::find_header(r.headers, "x-amz-pay-request-id");
  };
  {
    MockHarness h(o);
    Reply first = h.reply(h.control().clock());
    Reply a = h.checkout(Opts{.allow_overcharge = true});
    charge = charge_id(a);
    cp = cp_id(a);
    h.advance("1h30s");
    ASSERT_EQ(h.reply(h.control().force(
                          {SimulatedOperation::CaptureCharge, charge, "CaptureInitiated", ""}))
                  .status,
              200);
    captured = h.call("POST", "/v2/charges/" + charge + "/capture", {{"captureAmount", yen(5000)}},
                      {{"x-amz-pay-idempotency-key", "cap-1"}});
    ASSERT_EQ(captured.state(), "CaptureInitiated");
    create = {{"chargePermissionId", cp}, {"chargeAmount", yen(100)}};
    created = h.call("POST", "/v2/charges", create, {{"x-amz-pay-idempotency-key", "new-1"}});
    ASSERT_EQ(created.status, 201);
    ASSERT_EQ(h.reply(h.control().force({SimulatedOperation::CreateCharge, cp, "SoftDeclined", ""}))
                  .status,
              200);
    FaultRequest unavailable;
    unavailable.path = "/v2/refunds";
    unavailable.reason_code = "ServiceUnavailable";
    ASSERT_EQ(h.reply(h.control().add_fault(unavailable)).status, 200);
    for (const Reply* r : {&first, &captured, &created}) ids_before.insert(request_id(*r));
  }
  MockHarness h(o);
  Reply clock = h.reply(h.control().clock());
  EXPECT_EQ(clock.body["now"], "2026-01-05T01:00:30Z");
  EXPECT_EQ(clock.body["nextEventAt"], "2026-01-05T01:01:00Z");  // the capture, 30 s on
  EXPECT_FALSE(ids_before.contains(request_id(clock)));
  // Replays: the very answers, nothing done twice.
  Reply again = h.call("POST", "/v2/charges", create, {{"x-amz-pay-idempotency-key", "new-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, created.body);
  Reply capture_again =
      h.call("POST", "/v2/charges/" + charge + "/capture", {{"captureAmount", yen(5000)}},
             {{"x-amz-pay-idempotency-key", "cap-1"}});
  EXPECT_EQ(capture_again.body, captured.body);
  // The forced decline and the fault, queued before, apply now.
  EXPECT_EQ(h.call("POST", "/v2/charges", create).reason(), "SoftDeclined");
  json refund = {{"chargeId", charge}, {"refundAmount", yen(100)}};
  EXPECT_EQ(h.call("POST", "/v2/refunds", refund).status, 503);
  // The pending capture resolves at its time; new ids are not old ones.
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "CaptureInitiated");
  h.advance("30s");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge).state(), "Captured");
  Reply fresh = h.call("POST", "/v2/charges", create);
  ASSERT_EQ(fresh.status, 201);
  EXPECT_NE(fresh.body["chargeId"], created.body["chargeId"]);
  EXPECT_NE(fresh.body["chargeId"], charge);
  std::filesystem::remove_all(dir);
}

TEST(Determinism, SameSeedSameIds) {
  auto run = [] {
    MockOptions o;
    o.seed = 99;
    MockHarness h(o);
    Reply a = h.checkout(Opts{});
    return charge_id(a) + h.last_checkout_session;
  };
  EXPECT_EQ(run(), run());
}

TEST(Reset, ClearsEverythingAndReseeds) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  Reply r = h.reply(h.control().reset(7, *core::parse_instant("2027-03-01T00:00:00Z")));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["now"], "2027-03-01T00:00:00Z");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).status, 404);
}

}  // namespace
}  // namespace mock_amazon::testing
