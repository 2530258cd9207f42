#include "shop_model/shop.hpp"

#include <algorithm>
#include <cstdio>

#include "shop_model/domain/rules.hpp"
#include "shop_model/domain/texts.hpp"

namespace shop_model {
namespace {

// Messages of our own (the seed prescribes none for these situations).
constexpr std::string_view kErrCartEmpty = "カートに商品がありません。";
constexpr std::string_view kErrTooExpensive = "Amazon Payでお支払いいただける金額は1,000万円までです。";
constexpr std::string_view kErrPickup = "店舗受取をご指定の場合、Amazon Payはご利用いただけません。";
constexpr std::string_view kErrSubscriptionNeedsMember =
    "定期・頒布会のお申込みには会員登録が必要です。";
constexpr std::string_view kErrSubscriptionNoRegistration =
    "会員登録ができないため、定期・頒布会をお申込みいただけません。会員ログインしてください。";
constexpr std::string_view kErrAmazonUnreachable = "Amazon Payとの通信に失敗しました。";
constexpr std::string_view kErrOneAddress = "Amazon Payでは、お届け先を一ヶ所のみ指定できます。";
constexpr std::string_view kErrConsent = "個人情報保護方針に同意してください。";
constexpr std::string_view kErrNotCompleted =
    "Amazon Payでのお支払いが完了しませんでした。別のお支払い方法をお選びください。";
constexpr std::string_view kErrCheckoutExpired = "お手続きの有効期限が切れました。もう一度お試しください。";
constexpr std::string_view kErrCaptureNotAuthorized =
    "与信ステータスが「承認済」ではないため、入金処理できません。";
constexpr std::string_view kErrIncreaseNeedsReauth =
    "ご注文金額が与信金額を超えています。[再与信]を行ってから入金処理してください。";
constexpr std::string_view kReauthNotice =
    "オーソリの再取得が必要です。[再与信]ボタンを押下して再与信を行ってください。";
constexpr std::string_view kErrNoAmazonPayChange = "他の決済から「Amazon Pay」に変更することはできません。";

std::string order_url(const ShopSettings& s, const std::string& path) {
  return "https://" + s.domain + path;
}

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

// MEMO-002..004: the shop memo line for the way the buyer paid.
std::string memo_for(const std::string& descriptor) {
  if (descriptor.find("gift card") != std::string::npos) return "Amazonギフト券と指定のお支払い方法";
  if (descriptor.find("ギフトカード") != std::string::npos) return "Amazonギフト券";
  return "Amazonアカウントで指定したお支払い方法";
}

bool is_final_refund(const RefundRecord& r) {
  return r.amazon_state == "Refunded" || r.amazon_state == "Declined";
}

}  // namespace

Shop::Shop(ShopSettings settings, std::vector<Product> catalog, core::AmazonPayClient& amazon,
           ShopStore& store, const core::Clock& clock, std::uint64_t seed)
    : settings_(std::move(settings)),
      catalog_(std::move(catalog)),
      amazon_(amazon, seed),
      store_(store),
      clock_(clock) {}

// ---------------------------------------------------------------- storefront

const Product* Shop::product(const std::string& code) const {
  for (const auto& p : catalog_)
    if (p.code == code) return &p;
  return nullptr;
}

std::vector<ProductType> Shop::cart_types() const {
  std::vector<ProductType> types;
  for (const auto& [code, qty] : cart_)
    if (const Product* p = product(code)) types.push_back(p->type);
  return types;
}

Yen Shop::cart_total() const {
  Yen total{0};
  for (const auto& [code, qty] : cart_)
    if (const Product* p = product(code)) total += p->price * qty;
  return total;
}

CartView Shop::cart_view(std::string error) {
  CartView v;
  for (const auto& [code, qty] : cart_) {
    const Product* p = product(code);
    v.lines.push_back(CartLineView{code, p->name, std::string(name(p->type)), qty, p->price * qty});
  }
  v.total = cart_total();
  OrderType type = order_type_for(cart_types());
  v.order_type = std::string(name(type));
  v.store_pickup_selected = store_pickup_;
  v.pay_on_site_button = !cart_.empty();
  v.amazon_pay_button = !cart_.empty() && amazon_pay_offered(settings_, type);
  v.error = std::move(error);
  return v;
}

ShopResult<Page> Shop::add_to_cart(const std::string& code, int quantity) {
  if (!product(code)) return core::fail("unknown product '" + code + "'");
  if (quantity <= 0) return core::fail(std::string("quantity must be positive"));
  bool merged = false;
  for (auto& [c, q] : cart_)
    if (c == code) {
      q += quantity;
      merged = true;
    }
  if (!merged) cart_.emplace_back(code, quantity);
  return Page{order_url(settings_, "/cart"), cart_view()};
}

Page Shop::view_cart() { return Page{order_url(settings_, "/cart"), cart_view()}; }

Page Shop::select_store_pickup(bool selected) {
  store_pickup_ = selected && settings_.store_pickup_option;
  return view_cart();
}

Page Shop::pay_on_this_site() {
  NormalOrderFormView v;
  v.step = "お客様情報入力";
  // LIM-001: 通常のご注文フォーム never offers Amazon Pay.
  v.payment_methods = settings_.other_payment_methods;
  v.multiple_destinations_available = settings_.multiple_destinations;
  return Page{order_url(settings_, "/order/customer"), v};
}

ShopResult<Page> Shop::place_normal_form_order(const std::string& method) {
  if (cart_.empty()) return core::fail(std::string(kErrCartEmpty));
  if (std::find(settings_.other_payment_methods.begin(), settings_.other_payment_methods.end(),
                method) == settings_.other_payment_methods.end())
    return core::fail("「" + method + "」は通常のご注文フォームではご利用いただけません。");
  store_.begin();
  Order o;
  o.number = next_order_number();
  o.type = order_type_for(cart_types());
  o.status = o.type == OrderType::Reservation ? std::string(kStatusReservation)
                                              : std::string(kStatusNormal);
  o.payment_method = method;
  o.member_id = member_;
  o.lines = cart_;
  o.total = o.order_time_amount = cart_total();
  o.ordered_at = clock_.now();
  store_.put(o);
  store_.commit();
  cart_.clear();
  return Page{order_url(settings_, "/order/complete?order=" + o.number),
              OrderCompleteView{"ご注文完了", o.number, settings_.domain}};
}

Page Shop::press_amazon_pay() {
  auto stay = [&](std::string_view error) {
    return Page{order_url(settings_, "/cart"), cart_view(std::string(error))};
  };
  if (cart_.empty()) return stay(kErrCartEmpty);
  OrderType type = order_type_for(cart_types());
  std::string refusal = amazon_pay_refusal(settings_, type);
  if (!refusal.empty()) return stay(refusal);  // AVAIL-002/003: no session, no charge
  if (cart_total() > kMaxOrderAmount) return stay(kErrTooExpensive);  // RSV-010
  if (store_pickup_) return stay(kErrPickup);                         // LIM-002
  CreateCheckoutSessionArgs args;
  args.store_id = settings_.store_id;
  args.review_return_url = order_url(settings_, "/amazon-pay/review");
  args.cancel_url = order_url(settings_, "/amazon-pay/cancel");
  args.merchant_store_name = settings_.name;
  if (type == OrderType::Subscription) {
    // One Recurring Charge Permission per application; each delivery is charged on it.
    args.charge_permission_type = "Recurring";
    args.recurring_amount = cart_total();
  }
  auto cs = amazon_.create_checkout_session(args);
  if (!cs) return stay(kErrAmazonUnreachable);
  Checkout c;
  c.checkout_session_id = cs->id;
  c.type = type;
  c.lines = cart_;
  c.total = cart_total();
  checkout_ = c;
  // The Amazon Pay button takes the buyer to Amazon's sign-in page for this session.
  return Page{"https://payments.amazon.co.jp/checkout/signin?amazonCheckoutSessionId=" + cs->id,
              AmazonPageView{"sign-in", cs->id}};
}

Page Shop::navigate(const std::string& url) {
  ParsedUrl u = parse_url(url);
  if (u.host != settings_.domain) {
    std::string id = query_param(u.query, "amazonCheckoutSessionId");
    if (!id.empty()) {
      std::string page = u.path.find("signin") != std::string::npos ? "sign-in" : "payment";
      return Page{url, AmazonPageView{page, id}};
    }
    return Page{url, NotFoundView{"このページは店舗サイトではありません。"}};
  }
  if (u.path == "/cart") return view_cart();
  if (u.path == "/amazon-pay/review") return amazon_review_return(query_param(u.query, "amazonCheckoutSessionId"));
  if (u.path == "/amazon-pay/result") return amazon_result_return(query_param(u.query, "amazonCheckoutSessionId"));
  if (u.path == "/amazon-pay/cancel") return amazon_cancel_return();
  const std::string prefix = "/my/orders/";
  if (u.path.rfind(prefix, 0) == 0) {
    std::string number = u.path.substr(prefix.size());
    auto o = store_.order(number);
    auto m = member_ ? store_.member(*member_) : std::nullopt;
    // REAUTH-010..012: only an active member sees their own order; guests and withdrawn
    // members have no mypage.
    if (!o || !m || m->status != MemberStatus::Active || o->member_id != m->id)
      return Page{url, NotFoundView{"ページが見つかりません。"}};
    return Page{url, MyOrderView{o->number, std::string(amazon_mypage_url(o->type))}};
  }
  return Page{url, NotFoundView{"ページが見つかりません。"}};
}

Page Shop::dedicated_screen(std::string error) {
  AmazonPayOrderView v = checkout_->screen;
  v.error = std::move(error);
  return Page{order_url(settings_, "/amazon-pay/review?amazonCheckoutSessionId=" +
                                       checkout_->checkout_session_id),
              v};
}

Page Shop::amazon_review_return(const std::string& id) {
  if (!checkout_ || checkout_->checkout_session_id != id)
    return Page{order_url(settings_, "/cart"), cart_view(std::string(kErrCheckoutExpired))};
  auto cs = amazon_.get_checkout_session(id);
  AmazonPayOrderView v;
  v.order_type = std::string(name(checkout_->type));
  v.total = checkout_->total;
  v.fields_from_amazon = fields_from_amazon();
  v.input_fields = {"お届け希望日時", "備考", "個人情報保護方針への同意"};
  bool guest = !member_;
  v.register_member_option = guest && settings_.member_registration == MemberRegistration::Open;
  v.newsletter_option = v.register_member_option;
  if (v.register_member_option) {
    v.input_fields.push_back("ご購入と同時に会員登録");
    v.input_fields.push_back("メールマガジン購読");
  }
  v.privacy_consent_required = settings_.privacy_consent_required;
  bool subscription = checkout_->type == OrderType::Subscription;
  v.member_registration_required = subscription && guest;  // SUB-014
  if (!cs) {
    checkout_->screen = v;
    return dedicated_screen(std::string(kErrAmazonUnreachable));
  }
  checkout_->session = *cs;
  v.name = cs->buyer_name;
  v.email = cs->buyer_email;
  std::string error;
  if (cs->shipping_address) {
    const AmazonAddress& a = *cs->shipping_address;
    v.postal_code = a.postal_code;
    v.prefecture = prefecture_of(a.state_or_region).value_or(a.state_or_region);
    v.address = a.address_line1 + (a.address_line2.empty() ? "" : " " + a.address_line2);
    v.phone = a.phone;
    if (!address_usable(a)) error = std::string(texts::kAddressUnusable);  // ORD-015
  } else {
    error = std::string(texts::kAddressUnusable);
  }
  v.payment_descriptor = cs->payment_descriptor;
  // SUB-015: a guest cannot register here when only the admin may register members.
  if (error.empty() && subscription && guest &&
      settings_.member_registration == MemberRegistration::AdminOnly)
    error = std::string(kErrSubscriptionNoRegistration);
  v.can_place_order = error.empty();
  v.error = error;
  checkout_->screen = v;
  return dedicated_screen(error);
}

Page Shop::amazon_cancel_return() {
  checkout_.reset();
  return view_cart();
}

Page Shop::place_order(const PlaceOrderInput& input) {
  if (!checkout_ || !checkout_->session)
    return Page{order_url(settings_, "/cart"), cart_view(std::string(kErrCheckoutExpired))};
  if (!checkout_->screen.can_place_order) return dedicated_screen(checkout_->screen.error);
  if (input.extra_delivery_addresses > 0) return dedicated_screen(std::string(kErrOneAddress));
  if (input.store_pickup) return dedicated_screen(std::string(kErrPickup));
  if (settings_.privacy_consent_required && !input.privacy_consent)
    return dedicated_screen(std::string(kErrConsent));
  bool subscription = checkout_->type == OrderType::Subscription;
  if (subscription && !member_ && !input.register_member)
    return dedicated_screen(std::string(kErrSubscriptionNeedsMember));  // SUB-014
  checkout_->input = input;
  UpdateCheckoutSessionArgs args;
  args.result_return_url = order_url(settings_, "/amazon-pay/result");
  args.charge_amount = checkout_->total;
  if (subscription) {
    // SUB-004 proposal: the application only sets up the permission; orders are charged
    // one by one when they are generated.
    args.payment_intent = "Confirm";
    args.can_handle_pending_authorization = false;
  }
  // AMT-009: increases up to max(9 ×, ¥70,000) need Amazon's over-charge allowance.
  args.allow_overcharge = checkout_->type != OrderType::Subscription;
  // RSV-005: a reservation's Charge Permission lives 13 months.
  args.extend_expiration = checkout_->type == OrderType::Reservation;
  args.merchant_reference_id = "checkout-" + checkout_->checkout_session_id.substr(0, 8);
  auto cs = amazon_.update_checkout_session(checkout_->checkout_session_id, args);
  if (!cs || !cs->amazon_pay_redirect_url) return dedicated_screen(std::string(kErrAmazonUnreachable));
  return Page{*cs->amazon_pay_redirect_url, AmazonPageView{"payment", checkout_->checkout_session_id}};
}

Page Shop::back_to_amazon() {
  if (!checkout_)
    return Page{order_url(settings_, "/cart"), cart_view(std::string(kErrCheckoutExpired))};
  const std::string& id = checkout_->checkout_session_id;
  return Page{"https://payments.amazon.co.jp/checkout/signin?amazonCheckoutSessionId=" + id,
              AmazonPageView{"sign-in", id}};
}

Page Shop::amazon_result_return(const std::string& id) {
  if (!checkout_ || checkout_->checkout_session_id != id || !checkout_->session)
    return Page{order_url(settings_, "/cart"), cart_view(std::string(kErrCheckoutExpired))};
  auto done = amazon_.complete_checkout_session(id, checkout_->total);
  if (!done) {
    // Declined or canceled on Amazon's pages: no order.
    return dedicated_screen(done.error().transport() ? std::string(kErrAmazonUnreachable)
                                                     : std::string(kErrNotCompleted));
  }
  if (checkout_->type == OrderType::Subscription) return complete_subscription(*done);
  const Checkout& c = *checkout_;
  const CheckoutSessionView& s = *c.session;
  store_.begin();
  Order o;
  o.number = next_order_number();
  o.type = c.type;
  o.status = c.type == OrderType::Reservation ? std::string(kStatusReservation)
                                              : std::string(kStatusNormal);
  o.lines = c.lines;
  o.total = o.order_time_amount = c.total;
  o.ordered_at = clock_.now();
  o.checkout_session_id = id;
  o.charge_permission_id = done->charge_permission_id;
  o.orderer = Customer{s.buyer_name, s.buyer_email, "", "", "", ""};
  if (s.shipping_address) {
    const AmazonAddress& a = *s.shipping_address;
    std::string pref = prefecture_of(a.state_or_region).value_or(a.state_or_region);
    std::string address = a.address_line1 + (a.address_line2.empty() ? "" : " " + a.address_line2);
    o.orderer = Customer{s.buyer_name, s.buyer_email, a.postal_code, pref, address, a.phone};
    o.recipient = Customer{a.name, s.buyer_email, a.postal_code, pref, address, a.phone};
  }
  o.payment_descriptor = s.payment_descriptor;
  if (!done->charge_id.empty()) {
    ChargeRecord charge;
    charge.charge_id = done->charge_id;
    charge.role = ChargeRole::Original;
    charge.amount = c.total;
    charge.requested_at = clock_.now();
    charge.amazon_state = done->authorization_pending ? "AuthorizationInitiated" : "Authorized";
    o.charges.push_back(charge);
  }
  if (auto cp = amazon_.get_charge_permission(o.charge_permission_id); cp) {
    o.charge_permission_expires = cp->expires;
    if (!cp->payment_descriptor.empty()) o.payment_descriptor = cp->payment_descriptor;
  }
  // MEMO-001: the way the buyer paid, appended to the shop memo.
  o.shop_memo = memo_for(o.payment_descriptor);
  if (c.input.register_member && !member_ &&
      settings_.member_registration == MemberRegistration::Open) {
    Member m;
    m.id = next_member_id();
    m.email = s.buyer_email;
    m.name = s.buyer_name;
    m.amazon_buyer_id = s.buyer_id;
    m.has_password = false;  // GST-005: they log in with Amazon
    m.newsletter = c.input.newsletter;
    m.registered_at = clock_.now();
    m.amazon_linked_at = m.registered_at;  // MEM-013: one timestamp for both
    store_.put(m);
    member_ = m.id;
  }
  o.member_id = member_;
  store_.put(o);
  store_.commit();
  cart_.clear();
  store_pickup_ = false;
  checkout_.reset();
  // ORD-010: the order completes on the shop's own site.
  return Page{order_url(settings_, "/order/complete?order=" + o.number),
              OrderCompleteView{"ご注文完了", o.number, settings_.domain}};
}

Page Shop::complete_subscription(const CheckoutSessionView& done) {
  const Checkout& c = *checkout_;
  const CheckoutSessionView& s = *c.session;
  store_.begin();
  if (!member_) {
    Member m;
    m.id = next_member_id();
    m.email = s.buyer_email;
    m.name = s.buyer_name;
    m.amazon_buyer_id = s.buyer_id;
    m.newsletter = c.input.newsletter;
    m.registered_at = clock_.now();
    m.amazon_linked_at = m.registered_at;
    store_.put(m);
    member_ = m.id;
  }
  Subscription sub;
  sub.id = "S" + std::to_string(store_.next_counter("subscription", 1001));
  sub.member_id = *member_;
  sub.lines = c.lines;
  sub.amount_per_delivery = c.total;
  for (const auto& [code, qty] : c.lines)
    if (const Product* p = product(code); p && p->type == ProductType::Subscription)
      sub.deliveries_total = p->deliveries;
  sub.applied_at = clock_.now();
  sub.next_generation_at = clock_.now() + settings_.subscription_first_generation_delay;
  sub.checkout_session_id = c.checkout_session_id;
  sub.charge_permission_id = done.charge_permission_id;
  sub.payment_descriptor = s.payment_descriptor;
  if (auto cp = amazon_.get_charge_permission(sub.charge_permission_id); cp)
    sub.charge_permission_expires = cp->expires;
  store_.put(sub);
  store_.commit();
  cart_.clear();
  checkout_.reset();
  return Page{order_url(settings_, "/order/complete?subscription=" + sub.id),
              OrderCompleteView{"お申込み完了", sub.id, settings_.domain}};
}

void Shop::generate_order(Subscription& sub, core::Instant at) {
  Order o;
  o.number = next_order_number();
  o.type = OrderType::Subscription;
  o.status = std::string(kStatusNormal);
  o.member_id = sub.member_id;
  if (auto m = store_.member(sub.member_id)) o.orderer = o.recipient = Customer{m->name, m->email, "", "", "", ""};
  o.lines = sub.lines;
  o.total = o.order_time_amount = sub.amount_per_delivery;
  o.ordered_at = at;
  o.checkout_session_id = sub.checkout_session_id;
  o.charge_permission_id = sub.charge_permission_id;
  o.charge_permission_expires = sub.charge_permission_expires;
  o.payment_descriptor = sub.payment_descriptor;
  // MEMO-006: no payment-method text for subscription orders.
  // SUB-002: one authorization per generated order, on the application's permission.
  ChargeRecord charge;
  charge.role = ChargeRole::Original;
  charge.amount = o.total;
  charge.requested_at = at;
  auto created = amazon_.create_charge(sub.charge_permission_id, o.total, o.number);
  if (created) {
    charge.charge_id = created->id;
    charge.amazon_state = created->state;
    charge.amazon_reason = created->reason;
    // SUB-007: every successful authorization extends the permission.
    if (auto cp = amazon_.get_charge_permission(sub.charge_permission_id); cp)
      sub.charge_permission_expires = o.charge_permission_expires = cp->expires;
  } else {
    // SUB-003: the order is generated anyway, 保留, with 承認失敗.
    charge.amazon_reason = created.error().transport() ? "" : created.error().reason_code;
    o.status = std::string(kStatusOnHold);
    o.last_error = "受注生成時のオーソリに失敗しました: " + created.error().describe();
  }
  o.charges.push_back(charge);
  store_.put(o);
  sub.order_numbers.push_back(o.number);
  ++sub.deliveries_generated;
  if (sub.deliveries_total > 0 && sub.deliveries_generated >= sub.deliveries_total) {
    sub.status = std::string(kSubscriptionCompleted);
    sub.next_generation_at.reset();
  } else {
    sub.next_generation_at = core::add_months(sub.applied_at + settings_.subscription_first_generation_delay,
                                              sub.deliveries_generated);
  }
}

Page Shop::search_orders(const std::string& order_status, const std::string& authorization_status) {
  OrderSearchView v{order_status, authorization_status, {}};
  for (const auto& number : store_.order_numbers()) {
    auto o = store_.order(number);
    if (!order_status.empty() && o->status != order_status) continue;
    if (!authorization_status.empty() &&
        (!settings_.auto_link() || order_authorization_label(*o) != authorization_status))
      continue;
    v.order_numbers.push_back(number);
  }
  return Page{order_url(settings_, "/admin/orders"), v};
}

std::optional<Subscription> Shop::subscription(const std::string& id) { return store_.subscription(id); }
std::vector<std::string> Shop::subscription_ids() { return store_.subscription_ids(); }

// ---------------------------------------------------------------- members

ShopResult<Page> Shop::log_in(const std::string& member_id) {
  auto m = store_.member(member_id);
  if (!m) return core::fail("unknown member '" + member_id + "'");
  if (m->status != MemberStatus::Active) return core::fail(std::string("退会した会員はログインできません。"));
  member_ = m->id;
  return view_cart();
}

Page Shop::log_out() {
  member_.reset();
  return view_cart();
}

ShopResult<Member> Shop::withdraw_member(const std::string& member_id) {
  store_.begin();
  auto m = store_.member(member_id);
  if (!m) {
    store_.rollback();
    return core::fail("unknown member '" + member_id + "'");
  }
  m->status = MemberStatus::Withdrawn;
  store_.put(*m);
  store_.commit();
  if (member_ == member_id) member_.reset();
  return *m;
}

std::optional<Member> Shop::member(const std::string& member_id) { return store_.member(member_id); }

std::string Shop::next_order_number() {
  return std::to_string(store_.next_counter("order", 1001));
}

std::string Shop::next_member_id() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "M%04lld", store_.next_counter("member", 1));
  return buf;
}

