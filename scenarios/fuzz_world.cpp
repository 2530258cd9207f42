// Intents → a scenario document (see fuzz.hpp). Every choice is taken modulo the options it
// picks from, so any list of intents makes a valid document.
#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/core.h>

#include "mock_amazon/domain/simulation.hpp"
#include "scenarios/fuzz.hpp"

namespace scenarios {
namespace {

Value text(std::string_view s) { return Value::scalar(std::string(s), true); }
Value plain(std::string_view s) { return Value::scalar(std::string(s), false); }
Value number(long long n) { return plain(std::to_string(n)); }
Value flag(bool b) { return plain(b ? "true" : "false"); }

template <class T, std::size_t N>
const T& pick(const std::array<T, N>& options, int choice) {
  return options[static_cast<std::size_t>(choice) % N];
}

class Builder {
 public:
  explicit Builder(const WorldCase& w) : world_(w) {}

  void step(std::string_view action, std::vector<MapEntry> params = {}) {
    steps_.push_back(Value::map({MapEntry{std::string(action), {}, Value::map(std::move(params))}}));
  }
  MapEntry order(int choice) const {
    return {"order", {}, text(fmt::format("#{}", 1 + choice % std::max(checkouts_, 1)))};
  }
  void checkout(int product, int quantity, int payment);
  void intent(const Intent& i);
  void render(const Intent& i);
  void drain();
  std::vector<Value> take() { return std::move(steps_); }

 private:
  void admin(const Intent& i);
  void seller_central(const Intent& i);
  void amazon(const Intent& i);
  void force(const Intent& i);

  // What the document has done to each order so far, so that an intent Amazon or the shop
  // would refuse outright is written as a status read instead: a case stopped by a step's
  // own precondition checks nothing after it (about 40 % of a campaign's cases stopped so).
  // Static guesses, not Amazon's state: a forced decline can still leave no Charge to act on.
  struct OrderSoFar {
    bool second_charge = false;      // an increase, 再与信 or amount change may have made #2
    bool charge_settled = false;     // captured or canceled: no longer Authorized
    bool permission_closed = false;  // closed or canceled with the Amazon transaction
  };
  OrderSoFar& so_far(int choice) {
    return orders_[static_cast<std::size_t>(choice % std::max(checkouts_, 1))];
  }
  void note(const Intent& i);

