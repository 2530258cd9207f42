// The member URLs: ログイン画面, 会員登録, マイページ (top, パスワード変更, ログイン連携) and
// Amazon's return from the sign-in. A session logged in with Amazon reaches the same pages as
// one logged in with a password (MEM-008); マイページ > 注文履歴詳細 is the storefront's.
#include "shop_model/members/member_texts.hpp"
#include "shop_model/members/members.hpp"

namespace shop_model {
namespace {

// path and query of a URL on `domain`; nullopt for another host.
std::optional<std::pair<std::string, std::string>> on_shop(const std::string& url,
                                                           const std::string& domain) {
  std::string prefix = "https://" + domain;
  if (url.rfind(prefix, 0) != 0) return std::nullopt;
  std::string rest = url.substr(prefix.size());
  auto q = rest.find('?');
  if (q == std::string::npos) return std::pair{rest, std::string()};
  return std::pair{rest.substr(0, q), rest.substr(q + 1)};
}

std::string query_value(const std::string& query, const std::string& key) {
  for (size_t i = 0; i < query.size();) {
    size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(i, amp - i);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    i = amp + 1;
  }
  return "";
}

}  // namespace

std::optional<Page> Members::navigate(const std::string& url) {
  auto at = on_shop(url, ctx_.settings.domain);
  if (!at) return std::nullopt;
  const auto& [path, query] = *at;
  if (path == "/login") return open_login();
  if (path == "/amazon-login/return") return amazon_login_return(query_value(query, "buyerToken"));
  if (path == "/register")
    return Page{url, MemberRegistrationView{storefront_.session().amazon_login.has_value(), ""}};
  if (path == "/my") return mypage();
  if (path == "/my/password") return password_page();
  if (path == "/my/login-links") return login_links();
  return std::nullopt;
}

Page Members::mypage(std::string message) {
  auto m = current();
  if (!m) return login_page(std::string(member_texts::kLogInToContinue));
  const auto& login = storefront_.session().amazon_login;
  MyPageView v;
  v.member_id = m->id;
  v.name = m->name;
  v.logged_in_with = login && m->amazon_buyer_id == login->buyer_id ? "amazon" : "password";
  v.amazon_linked = m->amazon_buyer_id.has_value();
  v.menu = {std::string(member_texts::kOrderHistory), std::string(member_texts::kPasswordChange)};
  if (ctx_.settings.variant == CcVariant::Live) v.menu.emplace_back(member_texts::kLoginLinks);
  for (const auto& number : ctx_.store.order_numbers()) {
    auto o = ctx_.store.order(number);
    if (o && o->member_id == m->id) v.order_numbers.push_back(number);
  }
  v.message = std::move(message);
  return Page{page_url("/my"), v};
}

// MEM-014: only with コマースクリエイター運用中; elsewhere the page does not exist.
Page Members::login_links(std::string error) {
  if (ctx_.settings.variant != CcVariant::Live)
    return Page{page_url("/my/login-links"), NotFoundView{"ページが見つかりません。"}};
  auto m = current();
  if (!m) return login_page(std::string(member_texts::kLogInToContinue));
  LoginLinksView v;
  v.amazon_account = member_texts::kAmazonAccount;
  v.amazon_status = m->amazon_buyer_id ? member_texts::kLinked : member_texts::kNotLinked;
  v.unlink_button = m->amazon_buyer_id.has_value();
  v.error = std::move(error);
  return Page{page_url("/my/login-links"), v};
}

Page Members::password_page() {
  auto m = current();
  if (!m) return login_page(std::string(member_texts::kLogInToContinue));
  PasswordView v;
  v.title = member_texts::kPasswordChange;
  v.current_password_required = m->has_password;
  return Page{page_url("/my/password"), v};
}

}  // namespace shop_model