// ---------------------------------------------------------------- admin

std::vector<std::string> Shop::order_numbers() { return store_.order_numbers(); }

Page Shop::setup_checklist() const {
  SetupChecklistView v;
  for (auto domain : texts::kAnalyticsReferralExclusions) v.analytics_referral_exclusions.emplace_back(domain);
  return Page{order_url(settings_, "/admin/settings/amazon-pay/checklist"), v};
}
std::optional<Order> Shop::order(const std::string& number) { return store_.order(number); }

OrderDetailView Shop::detail_of(const Order& o) const {
  OrderDetailView v;
  v.order_number = o.number;
  v.order_type = std::string(name(o.type));
  v.order_status = o.status;
  v.payment_method = o.payment_method;
  v.member_id = o.member_id;
  v.total = o.total;
  v.authorized_amount = authorized_amount(o);
  v.captured_amount = captured_amount(o);
  v.payment_status = o.paid ? "入金済" : "未入金";
  v.payment_date = o.paid_at ? core::format_jst(*o.paid_at) : "";
  bool amazon = o.payment_method == kPaymentMethodAmazonPay;
  // SYNC-004: the label is shown only with 自動連携.
  v.authorization_status_shown = settings_.auto_link() && amazon;
  if (v.authorization_status_shown) v.authorization_status = std::string(order_authorization_label(o));
  for (const auto& c : o.charges)
    v.charges.push_back(ChargeRowView{c.charge_id, std::string(name(c.role)), c.amount,
                                      std::string(authorization_label(c)), c.amazon_state,
                                      c.amazon_reason, c.superseded});
  v.charge_permission_id = o.charge_permission_id;
  v.charge_permission_status = o.charge_permission_closed     ? "削除済"
                               : o.charge_permission_unusable ? "削除予定 " + core::format_jst(*o.charge_permission_close_at)
                               : o.charge_permission_id.empty() ? ""
                                                                : "有効";
  ReauthBlock block = reauthorization_block(o, settings_);
  v.reauthorization_section = block != ReauthBlock::NotAmazonPay && block != ReauthBlock::AutoLinkOff &&
                              block != ReauthBlock::Canceled && block != ReauthBlock::CapturedOrRefunded;
  v.reauthorization_button_enabled = block == ReauthBlock::None;
  v.reauthorization_unavailable_reason = std::string(describe(block));
  for (auto it = o.charges.rbegin(); it != o.charges.rend(); ++it)
    if (it->role != ChargeRole::Original) {
      v.reauthorization_status = std::string(authorization_label(*it));
      break;
    }
  v.reauthorization_notice = settings_.auto_link() && needs_reauthorization(o);
  if (v.reauthorization_notice) v.reauthorization_notice_text = std::string(kReauthNotice);
  v.capture_button_enabled = amazon && !o.paid && (!settings_.auto_link() || capture_allowed(o));
  v.failure_message = o.reauthorization_failure;
  v.shop_memo = o.shop_memo;
  v.error = o.last_error;
  return v;
}

