// The shop's own texts of the member pages (the seed prescribes none of these; the labels
// the seed names — [amazonでログイン], ログイン連携, Amazonアカウント, 連携中 — are quoted from
// it).
#pragma once

#include <string_view>

namespace shop_model::member_texts {

// Labels from the seed (L69, L92, L94, L148).
inline constexpr std::string_view kAmazonAccount = "Amazonアカウント";
inline constexpr std::string_view kLinked = "連携中";
inline constexpr std::string_view kNotLinked = "未連携";  // not in the seed (MEM-014 proposal)
inline constexpr std::string_view kOrderHistory = "注文履歴";
inline constexpr std::string_view kPasswordChange = "パスワード変更";
inline constexpr std::string_view kLoginLinks = "ログイン連携";
inline constexpr std::string_view kPasswordForgotten = "パスワードをお忘れの場合";  // CC未利用
inline constexpr std::string_view kPasswordReset = "パスワード再設定";              // CC

// Messages.
inline constexpr std::string_view kLogInToContinue = "ログインしてください。";
inline constexpr std::string_view kAmazonLoggedIn =
    "Amazonアカウントでログインしました。会員登録または会員ログインすると、AmazonID連携会員と"
    "なります。";
inline constexpr std::string_view kAmazonLoginFailed =
    "Amazonアカウントでのログインに失敗しました。";
inline constexpr std::string_view kNoAmazonLoginButton = "Amazonログインはご利用いただけません。";
inline constexpr std::string_view kWrongPassword = "メールアドレスまたはパスワードが違います。";
inline constexpr std::string_view kEmailTaken = "このメールアドレスは既に会員登録されています。";
// MEM-005 proposal (1): no silent merge with an existing member of the same e-mail.
inline constexpr std::string_view kLogInFirst =
    "このメールアドレスは既に会員登録されています。会員ログインしてからAmazonアカウントで"
    "ログインしてください。";
// MEM-006 proposal: one Amazon account is linked to at most one member.
inline constexpr std::string_view kAmazonLinkedElsewhere =
    "このAmazonアカウントは既に別の会員と連携しています。";
inline constexpr std::string_view kLinkedToAnotherAmazon =
    "この会員は既に別のAmazonアカウントと連携しています。";
inline constexpr std::string_view kPasswordEmpty = "パスワードを入力してください。";
inline constexpr std::string_view kCurrentPasswordWrong = "現在のパスワードが違います。";
inline constexpr std::string_view kUnknownEmail = "このメールアドレスの会員は登録されていません。";
// MEM-015 proposal (2): a member without a password would lock themselves out.
inline constexpr std::string_view kSetPasswordBeforeUnlink =
    "連携を解除する前に、パスワードを設定してください。";
inline constexpr std::string_view kNoLinkToRemove = "Amazonアカウントと連携していません。";
inline constexpr std::string_view kLinkedNow = "Amazonアカウントと連携しました。";
inline constexpr std::string_view kUnlinkedNow = "Amazonアカウントとの連携を解除しました。";

}  // namespace shop_model::member_texts
