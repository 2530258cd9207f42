// The request journal (GET/DELETE /__mock/requests) and the control API's own listing
// (GET /__mock/), through Mock::handle.
#include <gtest/gtest.h>

#include <set>

#include "mock_amazon/tests/mock_test_support.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::testing {
namespace {

Reply journal(MockHarness& h, const std::string& query = "") {
  core::HttpRequest req{"GET", "/__mock/requests", query, {}, ""};
  core::HttpResponse res = h.mock().handle(req);
  return Reply{res.status, json::parse(res.body), res.headers};
}

json entries(MockHarness& h, const std::string& query = "") {
  return journal(h, query).body["requests"];
}

std::vector<std::string> paths_of(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& e : r.body["requests"]) out.push_back(e["method"].get<std::string>() + " " +
                                                         e["path"].get<std::string>());
  return out;
}

TEST(RequestJournal, RecordsApiAndControlCallsButNotItsOwnReads) {
  MockHarness h;
  h.call("POST", "/v2/checkoutSessions", {{"storeId", "s"}});  // 400: no webCheckoutDetails
  h.advance("1h");
  journal(h);
  core::HttpRequest with_query{"GET", "/v2/charges/S03-0000000-0000000-C000001", "a=1", {}, ""};
  h.mock().handle(with_query);
  Reply r = journal(h);
  ASSERT_EQ(r.status, 200);
  const json& list = r.body["requests"];
  ASSERT_EQ(list.size(), 3u) << r.body.dump(1);
  EXPECT_EQ(list[0]["seq"], 1);
  EXPECT_EQ(list[0]["at"], "2026-01-05T00:00:00Z");  // simulated time
  EXPECT_EQ(list[0]["method"], "POST");
  EXPECT_EQ(list[0]["path"], "/v2/checkoutSessions");
  EXPECT_EQ(list[0]["status"], 400);
  EXPECT_EQ(list[0]["reasonCode"], "MissingParameterValue");
  EXPECT_EQ(list[0]["requestBody"], R"({"storeId":"s"})");
  EXPECT_EQ(json::parse(list[0]["responseBody"].get<std::string>())["reasonCode"],
            "MissingParameterValue");
  EXPECT_TRUE(list[0]["responseHeaders"].contains("x-amz-pay-request-id"));
  EXPECT_EQ(list[1]["path"], "/__mock/clock/advance");
  EXPECT_EQ(list[1]["status"], 200);
  EXPECT_FALSE(list[1].contains("reasonCode"));
  EXPECT_EQ(list[2]["seq"], 3);
  EXPECT_EQ(list[2]["at"], "2026-01-05T01:00:00Z");
  EXPECT_EQ(list[2]["query"], "a=1");
  EXPECT_EQ(list[2]["reasonCode"], "ResourceNotFound");
  EXPECT_EQ(r.body["capacity"], 1000);
  EXPECT_EQ(r.body["nextSeq"], 4);
}

TEST(RequestJournal, Filters) {
  MockHarness h;
  h.checkout(Opts{});  // 201, PATCH 200, control calls, complete 200
  h.call("GET", "/v2/charges/nope");
  h.call("GET", "/v2/refunds/nope");
  auto gets = paths_of(journal(h, "method=get&path=/v2/"));
  ASSERT_GE(gets.size(), 2u);
  for (const auto& g : gets) EXPECT_EQ(g.substr(0, 8), "GET /v2/");
  EXPECT_EQ(gets.back(), "GET /v2/refunds/nope");
  EXPECT_EQ(paths_of(journal(h, "path=/v2/refunds/")),
            (std::vector<std::string>{"GET /v2/refunds/nope"}));
  EXPECT_EQ(paths_of(journal(h, "status=201")),
            (std::vector<std::string>{"POST /v2/checkoutSessions"}));
  EXPECT_EQ(paths_of(journal(h, "status=4xx")), paths_of(journal(h, "status=404")));
  EXPECT_EQ(entries(h, "status=4xx").size(), 2u);
  EXPECT_EQ(paths_of(journal(h, "path=%2Fv2%2Fcharges")),
            (std::vector<std::string>{"GET /v2/charges/nope"}));
  Reply all = journal(h);
  std::size_t n = all.body["requests"].size();
  ASSERT_GE(n, 6u);
  // limit keeps the latest; since=N the entries after N.
  EXPECT_EQ(paths_of(journal(h, "limit=1")), (std::vector<std::string>{"GET /v2/refunds/nope"}));
  EXPECT_EQ(entries(h, "since=" + std::to_string(n - 2)).size(), 2u);
  EXPECT_EQ(entries(h, "since=2026-01-05T00:00:00Z").size(), n);
  h.advance("1d");
  EXPECT_EQ(paths_of(journal(h, "since=2026-01-06T00:00:00Z")),
            (std::vector<std::string>{"POST /__mock/clock/advance"}));
}

