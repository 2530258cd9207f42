// 会員: logging in and out, Amazonログイン and AmazonID連携, 会員登録, passwords, マイページ,
// 退会, and the admin's 会員検索 and member exports. Registration at checkout
// (ご購入と同時に会員登録) is in registration.hpp.
//
//   members.cpp        the login shortcut, ログアウト (MEM-009), 退会, lookups
//   amazon_login.cpp   ログイン画面, [amazonでログイン], Amazon's return: MEM-002..006
//   accounts.cpp       ID/password login, 会員登録, パスワード変更/再設定, 連携解除
//   mypage.cpp         the member URLs: マイページ, ログイン連携 (MEM-008, MEM-014)
//   member_search.cpp  admin 会員検索 and the two CSV exports (MEM-010..013)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/prng.hpp"
#include "shop_model/shop_context.hpp"
#include "shop_model/storefront/storefront.hpp"

namespace shop_model {

// 会員検索「ログイン連携関連」: Amazon ID連携 あり / なし / any.
enum class AmazonLinkCriterion { Any, Linked, NotLinked };
std::string_view name(AmazonLinkCriterion c);  // "", "あり", "なし"
std::optional<AmazonLinkCriterion> parse_amazon_link_criterion(std::string_view text);

// The two member downloads: 会員検索結果一覧「会員データ出力ファイル」 and 会員一括登録・取得.
enum class MemberExport { SearchResult, Bulk };
std::string_view name(MemberExport e);  // "search_result", "bulk"
std::optional<MemberExport> parse_member_export(std::string_view text);

// 会員登録 on the storefront (not at checkout).
struct RegistrationInput {
  std::string email, name, password;
  std::optional<bool> newsletter;
};

class Members {
 public:
  Members(ShopContext& context, Storefront& storefront, std::uint64_t seed);

  // The scenarios' login shortcut: logs the member in without a password; the cart is shown.
  ShopResult<Page> log_in(const std::string& member_id);
  // ログアウト: the shop's login and the Amazon login end together (MEM-009).
  Page log_out();
  std::optional<std::string> logged_in_member() const { return storefront_.session().member; }
  ShopResult<Member> withdraw(const std::string& member_id);  // 退会
  std::optional<Member> member(const std::string& member_id);
  // 管理画面 会員登録: a member with a shop password, registered by the merchant.
  ShopResult<Member> add_member(const RegistrationInput& input);

  // ---- ログイン画面 and Amazonログイン (amazon_login.cpp)
  Page open_login();
  Page press_amazon_login();  // Amazon's sign-in page, or the login screen with an error
  Page amazon_login_return(const std::string& buyer_token);  // the signInReturnUrl

  // ---- accounts (accounts.cpp); `login` is the e-mail address or the 会員ID
  Page log_in_with_password(const std::string& login, const std::string& password);
  Page register_member(const RegistrationInput& input);
  Page change_password(const std::optional<std::string>& current, const std::string& password);
  Page reset_password(const std::string& email, const std::string& password);
  Page unlink_amazon();

  // ---- the member URLs (mypage.cpp): a Page for a URL of theirs, nullopt for others
  std::optional<Page> navigate(const std::string& url);
  Page mypage(std::string message = {});
  Page login_links(std::string error = {});
  Page password_page();

  // ---- admin (member_search.cpp)
  Page search(AmazonLinkCriterion amazon_link);
  // CSV text (UTF-8, CRLF), header first; the search-result download exports that search.
  std::string export_csv(MemberExport kind, AmazonLinkCriterion amazon_link);

 private:
  ShopResult<Member> new_member(const RegistrationInput& input);  // validated, not saved
  std::optional<Member> current();  // the logged-in active member
  std::optional<Member> find_by_email(const std::string& email);
  std::optional<Member> find_linked(const std::string& buyer_id);
  Page login_page(std::string error = {}, std::string message = {});
  Page cc_amazon_login(const AmazonLogin& login);
  Page non_cc_amazon_login(const AmazonLogin& login);
  // Links the member to the session's Amazon login (MEM-003), when there is one to link.
  void link_session_amazon(Member& member);
  void save(const Member& member);
  std::string page_url(const std::string& path) const { return ctx_.url(path); }

  ShopContext& ctx_;
  Storefront& storefront_;
  core::Prng salts_;
};

}  // namespace shop_model