ShopResult<OrderDetailView> Shop::order_detail(const std::string& number) {
  auto o = store_.order(number);
  if (!o) return core::fail("unknown order '" + number + "'");
  return detail_of(*o);
}

void Shop::refresh_charge(ChargeRecord& c) {
  if (c.charge_id.empty() || c.superseded) return;
  auto got = amazon_.get_charge(c.charge_id);
  if (!got) {
    // AUTHST-013: no label is guessed when Amazon cannot be read.
    c.fetch_failed = true;
    return;
  }
  c.fetch_failed = false;
  // Decision 3: a later read that finds the capture done confirms it (請求完了).
  if (got->state == "Captured" && c.capture_requested) c.capture_confirmed = true;
  c.amazon_state = got->state;
  c.amazon_reason = got->reason;
  for (auto& r : c.refunds) {
    if (is_final_refund(r)) continue;
    auto refund = amazon_.get_refund(r.refund_id);
    if (!refund) {
      c.fetch_failed = true;
      continue;
    }
    r.amazon_state = refund->state;
    r.amazon_reason = refund->reason;
  }
}

void Shop::refresh(Order& o) {
  if (!settings_.auto_link() || o.payment_method != kPaymentMethodAmazonPay) return;
  for (auto& c : o.charges) refresh_charge(c);
}

