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

}  // namespace shop_model::messages