TEST(RequestJournal, BadFiltersAreAmazonErrorsNamingTheParameter) {
  MockHarness h;
  for (const char* q : {"status=abc", "status=600", "status=6xx", "status=99", "since=yesterday",
                        "limit=0", "limit=-1", "limit=x", "method=G%20T", "path=v2",
                        "bogus=1", "method=", "method=GET&method=POST"}) {
    Reply r = journal(h, q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(r.reason(), "InvalidParameterValue") << q;
    std::string key = std::string(q).substr(0, std::string(q).find('='));
    EXPECT_NE(r.body["message"].get<std::string>().find(key), std::string::npos)
        << q << ": " << r.body.dump();
  }
}

TEST(RequestJournal, IsABoundedRingWithBoundedBodies) {
  MockOptions options;
  options.journal_size = 3;
  MockHarness h(options);
  for (int i = 0; i < 5; ++i) h.call("GET", "/__mock/health");
  Reply r = journal(h);
  ASSERT_EQ(r.body["requests"].size(), 3u);
  EXPECT_EQ(r.body["requests"][0]["seq"], 3);
  EXPECT_EQ(r.body["requests"][2]["seq"], 5);
  // Emptied while full and wrapped, then refilled: oldest first again.
  h.call("DELETE", "/__mock/requests");
  h.call("GET", "/__mock/clock");
  EXPECT_EQ(paths_of(journal(h)),
            (std::vector<std::string>{"DELETE /__mock/requests", "GET /__mock/clock"}));
  for (int i = 0; i < 4; ++i) h.call("GET", "/__mock/health");
  json wrapped = entries(h);
  ASSERT_EQ(wrapped.size(), 3u);
  EXPECT_EQ(wrapped[0]["seq"], 9);
  EXPECT_EQ(wrapped[2]["seq"], 11);

  std::string big(transport::RequestJournal::kBodyBytes + 100, 'a');
  core::HttpRequest huge{"POST", "/v2/charges", "", {}, "\"" + big + "\""};
  h.mock().handle(huge);
  json e = entries(h).back();
  EXPECT_EQ(e["requestBody"].get<std::string>().size(), transport::RequestJournal::kBodyBytes);
  EXPECT_EQ(e["requestBodyBytes"], big.size() + 2);
  EXPECT_EQ(e["requestBodyTruncated"], true);
  EXPECT_FALSE(e.contains("responseBodyTruncated"));

  // Bytes that are not UTF-8 are kept, and read back as U+FFFD.
  core::HttpRequest bad{"GET", "/v2/charges/\xff\xfe", "", {{"x-odd", "\xc0"}}, "\x80"};
  h.mock().handle(bad);
  json odd = entries(h).back();
  EXPECT_EQ(odd["path"], "/v2/charges/\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(odd["requestHeaders"]["x-odd"], "\xEF\xBF\xBD");

  MockOptions off;
  off.journal_size = 0;
  MockHarness quiet(off);
  quiet.call("GET", "/__mock/health");
  EXPECT_EQ(entries(quiet).size(), 0u);
}

TEST(RequestJournal, RedactsCredentials) {
  MockHarness h;
  h.call("GET", "/v2/charges/x",
         nullptr,
         {{"Authorization",
           "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=KEY1, SignedHeaders=x-amz-pay-date, "
           "Signature=c2VjcmV0"}});
  h.call("GET", "/__mock/health", nullptr,
         {{"authorization", "Bearer s3cret"}, {"x-mock-control-token", "s3cret"},
          {"Cookie", "session=s3cret"}});
  Reply r = journal(h);
  std::string text = r.body.dump();
  EXPECT_EQ(text.find("c2VjcmV0"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
  const json& amazon = r.body["requests"][0]["requestHeaders"];
  EXPECT_EQ(amazon["authorization"],
            "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=KEY1, SignedHeaders=x-amz-pay-date, "
            "Signature=[redacted]");
  const json& control = r.body["requests"][1]["requestHeaders"];
  EXPECT_EQ(control["authorization"], "Bearer [redacted]");
  EXPECT_EQ(control["x-mock-control-token"], "[redacted]");
  EXPECT_EQ(control["cookie"], "[redacted]");
}

TEST(RequestJournal, ResetRestartsItDeleteEmptiesIt) {
  MockHarness h;
  h.call("GET", "/__mock/health");
  h.call("GET", "/__mock/health");
  Reply cleared = h.call("DELETE", "/__mock/requests");
  EXPECT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.body["requests"].size(), 0u);
  Reply after = journal(h);
  ASSERT_EQ(after.body["requests"].size(), 1u);  // the DELETE itself
  EXPECT_EQ(after.body["requests"][0]["seq"], 3);  // numbering goes on

  h.call("POST", "/__mock/reset", json::object());
  Reply reset = journal(h);
  ASSERT_EQ(reset.body["requests"].size(), 1u);  // the reset itself, numbered anew
  EXPECT_EQ(reset.body["requests"][0]["seq"], 1);
  EXPECT_EQ(reset.body["requests"][0]["path"], "/__mock/reset");
}

TEST(RequestJournal, KeepsDroppedAnswersWithoutAStatus) {
  MockHarness h;
  h.call("POST", "/__mock/faults", {{"kind", "timeout"}});
  h.call("GET", "/v2/charges/x");
  json e = entries(h).back();
  EXPECT_TRUE(e["status"].is_null());
  EXPECT_EQ(e["dropped"], "timeout");
  EXPECT_EQ(entries(h, "status=5xx").size(), 0u);
}

// ---------------------------------------------------------------- GET /__mock/

TEST(ControlListing, ListsEveryRouteOfTheTablesAndEachIsServed) {
  MockHarness h;
  Reply slash = h.call("GET", "/__mock/");
  Reply bare = h.call("GET", "/__mock");
  ASSERT_EQ(slash.status, 200);
  EXPECT_EQ(slash.body, bare.body);
  std::set<std::string> listed;
  for (const auto& row : slash.body["controlApi"]) {
    EXPECT_FALSE(row["description"].get<std::string>().empty()) << row.dump();
    listed.insert(row["method"].get<std::string>() + " " + row["path"].get<std::string>());
  }
  std::set<std::string> tables;
  for (auto table : transport::control_tables())
    for (const auto& route : table)
      tables.insert(std::string(route.method) + " " + transport::route_path("/__mock/", route));
  EXPECT_EQ(listed, tables);
  EXPECT_TRUE(listed.count("POST /__mock/clock/advance"));
  EXPECT_TRUE(listed.count("GET /__mock/requests"));
  // Every listed call reaches a handler: none is answered "No control operation".
  for (const auto& row : slash.body["controlApi"]) {
    std::string path = row["path"];
    if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, "X");
    core::HttpRequest req{row["method"], path, "", {}, ""};
    core::HttpResponse res = h.mock().handle(req);
    EXPECT_EQ(res.body.find("No control operation"), std::string::npos) << path << res.body;
  }
}

}  // namespace
}  // namespace mock_amazon::testing
