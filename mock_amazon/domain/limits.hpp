// Amazon Pay Japan limits and periods (fact sheet §8). All amounts in yen.
#pragma once

#include "core/money.hpp"
#include "core/time.hpp"

namespace mock_amazon::limits {

inline constexpr core::Yen kMaxChargeAmount{10'000'000};  // per Charge / session
inline constexpr core::Yen kMaxRefundAmount{10'000'000};  // per Refund
inline constexpr core::Yen kOverchargeFloor{70'000};      // allowOvercharge: max(9 ×, ¥70,000)
inline constexpr int kOverchargeMultiple = 9;
inline constexpr core::Yen kRefundOverageCap{8'400};      // refunds ≤ captured + min(15 %, ¥8,400)
inline constexpr int kRefundOveragePercent = 15;
inline constexpr int kMaxRefundsPerCharge = 10;
inline constexpr int kMaxChargesPerOneTimePermission = 25;
inline constexpr core::Yen kRecurringMonthlyCap{100'000};

inline constexpr core::Duration kCheckoutSessionLifetime = core::kDay;
inline constexpr core::Duration kAuthorizationValidity = core::kDay * 30;
inline constexpr core::Duration kSynchronousCaptureWindow = core::kDay * 7;
inline constexpr core::Duration kOneTimePermissionLifetime = core::kDay * 180;
inline constexpr int kExtendedPermissionMonths = 13;   // extendExpiration, and Recurring
inline constexpr core::Duration kDefaultAsyncDelay{30};  // sandbox "about 30 seconds"

// The capture ceiling of a OneTime Charge Permission.
inline core::Yen one_time_amount_limit(core::Yen order_amount, bool allow_overcharge) {
  if (!allow_overcharge) return order_amount;
  return core::max(order_amount.times_saturating(kOverchargeMultiple), kOverchargeFloor);
}

// The most that may be refunded in total on a charge that captured `captured`.
inline core::Yen refund_ceiling(core::Yen captured) {
  core::Yen overage{captured.times_saturating(kRefundOveragePercent).value() / 100};
  return captured + core::min(overage, kRefundOverageCap);
}

}  // namespace mock_amazon::limits
