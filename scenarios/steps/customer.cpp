// customer.*: the customer's browser on the shop's storefront.
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"
#include "shop_model/domain/texts.hpp"

namespace scenarios {
namespace {

struct AddToCart {
  ProductCode product;
  std::int64_t quantity = 1;
};
StepOutcome add_to_cart(ScenarioContext& c, const AddToCart& p) {
  return c.show(c.shop().add_to_cart(p.product.text, static_cast<int>(p.quantity)));
}

StepOutcome view_cart(ScenarioContext& c, const NoParams&) { return c.show(c.shop().view_cart()); }

struct SelectStorePickup {
  bool selected = true;
};
StepOutcome select_store_pickup(ScenarioContext& c, const SelectStorePickup& p) {
  return c.show(c.shop().select_store_pickup(p.selected ? shop_model::StorePickup::Selected
                                                          : shop_model::StorePickup::NotSelected));
}

StepOutcome pay_on_this_site(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().pay_on_this_site());
}

// 顧客登録項目 a customer fills in (empty = left blank).
struct FieldInputs {
  std::string birth_date, gender, phone2, company;
};
shop_model::CustomerFieldValues field_values(const FieldInputs& in) {
  using shop_model::CustomerField;
  shop_model::CustomerFieldValues out;
  for (const auto& [field, value] : {std::pair{CustomerField::BirthDate, &in.birth_date},
                                     std::pair{CustomerField::Gender, &in.gender},
                                     std::pair{CustomerField::Phone2, &in.phone2},
                                     std::pair{CustomerField::Company, &in.company}})
    if (!value->empty()) out[field] = *value;
  return out;
}
template <class P>
std::vector<FieldSpec<P>> field_inputs(FieldInputs P::*inputs) {
  auto one = [inputs](const char* key, std::string FieldInputs::*member, const char* label) {
    FieldSpec<P> f;
    f.spec = spec_of<std::string>(key, label);
    f.read = [inputs, member](const Value& v, P& p) { (p.*inputs).*member = v.text(); };
    return f;
  };
  return {one("birth_date", &FieldInputs::birth_date, "生年月日"),
          one("gender", &FieldInputs::gender, "性別"),
          one("phone2", &FieldInputs::phone2, "電話番号2"),
          one("company", &FieldInputs::company, "会社名")};
}

struct PlaceNormalFormOrder {
  std::string payment_method;
  FieldInputs fields;
};
StepOutcome place_normal_form_order(ScenarioContext& c, const PlaceNormalFormOrder& p) {
  return c.show(c.shop().place_normal_form_order(p.payment_method, field_values(p.fields)));
}

struct FillAdditionalInfo {
  FieldInputs fields;
};
StepOutcome fill_additional_info(ScenarioContext& c, const FillAdditionalInfo& p) {
  return c.show(c.shop().fill_additional_info(field_values(p.fields)));
}

StepOutcome press_amazon_pay(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().press_amazon_pay());
}

struct PlaceOrder {
  bool privacy_consent = true;
  bool register_member = false;
  std::optional<bool> newsletter;
  std::string delivery_note;
  std::int64_t extra_delivery_addresses = 0;
  bool store_pickup = false;
  std::string coupon;
  std::int64_t use_points = 0;
};
StepOutcome place_order(ScenarioContext& c, const PlaceOrder& p) {
  shop_model::PlaceOrderInput in;
  in.privacy_consent = p.privacy_consent;
  in.register_member = p.register_member;
  in.newsletter = p.newsletter;
  in.delivery_note = p.delivery_note;
  in.extra_delivery_addresses = static_cast<int>(p.extra_delivery_addresses);
  in.store_pickup =
      p.store_pickup ? shop_model::StorePickup::Selected : shop_model::StorePickup::NotSelected;
  in.coupon = p.coupon;
  in.use_points = p.use_points;
  return c.show(c.shop().place_order(in));
}

struct OpenUrl {
  std::string url;
};
StepOutcome open_url(ScenarioContext& c, const OpenUrl& p) {
  return c.show(c.shop().navigate(p.url));
}

StepOutcome open_order_history(ScenarioContext& c, const OrderOnly& p) {
  auto number = c.order_number(p.order.text);
  if (!number) return failure(number.error());
  std::string url(shop_model::texts::kOrderHistoryUrlTemplate);
  auto replace = [&](std::string_view from, const std::string& to) {
    if (size_t at = url.find(from); at != std::string::npos) url.replace(at, from.size(), to);
  };
  replace("{@domain}", c.shop().settings().domain);
  replace("$REQNUM$", *number);
  return c.show(c.shop().navigate(url));
}

