// Messages of the shop's own (the seed prescribes none for these situations). The texts the
// seed prescribes are in texts.hpp.
#pragma once

#include <string_view>

namespace shop_model::messages {

// Storefront.
inline constexpr std::string_view kCartEmpty = "カートに商品がありません。";
inline constexpr std::string_view kTooExpensive = "Amazon Payでお支払いいただける金額は1,000万円までです。";
inline constexpr std::string_view kPickup = "店舗受取をご指定の場合、Amazon Payはご利用いただけません。";
inline constexpr std::string_view kSubscriptionNeedsMember =
    "定期・頒布会のお申込みには会員登録が必要です。";
inline constexpr std::string_view kSubscriptionNoRegistration =
    "会員登録ができないため、定期・頒布会をお申込みいただけません。会員ログインしてください。";
inline constexpr std::string_view kAmazonUnreachable = "Amazon Payとの通信に失敗しました。";
inline constexpr std::string_view kOneAddress = "Amazon Payでは、お届け先を一ヶ所のみ指定できます。";
inline constexpr std::string_view kConsent = "個人情報保護方針に同意してください。";
inline constexpr std::string_view kNotCompleted =
    "Amazon Payでのお支払いが完了しませんでした。別のお支払い方法をお選びください。";
inline constexpr std::string_view kCheckoutExpired = "お手続きの有効期限が切れました。もう一度お試しください。";

inline constexpr std::string_view kSubscriptionNoCouponOrPoints =
    "定期・頒布会のお申込みでは、クーポン・ポイントはご利用いただけません。";
inline constexpr std::string_view kUnknownCoupon = "ご指定のクーポンはご利用いただけません。";
inline constexpr std::string_view kPointsUnavailable = "ご指定のポイントはご利用いただけません。";
inline constexpr std::string_view kRequiredFieldsEmpty = "必須項目を入力してください。";
inline constexpr std::string_view kNotLoggedIn = "会員ログインしてください。";

// Members.
inline constexpr std::string_view kWithdrawnCannotLogIn = "退会した会員はログインできません。";

// 受注管理.
inline constexpr std::string_view kCaptureNotAuthorized =
    "与信ステータスが「承認済」ではないため、入金処理できません。";
inline constexpr std::string_view kIncreaseNeedsReauth =
    "ご注文金額が与信金額を超えています。[再与信]を行ってから入金処理してください。";
inline constexpr std::string_view kAlreadyPaid = "入金処理済みの受注です。";
inline constexpr std::string_view kReauthNotice =
    "オーソリの再取得が必要です。[再与信]ボタンを押下して再与信を行ってください。";
inline constexpr std::string_view kNoAmazonPayChange = "他の決済から「Amazon Pay」に変更することはできません。";


// 金額変更 (AMT-003, AMT-009, AMT-011, RSV-010).
inline constexpr std::string_view kAmountChangeWindowClosed =
    "与信の有効期限(30日)を過ぎているため、金額を変更できません。[再与信]を行ってから変更してください。";
inline constexpr std::string_view kAmountAboveCeiling =
    "増額できる金額を超えています。ご注文時金額の900%または70000円のどちらか高い額まで増額できます。";
inline constexpr std::string_view kAmountAboveMaximum = "Amazon Payでお支払いいただける金額は1,000万円までです。";
inline constexpr std::string_view kAmountGiftCardOnly =
    "Amazonギフト券のみでお支払いされた受注は、与信金額を超えて増額できません。";
inline constexpr std::string_view kAmountNegative = "受注金額を0円未満にすることはできません。";

// 決済不要 (ZERO-001).
inline constexpr std::string_view kNotRequiredNeedsZero =
    "受注金額が0円ではないため、「決済不要」に変更できません。";

// 入金日取消 (PAYDATE-001).
inline constexpr std::string_view kPaymentDateNotPaid = "入金状況が「入金済」ではないため、入金日を取り消せません。";

// CAN-004 / ZERO-004: after 「Amazonの取引情報を取り消す」 nothing more reaches Amazon.
inline constexpr std::string_view kAmazonTransactionCanceled =
    "Amazonの取引情報を取り消した受注のため、Amazon Payで入金処理できません。";

// REF-001/003/004 (decision 4): a Charge partly refunded in Seller Central is not refunded by
// futureshop; the message names what remains, "<prefix>400円<suffix>" (several amounts are
// joined with "、").
inline constexpr std::string_view kPartialRefundPrefix =
    "Amazonセラーセントラルで一部返金された取引があるため、残額 ";
inline constexpr std::string_view kPartialRefundSuffix =
    " は自動返金されません。Amazonセラーセントラルから返金してください。";
// A Charge whose status could not be read is not refunded blindly.
inline constexpr std::string_view kRefundStatusUnknown =
    "Amazon Payの取引状況を取得できなかったため、返金できませんでした。Amazonセラーセントラルで確認してください。";

}  // namespace shop_model::messages
