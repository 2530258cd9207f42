// Amazon's Sign-in for a login (not a checkout): the hosted sign-in sends the browser back
// with a buyer token, Get Buyer answers the buyer, a sign-out ends the token, the journal
// shows both.
#include <gtest/gtest.h>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

const char* kReturnUrl = "https://shop.example/amazon-login/return";

TEST(SignIn, RedirectsWithABuyerTokenThatGetBuyerAnswers) {
  MockHarness h;
  Reply in = MockHarness::reply(h.control().sign_in_for_login("taro", kReturnUrl));
  ASSERT_EQ(in.status, 200) << in.body.dump();
  std::string token = in.body["buyerToken"];
  EXPECT_EQ(in.body["redirectUrl"], std::string(kReturnUrl) + "?buyerToken=" + token);
  Reply buyer = h.call("GET", "/v2/buyers/" + token);
  ASSERT_EQ(buyer.status, 200) << buyer.body.dump();
  EXPECT_EQ(buyer.body["name"], "山田太郎");
}

TEST(SignIn, RefusesAnUnknownBuyerOrAMissingReturnUrl) {
  MockHarness h;
  EXPECT_EQ(MockHarness::reply(h.control().sign_in_for_login("nobody", kReturnUrl)).reason(),
            "InvalidParameterValue");
  EXPECT_EQ(MockHarness::reply(h.control().sign_in_for_login("taro", "")).reason(),
            "MissingParameterValue");
}

TEST(SignIn, SignOutEndsTheTokenAndIsJournaled) {
  MockHarness h;
  std::string token =
      MockHarness::reply(h.control().sign_in_for_login("taro", kReturnUrl)).body["buyerToken"];
  Reply out = MockHarness::reply(h.control().sign_out(token));
  ASSERT_EQ(out.status, 200) << out.body.dump();
  Reply buyer = h.call("GET", "/v2/buyers/" + token);
  EXPECT_EQ(buyer.status, 404);
  EXPECT_EQ(buyer.reason(), "ResourceNotFound");
  json journal = MockHarness::reply(h.control().sign_ins()).body["signIns"];
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]["buyer"], "taro");
  EXPECT_EQ(journal[0]["signedInAt"], "2026-01-05T00:00:00Z");
  EXPECT_EQ(journal[0]["signedOutAt"], "2026-01-05T00:00:00Z");
}

TEST(SignIn, SignOutOfAnUnknownTokenIsNotFound) {
  MockHarness h;
  EXPECT_EQ(MockHarness::reply(h.control().sign_out("BT-none")).reason(), "ResourceNotFound");
}

}  // namespace
}  // namespace mock_amazon::testing