StepOutcome back_to_amazon(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().back_to_amazon());
}

StepOutcome log_in(ScenarioContext& c, const MemberOnly& p) {
  auto id = c.member_id(p.member.text);
  if (!id) return failure(id.error());
  return c.show(c.shop().log_in(*id));
}

StepOutcome log_out(ScenarioContext& c, const NoParams&) { return c.show(c.shop().log_out()); }

}  // namespace

void add_customer_steps(StepList& steps) {
  steps.add<AddToCart>("customer.add_to_cart",
                       "Puts a product into the cart; the browser shows the cart.",
                       {required("product", &AddToCart::product,
                                 "product code from the scenario's catalogue"),
                        optional("quantity", &AddToCart::quantity, "how many")},
                       &add_to_cart);
  steps.add<NoParams>("customer.view_cart", "Opens the cart.", {}, &view_cart);
  steps.add<SelectStorePickup>(
      "customer.select_store_pickup", "Ticks (or unticks) store pickup in the cart.",
      {optional("selected", &SelectStorePickup::selected, "tick or untick")}, &select_store_pickup);
  steps.add<NoParams>("customer.pay_on_this_site",
                      "Presses 「このサイトでお支払い」: the normal order form.", {},
                      &pay_on_this_site);
  std::vector<FieldSpec<PlaceNormalFormOrder>> normal_form = {
      required("payment_method", &PlaceNormalFormOrder::payment_method,
               "payment method name, e.g. クレジットカード")};
  for (auto& f : field_inputs(&PlaceNormalFormOrder::fields)) normal_form.push_back(f);
  steps.add<PlaceNormalFormOrder>(
      "customer.place_normal_form_order",
      "Completes a non-Amazon checkout through the normal order form; required 顧客登録項目 "
      "(birth_date, gender, phone2, company) must be given (the step's error otherwise).",
      normal_form, &place_normal_form_order);
  steps.add<FillAdditionalInfo>(
      "customer.fill_additional_info",
      "Submits 「追加情報入力」 (screen additional_info): the member's fields are saved; the "
      "checkout goes on (the dedicated screen) once no required one is empty.",
      field_inputs(&FillAdditionalInfo::fields), &fill_additional_info);
  steps.add<NoParams>(
      "customer.press_amazon_pay",
      "Presses [amazon pay] in the cart: Amazon's sign-in page, or the cart with an error.", {},
      &press_amazon_pay);
  steps.add<PlaceOrder>(
      "customer.place_order",
      "Submits the Amazon Pay dedicated 「ご注文手続き」 screen: Amazon's payment page, or the "
      "screen again with an error.",
      {optional("privacy_consent", &PlaceOrder::privacy_consent,
                "ticks the privacy-policy consent"),
       optional("register_member", &PlaceOrder::register_member, "ご購入と同時に会員登録"),
       optional("newsletter", &PlaceOrder::newsletter,
                "newsletter choice (only with register_member)"),
       optional("delivery_note", &PlaceOrder::delivery_note, "free text for the delivery"),
       optional("extra_delivery_addresses", &PlaceOrder::extra_delivery_addresses,
                "asks for this many additional addresses"),
       optional("store_pickup", &PlaceOrder::store_pickup, "asks for store pickup"),
       optional("coupon", &PlaceOrder::coupon, "クーポン code entered"),
       optional("use_points", &PlaceOrder::use_points, "points to use (ポイント利用)")},
      &place_order);
  steps
      .add<OpenUrl>("customer.open_url", "The browser follows a URL.",
                    {required("url", &OpenUrl::url, "absolute URL")}, &open_url)
      .scalar_param = "url";
  steps.add<OrderOnly>("customer.open_order_history",
                       "Opens マイページ > 注文履歴詳細 of an order (https://<domain>/my/orders/<n>).",
                       {order_param(&OrderOnly::order)}, &open_order_history);
  steps.add<NoParams>("customer.back_to_amazon",
                      "Follows the dedicated screen's link back to Amazon's page to choose another "
                      "address or payment method.",
                      {}, &back_to_amazon);
  steps.add<MemberOnly>(
      "customer.log_in",
      "The login shortcut: logs a member in without password or Amazon (for scenarios about "
      "something else); the cart is shown. The real logins: customer.log_in_with_password, "
      "customer.press_amazon_login.",
      {member_param(&MemberOnly::member)}, &log_in);
  steps.add<NoParams>("customer.log_out",
                      "ログアウト: ends the shop login and the Amazon login (MEM-009); the cart is "
                      "shown.",
                      {}, &log_out);
}

}  // namespace scenarios
