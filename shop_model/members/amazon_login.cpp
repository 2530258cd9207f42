// ログイン画面 and Amazonログイン (MEM-001..006): [amazonでログイン] sends the browser to
// Amazon's sign-in page; Amazon sends it back to the signInReturnUrl with a buyer token, which
// the shop exchanges with Get Buyer. What follows depends on the コマースクリエイター variant
// (CC_MIGRATING behaves as CC_NONE on the storefront, decision 1).
#include "shop_model/members/member_texts.hpp"
#include "shop_model/members/members.hpp"
#include "shop_model/members/registration.hpp"

namespace shop_model {
namespace {

constexpr const char* kAmazonLoginPage = "https://payments.amazon.co.jp/login/signin";
constexpr const char* kReturnPath = "/amazon-login/return";

}  // namespace

Page Members::login_page(std::string error, std::string message) {
  const auto& session = storefront_.session();
  LoginView v;
  v.amazon_login_button = ctx_.settings.option_amazon_pay;  // MEM-002 (AVAIL-004)
  v.amazon_logged_in = session.amazon_login.has_value() && !session.member;
  if (v.amazon_logged_in) v.amazon_name = session.amazon_login->name;
  v.error = std::move(error);
  v.message = std::move(message);
  return Page{page_url("/login"), v};
}

Page Members::open_login() {
  return login_page();
}

Page Members::press_amazon_login() {
  if (!ctx_.settings.option_amazon_pay)
    return login_page(std::string(member_texts::kNoAmazonLoginButton));
  // The button's payload (storeId, signInReturnUrl, signInScopes) goes to Amazon with the
  // browser; the shop calls nothing until the buyer comes back.
  AmazonPageView v{"login", "", page_url(kReturnPath)};
  return Page{kAmazonLoginPage + std::string("?signInReturnUrl=") + v.sign_in_return_url, v};
}

Page Members::amazon_login_return(const std::string& buyer_token) {
  auto buyer = ctx_.amazon.get_buyer(buyer_token);
  if (!buyer) return login_page(std::string(member_texts::kAmazonLoginFailed));
  AmazonLogin login{buyer_token, buyer->buyer_id, buyer->name, buyer->email};
  if (ctx_.settings.variant == CcVariant::Live) return cc_amazon_login(login);
  return non_cc_amazon_login(login);
}

// CC未利用 (and 移行中): a linked buyer is logged in as their member (MEM-004); otherwise the
// browser stays logged in to Amazon only, until the customer registers or logs in (MEM-003).
Page Members::non_cc_amazon_login(const AmazonLogin& login) {
  auto& session = storefront_.session();
  session.amazon_login = login;
  if (auto linked = find_linked(login.buyer_id)) {
    session.member = linked->id;
    return mypage();
  }
  if (current()) {
    // Already logged in: linking needs 会員登録 or 会員ログイン after the Amazon login.
    return mypage();
  }
  return login_page({}, std::string(member_texts::kAmazonLoggedIn));
}

// CC運用中: a guest becomes a new linked member (MEM-005), a logged-in member is linked
// (MEM-006), an already linked buyer is logged in.
Page Members::cc_amazon_login(const AmazonLogin& login) {
  auto& session = storefront_.session();
  auto linked = find_linked(login.buyer_id);
  auto me = current();
  if (me && linked && linked->id != me->id)
    return login_links(std::string(member_texts::kAmazonLinkedElsewhere));
  if (me && !linked && me->amazon_buyer_id)
    return login_links(std::string(member_texts::kLinkedToAnotherAmazon));
  if (linked) {
    session.amazon_login = login;
    session.member = linked->id;
    return mypage();
  }
  if (me) {
    session.amazon_login = login;
    me->amazon_buyer_id = login.buyer_id;
    me->amazon_linked_at = ctx_.clock.now();
    save(*me);
    return mypage(std::string(member_texts::kLinkedNow));
  }
  // MEM-005 proposal (1): never merge silently with a member of the same e-mail.
  if (find_by_email(login.email)) return login_page(std::string(member_texts::kLogInFirst));
  Member m;
  m.id = reserve_member_id(ctx_.store);
  m.email = login.email;
  m.name = login.name;
  m.amazon_buyer_id = login.buyer_id;
  m.registered_at = ctx_.clock.now();  // 登録日時 = AmazonID連携日時: one instant
  m.amazon_linked_at = m.registered_at;
  save(m);  // no shop password (GST-005)
  session.amazon_login = login;
  session.member = m.id;
  return mypage();
}

void Members::link_session_amazon(Member& m) {
  // Only without コマースクリエイター: with it, linking is an Amazon login while logged in.
  if (ctx_.settings.variant == CcVariant::Live) return;
  const auto& login = storefront_.session().amazon_login;
  if (!login || m.amazon_buyer_id) return;
  if (find_linked(login->buyer_id)) return;  // one Amazon account, one member
  m.amazon_buyer_id = login->buyer_id;
  m.amazon_linked_at = ctx_.clock.now();
}

}  // namespace shop_model
