// [amazon pay] → Amazon's sign-in → the review return → Amazon Pay専用「ご注文手続き」 →
// Amazon's payment page. No order exists before Amazon's result return (checkout_result.cpp).
#include <algorithm>

#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/points.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/domain/texts.hpp"
#include "shop_model/storefront/storefront.hpp"

namespace shop_model {
namespace {

const std::string kAmazonSignIn =
    "https://payments.amazon.co.jp/checkout/signin?amazonCheckoutSessionId=";

CreateCheckoutSessionArgs create_args(const ShopContext& ctx, OrderType type, Yen total) {
  CreateCheckoutSessionArgs args;
  args.store_id = ctx.settings.store_id;
  args.review_return_url = ctx.url("/amazon-pay/review");
  args.cancel_url = ctx.url("/amazon-pay/cancel");
  args.merchant_store_name = ctx.settings.name;
  if (type == OrderType::Subscription) {
    // One Recurring Charge Permission per application; each delivery is charged on it.
    args.charge_permission_type = ChargePermissionType::Recurring;
    args.recurring_amount = total;
  }
  return args;
}

UpdateCheckoutSessionArgs update_args(const ShopContext& ctx, const Checkout& c) {
  UpdateCheckoutSessionArgs args;
  args.result_return_url = ctx.url("/amazon-pay/result");
  args.charge_amount = c.total;
  if (c.type == OrderType::Subscription) {
    // SUB-004 proposal: the application only sets up the permission; orders are charged
    // one by one when they are generated.
    args.payment_intent = PaymentIntent::Confirm;
    args.can_handle_pending_authorization = false;
  }
  // AMT-009: increases up to max(9 ×, ¥70,000) need Amazon's over-charge allowance.
  args.allow_overcharge = c.type != OrderType::Subscription;
  // RSV-005: a reservation's Charge Permission lives 13 months.
  args.extend_expiration = c.type == OrderType::Reservation;
  args.merchant_reference_id = "checkout-" + c.checkout_session_id.substr(0, 8);
  return args;
}

// Fills the dedicated screen from what Amazon returned; the error that blocks the order, if any.
std::string fill_from_amazon(AmazonPayOrderView& v, const CheckoutSessionView& cs) {
  v.name = cs.buyer_name;
  v.email = cs.buyer_email;
  v.payment_descriptor = cs.payment_descriptor;
  if (!cs.shipping_address) return std::string(texts::kAddressUnusable);
  const AmazonAddress& a = *cs.shipping_address;
  v.postal_code = a.postal_code;
  v.prefecture = prefecture_of(a.state_or_region).value_or(a.state_or_region);
  v.address = a.address_line1 + (a.address_line2.empty() ? "" : " " + a.address_line2);
  v.phone = a.phone;
  v.delivery_addresses = 1;  // ORD-011: the one address chosen at Amazon
  if (!address_usable(a)) return std::string(texts::kAddressUnusable);  // ORD-015
  return "";
}

// The dedicated screen before Amazon's data fills it: the order and what the customer enters.
AmazonPayOrderView screen_frame(const ShopSettings& settings, const Checkout& c, bool guest) {
  AmazonPayOrderView v;
  v.order_type = std::string(name(c.type));
  v.total = c.total;
  v.fields_from_amazon = fields_from_amazon();
  v.input_fields = {"お届け希望日時", "備考", "個人情報保護方針への同意"};
  v.register_member_option = guest && settings.member_registration == MemberRegistration::Open;
  v.newsletter_option = v.register_member_option;
  if (v.register_member_option) {
    v.input_fields.push_back("ご購入と同時に会員登録");
    v.input_fields.push_back("メールマガジン購読");
  }
  v.can_add_delivery_address = multiple_destinations_offered(settings, CheckoutPath::AmazonPay);
  v.store_pickup_available = store_pickup_offered(settings, CheckoutPath::AmazonPay);
  // AVAIL-007: the screen asks for a card number only if it has a field for one (it has none:
  // the buyer pays with what is registered at Amazon).
  v.card_number_input =
      std::find(v.input_fields.begin(), v.input_fields.end(), "カード番号") != v.input_fields.end();
  v.privacy_consent_required = settings.privacy_consent_required;
  v.member_registration_required = c.type == OrderType::Subscription && guest;  // SUB-014
  // SUB-016: a 定期・頒布会 application offers neither クーポン nor ポイント利用.
  bool subscription = c.type == OrderType::Subscription;
  v.coupon_input = !subscription && !settings.coupon_code.empty();
  v.point_input = !subscription && !guest && settings.point_function;
  if (v.coupon_input) v.input_fields.push_back("クーポン");
  if (v.point_input) v.input_fields.push_back("ポイント利用");
  return v;
}

}  // namespace

Page Storefront::press_amazon_pay() {
  if (session_.cart.empty()) return cart_page(messages::kCartEmpty);
  OrderType type = order_type_for(cart_types());
  std::string refusal = amazon_pay_refusal(ctx_.settings, type);
  if (!refusal.empty()) return cart_page(refusal);  // AVAIL-002/003: no session, no charge
  if (cart_total() > kMaxOrderAmount) return cart_page(messages::kTooExpensive);  // RSV-010
  if (session_.store_pickup == StorePickup::Selected)
    return cart_page(messages::kPickup);  // LIM-002
  auto cs = ctx_.amazon.create_checkout_session(create_args(ctx_, type, cart_total()));
  if (!cs) return cart_page(messages::kAmazonUnreachable);
  Checkout c;
  c.checkout_session_id = cs->id;
  c.type = type;
  c.lines = session_.cart;
  c.total = cart_total();
  session_.checkout = c;
  // The Amazon Pay button takes the buyer to Amazon's sign-in page for this session.
  return Page{kAmazonSignIn + cs->id, AmazonPageView{"sign-in", cs->id}};
}

Page Storefront::dedicated_screen(std::string error) {
  AmazonPayOrderView v = session_.checkout->screen;
  v.error = std::move(error);
  return Page{ctx_.url("/amazon-pay/review?amazonCheckoutSessionId=" +
                       session_.checkout->checkout_session_id),
              v};
}

Page Storefront::amazon_review_return(const std::string& id) {
  auto& checkout = session_.checkout;
  if (!checkout || checkout->checkout_session_id != id)
    return cart_page(messages::kCheckoutExpired);
  auto cs = ctx_.amazon.get_checkout_session(id);
  bool guest = !session_.member;
  bool subscription = checkout->type == OrderType::Subscription;
  AmazonPayOrderView v = screen_frame(ctx_.settings, *checkout, guest);
  if (!cs) {
    checkout->screen = v;
    return dedicated_screen(std::string(messages::kAmazonUnreachable));
  }
  checkout->session = *cs;
  std::string error = fill_from_amazon(v, *cs);
  // SUB-015: a guest cannot register here when only the admin may register members.
  if (error.empty() && subscription && guest &&
      ctx_.settings.member_registration == MemberRegistration::AdminOnly)
    error = std::string(messages::kSubscriptionNoRegistration);
  v.can_place_order = error.empty();
  v.error = error;
  checkout->screen = v;
  // GST-002: a member's required fields first.
  if (!missing_member_fields().empty()) return additional_info_page("");
  return dedicated_screen(error);
}

Page Storefront::amazon_cancel_return() {
  session_.checkout.reset();
  return view_cart();
}

Page Storefront::place_order(const PlaceOrderInput& input) {
  auto& checkout = session_.checkout;
  if (!checkout || !checkout->session) return cart_page(messages::kCheckoutExpired);
  if (!checkout->screen.can_place_order) return dedicated_screen(checkout->screen.error);
  auto refuse = [&](std::string_view error) { return dedicated_screen(std::string(error)); };
  if (input.extra_delivery_addresses > 0) return refuse(messages::kOneAddress);
  if (input.store_pickup == StorePickup::Selected) return refuse(messages::kPickup);
  if (ctx_.settings.privacy_consent_required && !input.privacy_consent)
    return refuse(messages::kConsent);
  if (checkout->type == OrderType::Subscription && !session_.member && !input.register_member)
    return refuse(messages::kSubscriptionNeedsMember);  // SUB-014
  if (!missing_member_fields().empty())  // GST-002: not skippable
    return additional_info_page(std::string(messages::kRequiredFieldsEmpty));
  if (std::string refusal = discount_refusal(input); !refusal.empty()) return refuse(refusal);
  checkout->input = input;
  auto cs = ctx_.amazon.update_checkout_session(checkout->checkout_session_id,
                                                update_args(ctx_, *checkout));
  if (!cs || !cs->amazon_pay_redirect_url) return refuse(messages::kAmazonUnreachable);
  return Page{*cs->amazon_pay_redirect_url,
              AmazonPageView{"payment", checkout->checkout_session_id}};
}

// クーポン and ポイント利用 on the dedicated screen: checked, then taken off the total Amazon
// is asked for. A 定期・頒布会 application refuses both (SUB-016).
std::string Storefront::discount_refusal(const PlaceOrderInput& input) {
  Checkout& c = *session_.checkout;
  c.coupon_discount = Yen{0};
  c.total = cart_total();
  if (input.use_points < 0) return std::string(messages::kPointsUnavailable);
  bool wants_coupon = !input.coupon.empty(), wants_points = input.use_points > 0;
  if (!wants_coupon && !wants_points) return "";
  if (c.type == OrderType::Subscription)
    return std::string(messages::kSubscriptionNoCouponOrPoints);
  Yen goods = cart_total();
  std::optional<Yen> coupon = Yen{0};
  if (wants_coupon) coupon = coupon_discount(ctx_.settings, input.coupon, goods);
  if (!coupon) return std::string(messages::kUnknownCoupon);
  if (wants_points) {
    auto m = session_.member ? ctx_.store.member(*session_.member) : std::nullopt;
    if (!ctx_.settings.point_function || !m || m->points < input.use_points ||
        Yen{input.use_points} >= goods - *coupon)
      return std::string(messages::kPointsUnavailable);
  }
  c.coupon_discount = *coupon;
  c.total = goods - *coupon - Yen{input.use_points};
  return "";
}

Page Storefront::back_to_amazon() {
  if (!session_.checkout) return cart_page(messages::kCheckoutExpired);
  const std::string& id = session_.checkout->checkout_session_id;
  return Page{kAmazonSignIn + id, AmazonPageView{"sign-in", id}};
}

}  // namespace shop_model
