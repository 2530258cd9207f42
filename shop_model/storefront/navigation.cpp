// URLs the browser follows: Amazon's hosted pages, Amazon's returns to the shop, and the
// member's マイページ > 注文履歴詳細 (REAUTH-010..013).
#include "shop_model/domain/rules.hpp"
#include "shop_model/storefront/storefront.hpp"

namespace shop_model {
namespace {

struct ParsedUrl {
  std::string host, path, query;
};

ParsedUrl parse_url(const std::string& url) {
  ParsedUrl u;
  std::string rest = url;
  auto scheme = rest.find("://");
  if (scheme != std::string::npos) rest = rest.substr(scheme + 3);
  auto slash = rest.find('/');
  u.host = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto q = path.find('?');
  if (q != std::string::npos) {
    u.query = path.substr(q + 1);
    path = path.substr(0, q);
  }
  u.path = path;
  return u;
}

std::string query_param(const std::string& query, const std::string& name) {
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(i, amp - i);
    auto eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    i = amp + 1;
  }
  return "";
}

Page off_site(const std::string& url, const ParsedUrl& u) {
  std::string id = query_param(u.query, "amazonCheckoutSessionId");
  if (id.empty()) return Page{url, NotFoundView{"このページは店舗サイトではありません。"}};
  std::string page = u.path.find("signin") != std::string::npos ? "sign-in" : "payment";
  return Page{url, AmazonPageView{page, id}};
}

}  // namespace

Page Storefront::navigate(const std::string& url) {
  ParsedUrl u = parse_url(url);
  if (u.host != ctx_.settings.domain) return off_site(url, u);
  std::string session_id = query_param(u.query, "amazonCheckoutSessionId");
  if (u.path == "/cart") return view_cart();
  if (u.path == "/amazon-pay/review") return amazon_review_return(session_id);
  if (u.path == "/amazon-pay/result") return amazon_result_return(session_id);
  if (u.path == "/amazon-pay/cancel") return amazon_cancel_return();
  const std::string prefix = "/my/orders/";
  if (u.path.rfind(prefix, 0) == 0) return my_order(url, u.path.substr(prefix.size()));
  return Page{url, NotFoundView{"ページが見つかりません。"}};
}

Page Storefront::my_order(const std::string& url, const std::string& number) {
  auto o = ctx_.store.order(number);
  auto m = session_.member ? ctx_.store.member(*session_.member) : std::nullopt;
  // REAUTH-010..012: only an active member sees their own order; guests and withdrawn
  // members have no mypage.
  if (!o || !m || m->status != MemberStatus::Active || o->member_id != m->id)
    return Page{url, NotFoundView{"ページが見つかりません。"}};
  return Page{url, MyOrderView{o->number, std::string(amazon_mypage_url(o->type))}};
}

}  // namespace shop_model