ShopResult<OrderDetailView> Shop::open_order(const std::string& number) {
  store_.begin();
  auto o = store_.order(number);
  if (!o) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  o->last_error.clear();
  refresh(*o);
  store_.put(*o);
  store_.commit();
  return detail_of(*o);
}

ShopResult<OrderDetailView> Shop::capture(const std::string& number) {
  store_.begin();
  auto loaded = store_.order(number);
  if (!loaded) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  Order& o = *loaded;
  o.last_error.clear();
  auto done = [&]() -> ShopResult<OrderDetailView> {
    store_.put(o);
    store_.commit();
    return detail_of(o);
  };
  if (o.paid) {
    o.last_error = "入金処理済みの受注です。";
    return done();
  }
  if (!settings_.auto_link() || o.payment_method != kPaymentMethodAmazonPay) {
    // SYNC-003: futureshop records the payment and tells Amazon nothing.
    o.paid = true;
    o.paid_at = clock_.now();
    return done();
  }
  refresh(o);
  if (!capture_allowed(o)) {
    o.last_error = std::string(kErrCaptureNotAuthorized);  // FLOW-003
    return done();
  }
  if (authorized_amount(o) < o.total) {
    o.last_error = std::string(kErrIncreaseNeedsReauth);  // AMT-005 proposal
    return done();
  }
  // Capture the order total across its authorizations, oldest first (decision 8).
  Yen remaining = o.total;
  bool all_ok = true;
  for (auto& c : o.charges) {
    if (c.superseded || c.charge_id.empty() || c.amazon_state != "Authorized") continue;
    Yen amount = min(remaining, c.amount);
    if (amount <= Yen{0}) {
      // Nothing left to take from this authorization: release it.
      if (auto canceled = amazon_.cancel_charge(c.charge_id, "not needed for the final amount"))
        c.amazon_state = canceled->state, c.amazon_reason = canceled->reason;
      continue;
    }
    auto captured = amazon_.capture_charge(c.charge_id, amount);
    c.capture_requested = true;
    c.capture_confirmed = false;
    if (!captured) {
      c.capture_failed = true;
      c.amazon_reason = captured.error().reason_code;
      o.last_error = "入金処理に失敗しました: " + captured.error().describe();
      all_ok = false;
      continue;
    }
    c.captured = amount;
    c.amazon_state = captured->state;
    c.amazon_reason = captured->reason;
    remaining -= amount;
  }
  if (all_ok) {
    o.paid = true;  // FLOW-004: 入金状況 入金済
    o.paid_at = clock_.now();
  }
  return done();
}

