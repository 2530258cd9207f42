#include "shop_model/shop_context.hpp"

namespace shop_model {

const Product* ShopContext::product(const std::string& code) const {
  for (const auto& p : catalog)
    if (p.code == code) return &p;
  return nullptr;
}

std::string ShopContext::url(const std::string& path) const {
  return "https://" + settings.domain + path;
}

std::string ShopContext::reserve_order_number() {
  return std::to_string(store.next_counter("order", 1001));
}

}  // namespace shop_model
