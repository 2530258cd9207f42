// Texts the seed prescribes, byte for byte (tests compare them with the seed file).
#pragma once

#include <string_view>

namespace shop_model::texts {

// 与信ステータス labels (seed L318-L330), in table order.
inline constexpr std::string_view kAuthorizing = "承認中";            // 承認中
inline constexpr std::string_view kAuthorized = "承認済";             // 承認済
inline constexpr std::string_view kAuthorizationExpired = "承認完了";   // 承認完了 (30 days unused)
inline constexpr std::string_view kAuthorizationFailed = "承認失敗";    // 承認失敗
inline constexpr std::string_view kAuthorizationCanceled = "承認取消済";  // 承認取消済
inline constexpr std::string_view kCapturing = "請求中";              // 請求中
inline constexpr std::string_view kCaptured = "請求済";               // 請求済
inline constexpr std::string_view kCaptureCompleted = "請求完了";       // 請求完了
inline constexpr std::string_view kCaptureDeclined = "請求却下";        // 請求却下
inline constexpr std::string_view kRefunding = "返金中";              // 返金中
inline constexpr std::string_view kRefunded = "返金済";               // 返金済
inline constexpr std::string_view kRefundDeclined = "返金却下";         // 返金却下
inline constexpr std::string_view kStatusUnavailable = "(Amazonのステータスが取得できませんでした)";      // Amazon unreachable

// Re-authorization failure messages (seed L514, L516, L518). M1 and M2 differ only by the
// ASCII space after the first sentence; both are kept exactly (rules.md decision 9).
inline constexpr std::string_view kReauthFailedChangeMethodM1 = "オーソリ処理に失敗しました。 この支払方法では、販売を継続できないため、決済方法を変更してください。";
inline constexpr std::string_view kReauthFailedChangeMethodM2 = "オーソリ処理に失敗しました。この支払方法では、販売を継続できないため、決済方法を変更してください。";
inline constexpr std::string_view kReauthFailedBuyerSettingsM3 = "オーソリ処理に失敗しました。ご注文いただいたAmazon Payアカウントの支払い設定に問題があります。ご注文者にご連絡してAmazon Payのお支払い設定を変更いただくか、決済方法を変更してください。";

// Shop-memo lines by payment method (seed L227-L229; MEMO-002..004).
inline constexpr std::string_view kMemoGiftCard = "Amazonギフト券";
inline constexpr std::string_view kMemoGiftCardAndMethod = "Amazonギフト券と指定のお支払い方法";
inline constexpr std::string_view kMemoAccountMethod = "Amazonアカウントで指定したお支払い方法";

// Unusable Amazon address (seed L140), without a trailing 「。」 as in the seed.
inline constexpr std::string_view kAddressUnusable = "ご指定のお届け先は利用できません。別のお届け先を選択してください";

// Order-history URL template for thanks mails (seed L545) and the Amazon mypages (L557, L561).
inline constexpr std::string_view kOrderHistoryUrlTemplate = "https://{@domain}/my/orders/$REQNUM$";
inline constexpr std::string_view kAmazonMypageNormal = "https://payments.amazon.co.jp/jr/your-account/orders/";
inline constexpr std::string_view kAmazonMypageSubscription = "https://pay.amazon.com/jp/jr/your-account/ba";

// Google Analytics referral exclusions for the merchant checklist (seed L59-L60).
inline constexpr std::string_view kAnalyticsReferralExclusions[] = {"payments.amazon.co.jp",
                                                                    "pay-v2.amazon.co.jp"};

}  // namespace shop_model::texts