ShopResult<OrderDetailView> Shop::reauthorize(const std::string& number) {
  store_.begin();
  auto loaded = store_.order(number);
  if (!loaded) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  Order& o = *loaded;
  o.last_error.clear();
  auto done = [&]() -> ShopResult<OrderDetailView> {
    store_.put(o);
    store_.commit();
    return detail_of(o);
  };
  refresh(o);
  ReauthBlock block = reauthorization_block(o, settings_);
  if (block != ReauthBlock::None) {
    o.last_error = std::string(describe(block));
    return done();
  }
  Yen amount = reauthorization_amount(o);
  ChargeRecord attempt;
  attempt.role = authorized_amount(o) > Yen{0} ? ChargeRole::Increase : ChargeRole::Reauthorization;
  attempt.amount = amount;
  attempt.requested_at = clock_.now();
  auto created = amazon_.create_charge(o.charge_permission_id, amount, o.number);
  if (!created && created.error().transport()) {
    o.last_error = std::string(kErrAmazonUnreachable);
    return done();
  }
  if (created) {
    attempt.charge_id = created->id;
    attempt.amazon_state = created->state;
    attempt.amazon_reason = created->reason;
    // The new authorization replaces every earlier one that holds no money.
    for (auto& c : o.charges) {
      auto label = authorization_label(c);
      if (label == texts::kAuthorizationExpired || label == texts::kAuthorizationFailed ||
          label == texts::kAuthorizationCanceled || label == texts::kCaptureDeclined)
        c.superseded = true;
    }
    o.reauthorization_failure.clear();  // REAUTH-016: the message stays until this succeeds
    o.charges.push_back(attempt);
    // SUB-007 / decision 10: a Recurring permission's expiry moves; keep the shop's copy.
    if (auto cp = amazon_.get_charge_permission(o.charge_permission_id); cp)
      o.charge_permission_expires = cp->expires;
    return done();
  }
  const ApiError& e = created.error();
  attempt.amazon_reason = e.reason_code;
  // Earlier failed attempts are replaced by this one.
  for (auto& c : o.charges)
    if (c.charge_id.empty()) c.superseded = true;
  o.charges.push_back(attempt);
  std::string state;
  std::vector<std::string> reasons;
  if (auto cp = amazon_.get_charge_permission(o.charge_permission_id); cp) {
    state = cp->state;
    reasons = cp->reasons;
  }
  auto message = reauthorization_failure_message(e.reason_code, state, reasons);
  if (!message.empty()) o.reauthorization_failure = std::string(message);
  o.last_error = "再与信に失敗しました: " + e.describe();
  return done();
}

