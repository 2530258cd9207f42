#include "core/amazon_objects.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace core::amazon {
namespace {

using nlohmann::json;

TEST(AmazonObjects, ReadsAChargeAsAmazonSentIt) {
  json c = json::parse(R"j({"chargeId": "S03-1-C1", "chargePermissionId": "S03-1",
    "chargeAmount": {"amount": "5000", "currencyCode": "JPY"},
    "captureAmount": {"amount": "4999", "currencyCode": "JPY"},
    "statusDetails": {"state": "Captured", "reasonCode": null}})j");
  Charge charge = read_charge(c);
  EXPECT_EQ(charge.id, "S03-1-C1");
  EXPECT_EQ(charge.charge_permission_id, "S03-1");
  EXPECT_EQ(charge.status.state, "Captured");
  EXPECT_EQ(charge.status.reason_code, std::nullopt);
  EXPECT_EQ(charge.charge_amount, Yen{5000});
  EXPECT_EQ(charge.capture_amount, Yen{4999});
  EXPECT_EQ(charge.refunded_amount, std::nullopt);  // absent stays absent
}

TEST(AmazonObjects, ReadsAChargePermissionWithReasonsLimitsAndDescriptor) {
  json cp = json::parse(R"j({"chargePermissionId": "S03-2",
    "statusDetails": {"state": "Closed", "reasons": [{"reasonCode": "AmazonCanceled"},
                                                     {"reasonCode": "Expired"}]},
    "limits": {"amountLimit": {"amount": "70000", "currencyCode": "JPY"},
               "amountBalance": {"amount": "bad", "currencyCode": "JPY"}},
    "expirationTimestamp": "20270205T000000Z",
    "paymentPreferences": [{"paymentDescriptor": "Visa ****1111 (Amazon Pay)"}]})j");
  ChargePermission p = read_charge_permission(cp);
  EXPECT_EQ(p.status.state, "Closed");
  EXPECT_EQ(p.status.reasons, (std::vector<std::string>{"AmazonCanceled", "Expired"}));
  EXPECT_EQ(p.amount_limit, Yen{70000});
  EXPECT_EQ(p.amount_balance, std::nullopt);  // not a whole number of yen
  EXPECT_EQ(p.expiration_timestamp, "20270205T000000Z");
  EXPECT_EQ(p.payment_descriptor, "Visa ****1111 (Amazon Pay)");
}

TEST(AmazonObjects, MissingOrMistypedFieldsReadAsAbsent) {
  json odd = json::parse(R"j({"refundId": 7, "statusDetails": {"state": 3},
    "refundAmount": {"amount": 1200}})j");
  Refund r = read_refund(odd);
  EXPECT_EQ(r.id, "");
  EXPECT_EQ(r.status.state, std::nullopt);
  EXPECT_EQ(r.refund_amount, Yen{1200});  // an integer amount is still yen
  EXPECT_EQ(read_status(json::array()).state, std::nullopt);
  EXPECT_EQ(payment_descriptor(json::object()), "");
}

}  // namespace
}  // namespace core::amazon
