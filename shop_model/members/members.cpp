#include "shop_model/members/members.hpp"

#include "shop_model/domain/messages.hpp"
#include "shop_model/members/member_texts.hpp"
#include "shop_model/members/password.hpp"
#include "shop_model/members/registration.hpp"
#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {

Members::Members(ShopContext& context, Storefront& storefront, std::uint64_t seed)
    : ctx_(context), storefront_(storefront), salts_(core::derive_seed(seed, "password-salts")) {}

ShopResult<Page> Members::log_in(const std::string& member_id) {
  auto m = ctx_.store.member(member_id);
  if (!m) return core::fail("unknown member '" + member_id + "'");
  if (m->status != MemberStatus::Active)
    return core::fail(std::string(messages::kWithdrawnCannotLogIn));
  storefront_.session().member = m->id;
  return storefront_.view_cart();
}

Page Members::log_out() {
  auto& session = storefront_.session();
  // MEM-009: the Amazon login ends too (amazon.Pay.signout()). A sign-out Amazon does not
  // answer still ends it here: the token is dropped, so the next login signs in again.
  if (session.amazon_login) (void)ctx_.amazon.sign_out(session.amazon_login->buyer_token);
  session.amazon_login.reset();
  session.member.reset();
  return storefront_.view_cart();
}

ShopResult<Member> Members::withdraw(const std::string& member_id) {
  auto m = ctx_.store.member(member_id);
  if (!m) return core::fail("unknown member '" + member_id + "'");
  m->status = MemberStatus::Withdrawn;
  save(*m);
  if (storefront_.session().member == member_id) storefront_.session().member.reset();
  return *m;
}

std::optional<Member> Members::member(const std::string& member_id) {
  return ctx_.store.member(member_id);
}

// 会員登録 with a shop password, by the customer or in 管理画面; not yet saved.
ShopResult<Member> Members::new_member(const RegistrationInput& in) {
  if (in.password.empty()) return core::fail(std::string(member_texts::kPasswordEmpty));
  if (find_by_email(in.email)) return core::fail(std::string(member_texts::kEmailTaken));
  Member m;
  m.id = reserve_member_id(ctx_.store);
  m.email = in.email;
  m.name = in.name;
  m.newsletter = in.newsletter;
  m.registered_at = ctx_.clock.now();
  set_password(m, in.password, salts_);
  return m;
}

ShopResult<Member> Members::add_member(const RegistrationInput& in) {
  auto m = new_member(in);
  if (m) save(*m);
  return m;
}

std::optional<Member> Members::current() {
  const auto& id = storefront_.session().member;
  if (!id) return std::nullopt;
  auto m = ctx_.store.member(*id);
  if (!m || m->status != MemberStatus::Active) return std::nullopt;
  return m;
}

std::optional<Member> Members::find_by_email(const std::string& email) {
  for (const auto& id : ctx_.store.member_ids()) {
    auto m = ctx_.store.member(id);
    if (m && m->status == MemberStatus::Active && m->email == email) return m;
  }
  return std::nullopt;
}

std::optional<Member> Members::find_linked(const std::string& buyer_id) {
  for (const auto& id : ctx_.store.member_ids()) {
    auto m = ctx_.store.member(id);
    if (m && m->status == MemberStatus::Active && m->amazon_buyer_id == buyer_id) return m;
  }
  return std::nullopt;
}

void Members::save(const Member& m) {
  UnitOfWork work(ctx_.store);
  work.save(m);
  work.commit();
}

}  // namespace shop_model