ShopResult<OrderDetailView> Shop::change_status(const std::string& number, const std::string& status) {
  if (status == kStatusCanceled) return cancel_order(number, false);
  store_.begin();
  auto o = store_.order(number);
  if (!o) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  // RSV-003: moving 予約 → 通常処理 asks Amazon for nothing.
  o->status = status;
  o->last_error.clear();
  store_.put(*o);
  store_.commit();
  return detail_of(*o);
}

void Shop::mark_permission_unusable(Order& o) {
  if (o.charge_permission_id.empty() || o.charge_permission_unusable) return;
  // Decision 5: unusable from now on, closed at Amazon after the configured delay.
  o.charge_permission_unusable = true;
  o.charge_permission_close_at = clock_.now() + settings_.charge_permission_deletion_delay;
}

namespace {
// Cancels what is still authorized and refunds what was captured ("Amazonの取引情報を取り消す").
void cancel_amazon_side(AmazonPayApi& amazon, Order& o) {
  for (auto& c : o.charges) {
    if (c.superseded || c.charge_id.empty()) continue;
    if (c.amazon_state == "Authorized" || c.amazon_state == "AuthorizationInitiated") {
      auto r = amazon.cancel_charge(c.charge_id, "order canceled");
      if (r) {
        c.amazon_state = r->state;
        c.amazon_reason = r->reason;
      } else {
        o.last_error = "Amazon Payの取引を取り消せませんでした: " + r.error().describe();
      }
    } else if ((c.amazon_state == "Captured" || c.amazon_state == "CaptureInitiated") &&
               c.refunds.empty() && c.captured > Yen{0}) {
      auto r = amazon.create_refund(c.charge_id, c.captured);
      if (r) {
        c.refunds.push_back(RefundRecord{r->id, r->amount, r->state, r->reason});
      } else {
        o.last_error = "Amazon Payで返金できませんでした: " + r.error().describe();
      }
    }
  }
}
}  // namespace