  const WorldCase& world_;
  std::vector<Value> steps_;
  std::vector<OrderSoFar> orders_;
  int checkouts_ = 0;
  bool subscribed_ = false;
};

// The products the shop's variant offers with Amazon Pay (AVAIL-002/003): any other would
// stop the checkout at the cart.
std::vector<std::string_view> offered_products(int variant) {
  if (variant == 0) return {"normal", "reservation", "subscription", "one-yen", "normal"};
  if (variant == 1) return {"normal", "reservation", "one-yen"};
  return {"normal", "one-yen"};
}

constexpr std::array<std::string_view, 8> kPaymentMethods = {
    "card-1111", "card-1111",  "card-3434",          "card-0701",
    "card-4354", "giftcard",   "giftcard+card-1111", "card-0005"};

void Builder::checkout(int product, int quantity, int payment) {
  auto products = offered_products(world_.variant);
  std::string_view code = products[static_cast<std::size_t>(product) % products.size()];
  if (code == "subscription" && subscribed_) code = "normal";  // the cart refuses a second one
  bool subscription = code == "subscription";
  step("customer.add_to_cart", {{"product", {}, plain(code)}, {"quantity", {}, number(1 + quantity % 2)}});
  step("customer.press_amazon_pay");
  step("amazon_buyer.sign_in", {{"buyer", {}, plain("taro")},
                                {"address", {}, plain("home")},
                                {"payment_method", {}, plain(pick(kPaymentMethods, payment))}});
  step("customer.place_order", {{"register_member", {}, flag(subscription && !subscribed_)}});
  step("amazon_buyer.pass_payment_page");
  subscribed_ = subscribed_ || subscription;
  ++checkouts_;
  orders_.emplace_back();
}

void Builder::note(const Intent& i) {
  if (checkouts_ == 0) return;
  OrderSoFar& o = so_far(i.a);
  const bool with_amazon = i.b % 2 == 1;  // the admin's "cancel the Amazon transaction" box
  switch (i.kind) {
    case IntentKind::Reauthorize:
      o.second_charge = true;
      o.charge_settled = false;  // the order's Charge is now the new, Authorized one
      return;
    case IntentKind::ChangeAmount:
    case IntentKind::SellerCentralIncrease:
    case IntentKind::SellerCentralChangeAmount: o.second_charge = true; return;
    case IntentKind::Capture:
    case IntentKind::SellerCentralCapture:
    case IntentKind::SellerCentralCancel:
    case IntentKind::AmazonCancelCharge: o.charge_settled = true; return;
    case IntentKind::CancelOrder:
    case IntentKind::ChangePaymentMethod:
    case IntentKind::PaymentNotRequired:
      if (with_amazon) o.charge_settled = o.permission_closed = true;
      return;
    case IntentKind::SellerCentralClose:
    case IntentKind::AmazonClosePermission: o.permission_closed = true; return;
    default: return;
  }
}

constexpr std::array<long long, 9> kTotals = {0, 1, 2500, 4999, 5000, 5001, 5750, 8000, 10000};
constexpr std::array<long long, 6> kAmounts = {1, 100, 1000, 2500, 5000, 5750};

void Builder::admin(const Intent& i) {
  bool amazon_checkbox = i.b % 2 == 1;
  switch (i.kind) {
    case IntentKind::OpenOrder: return step("admin.open_order", {order(i.a)});
    case IntentKind::Capture: return step("admin.capture", {order(i.a)});
    case IntentKind::Reauthorize: return step("admin.reauthorize", {order(i.a)});
    case IntentKind::ChangeAmount:
      return step("admin.change_amount", {order(i.a), {"total", {}, number(pick(kTotals, i.b))}});
    case IntentKind::CancelOrder:
      return step("admin.cancel_order",
                  {order(i.a), {"cancel_amazon_transaction", {}, flag(amazon_checkbox)}});
    case IntentKind::ChangePaymentMethod:
      return step("admin.change_payment_method", {order(i.a),
                                                  {"to", {}, plain("銀行振込")},
                                                  {"cancel_amazon_transaction", {}, flag(amazon_checkbox)}});
    case IntentKind::PaymentNotRequired:
      return step("admin.set_payment_not_required",
                  {order(i.a), {"cancel_amazon_transaction", {}, flag(amazon_checkbox)}});
    case IntentKind::ToggleAutoLink: return step("admin.update_settings", {{"auto_link", {}, flag(i.b % 2 == 0)}});
    case IntentKind::ToggleMerchantUrl:
      return step("admin.update_settings", {{"merchant_url", {}, flag(i.b % 2 == 0)}});
    case IntentKind::SkipDelivery:
      if (!subscribed_) return step("admin.open_order", {order(i.a)});
      return step("admin.skip_delivery", {{"subscription", {}, text("last")}});
    default: return;
  }
}

void Builder::seller_central(const Intent& i) {
  // Mostly the first Charge: a second exists only after an increase, 再与信 or amount change.
  MapEntry charge{"charge", {}, number(1 + (i.b % 6 == 5 && so_far(i.a).second_charge ? 1 : 0))};
  switch (i.kind) {
    case IntentKind::SellerCentralCapture:
      if (i.c % 2 == 0) return step("seller_central.capture", {order(i.a), charge});
      return step("seller_central.capture", {order(i.a), charge, {"amount", {}, number(pick(kAmounts, i.c / 2))}});
    case IntentKind::SellerCentralRefund:
      return step("seller_central.refund", {order(i.a), charge, {"amount", {}, number(pick(kAmounts, i.c))}});
    case IntentKind::SellerCentralCancel: return step("seller_central.cancel", {order(i.a), charge});
    case IntentKind::SellerCentralIncrease:
      return step("seller_central.increase", {order(i.a),
                                              {"amount", {}, number(pick(kAmounts, i.c))},
                                              {"capture", {}, flag(i.b % 2 == 1)}});
    case IntentKind::SellerCentralChangeAmount:
      return step("seller_central.change_amount",
                  {order(i.a), charge, {"amount", {}, number(pick(kAmounts, i.c))}});
    case IntentKind::SellerCentralClose:
      return step("seller_central.close", {order(i.a), {"cancel_pending_charges", {}, flag(i.b % 2 == 1)}});
    default: return;
  }
}

constexpr std::array<std::string_view, 4> kNonChargeable = {
    "PaymentMethodInvalid", "PaymentMethodDeleted", "PaymentMethodExpired", "MFAFailed"};
constexpr std::array<std::string_view, 4> kChaos = {"delay", "duplicate", "reorder", "drop"};
constexpr std::array<std::string_view, 4> kFaultKinds = {"error", "timeout", "lost", "drop"};
// The deadlines of the rules: the 30 s of asynchronous work, a day, 7 days, 30 days
// (authorization expiry), 13 months (a Recurring permission's expiry), each ± 1 second.
constexpr std::array<std::string_view, 16> kSpans = {
    "1s",  "31s",        "1h",  "23h59m59s", "1d",     "1d1s",      "6d23h59m59s", "7d",
    "7d1s", "29d23h59m59s", "30d", "30d1s",  "13mo",   "2d",        "10d",         "12h"};

void Builder::force(const Intent& i) {
  constexpr std::array<mock_amazon::SimulatedOperation, 3> ops = {
      mock_amazon::SimulatedOperation::CreateCharge, mock_amazon::SimulatedOperation::CaptureCharge,
      mock_amazon::SimulatedOperation::CreateRefund};
  auto op = pick(ops, i.b);
  const auto& codes = mock_amazon::simulation_codes(op);
  if (codes.empty()) return;
  std::string outcome = codes[static_cast<std::size_t>(i.c) % codes.size()];
  std::vector<MapEntry> params = {{"operation", {}, plain(mock_amazon::name(op))}, order(i.a),
                                  {"outcome", {}, plain(outcome)}};
  if (outcome == "AuthorizationInitiated" && i.c % 3 == 1) {
    const auto& declines = mock_amazon::authorization_declines();
    params.push_back({"then", {}, plain(declines[static_cast<std::size_t>(i.c / 3) % declines.size()])});
  }
  step("amazon.force", std::move(params));
}

void Builder::amazon(const Intent& i) {
  switch (i.kind) {
    case IntentKind::AmazonCancelCharge:
      if (so_far(i.a).charge_settled) return step("admin.open_order", {order(i.a)});
      return step("amazon.cancel_charge", {order(i.a)});
    case IntentKind::AmazonNonChargeable:
      if (so_far(i.a).permission_closed) return step("admin.open_order", {order(i.a)});
      return step("amazon.make_non_chargeable", {order(i.a), {"reason", {}, plain(pick(kNonChargeable, i.b))}});
    case IntentKind::AmazonClosePermission:
      if (so_far(i.a).permission_closed) return step("admin.open_order", {order(i.a)});
      return step("amazon.cancel_charge_permission", {order(i.a)});
    case IntentKind::Force: return force(i);
    case IntentKind::NotificationChaos: {
      std::string_view mode = pick(kChaos, i.b);
      std::vector<MapEntry> params = {{"mode", {}, plain(mode)},
                                      {"count", {}, number(mode == "reorder" ? 2 : 1 + i.c % 2)}};
      if (mode == "delay") params.push_back({"delay", {}, plain(i.c % 2 ? "2h" : "1d")});
      return step("amazon.ipn", std::move(params));
    }
    case IntentKind::Fault: {
      std::string_view kind = pick(kFaultKinds, i.b);
      std::vector<MapEntry> params = {{"kind", {}, plain(kind)},
                                      {"count", {}, number(1 + i.c % 2)}};
      if (i.a % 2 == 0) params.insert(params.begin(), {"path", {}, plain("/v2/charges")});
      // Throttling and outages that say when to come back (the shop waits on the clock).
      if (kind == "error" && i.c % 3 != 0) {
        if (i.c % 3 == 1) params.push_back({"reason_code", {}, plain("TooManyRequests")});
        params.push_back({"retry_after", {}, number(1 + i.c / 3 % 5)});
      }
      return step("amazon.fault", std::move(params));
    }
    case IntentKind::Restart: return step("amazon.restart");
    case IntentKind::ClearFaults: return step("amazon.clear_faults");
    case IntentKind::Advance: return step("clock.advance", {{"by", {}, plain(pick(kSpans, i.b))}});
    default: return;
  }
}

void Builder::intent(const Intent& i) {
  render(i);
  note(i);
}

void Builder::render(const Intent& i) {
  switch (i.kind) {
    case IntentKind::Checkout: return checkout(i.a, i.b, i.c);
    case IntentKind::SellerCentralCapture:
    case IntentKind::SellerCentralRefund:
    case IntentKind::SellerCentralCancel:
    case IntentKind::SellerCentralIncrease:
    case IntentKind::SellerCentralChangeAmount:
    case IntentKind::SellerCentralClose: return seller_central(i);
    case IntentKind::AmazonCancelCharge:
    case IntentKind::AmazonNonChargeable:
    case IntentKind::AmazonClosePermission:
    case IntentKind::Force:
    case IntentKind::NotificationChaos:
    case IntentKind::Fault:
    case IntentKind::ClearFaults:
    case IntentKind::Restart:
    case IntentKind::Advance: return amazon(i);
    default: return admin(i);
  }
}

// Faults and chaos end, asynchronous work settles, held and retried notifications arrive,
// and every order is opened (a status read) for the final checks.
void Builder::drain() {
  step("amazon.clear_faults");
  step("amazon.clear_ipn_chaos");
  step("clock.advance", {{"by", {}, plain("31s")}});
  step("clock.advance", {{"by", {}, plain("1d")}});
  for (int n = 0; n < checkouts_; ++n) step("admin.open_order", {order(n)});
}

constexpr std::array<std::string_view, 3> kVariants = {"CC_LIVE", "CC_MIGRATING", "CC_NONE"};

}  // namespace

Value world_document(const WorldCase& world, const std::string& id, const std::string& title,
                     const std::vector<std::string>& rules) {
  Builder b(world);
  b.checkout(0, 0, 0);
  for (const Intent& i : world.intents) b.intent(i);
  b.drain();
  std::vector<Value> rule_values, property_values;
  for (const auto& r : rules) rule_values.push_back(plain(r));
  for (WorldProperty p : world_properties()) property_values.push_back(plain(name(p)));
  std::vector<MapEntry> shop = {
      {"variant", {}, plain(pick(kVariants, world.variant))},
      {"auto_link", {}, flag(world.auto_link)},
      {"merchant_url", {}, flag(world.merchant_url)}};
  return Value::map({{"id", {}, plain(id)},
                     {"title", {}, text(title)},
                     {"rules", {}, Value::list(std::move(rule_values))},
                     {"properties", {}, Value::list(std::move(property_values))},
                     {"shop", {}, Value::map(std::move(shop))},
                     {"steps", {}, Value::list(b.take())}});
}

}  // namespace scenarios
