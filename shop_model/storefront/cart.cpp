// ショッピングカート, 店舗受取 and 通常のご注文フォーム.
#include <algorithm>

#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/points.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/storefront/storefront.hpp"
#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {

std::vector<ProductType> Storefront::cart_types() const {
  std::vector<ProductType> types;
  for (const auto& [code, qty] : session_.cart)
    if (const Product* p = ctx_.product(code)) types.push_back(p->type);
  return types;
}

Yen Storefront::cart_total() const {
  Yen total{0};
  for (const auto& [code, qty] : session_.cart)
    if (const Product* p = ctx_.product(code)) total += p->price * qty;
  return total;
}

CartView Storefront::cart_view(std::string error) {
  CartView v;
  for (const auto& [code, qty] : session_.cart) {
    const Product* p = ctx_.product(code);
    v.lines.push_back(CartLineView{code, p->name, std::string(name(p->type)), qty, p->price * qty});
  }
  v.total = cart_total();
  OrderType type = order_type_for(cart_types());
  v.order_type = std::string(name(type));
  v.store_pickup_selected = session_.store_pickup == StorePickup::Selected;
  v.pay_on_site_button = !session_.cart.empty();
  v.amazon_pay_button = !session_.cart.empty() && amazon_pay_offered(ctx_.settings, type);
  v.error = std::move(error);
  return v;
}

Page Storefront::cart_page(std::string_view error) {
  return Page{ctx_.url("/cart"), cart_view(std::string(error))};
}

ShopResult<Page> Storefront::add_to_cart(const std::string& code, int quantity) {
  if (!ctx_.product(code)) return core::fail("unknown product '" + code + "'");
  if (quantity <= 0) return core::fail(std::string("quantity must be positive"));
  auto line = std::find_if(session_.cart.begin(), session_.cart.end(),
                           [&](const auto& l) { return l.first == code; });
  if (line != session_.cart.end())
    line->second += quantity;
  else
    session_.cart.emplace_back(code, quantity);
  return view_cart();
}

Page Storefront::view_cart() { return Page{ctx_.url("/cart"), cart_view()}; }

Page Storefront::select_store_pickup(StorePickup pickup) {
  session_.store_pickup =
      ctx_.settings.store_pickup_option ? pickup : StorePickup::NotSelected;
  return view_cart();
}

Page Storefront::pay_on_this_site() {
  NormalOrderFormView v;
  v.step = "お客様情報入力";
  // LIM-001: 通常のご注文フォーム never offers Amazon Pay.
  v.payment_methods = ctx_.settings.other_payment_methods;
  v.multiple_destinations_available =
      multiple_destinations_offered(ctx_.settings, CheckoutPath::NormalForm);
  return Page{ctx_.url("/order/customer"), v};
}

ShopResult<Page> Storefront::place_normal_form_order(const std::string& method,
                                                     const CustomerFieldValues& fields) {
  if (session_.cart.empty()) return core::fail(std::string(messages::kCartEmpty));
  const auto& methods = ctx_.settings.other_payment_methods;
  auto known = parse_payment_method(method);
  if (!known || std::find(methods.begin(), methods.end(), method) == methods.end())
    return core::fail("「" + method + "」は通常のご注文フォームではご利用いただけません。");
  std::optional<Member> member;
  if (session_.member) member = ctx_.store.member(*session_.member);
  // GST-001: the form enforces 利用必須 fields (非会員用入力項目 for a guest); a member's own
  // entries count.
  CustomerFieldValues values = member ? member->extra_fields : CustomerFieldValues{};
  for (const auto& [field, value] : fields)
    if (!value.empty()) values[field] = value;
  auto missing = missing_required(member ? ctx_.settings.member_fields : ctx_.settings.guest_fields,
                                  values);
  if (!missing.empty())
    return core::fail("「" + std::string(label(missing.front())) + "」は必須項目です。");
  Order o;
  o.extra_fields = values;
  o.number = ctx_.reserve_order_number();
  o.type = order_type_for(cart_types());
  o.status = o.type == OrderType::Reservation ? OrderStatus::Reservation : OrderStatus::Normal;
  o.payment_method = *known;
  o.member_id = session_.member;
  o.lines = session_.cart;
  o.total = o.order_time_amount = cart_total();
  o.ordered_at = ctx_.clock.now();
  settle_order_for_member(o, member ? &*member : nullptr,
                          member ? PointsRecipient::LoggedInMember : PointsRecipient::Guest,
                          ctx_.settings);
  UnitOfWork work(ctx_.store);
  if (member) work.save(*member);
  work.save(o);
  work.commit();
  session_.cart.clear();
  return Page{ctx_.url("/order/complete?order=" + o.number),
              OrderCompleteView{"ご注文完了", o.number, ctx_.settings.domain}};
}

}  // namespace shop_model
