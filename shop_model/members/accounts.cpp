// Shop accounts: ID/password login (GST-005: fails without a password), 会員登録, パスワード変更
// and パスワードをお忘れの場合 / パスワード再設定 (GST-006), 連携解除 (MEM-015). While the
// browser is logged in to Amazon without a member (CC未利用), registering or logging in links
// the account (MEM-003 (a), (c)).
#include "shop_model/members/member_texts.hpp"
#include "shop_model/members/members.hpp"
#include "shop_model/members/password.hpp"
#include "shop_model/members/registration.hpp"

namespace shop_model {

Page Members::log_in_with_password(const std::string& login, const std::string& password) {
  auto m = find_by_email(login);
  if (!m) {
    m = ctx_.store.member(login);
    if (m && m->status != MemberStatus::Active) m.reset();
  }
  if (!m || !password_matches(*m, password))
    return login_page(std::string(member_texts::kWrongPassword));
  link_session_amazon(*m);  // MEM-003 (c)
  save(*m);
  storefront_.session().member = m->id;
  return mypage();
}

Page Members::register_member(const RegistrationInput& in) {
  bool amazon = storefront_.session().amazon_login.has_value();
  auto fail = [&](std::string_view error) {
    return Page{page_url("/register"), MemberRegistrationView{amazon, std::string(error)}};
  };
  auto made = new_member(in);
  if (!made) return fail(made.error());
  Member& m = *made;
  link_session_amazon(m);  // MEM-003 (a)
  save(m);
  storefront_.session().member = m.id;
  return mypage();
}

Page Members::change_password(const std::optional<std::string>& current_password,
                              const std::string& password) {
  auto m = current();
  if (!m) return login_page(std::string(member_texts::kLogInToContinue));
  PasswordView v;
  v.title = member_texts::kPasswordChange;
  // GST-006 proposal: a member without a password sets one without the current one.
  v.current_password_required = m->has_password;
  if (m->has_password && !password_matches(*m, current_password.value_or("")))
    v.error = member_texts::kCurrentPasswordWrong;
  else if (password.empty())
    v.error = member_texts::kPasswordEmpty;
  if (!v.error.empty()) return Page{page_url("/my/password"), v};
  set_password(*m, password, salts_);
  save(*m);
  v.current_password_required = true;
  v.completed = true;
  return Page{page_url("/my/password"), v};
}

// The real flow mails a link to the address; the simulation follows it at once.
Page Members::reset_password(const std::string& email, const std::string& password) {
  PasswordView v;
  v.title = ctx_.settings.variant == CcVariant::Live ? member_texts::kPasswordReset
                                                     : member_texts::kPasswordForgotten;
  auto m = find_by_email(email);
  if (!m)
    v.error = member_texts::kUnknownEmail;
  else if (password.empty())
    v.error = member_texts::kPasswordEmpty;
  if (!v.error.empty()) return Page{page_url("/password-reset"), v};
  set_password(*m, password, salts_);
  save(*m);
  v.completed = true;
  return Page{page_url("/password-reset"), v};
}

Page Members::unlink_amazon() {
  if (ctx_.settings.variant != CcVariant::Live)  // no unlink function (MEM-015)
    return Page{page_url("/my/login-links"), NotFoundView{"ページが見つかりません。"}};
  auto m = current();
  if (!m) return login_page(std::string(member_texts::kLogInToContinue));
  if (!m->amazon_buyer_id) return login_links(std::string(member_texts::kNoLinkToRemove));
  if (!m->has_password) return login_links(std::string(member_texts::kSetPasswordBeforeUnlink));
  m->amazon_buyer_id.reset();
  m->amazon_linked_at.reset();
  save(*m);
  storefront_.session().amazon_login.reset();  // this browser's Amazon login no longer applies
  return login_links();
}

}  // namespace shop_model
