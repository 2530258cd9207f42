// 会員: 会員ログイン (the browser session's member), 退会, and lookups. Registration at
// checkout (ご購入と同時に会員登録, AmazonID連携) is in registration.hpp.
#pragma once

#include <optional>
#include <string>

#include "shop_model/shop_context.hpp"
#include "shop_model/storefront/storefront.hpp"

namespace shop_model {

class Members {
 public:
  Members(ShopContext& context, Storefront& storefront) : ctx_(context), storefront_(storefront) {}

  // Logs the browser in; the cart is shown next.
  ShopResult<Page> log_in(const std::string& member_id);
  Page log_out();
  std::optional<std::string> logged_in_member() const { return storefront_.session().member; }
  ShopResult<Member> withdraw(const std::string& member_id);  // 退会
  std::optional<Member> member(const std::string& member_id);

 private:
  ShopContext& ctx_;
  Storefront& storefront_;
};

}  // namespace shop_model
