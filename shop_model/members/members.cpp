#include "shop_model/members/members.hpp"

#include "shop_model/domain/messages.hpp"
#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {

ShopResult<Page> Members::log_in(const std::string& member_id) {
  auto m = ctx_.store.member(member_id);
  if (!m) return core::fail("unknown member '" + member_id + "'");
  if (m->status != MemberStatus::Active)
    return core::fail(std::string(messages::kWithdrawnCannotLogIn));
  storefront_.session().member = m->id;
  return storefront_.view_cart();
}

Page Members::log_out() {
  storefront_.session().member.reset();
  return storefront_.view_cart();
}

ShopResult<Member> Members::withdraw(const std::string& member_id) {
  auto m = ctx_.store.member(member_id);
  if (!m) return core::fail("unknown member '" + member_id + "'");
  m->status = MemberStatus::Withdrawn;
  UnitOfWork work(ctx_.store);
  work.save(*m);
  work.commit();
  if (storefront_.session().member == member_id) storefront_.session().member.reset();
  return *m;
}

std::optional<Member> Members::member(const std::string& member_id) {
  return ctx_.store.member(member_id);
}

}  // namespace shop_model