ShopResult<OrderDetailView> Shop::cancel_order(const std::string& number, bool cancel_amazon) {
  store_.begin();
  auto loaded = store_.order(number);
  if (!loaded) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  Order& o = *loaded;
  o.last_error.clear();
  o.status = std::string(kStatusCanceled);
  bool amazon = o.payment_method == kPaymentMethodAmazonPay && settings_.auto_link();
  if (amazon && cancel_amazon) {
    refresh(o);
    cancel_amazon_side(amazon_, o);
    o.amazon_transaction_canceled = true;
    mark_permission_unusable(o);
  }
  // RSV-007: cancelling a reservation deletes its Charge Permission, checkbox or not.
  if (amazon && o.type == OrderType::Reservation) mark_permission_unusable(o);
  store_.put(o);
  store_.commit();
  return detail_of(o);
}

ShopResult<OrderDetailView> Shop::change_payment_method(const std::string& number,
                                                        const std::string& method,
                                                        bool cancel_amazon) {
  store_.begin();
  auto loaded = store_.order(number);
  if (!loaded) {
    store_.rollback();
    return core::fail("unknown order '" + number + "'");
  }
  Order& o = *loaded;
  o.last_error.clear();
  auto done = [&]() -> ShopResult<OrderDetailView> {
    store_.put(o);
    store_.commit();
    return detail_of(o);
  };
  if (method == kPaymentMethodAmazonPay) {
    // PMC-007: never from another method to Amazon Pay.
    o.last_error = std::string(kErrNoAmazonPayChange);
    return done();
  }
  if (o.payment_method != kPaymentMethodAmazonPay) {
    o.payment_method = method;
    return done();
  }
  bool linked = settings_.auto_link();
  if (linked && cancel_amazon) {
    refresh(o);
    cancel_amazon_side(amazon_, o);
    o.amazon_transaction_canceled = true;
  }
  o.payment_method = method;
  // RSV-008 / PMC-006: switching away deletes the Charge Permission after the delay.
  if (linked) mark_permission_unusable(o);
  return done();
}

