#include "scenarios/properties.hpp"

#include <algorithm>
#include <array>

#include <fmt/core.h>

#include "core/amazon_objects.hpp"
#include "mock_amazon/domain/limits.hpp"
#include "scenarios/steps/context.hpp"
#include "shop_model/domain/rules.hpp"

namespace scenarios {
namespace {

using nlohmann::json;

struct PropertyRow {
  WorldProperty property;
  std::string_view name;
  std::vector<std::string> rules;
};

const std::array<PropertyRow, 3>& property_table() {
  static const std::array<PropertyRow, 3> rows = {{
      {WorldProperty::AuthorizationStatus, "authorization_status",
       {"AUTHST-000", "AUTHST-002", "AUTHST-003", "AUTHST-015"}},
      {WorldProperty::Money, "money", {"REF-002", "SYNC-005"}},
      {WorldProperty::ForbiddenCalls, "forbidden_calls", {"SYNC-003", "FLOW-003"}},
  }};
  return rows;
}

const json& list_of(const json& objects, const char* key) {
  static const json empty = json::array();
  auto it = objects.find(key);
  return it != objects.end() && it->is_array() ? *it : empty;
}

core::Yen yen(const json& object, const char* key) {
  return core::amazon::price(object, key).value_or(core::Yen{0});
}

std::string state_of(const json& object) {
  return core::amazon::read_status(object).state.value_or("");
}

// Over HTTP the shop's paths carry the environment ("/sandbox/v2/…"); in-process they do not.
bool is_api(const reports::HttpExchange& x) { return api_path(x.path).rfind("/v2/", 0) == 0; }
bool answered_ok(const reports::HttpExchange& x) { return x.status >= 200 && x.status < 300; }

// "/v2/charges/S01-…/capture" → "S01-…"; "" when the path is not /v2/<kind>/<id>/<verb>.
std::string id_in(const std::string& wire_path, std::string_view kind, std::string_view verb) {
  std::string path = api_path(wire_path);
  std::string prefix = fmt::format("/v2/{}/", kind);
  if (path.rfind(prefix, 0) != 0) return "";
  std::string rest = path.substr(prefix.size());
  std::string suffix = "/" + std::string(verb);
  if (rest.size() <= suffix.size() || rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  return rest.substr(0, rest.size() - suffix.size());
}

const json* find_by(const json& list, const char* key, const std::string& id) {
  for (const json& o : list)
    if (core::amazon::text(o, key) == id) return &o;
  return nullptr;
}

bool opened_order(const Step& step, const reports::StepRecord& rec) {
  return step.action == "admin.open_order" && rec.status == reports::StepStatus::Passed;
}

}  // namespace

std::string_view name(WorldProperty property) {
  for (const auto& row : property_table())
    if (row.property == property) return row.name;
  return "?";
}

std::optional<WorldProperty> parse_world_property(std::string_view text) {
  for (const auto& row : property_table())
    if (row.name == text) return row.property;
  return std::nullopt;
}

std::span<const WorldProperty> world_properties() {
  static const std::vector<WorldProperty> all = [] {
    std::vector<WorldProperty> out;
    for (const auto& row : property_table()) out.push_back(row.property);
    return out;
  }();
  return all;
}

std::vector<std::string> rules_checked(WorldProperty property) {
  for (const auto& row : property_table())
    if (row.property == property) return row.rules;
  return {};
}

WorldChecker::WorldChecker(std::vector<WorldProperty> properties, PropertyFlaw flaw)
    : properties_(std::move(properties)), flaw_(flaw) {}

bool WorldChecker::on(WorldProperty p) const {
  return std::find(properties_.begin(), properties_.end(), p) != properties_.end();
}

std::string WorldChecker::check(ScenarioContext& c, const Step& step,
                                const reports::StepRecord& rec) {
  auto objects = c.quietly([](auto& control) { return control.objects(); });
  if (!objects) return "the mock's objects cannot be read: " + objects.error();
  objects_ = std::move(*objects);
  // Without the merchant URL Amazon's notifications go nowhere, and none is sent again later.
  if (!c.shop().settings().merchant_url_set) notification_lost_ = true;
  std::string out;
  if (on(WorldProperty::ForbiddenCalls)) out = forbidden_calls(c, step, rec);
  note_step(step, rec);
  if (out.empty() && on(WorldProperty::Money)) out = money(c, opened_order(step, rec) ? &step : nullptr);
  if (out.empty() && on(WorldProperty::AuthorizationStatus) && opened_order(step, rec))
    out = authorization_status(c, step);
  return out;
}

// What the step did that later checks depend on: faults and chaos armed, captures and
// refunds the shop sent.
void WorldChecker::note_step(const Step& step, const reports::StepRecord& rec) {
  if (step.action == "amazon.fault") fault_armed_ = true;
  if (step.action == "amazon.clear_faults") fault_armed_ = false;
  if (step.action == "amazon.ipn" && step.params.str("mode") == "drop") notification_lost_ = true;
  for (const auto& x : rec.exchanges) {
    if (!is_api(x)) continue;
    if (std::string id = id_in(x.path, "charges", "capture"); !id.empty() && x.method == "POST") {
      capture_sent_.insert(id);
      if (answered_ok(x)) capture_refused_.erase(id);
      else if (x.status >= 400) capture_refused_.insert(id);
    }
    if (x.method == "POST" && api_path(x.path) == "/v2/refunds" && answered_ok(x)) {
      json body = json::parse(x.response_body, nullptr, false);
      if (body.is_object()) shop_refunds_.insert(core::amazon::text(body, "refundId"));
    }
    if (std::string id = id_in(x.path, "chargePermissions", "close"); !id.empty() && answered_ok(x))
      closed_permissions_.insert(id);
  }
}

// The labels the seed's table allows for one Charge, from Amazon's objects and what the shop
// asked of Amazon (rules.md decisions 3 and 7; AUTHST-002..012).
std::vector<std::string> WorldChecker::expected_labels(const json& charge) const {
  std::string id = core::amazon::text(charge, "chargeId");
  const json* last_refund = nullptr;
  for (const json& r : list_of(objects_, "refunds"))
    if (core::amazon::text(r, "chargeId") == id && shop_refunds_.count(core::amazon::text(r, "refundId")))
      last_refund = &r;
  if (last_refund) {
    std::string s = state_of(*last_refund);
    if (s == "RefundInitiated") return {"返金中"};
    if (s == "Refunded") return {"返金済"};
    return {"返金却下"};
  }
  auto status = core::amazon::read_status(charge);
  std::string state = status.state.value_or("");
  if (state == "AuthorizationInitiated") return {"承認中"};
  if (state == "Authorized") {
    if (capture_refused_.count(id)) return {"請求却下"};
    return {"承認済"};
  }
  if (state == "CaptureInitiated") return {"請求中"};
  if (state == "Captured") return {"請求済", "請求完了"};
  if (state == "Declined") return {capture_sent_.count(id) ? "請求却下" : "承認失敗"};
  if (state == "Canceled") {
    if (status.reason_code == "ExpiredUnused")
      return {flaw_ == PropertyFlaw::ExpiryIgnored ? "承認済" : "承認完了"};
    return {"承認取消済"};
  }
  return {"(unknown Amazon state " + state + ")"};
}

std::string WorldChecker::authorization_status(ScenarioContext& c, const Step& step) {
  if (!c.shop().settings().auto_link() || fault_armed_) return "";
  std::string ref = step.params.str("order");
  auto order = c.order(ref);
  if (!order) return "";
  for (const auto& record : order->charges) {
    if (record.charge_id.empty()) continue;
    const json* charge = find_by(list_of(objects_, "charges"), "chargeId", record.charge_id);
    if (!charge) return fmt::format("authorization_status: order {}: Amazon has no Charge {}", ref, record.charge_id);
    ++tally_.charge_labels;
    std::string shown(shop_model::name(shop_model::authorization_status(record)));
    auto allowed = expected_labels(*charge);
    if (std::find(allowed.begin(), allowed.end(), shown) != allowed.end()) continue;
    auto status = core::amazon::read_status(*charge);
    std::string expected;
    for (const auto& label : allowed) expected += (expected.empty() ? "" : " or ") + label;
    return fmt::format("authorization_status: order {} Charge {}: 受注詳細 shows {}, but Amazon's "
                       "Charge is {}{} → {}",
                       ref, record.charge_id, shown, status.state.value_or("?"),
                       status.reason_code ? "/" + *status.reason_code : "", expected);
  }
  return "";
}

// Nothing is in flight: no fault armed and no notification pending, held or being delivered.
bool WorldChecker::settled(ScenarioContext& c) {
  if (fault_armed_) return false;
  auto journal = c.quietly([](auto& control) { return control.notifications(); });
  if (!journal) return false;
  for (const json& n : list_of(*journal, "notifications")) {
    std::string s = core::amazon::text(n, "state");
    if (s == "pending" || s == "held" || s == "delivering") return false;
  }
  return true;
}

std::string WorldChecker::money(ScenarioContext& c, const Step* opened) {
  for (const json& charge : list_of(objects_, "charges")) {
    std::string id = core::amazon::text(charge, "chargeId");
    core::Yen authorized = yen(charge, "chargeAmount"), captured = yen(charge, "captureAmount");
    if (captured > authorized)
      return fmt::format("money: Charge {} captured {} of {} authorized", id, captured.display(),
                         authorized.display());
    core::Yen refunds{0};
    for (const json& r : list_of(objects_, "refunds")) {
      std::string s = state_of(r);
      if (core::amazon::text(r, "chargeId") == id && (s == "Refunded" || s == "RefundInitiated"))
        refunds += yen(r, "refundAmount");
    }
    if (refunds > mock_amazon::limits::refund_ceiling(captured))
      return fmt::format("money: Charge {} refunds {} exceed captured {} + Amazon's allowance", id,
                         refunds.display(), captured.display());
  }
  if (!opened || !c.shop().settings().auto_link() || !settled(c)) return "";
  std::string ref = opened->params.str("order");
  auto order = c.order(ref);
  if (!order || order->charge_permission_id.empty()) return "";
  return money_of_order(*order, ref);
}

std::string WorldChecker::money_of_order(const shop_model::Order& order,
                                         const std::string& ref) {
  ++tally_.settled_orders;
  for (const json& charge : list_of(objects_, "charges")) {
    if (core::amazon::text(charge, "chargePermissionId") != order.charge_permission_id) continue;
    std::string id = core::amazon::text(charge, "chargeId");
    auto mine = std::find_if(order.charges.begin(), order.charges.end(),
                             [&](const auto& r) { return r.charge_id == id; });
    if (mine == order.charges.end()) {
      // A Charge made in Seller Central is learned from its notification only. A Recurring
      // permission's Charges belong to the subscription's later orders, and one made there in
      // Seller Central belongs to none the shop could know (shop_model README, decision 4).
      bool subscription = order.type == shop_model::OrderType::Subscription;
      if (notification_lost_ || subscription) continue;
      return fmt::format("money: order {}: Amazon's Charge {} ({}) is unknown to the shop", ref, id,
                         state_of(charge));
    }
    core::Yen settled_refunds{0};
    for (const json& r : list_of(objects_, "refunds"))
      if (core::amazon::text(r, "chargeId") == id && state_of(r) == "Refunded")
        settled_refunds += yen(r, "refundAmount");
    core::Yen captured = yen(charge, "captureAmount");
    if (mine->amazon_captured != captured || mine->amazon_refunded != settled_refunds)
      return fmt::format("money: order {} Charge {}: 受注詳細 shows captured {}, refunded {}; Amazon "
                         "holds captured {}, refunded {} ({})",
                         ref, id, mine->amazon_captured.display(), mine->amazon_refunded.display(),
                         captured.display(), settled_refunds.display(), state_of(charge));
  }
  return "";
}

std::string WorldChecker::forbidden_calls(ScenarioContext& c, const Step& step,
                                          const reports::StepRecord& rec) {
  bool admin = step.action.rfind("admin.", 0) == 0 && step.action != "admin.update_settings";
  for (const auto& x : rec.exchanges) {
    if (!is_api(x)) continue;
    ++tally_.api_calls;
    if (admin && !c.shop().settings().auto_link())
      return fmt::format("forbidden_calls: {} with 自動連携 off sent {} {}", step.action, x.method, x.path);
    // A closed permission takes no new Charge (RSV-007/008: the shop deleted it); refunds of
    // its captured Charges and reads stay allowed, as at Amazon.
    if (x.method == "POST" && api_path(x.path) == "/v2/charges")
      for (const std::string& p : closed_permissions_)
        if (x.request_body.find(p) != std::string::npos)
          return fmt::format("forbidden_calls: Create Charge at {} on Charge Permission {}, which "
                             "the shop had closed",
                             x.sim_time, p);
    std::string id = id_in(x.path, "charges", "capture");
    if (id.empty() || x.method != "POST") continue;
    const json* charge = find_by(list_of(objects_, "charges"), "chargeId", id);
    auto expires = charge ? core::parse_instant(core::amazon::text(*charge, "expirationTimestamp"))
                          : std::nullopt;
    auto sent = core::parse_instant(x.sim_time);
    if (expires && sent && *sent >= *expires)
      return fmt::format("forbidden_calls: 入金処理 of Charge {} sent at {}, after its authorization "
                         "expired at {}",
                         id, x.sim_time, core::format_iso(*expires));
  }
  return "";
}

}  // namespace scenarios
