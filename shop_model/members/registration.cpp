#include "shop_model/members/registration.hpp"

#include <cstdio>

namespace shop_model {

std::string reserve_member_id(ShopStore& store) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "M%04lld", store.next_counter("member", 1));
  return buf;
}

Member amazon_linked_member(std::string id, const CheckoutSessionView& buyer,
                            std::optional<bool> newsletter, Instant now) {
  Member m;
  m.id = std::move(id);
  m.email = buyer.buyer_email;
  m.name = buyer.buyer_name;
  m.amazon_buyer_id = buyer.buyer_id;
  m.has_password = false;
  m.newsletter = newsletter;
  m.registered_at = now;
  m.amazon_linked_at = now;
  return m;
}

}  // namespace shop_model
