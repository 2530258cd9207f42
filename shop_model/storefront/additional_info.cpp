// 「追加情報入力」 (GST-002): a member registered through the dedicated screen never entered
// the shop's required member fields (Amazon does not have them). At their next logged-in
// checkout this screen asks for them before the dedicated screen; checkout does not go on
// while one is empty (rules.md GST-002 proposal: at checkout, not skippable).
#include "shop_model/domain/messages.hpp"
#include "shop_model/store/unit_of_work.hpp"
#include "shop_model/storefront/storefront.hpp"

namespace shop_model {

std::vector<CustomerField> Storefront::missing_member_fields() const {
  if (!session_.member) return {};
  auto m = ctx_.store.member(*session_.member);
  if (!m) return {};
  return missing_required(ctx_.settings.member_fields, m->extra_fields);
}

Page Storefront::additional_info_page(std::string error) const {
  AdditionalInfoView v;
  v.title = "追加情報入力";
  for (const auto& [field, use] : ctx_.settings.member_fields)
    if (use == FieldUse::Required) v.required_fields.emplace_back(label(field));
  for (CustomerField f : missing_member_fields()) v.missing_fields.emplace_back(label(f));
  v.error = std::move(error);
  return Page{ctx_.url("/my/additional-info"), v};
}

Page Storefront::fill_additional_info(const CustomerFieldValues& fields) {
  if (!session_.member) return cart_page(messages::kNotLoggedIn);
  auto m = ctx_.store.member(*session_.member);
  if (!m) return cart_page(messages::kNotLoggedIn);
  for (const auto& [field, value] : fields)
    if (!value.empty()) m->extra_fields[field] = value;
  UnitOfWork work(ctx_.store);
  work.save(*m);
  work.commit();
  if (!missing_member_fields().empty())
    return additional_info_page(std::string(messages::kRequiredFieldsEmpty));
  if (session_.checkout && session_.checkout->session)
    return dedicated_screen(session_.checkout->screen.error);
  return view_cart();
}

}  // namespace shop_model