ShopResult<std::string> Shop::render_thanks_mail(const std::string& number,
                                                 const std::string& template_text) {
  auto o = store_.order(number);
  if (!o) return core::fail("unknown order '" + number + "'");
  return expand_mail_placeholders(template_text, settings_, *o);
}

// ---------------------------------------------------------------- scheduled work

std::optional<core::Instant> Shop::next_due() {
  std::optional<core::Instant> due;
  if (auto close = store_.next_permission_close()) due = close->first;
  if (auto gen = store_.next_generation(); gen && (!due || gen->first < *due)) due = gen->first;
  return due;
}

void Shop::run_due(core::Instant at) {
  if (auto gen = store_.next_generation(); gen && gen->first == at) {
    store_.begin();
    auto sub = store_.subscription(gen->second);
    generate_order(*sub, at);
    store_.put(*sub);
    store_.commit();
    return;
  }
  auto next = store_.next_permission_close();
  if (!next || next->first != at) return;
  store_.begin();
  auto o = store_.order(next->second);
  // Decision 5: close without cancelling authorizations that may still be captured.
  auto closed = amazon_.close_charge_permission(o->charge_permission_id,
                                                "deleted by futureshop", false);
  if (closed || !closed.error().transport()) {
    // Closed now, or Amazon says it cannot be closed (already closed, expired): done either way.
    o->charge_permission_closed = true;
  } else {
    o->charge_permission_close_at = at + core::kHour;  // Amazon unreachable: try again later
  }
  store_.put(*o);
  store_.commit();
}

}  // namespace shop_model
