// Pure rules: decision 9 messages, address validation.
#include <gtest/gtest.h>

#include "shop_model/domain/rules.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {
namespace {

TEST(Rules, FailureMessagesFollowDecisionNine) {
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::HardDeclined, ChargePermissionState::None, {}), texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::AmazonRejected, ChargePermissionState::Closed,
                                            {ReasonCode::Other}),
            texts::kReauthFailedChangeMethodM1);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::InvalidChargePermissionStatus,
                                            ChargePermissionState::Closed, {ReasonCode::Other}),
            texts::kReauthFailedChangeMethodM2);
  EXPECT_EQ(reauthorization_failure_message(ReasonCode::InvalidChargePermissionStatus,
                                            ChargePermissionState::NonChargeable,
                                            {ReasonCode::PaymentMethodInvalid}),
            texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(reauthorization_failure_message(reason_code("SoftDeclined"), ChargePermissionState::Chargeable,
                                            {}), "");
  EXPECT_NE(texts::kReauthFailedChangeMethodM1, texts::kReauthFailedChangeMethodM2);
}

TEST(Rules, AddressValidation) {
  AmazonAddress a{"山田太郎", "150-0002", "東京都", "渋谷区渋谷1-2-3", "", "0312345678"};
  EXPECT_TRUE(address_usable(a));
  a.phone = "031234567";  // 9 digits
  EXPECT_FALSE(address_usable(a));
  a.phone = "090-1234-5678";
  EXPECT_TRUE(address_usable(a));
  a.state_or_region = "Atlantis";
  EXPECT_FALSE(address_usable(a));
  EXPECT_EQ(prefecture_of("tokyo"), "東京都");
}

}  // namespace
}  // namespace shop_model
