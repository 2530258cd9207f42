#include "property_tests/order_world.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "mock_amazon/control/hosted_checkout.hpp"
#include "mock_amazon/domain/limits.hpp"
#include "shop_model/domain/messages.hpp"

namespace property_tests {
namespace {

using nlohmann::json;
using shop_model::AmazonTransaction;

const std::string kOrder = "1001";
const std::string kEndpoint = "http://shop.example/amazon-pay/ipn";
constexpr int kMaxClockRounds = 400;
// See check_step: a Seller Central refund still pending whose notification had not reached
// the shop is invisible to it (Amazon's Get Charge shows settled refunds only, and there is
// no call listing a Charge's refunds); such cases are not held against the shop.
constexpr bool kUnnotifiedPendingRefundInvisible = true;

std::optional<json> body_of(const mock_amazon::control::Answer& a) {
  if (!a.ok() || a.value().status < 200 || a.value().status >= 300) return std::nullopt;
  json j = json::parse(a.value().body, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// "200 Captured" or "409 InvalidChargeStatus": what a Seller Central action answered.
std::string answered(const mock_amazon::control::Answer& a) {
  if (!a.ok()) return "transport error " + a.error();
  json j = json::parse(a.value().body, nullptr, false);
  std::string what;
  if (j.is_object() && j.contains("statusDetails")) what = j["statusDetails"].value("state", "");
  if (j.is_object() && j.contains("reasonCode")) what = j.value("reasonCode", "");
  return std::to_string(a.value().status) + (what.empty() ? "" : " " + what);
}

Yen amount_of(const json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_object()) return Yen{0};
  return Yen::parse(j[field].value("amount", "0")).value_or(Yen{-1});
}

std::string state_of(const json& j) {
  return j.contains("statusDetails") ? j["statusDetails"].value("state", "") : "";
}

Yen scaled(Yen amount, int permille) {
  return Yen{amount.value() * permille / 1000};
}

bool in_flight(const json& n) {
  std::string s = n.value("state", "");
  return s == "pending" || s == "held" || s == "delivering";
}

}  // namespace

std::map<std::string, int>& order_events() {
  static std::map<std::string, int> counts;
  return counts;
}

OrderWorld::OrderWorld(Instant start, std::uint64_t seed, Yen price, OrderFlaw flaw)
    : flaw_(flaw), clock_(start), delivery_time_(start) {
  mock_amazon::MockOptions o;
  o.verify_signatures = false;
  o.start = start;
  o.seed = seed;
  mock_ = std::move(mock_amazon::Mock::open(o)).value();
  client_ = std::make_unique<mock_amazon::InProcessClient>(*mock_);
  control_ = std::make_unique<mock_amazon::control::ControlClient>(*client_);
  mock_->set_notification_sender(
      [this](const std::string&,
             const core::HttpRequest& r) -> core::Result<core::HttpResponse, std::string> {
        return deliver(r);
      });
  store_ = std::move(shop_model::ShopStore::open(":memory:")).value();
  shop_model::ShopSettings settings;
  settings.merchant_url_set = true;  // 自動連携 is on by default
  std::vector<shop_model::Product> catalog = {
      {"item", "商品", price, shop_model::ProductType::Normal}};
  shop_ = std::make_unique<shop_model::Shop>(settings, catalog, *client_, *store_, clock_, seed);
  clock_.add_schedule(shop_.get());
  if (!body_of(control_->set_notification_endpoint(kEndpoint, true))) {
    setup_error_ = "cannot register the shop's notification endpoint";
    return;
  }

  // Cart → Amazon → the shop's review page → Amazon's payment page → ご注文完了.
  if (!shop_->add_to_cart("item", 1).ok()) {
    setup_error_ = "cannot add to cart";
    return;
  }
  shop_model::Page last = shop_->press_amazon_pay();
  auto* amazon_page = std::get_if<shop_model::AmazonPageView>(&last.screen);
  if (amazon_page == nullptr) {
    setup_error_ = "the Amazon Pay button did not lead to Amazon";
    return;
  }
  const std::string session = amazon_page->checkout_session_id;  // `last` changes below
  auto review = [&](const core::HttpResponse& signed_in) -> std::string {
    last = shop_->navigate(mock_amazon::control::redirect_url(signed_in));
    auto* screen = std::get_if<shop_model::AmazonPayOrderView>(&last.screen);
    if (screen == nullptr || !screen->can_place_order) return "unusable review screen";
    last = shop_->place_order({});
    if (!std::holds_alternative<shop_model::AmazonPageView>(last.screen)) return "no payment page";
    return "";
  };
  auto walk = mock_amazon::control::walk_hosted_pages(*control_, session,
                                                      {"taro", "home", "card-1111"}, review);
  if (!walk.reached_result_page()) {
    setup_error_ =
        "the hosted pages stopped before the result page: sign-in " + answered(walk.signed_in) +
        ", payment page " +
        (walk.payment_page.ok() ? walk.payment_page.value().body : walk.payment_page.error());
    return;
  }
  shop_->navigate(mock_amazon::control::redirect_url(walk.payment_page.value()));
  auto placed = shop_->order(kOrder);
  if (!placed || placed->charge_permission_id.empty()) {
    setup_error_ = "no Amazon Pay order after checkout";
    return;
  }
  permission_id_ = placed->charge_permission_id;
  end_step("checkout " + price.display());
}

OrderWorld::~OrderWorld() {
  if (shop_) clock_.remove_schedule(shop_.get());
}

// ---------------------------------------------------------------- plumbing

shop_model::Order OrderWorld::order() {
  return shop_->order(kOrder).value();
}

core::HttpResponse OrderWorld::deliver(const core::HttpRequest& request) {
  if (clock_.now() < delivery_time_) clock_.advance_to(delivery_time_);
  core::HttpResponse answer = shop_->receive_notification(request);
  ++order_events()["notification answered " + std::to_string(answer.status)];
  if (answer.status < 200 || answer.status >= 300)
    delivery_errors_.push_back("the shop answered a notification " + std::to_string(answer.status) +
                               ": " + answer.body);
  return answer;
}

std::string OrderWorld::advance_to(Instant target) {
  for (int round = 0; round < kMaxClockRounds; ++round) {
    Instant t = target;
    std::optional<Instant> mock_next;
    if (auto clock = body_of(control_->clock()); clock && (*clock)["nextEventAt"].is_string())
      mock_next = core::parse_instant((*clock)["nextEventAt"].get<std::string>());
    if (auto s = shop_->next_due(); s && *s < t) t = *s;
    if (mock_next && *mock_next < t) t = *mock_next;
    if (t < clock_.now()) t = clock_.now();
    delivery_time_ = t;
    if (!body_of(control_->advance_to(t))) return "the mock's clock did not move";
    clock_.advance_to(t);
    if (t < target) continue;
    auto shop_next = shop_->next_due();
    auto clock = body_of(control_->clock());
    bool mock_due = clock && (*clock)["nextEventAt"].is_string() &&
                    core::parse_instant((*clock)["nextEventAt"].get<std::string>()) <= target;
    if (!(shop_next && *shop_next <= target) && !mock_due) return "";
  }
  return "the clock did not settle";
}

std::string OrderWorld::shop_answer(const shop_model::ShopResult<shop_model::OrderDetailView>& r) {
  if (!r.ok()) return "refused: " + r.error();
  std::string shown = r->authorization_status.empty() ? r->order_status : r->authorization_status;
  return shown + (r->error.empty() ? "" : " (error: " + r->error + ")");
}

AmazonSide OrderWorld::amazon() {
  AmazonSide side;
  auto objects = body_of(control_->objects());
  if (!objects) return side;
  for (const json& p : (*objects)["chargePermissions"])
    if (p.value("chargePermissionId", "") == permission_id_) side.permission_state = state_of(p);
  for (const json& c : (*objects)["charges"])
    if (c.value("chargePermissionId", "") == permission_id_)
      side.charges.push_back(
          AmazonCharge{c.value("chargeId", ""), state_of(c), amount_of(c, "chargeAmount"),
                       amount_of(c, "captureAmount"), amount_of(c, "refundedAmount")});
  for (const json& f : (*objects)["refunds"]) {
    std::string charge = f.value("chargeId", "");
    if (std::any_of(side.charges.begin(), side.charges.end(),
                    [&](const AmazonCharge& c) { return c.id == charge; }))
      side.refunds.push_back(
          AmazonRefund{f.value("refundId", ""), charge, state_of(f), amount_of(f, "refundAmount")});
  }
  return side;
}

std::optional<AmazonCharge> OrderWorld::picked(int pick, AmazonSide& side,
                                               const std::string& prefer) {
  if (side.charges.empty()) return std::nullopt;
  // Mostly a Charge in the state the action needs (odd picks), sometimes any (even picks).
  std::vector<AmazonCharge> good;
  for (const auto& c : side.charges)
    if (c.state == prefer) good.push_back(c);
  const auto& from = good.empty() || pick % 2 == 0 ? side.charges : good;
  return from[static_cast<size_t>(pick / 2) % from.size()];
}

void OrderWorld::end_step(const std::string& line) {
  std::string text = line;
  for (std::string& e : delivery_errors_) text += "\n    " + e;
  delivery_errors_.clear();
  log_.push_back(std::to_string(step_) + ". " + text);
  // When each of the shop's refunds first appeared, and when each Seller Central refund
  // was first seen settled.
  AmazonSide side = amazon();
  for (const auto& f : side.refunds)
    if (f.state == "Refunded" &&
        std::find(sc_refund_ids_.begin(), sc_refund_ids_.end(), f.id) != sc_refund_ids_.end())
      sc_refund_settled_at_.emplace(f.charge_id, step_);
  shop_model::Order o = order();
  for (const auto& c : o.charges) {
    if (!c.seller_central_refunds.empty()) sc_refund_known_at_.emplace(c.charge_id, step_);
    if (c.role == shop_model::ChargeRole::SellerCentral &&
        known_sc_charges_.insert(c.charge_id).second)
      ++order_events()["Seller Central Charge learned from a notification"];
    for (const auto& r : c.refunds) {
      if (!shop_refund_seen_at_.emplace(r.refund_id, step_).second) continue;
      ++order_events()["futureshop refunded a Charge"];
      for (const auto& f : side.refunds)
        if (f.charge_id == c.charge_id && f.state == "RefundInitiated" &&
            std::find(sc_refund_ids_.begin(), sc_refund_ids_.end(), f.id) != sc_refund_ids_.end())
          ++order_events()
              ["futureshop refunded a Charge with a Seller Central refund pending"];
    }
  }
  if (o.last_error.find(shop_model::messages::kPartialRefundPrefix) != std::string::npos &&
      line.find(shop_model::messages::kPartialRefundPrefix) != std::string::npos)
    ++order_events()["futureshop left a Charge to Seller Central (REF-001/003)"];
  ++step_;
}

std::string OrderWorld::log() const {
  std::ostringstream out;
  for (const auto& l : log_) out << "  " << l << "\n";
  return out.str();
}

// ---------------------------------------------------------------- futureshop

std::string OrderWorld::capture() {
  return "入金処理 → " + shop_answer(shop_->capture(kOrder));
}

std::string OrderWorld::reauthorize() {
  return "再与信 → " + shop_answer(shop_->reauthorize(kOrder));
}

std::string OrderWorld::change_amount(int permille) {
  Yen to = scaled(order().total, permille);
  return "金額変更 to " + to.display() + " → " +
         shop_answer(shop_->change_amount(
             kOrder, shop_model::AmountChange{shop_model::AmountChangeKind::OrderAmount, to}));
}

std::string OrderWorld::cancel_order(bool amazon_checkbox) {
  auto t = amazon_checkbox ? AmazonTransaction::Cancel : AmazonTransaction::Keep;
  return "キャンセル → " + shop_answer(shop_->cancel_order(kOrder, t));
}

std::string OrderWorld::change_payment_method(bool amazon_checkbox) {
  auto t = amazon_checkbox ? AmazonTransaction::Cancel : AmazonTransaction::Keep;
  return "決済方法の変更 → " + shop_answer(shop_->change_payment_method(
                                   kOrder, shop_model::PaymentMethod::BankTransfer, t));
}

std::string OrderWorld::set_payment_not_required(bool amazon_checkbox) {
  auto t = amazon_checkbox ? AmazonTransaction::Cancel : AmazonTransaction::Keep;
  return "決済不要 (total " + order().total.display() + ") → " +
         shop_answer(shop_->set_payment_not_required(kOrder, t));
}

std::string OrderWorld::open_order() {
  return "受注詳細 → " + shop_answer(shop_->open_order(kOrder));
}

// ---------------------------------------------------------------- Seller Central

std::string OrderWorld::sc_capture(int pick, int permille) {
  AmazonSide side = amazon();
  auto c = picked(pick, side, "Authorized");
  if (!c) return "SC capture: no charge";
  std::optional<Yen> amount;
  if (permille > 0) amount = std::max(Yen{1}, scaled(c->amount, permille));
  return "SC capture " + c->id.substr(c->id.size() - 3) + " " +
         (amount ? amount->display() : "full") + " → " +
         answered(control_->seller_central_capture(c->id, amount));
}

std::string OrderWorld::sc_refund(int pick, int permille) {
  AmazonSide side = amazon();
  auto c = picked(pick, side, "Captured");
  if (!c) return "SC refund: no charge";
  Yen taken{0};
  for (const auto& f : side.refunds)
    if (f.charge_id == c->id && f.state != "Declined") taken += f.amount;
  Yen room = mock_amazon::limits::refund_ceiling(c->captured) - taken;
  Yen amount = std::max(Yen{1}, scaled(room, permille));
  auto a = control_->seller_central_refund(c->id, amount);
  if (auto j = body_of(a); j && j->contains("refundId")) {
    sc_refund_ids_.push_back((*j)["refundId"].get<std::string>());
    sc_refund_accepted_at_.emplace(c->id, step_);
  }
  return "SC refund " + c->id.substr(c->id.size() - 3) + " " + amount.display() + " of room " +
         room.display() + " → " + answered(a);
}

std::string OrderWorld::sc_cancel(int pick) {
  AmazonSide side = amazon();
  auto c = picked(pick, side, "Authorized");
  if (!c) return "SC cancel: no charge";
  return "SC cancel " + c->id.substr(c->id.size() - 3) + " → " +
         answered(control_->seller_central_cancel(c->id));
}

std::string OrderWorld::sc_change_amount(int pick, int permille) {
  AmazonSide side = amazon();
  auto c = picked(pick, side, "Authorized");
  if (!c) return "SC change amount: no charge";
  Yen to = std::max(Yen{1}, scaled(c->amount, permille));
  return "SC change amount " + c->id.substr(c->id.size() - 3) + " to " + to.display() + " → " +
         answered(control_->seller_central_change_amount(c->id, to));
}

std::string OrderWorld::sc_close(bool cancel_pending) {
  return std::string("SC close") + (cancel_pending ? " (cancel pending charges)" : "") + " → " +
         answered(control_->seller_central_close(permission_id_, cancel_pending));
}

std::string OrderWorld::sc_increase(Yen amount, bool capture) {
  return "SC increase " + amount.display() + (capture ? " +capture" : "") + " → " +
         answered(control_->seller_central_increase(permission_id_, amount, capture));
}

// ---------------------------------------------------------------- notifications and time

std::string OrderWorld::chaos(const std::string& mode, int count, std::optional<Duration> delay) {
  if (mode == "drop") drop_chaos_used_ = true;
  std::optional<std::string> span;
  if (delay) span = core::format_duration(*delay);
  auto a = control_->notification_chaos(
      mode, count, span ? std::optional<std::string_view>(*span) : std::nullopt);
  return "chaos " + mode + " ×" + std::to_string(count) + (span ? " " + *span : "") + " → " +
         answered(a);
}

std::string OrderWorld::advance(Duration by) {
  trouble_ = advance_to(clock_.now() + by);
  return "advance " + core::format_duration(by) + (trouble_.empty() ? "" : " → " + trouble_);
}

std::string OrderWorld::drain() {
  std::string out = drain_notifications();
  return trouble_.empty() ? out + ", " + open_order() : out + " → " + trouble_;
}

std::string OrderWorld::drain_notifications() {
  std::string out = "drain";
  if (!body_of(control_->clear_notification_chaos())) return trouble(out, "cannot clear chaos");
  // Asynchronous captures and refunds settle 30 s after they start.
  if (auto e = advance_to(clock_.now() + Duration{31}); !e.empty()) return trouble(out, e);
  for (int round = 0;; ++round) {
    auto journal = body_of(control_->notifications());
    if (!journal) return trouble(out, "cannot read the journal");
    std::optional<Instant> due;
    bool pending = false;
    for (const json& n : (*journal)["notifications"]) {
      if (!in_flight(n)) continue;
      pending = true;
      if (n["dueAt"].is_string()) {
        auto d = core::parse_instant(n["dueAt"].get<std::string>());
        if (d && (!due || *d < *due)) due = d;
      }
    }
    if (!pending) return out;
    if (round >= 60) return trouble(out, "notifications still pending after 60 rounds");
    Instant to = due && *due > clock_.now() ? *due : clock_.now() + Duration{1};
    if (auto e = advance_to(to); !e.empty()) return trouble(out, e);
  }
}

std::string OrderWorld::trouble(const std::string& out, const std::string& why) {
  trouble_ = why;
  return out;
}

// ---------------------------------------------------------------- checks

std::string OrderWorld::check_step() {
  std::ostringstream bad;
  if (!trouble_.empty()) bad << "the world itself failed: " << std::exchange(trouble_, "") << "\n";
  AmazonSide side = amazon();
  // Amazon's allowance: settled + pending refunds ≤ captured + min(15 %, ¥8,400).
  for (const auto& c : side.charges) {
    Yen taken{0};
    for (const auto& f : side.refunds)
      if (f.charge_id == c.id && (f.state == "Refunded" || f.state == "RefundInitiated"))
        taken += f.amount;
    if (taken > mock_amazon::limits::refund_ceiling(c.captured))
      bad << "Charge " << c.id << ": refunds " << taken.display() << " exceed the allowance of "
          << mock_amazon::limits::refund_ceiling(c.captured).display() << " (captured "
          << c.captured.display() << ")\n";
  }
  // Nothing refunded twice: futureshop refunds a Charge at most once, and knows each
  // Charge and each Refund once.
  shop_model::Order o = order();
  std::map<std::string, int> charges, refunds;
  for (const auto& c : o.charges) {
    if (!c.charge_id.empty() && ++charges[c.charge_id] == 2)
      bad << "the shop holds Charge " << c.charge_id << " twice\n";
    if (c.refunds.size() > 1)
      bad << "the shop refunded Charge " << c.charge_id << " " << c.refunds.size() << " times\n";
    for (const auto& r : c.refunds) {
      if (++refunds[r.refund_id] == 2) bad << "the shop holds Refund " << r.refund_id << " twice\n";
      // REF-001/003: a Charge Seller Central had refunded part of is not refunded by futureshop.
      auto seen = shop_refund_seen_at_.find(r.refund_id);
      int first = seen == shop_refund_seen_at_.end() ? step_ : seen->second;
      auto accepted = sc_refund_accepted_at_.find(c.charge_id);
      if (accepted == sc_refund_accepted_at_.end() || accepted->second >= first) continue;
      auto settled = sc_refund_settled_at_.find(c.charge_id);
      bool pending_then = settled == sc_refund_settled_at_.end() || settled->second >= first;
      // kUnnotifiedPendingRefundInvisible: a pending Seller Central refund is known only from
      // its notification; before that reached the shop nothing at Amazon shows it.
      auto known = sc_refund_known_at_.find(c.charge_id);
      bool shop_knew = known != sc_refund_known_at_.end() && known->second < first;
      if (kUnnotifiedPendingRefundInvisible && pending_then && !shop_knew) {
        ++order_events()["not held against the shop: a pending Seller Central refund not yet notified"];
        continue;
      }
      bad << "futureshop refunded Charge " << c.charge_id << " (step " << first
          << ") after Seller Central had refunded part of it (step " << accepted->second << ")\n";
    }
  }
  return bad.str();
}

std::string OrderWorld::check_drained() {
  std::ostringstream bad;
  AmazonSide side = amazon();
  shop_model::Order o = order();
  for (const auto& c : side.charges) {
    auto mine =
        std::find_if(o.charges.begin(), o.charges.end(),
                     [&](const shop_model::ChargeRecord& r) { return r.charge_id == c.id; });
    if (mine == o.charges.end()) {
      // A Charge created in Seller Central is learned from its notification only: when one
      // may have been dropped, the shop cannot be expected to know it.
      if (!drop_chaos_used_)
        bad << "Amazon's Charge " << c.id << " (" << c.state << ", " << c.amount.display()
            << ") is unknown to the shop\n";
      continue;
    }
    Yen settled{0}, own{0};
    for (const auto& f : side.refunds) {
      if (f.charge_id != c.id || f.state != "Refunded") continue;
      settled += f.amount;
      bool shops =
          std::any_of(mine->refunds.begin(), mine->refunds.end(),
                      [&](const shop_model::RefundRecord& r) { return r.refund_id == f.id; });
      if (shops) own += f.amount;
    }
    Yen expected_refunded = flaw_ == OrderFlaw::SellerCentralRefundsInvisible ? own : settled;
    if (mine->amazon_captured != c.captured || mine->amazon_refunded != expected_refunded)
      bad << "Charge " << c.id << ": the shop shows captured " << mine->amazon_captured.display()
          << ", refunded " << mine->amazon_refunded.display() << "; Amazon has captured "
          << c.captured.display() << ", refunded " << expected_refunded.display()
          << " (refundedAmount " << c.refunded.display() << ", " << c.state << ")\n";
    for (const auto& r : mine->refunds) {
      auto at = std::find_if(side.refunds.begin(), side.refunds.end(),
                             [&](const AmazonRefund& f) { return f.id == r.refund_id; });
      std::string theirs = at == side.refunds.end() ? "(none)" : at->state;
      if (std::string(shop_model::name(r.amazon_state)) != theirs)
        bad << "Refund " << r.refund_id << ": the shop shows " << shop_model::name(r.amazon_state)
            << ", Amazon has " << theirs << "\n";
    }
  }
  return bad.str();
}

}  // namespace property_tests
