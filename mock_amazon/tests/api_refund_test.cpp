// Refunds through Mock::handle: asynchronous settlement, the ceiling, declines.
#include <gtest/gtest.h>

#include <regex>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

TEST(Refund, SettlesAsynchronouslyWithinTheCeiling) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 10000});
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(10000)}});
  Reply r = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(4000)}});
  ASSERT_EQ(r.status, 201) << r.body.dump();
  EXPECT_EQ(r.state(), "RefundInitiated");
  EXPECT_TRUE(std::regex_match(r.body["refundId"].get<std::string>(), std::regex("S03-[0-9]{7}-[0-9]{7}-R[0-9]{6}")));
  h.advance("30s");
  EXPECT_EQ(h.call("GET", "/v2/refunds/" + r.body["refundId"].get<std::string>()).state(), "Refunded");
  EXPECT_EQ(h.call("GET", "/v2/charges/" + charge_id(a)).body["refundedAmount"], yen(4000));
  // Ceiling: 10,000 + min(15 %, 8,400) = 11,500 in total.
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(7501)}}).reason(),
            "TransactionAmountExceeded");
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(7500)}}).status, 201);
}

TEST(Refund, CeilingCapsAtEightThousandFourHundredAndTenRefunds) {
  MockHarness h;
  Reply a = h.checkout(Opts{.amount = 100000});
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(100000)}});
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(108401)}}).reason(),
            "TransactionAmountExceeded");
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(100)}}).status, 201);
  Reply eleventh = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(100)}});
  EXPECT_EQ(eleventh.reason(), "TransactionCountExceeded");
}

TEST(Refund, OnlyOnCapturedChargesAndCanBeDeclined) {
  MockHarness h;
  Reply a = h.checkout(Opts{});
  EXPECT_EQ(h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(1)}}).reason(),
            "InvalidChargeStatus");
  h.call("POST", "/v2/charges/" + charge_id(a) + "/capture", {{"captureAmount", yen(5000)}});
  Reply r = h.call("POST", "/v2/refunds", {{"chargeId", charge_id(a)}, {"refundAmount", yen(5000)}},
                   {{"x-amz-pay-simulation-code", "AmazonRejected"}});
  h.advance("30s");
  Reply got = h.call("GET", "/v2/refunds/" + r.body["refundId"].get<std::string>());
  EXPECT_EQ(got.state(), "Declined");
  EXPECT_EQ(got.body["statusDetails"]["reasonCode"], "AmazonRejected");
  EXPECT_TRUE(h.call("GET", "/v2/charges/" + charge_id(a)).body["refundedAmount"].is_null());
}

}  // namespace
}  // namespace mock_amazon::testing
