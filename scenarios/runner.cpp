#include "scenarios/runner.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "core/prng.hpp"
#include "scenarios/matcher.hpp"
#include "shop_model/domain/texts.hpp"
#include "shop_model/shop.hpp"

namespace scenarios {
namespace {

using nlohmann::json;
using shop_model::Page;
using shop_model::ShopResult;

// Bounds the lockstep loop of one clock step (each round runs at least one due event).
constexpr int kMaxClockRounds = 10000;

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string iso(core::Instant t) {
  return core::format_iso(t);
}

struct StepOutcome {
  bool failed = false;
  bool internal = false;  // an exception: the scenario ends as Error, not Failed
  std::string message;
  std::vector<std::string> observations;
};

StepOutcome failure(std::string message) {
  StepOutcome o;
  o.failed = true;
  o.message = std::move(message);
  return o;
}

StepOutcome note(std::string message) {
  StepOutcome o;
  o.message = std::move(message);
  return o;
}

// ---- settings and catalogue from validated YAML

void apply_settings(shop_model::ShopSettings& s, const Value& patch) {
  if (!patch.is_map()) return;
  auto flag = [](const Value& v) { return v.as_bool().value_or(false); };
  for (const MapEntry& e : patch.entries()) {
    const Value& v = e.value;
    if (e.key == "variant") {
      if (auto cc = shop_model::parse_cc_variant(v.text())) s.variant = *cc;
    } else if (e.key == "options") {
      for (const MapEntry& o : v.entries()) {
        if (o.key == "amazon_pay")
          s.option_amazon_pay = flag(o.value);
        else if (o.key == "amazon_pay_recurring")
          s.option_amazon_pay_recurring = flag(o.value);
        else if (o.key == "subscription")
          s.option_subscription = flag(o.value);
        else if (o.key == "store_pickup")
          s.store_pickup_option = flag(o.value);
      }
    } else if (e.key == "auto_link") {
      if (auto b = v.as_bool()) {
        s.auto_link_use = s.auto_link_configure = *b;
      } else {
        if (const Value* use = v.find("use")) s.auto_link_use = flag(*use);
        if (const Value* configure = v.find("configure")) s.auto_link_configure = flag(*configure);
      }
    } else if (e.key == "merchant_url") {
      s.merchant_url_set = flag(v);
    } else if (e.key == "member_registration") {
      s.member_registration = v.text() == "admin_only" ? shop_model::MemberRegistration::AdminOnly
                                                       : shop_model::MemberRegistration::Open;
    } else if (e.key == "multiple_destinations") {
      s.multiple_destinations = flag(v);
    } else if (e.key == "privacy_consent_required") {
      s.privacy_consent_required = flag(v);
    } else if (e.key == "charge_permission_deletion_delay") {
      if (auto d = core::parse_duration(v.text())) s.charge_permission_deletion_delay = *d;
    } else if (e.key == "domain") {
      s.domain = v.text();
    } else if (e.key == "name") {
      s.name = v.text();
    } else if (e.key == "other_payment_methods") {
      s.other_payment_methods.clear();
      for (const Value& m : v.items()) s.other_payment_methods.push_back(m.text());
    }
  }
}

std::vector<shop_model::Product> catalog_of(const Value& products) {
  std::vector<shop_model::Product> out;
  if (!products.is_list()) {
    for (const DefaultProduct& p : default_products())
      out.push_back(shop_model::Product{p.code, p.name, core::Yen{p.price},
                                        *shop_model::parse_product_type(p.type)});
    return out;
  }
  for (const Value& p : products.items()) {
    shop_model::Product product;
    product.code = p.find("code")->text();
    product.name = p.find("name")->text();
    product.price = core::Yen{p.find("price")->as_int().value_or(0)};
    const Value* type = p.find("type");
    product.type = shop_model::parse_product_type(type ? type->text() : "normal")
                       .value_or(shop_model::ProductType::Normal);
    out.push_back(std::move(product));
  }
  return out;
}

// ---- Amazon's JSON, friendly views

json amount_of(const json& price) {
  if (!price.is_object() || !price.contains("amount")) return nullptr;
  const json& a = price.at("amount");
  if (a.is_number_integer()) return a;
  if (!a.is_string()) return nullptr;
  auto yen = core::Yen::parse(a.get<std::string>());
  return yen ? json(yen->value()) : json(nullptr);
}

json field(const json& j, const char* key) {
  return j.is_object() && j.contains(key) ? j.at(key) : json(nullptr);
}

json iso_of_amazon_time(const json& t) {
  if (!t.is_string()) return nullptr;
  auto instant = core::parse_instant(t.get<std::string>());
  return instant ? json(iso(*instant)) : t;
}

json friendly_charge(const json& c) {
  json sd = field(c, "statusDetails");
  json refunded = amount_of(field(c, "refundedAmount"));
  return json{{"state", field(sd, "state")},
              {"reason", field(sd, "reasonCode")},
              {"charge_amount", amount_of(field(c, "chargeAmount"))},
              {"capture_amount", amount_of(field(c, "captureAmount"))},
              {"refunded_amount", refunded.is_null() ? json(0) : refunded}};
}

json friendly_permission(const json& cp) {
  json sd = field(cp, "statusDetails");
  json reasons = json::array();
  for (const json& r : field(sd, "reasons").is_array() ? field(sd, "reasons") : json::array())
    reasons.push_back(field(r, "reasonCode"));
  json limits = field(cp, "limits");
  return json{{"state", field(sd, "state")},
              {"reasons", reasons},
              {"amount_limit", amount_of(field(limits, "amountLimit"))},
              {"amount_balance", amount_of(field(limits, "amountBalance"))},
              {"expires", iso_of_amazon_time(field(cp, "expirationTimestamp"))}};
}

json friendly_session(const json& cs) {
  json sd = field(cs, "statusDetails");
  return json{{"state", field(sd, "state")}, {"reason", field(sd, "reasonCode")}};
}

json member_json(const shop_model::Member& m) {
  auto opt_time = [](const std::optional<core::Instant>& t) {
    return t ? json(iso(*t)) : json(nullptr);
  };
  return json{{"id", m.id},
              {"email", m.email},
              {"name", m.name},
              {"status", m.status == shop_model::MemberStatus::Active ? "active" : "withdrawn"},
              {"amazon_buyer_id", m.amazon_buyer_id ? json(*m.amazon_buyer_id) : json(nullptr)},
              {"has_password", m.has_password},
              {"newsletter", m.newsletter ? json(*m.newsletter) : json(nullptr)},
              {"registered_at", iso(m.registered_at)},
              {"amazon_linked_at", opt_time(m.amazon_linked_at)}};
}

std::string describe_change(const json& c) {
  std::string out =
      fmt::format("{} {} {}: ", field(c, "at").is_string() ? c.at("at").get<std::string>() : "",
                  field(c, "resource").is_string() ? c.at("resource").get<std::string>() : "?",
                  field(c, "id").is_string() ? c.at("id").get<std::string>() : "?");
  if (field(c, "from").is_string()) out += c.at("from").get<std::string>() + " → ";
  out += field(c, "to").is_string() ? c.at("to").get<std::string>() : "?";
  if (field(c, "reason").is_string()) out += " (" + c.at("reason").get<std::string>() + ")";
  return out;
}

std::optional<core::Instant> next_event(const json& clock) {
  json next = field(clock, "nextEventAt");
  if (!next.is_string()) return std::nullopt;
  return core::parse_instant(next.get<std::string>());
}

// "/sandbox/v2/charges/X?y" → "/v2/charges/X": patterns ignore environment and query.
std::string api_path(const std::string& path) {
  std::string p = path.substr(0, path.find('?'));
  for (const char* env : {"/sandbox/", "/live/"}) {
    std::string prefix = env;
    if (p.rfind(prefix, 0) == 0) return p.substr(prefix.size() - 1);
  }
  return p;
}

bool is_control(const reports::HttpExchange& x) {
  return x.path.rfind("/__mock", 0) == 0;
}

bool pattern_matches(const std::string& pattern, const reports::HttpExchange& x) {
  std::string prefix = pattern;
  size_t space = pattern.find(' ');
  if (space != std::string::npos) {
    if (pattern.substr(0, space) != x.method) return false;
    prefix = pattern.substr(space + 1);
  }
  return api_path(x.path).rfind(prefix, 0) == 0;
}

std::string describe_calls(const std::vector<const reports::HttpExchange*>& calls) {
  if (calls.empty()) return "no API call";
  std::string out;
  for (const auto* x : calls)
    out += fmt::format("{}{} {} → {}", out.empty() ? "" : "; ", x->method, api_path(x->path),
                       x->status ? std::to_string(x->status) : x->transport_error);
  return out;
}

// ---------------------------------------------------------------- one scenario

class ScenarioRun {
 public:
  using Handler = StepOutcome (ScenarioRun::*)(const Step&);
  static const std::vector<std::pair<std::string_view, Handler>>& handlers();

  ScenarioRun(const Scenario& scenario, Environment& environment, std::uint64_t seed)
      : s_(scenario), env_(environment), seed_(seed), clock_(scenario.start) {}
  ~ScenarioRun() {
    if (shop_) clock_.remove_schedule(shop_.get());
  }
  ScenarioRun(const ScenarioRun&) = delete;
  ScenarioRun& operator=(const ScenarioRun&) = delete;

  reports::ScenarioResult run();

 private:
  std::string setup();
  Handler handler_for(const std::string& action) const;

  // ---- plumbing
  core::Result<json, std::string> call(const std::string& method, const std::string& path,
                                       const json& body = nullptr);
  core::Result<std::string, std::string> order_number(const std::string& ref);
  core::Result<shop_model::Order, std::string> order_of(const Step& step);
  core::Result<std::string, std::string> charge_id_of(const Step& step);
  core::Result<std::string, std::string> permission_id_of(const Step& step);
  core::Result<std::string, std::string> member_id(const std::string& ref);
  const shop_model::AmazonPageView* amazon_page() const;
  std::string not_on(const std::string& what) const;
  StepOutcome show(Page page);
  StepOutcome show(ShopResult<Page> page);
  StepOutcome show(ShopResult<shop_model::OrderDetailView> detail);
  StepOutcome follow_hosted(core::Result<json, std::string> answer);
  // `mock_clock`: the mock's GET /__mock/clock answer when the caller already has it.
  StepOutcome advance_until(core::Instant target, std::optional<json> mock_clock = std::nullopt);
  StepOutcome expect_json(const Value& expected, const json& actual, const std::string& what);
  StepOutcome expect_text(const Step& step, const std::string& actual, const std::string& noun);
  StepOutcome expect_amazon(const Step& step, const std::string& path,
                            const std::vector<std::string>& friendly_keys,
                            json (*friendly)(const json&));

  // ---- steps
  StepOutcome customer_add_to_cart(const Step& s);
  StepOutcome customer_view_cart(const Step& s);
  StepOutcome customer_select_store_pickup(const Step& s);
  StepOutcome customer_pay_on_this_site(const Step& s);
  StepOutcome customer_place_normal_form_order(const Step& s);
  StepOutcome customer_press_amazon_pay(const Step& s);
  StepOutcome customer_place_order(const Step& s);
  StepOutcome customer_open_url(const Step& s);
  StepOutcome customer_open_order_history(const Step& s);
  StepOutcome customer_log_in(const Step& s);
  StepOutcome customer_log_out(const Step& s);
  StepOutcome buyer_sign_in(const Step& s);
  StepOutcome buyer_pass_payment_page(const Step& s);
  StepOutcome buyer_cancel(const Step& s);
  StepOutcome buyer_update_payment_method(const Step& s);
  StepOutcome amazon_force(const Step& s);
  StepOutcome amazon_fault(const Step& s);
  StepOutcome amazon_clear_faults(const Step& s);
  StepOutcome amazon_make_non_chargeable(const Step& s);
  StepOutcome amazon_cancel_charge(const Step& s);
  StepOutcome amazon_cancel_charge_permission(const Step& s);
  StepOutcome admin_open_order(const Step& s);
  StepOutcome admin_search_orders(const Step& s);
  StepOutcome admin_open_setup_checklist(const Step& s);
  StepOutcome customer_back_to_amazon(const Step& s);
  StepOutcome admin_capture(const Step& s);
  StepOutcome admin_reauthorize(const Step& s);
  StepOutcome admin_change_status(const Step& s);
  StepOutcome admin_cancel_order(const Step& s);
  StepOutcome admin_change_payment_method(const Step& s);
  StepOutcome admin_withdraw_member(const Step& s);
  StepOutcome admin_render_thanks_mail(const Step& s);
  StepOutcome admin_update_settings(const Step& s);
  StepOutcome clock_advance(const Step& s);
  StepOutcome clock_advance_to(const Step& s);
  StepOutcome clock_next(const Step& s);
  StepOutcome expect_screen(const Step& s);
  StepOutcome expect_order(const Step& s);
  StepOutcome expect_error(const Step& s);
  StepOutcome expect_amazon_charge(const Step& s);
  StepOutcome expect_amazon_charge_permission(const Step& s);
  StepOutcome expect_amazon_checkout_session(const Step& s);
  StepOutcome expect_amazon_calls(const Step& s);
  StepOutcome expect_mail(const Step& s);
  StepOutcome expect_member(const Step& s);

  const Scenario& s_;
  Environment& env_;
  std::uint64_t seed_;
  // Declared in dependency order: the shop (last) goes first on destruction.
  core::SimulatedClock clock_;
  std::unique_ptr<core::AmazonPayClient> transport_;
  std::unique_ptr<RecordingClient> client_;
  std::unique_ptr<shop_model::ShopStore> store_;
  std::unique_ptr<shop_model::Shop> shop_;

  std::optional<Page> page_;                           // what the browser shows
  std::string current_error_;                          // the error of the step being run
  std::string last_error_;                             // the error of the previous action step
  std::vector<reports::HttpExchange> last_exchanges_;  // of the previous action step
  std::optional<std::string> mail_;                    // the last rendered thanks mail
  std::string checkout_session_id_;                    // the checkout in progress, as last seen
};

const std::vector<std::pair<std::string_view, ScenarioRun::Handler>>& ScenarioRun::handlers() {
  static const std::vector<std::pair<std::string_view, Handler>> table = {
      {"customer.add_to_cart", &ScenarioRun::customer_add_to_cart},
      {"customer.view_cart", &ScenarioRun::customer_view_cart},
      {"customer.select_store_pickup", &ScenarioRun::customer_select_store_pickup},
      {"customer.pay_on_this_site", &ScenarioRun::customer_pay_on_this_site},
      {"customer.place_normal_form_order", &ScenarioRun::customer_place_normal_form_order},
      {"customer.press_amazon_pay", &ScenarioRun::customer_press_amazon_pay},
      {"customer.place_order", &ScenarioRun::customer_place_order},
      {"customer.open_url", &ScenarioRun::customer_open_url},
      {"customer.open_order_history", &ScenarioRun::customer_open_order_history},
      {"customer.log_in", &ScenarioRun::customer_log_in},
      {"customer.log_out", &ScenarioRun::customer_log_out},
      {"amazon_buyer.sign_in", &ScenarioRun::buyer_sign_in},
      {"amazon_buyer.pass_payment_page", &ScenarioRun::buyer_pass_payment_page},
      {"amazon_buyer.cancel", &ScenarioRun::buyer_cancel},
      {"amazon_buyer.update_payment_method", &ScenarioRun::buyer_update_payment_method},
      {"amazon.force", &ScenarioRun::amazon_force},
      {"amazon.fault", &ScenarioRun::amazon_fault},
      {"amazon.clear_faults", &ScenarioRun::amazon_clear_faults},
      {"amazon.make_non_chargeable", &ScenarioRun::amazon_make_non_chargeable},
      {"amazon.cancel_charge", &ScenarioRun::amazon_cancel_charge},
      {"amazon.cancel_charge_permission", &ScenarioRun::amazon_cancel_charge_permission},
      {"admin.open_order", &ScenarioRun::admin_open_order},
      {"admin.search_orders", &ScenarioRun::admin_search_orders},
      {"admin.open_setup_checklist", &ScenarioRun::admin_open_setup_checklist},
      {"customer.back_to_amazon", &ScenarioRun::customer_back_to_amazon},
      {"admin.capture", &ScenarioRun::admin_capture},
      {"admin.reauthorize", &ScenarioRun::admin_reauthorize},
      {"admin.change_status", &ScenarioRun::admin_change_status},
      {"admin.cancel_order", &ScenarioRun::admin_cancel_order},
      {"admin.change_payment_method", &ScenarioRun::admin_change_payment_method},
      {"admin.withdraw_member", &ScenarioRun::admin_withdraw_member},
      {"admin.render_thanks_mail", &ScenarioRun::admin_render_thanks_mail},
      {"admin.update_settings", &ScenarioRun::admin_update_settings},
      {"clock.advance", &ScenarioRun::clock_advance},
      {"clock.advance_to", &ScenarioRun::clock_advance_to},
      {"clock.next", &ScenarioRun::clock_next},
      {"expect.screen", &ScenarioRun::expect_screen},
      {"expect.order", &ScenarioRun::expect_order},
      {"expect.error", &ScenarioRun::expect_error},
      {"expect.amazon.charge", &ScenarioRun::expect_amazon_charge},
      {"expect.amazon.charge_permission", &ScenarioRun::expect_amazon_charge_permission},
      {"expect.amazon.checkout_session", &ScenarioRun::expect_amazon_checkout_session},
      {"expect.amazon_calls", &ScenarioRun::expect_amazon_calls},
      {"expect.mail", &ScenarioRun::expect_mail},
      {"expect.member", &ScenarioRun::expect_member},
  };
  return table;
}

ScenarioRun::Handler ScenarioRun::handler_for(const std::string& action) const {
  for (const auto& [name, h] : handlers())
    if (name == action) return h;
  return nullptr;
}

std::string ScenarioRun::setup() {
  auto store = shop_model::ShopStore::open(":memory:");
  if (!store) return "cannot open the shop's store: " + store.error();
  store_ = std::move(store).value();
  transport_ = env_.make_client(clock_);
  client_ = std::make_unique<RecordingClient>(*transport_, clock_, env_.wire_mask(),
                                              env_.error_text());
  auto reset = call("POST", "/__mock/reset", json{{"seed", seed_}, {"now", iso(s_.start)}});
  client_->take();  // set-up, not part of any step
  if (!reset) return "cannot reset the mock: " + reset.error();
  shop_model::ShopSettings settings;
  apply_settings(settings, s_.shop);
  shop_ = std::make_unique<shop_model::Shop>(settings, catalog_of(s_.products), *client_, *store_,
                                             clock_, seed_);
  clock_.add_schedule(shop_.get());
  return "";
}

reports::ScenarioResult ScenarioRun::run() {
  auto wall_start = std::chrono::steady_clock::now();
  reports::ScenarioResult r;
  r.id = s_.result_id;
  r.title = s_.title;
  r.file = s_.file;
  r.rules = s_.rules;
  r.assumes = s_.assumes;
  r.variant = s_.binding_text();
  r.transport = env_.transport_name();
  r.seed = seed_;

  std::string setup_error;
  try {
    setup_error = setup();
  } catch (const std::exception& e) {
    setup_error = std::string("internal error during set-up: ") + e.what();
  }
  if (!setup_error.empty()) {
    r.status = reports::ScenarioStatus::Error;
    r.failure = fmt::format("{}:{}: {}", s_.file, s_.mark.line, setup_error);
  }
  bool stopped = !setup_error.empty();
  for (const Step& step : s_.steps) {
    reports::StepRecord rec;
    rec.index = step.index;
    rec.location = fmt::format("{}:{}", s_.file, step.mark.line);
    rec.action = step.action;
    rec.text = step.text;
    if (stopped) {
      rec.status = reports::StepStatus::NotRun;
      r.steps.push_back(std::move(rec));
      continue;
    }
    rec.sim_time = iso(clock_.now());
    current_error_.clear();
    StepOutcome o;
    try {
      Handler h = handler_for(step.action);
      o = h ? (this->*h)(step) : failure("the runner has no handler for " + step.action);
    } catch (const std::exception& e) {
      o = failure(std::string("internal error: ") + e.what());
      o.internal = true;
    }
    rec.exchanges = client_->take();
    for (const reports::HttpExchange& x : rec.exchanges) {
      // The checkout in progress: the session the shop created last.
      if (x.method == "POST" && api_path(x.path) == "/v2/checkoutSessions" && x.status / 100 == 2) {
        json body = json::parse(x.response_body, nullptr, false);
        if (field(body, "checkoutSessionId").is_string())
          checkout_session_id_ = body.at("checkoutSessionId").get<std::string>();
      }
    }
    if (!step.spec->is_expect()) {
      last_error_ = current_error_;
      last_exchanges_ = rec.exchanges;
    }
    rec.status = o.failed ? reports::StepStatus::Failed : reports::StepStatus::Passed;
    rec.message = o.message;
    rec.observations = std::move(o.observations);
    if (o.failed) {
      stopped = true;
      r.status = o.internal ? reports::ScenarioStatus::Error : reports::ScenarioStatus::Failed;
      r.failure = fmt::format("{}: {}: {}", rec.location, step.action, o.message);
    }
    r.steps.push_back(std::move(rec));
  }
  r.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
          .count();
  return r;
}

// ---------------------------------------------------------------- plumbing

core::Result<json, std::string> ScenarioRun::call(const std::string& method,
                                                  const std::string& path, const json& body) {
  core::HttpRequest req;
  req.method = method;
  req.path = path;
  if (!body.is_null()) req.body = dump(body);
  auto res = client_->send(req);
  if (!res) return core::fail("no answer from Amazon (" + res.error() + ")");
  json j = json::parse(res->body, nullptr, false);
  if (res->status / 100 != 2) {
    json reason = field(j, "reasonCode"), message = field(j, "message");
    return core::fail(fmt::format("Amazon answered {} {}: {}", res->status,
                                  reason.is_string() ? reason.get<std::string>() : "",
                                  message.is_string() ? message.get<std::string>() : res->body));
  }
  if (j.is_discarded()) return core::fail("Amazon's answer is not JSON: " + res->body);
  return j;
}

core::Result<std::string, std::string> ScenarioRun::order_number(const std::string& ref) {
  std::vector<std::string> numbers = shop_->order_numbers();
  if (ref == "last") {
    if (numbers.empty())
      return core::fail(std::string("order \"last\": the shop has no order yet"));
    return numbers.back();
  }
  if (ref.size() > 1 && ref[0] == '#') {
    size_t n = std::stoul(ref.substr(1));
    if (n > numbers.size())
      return core::fail(fmt::format(
          "order {} does not exist: this scenario has created {} order(s)", ref, numbers.size()));
    return numbers[n - 1];
  }
  return ref;
}

core::Result<shop_model::Order, std::string> ScenarioRun::order_of(const Step& step) {
  auto number = order_number(step.params.str("order"));
  if (!number) return core::fail(number.error());
  auto order = shop_->order(*number);
  if (!order) return core::fail("the shop has no order " + *number);
  return *order;
}

core::Result<std::string, std::string> ScenarioRun::charge_id_of(const Step& step) {
  auto order = order_of(step);
  if (!order) return core::fail(order.error());
  auto n = static_cast<size_t>(step.params.integer("charge", 1));
  if (n > order->charges.size())
    return core::fail(
        fmt::format("order {} has {} charge(s), not #{}", order->number, order->charges.size(), n));
  const std::string& id = order->charges[n - 1].charge_id;
  if (id.empty())
    return core::fail(
        fmt::format("charge #{} of order {} has no id (Amazon refused to create it: {})", n,
                    order->number, order->charges[n - 1].amazon_reason));
  return id;
}

core::Result<std::string, std::string> ScenarioRun::permission_id_of(const Step& step) {
  auto order = order_of(step);
  if (!order) return core::fail(order.error());
  if (order->charge_permission_id.empty())
    return core::fail("order " + order->number + " has no Charge Permission");
  return order->charge_permission_id;
}

core::Result<std::string, std::string> ScenarioRun::member_id(const std::string& ref) {
  if (ref != "last" && (ref.empty() || ref[0] != '#')) return ref;
  std::vector<std::string> ids = store_->member_ids();
  if (ref == "last") {
    if (ids.empty()) return core::fail(std::string("member \"last\": the shop has no member yet"));
    return ids.back();
  }
  size_t n = std::stoul(ref.substr(1));
  if (n > ids.size())
    return core::fail(
        fmt::format("member {} does not exist: the shop has {} member(s)", ref, ids.size()));
  return ids[n - 1];
}

const shop_model::AmazonPageView* ScenarioRun::amazon_page() const {
  return page_ ? std::get_if<shop_model::AmazonPageView>(&page_->screen) : nullptr;
}

std::string ScenarioRun::not_on(const std::string& what) const {
  if (!page_) return "the browser is not on " + what + " (it has not opened any page)";
  return fmt::format("the browser is not on {} (it shows {} {})", what,
                     shop_model::screen_name(page_->screen), page_->url);
}

StepOutcome ScenarioRun::show(Page page) {
  json j = shop_model::to_json(page);
  json error = field(j, "error");
  if (error.is_string()) current_error_ = error.get<std::string>();
  StepOutcome o = note(fmt::format("{} {}", shop_model::screen_name(page.screen), page.url));
  if (!current_error_.empty()) o.message += " — error: " + current_error_;
  o.observations.push_back("page: " + dump(j));
  if (const auto* a = std::get_if<shop_model::AmazonPageView>(&page.screen))
    checkout_session_id_ = a->checkout_session_id;
  page_ = std::move(page);
  return o;
}

StepOutcome ScenarioRun::show(ShopResult<Page> page) {
  if (!page) {
    current_error_ = page.error();
    return note("error: " + page.error());
  }
  return show(std::move(page).value());
}

StepOutcome ScenarioRun::show(ShopResult<shop_model::OrderDetailView> detail) {
  if (!detail) {
    current_error_ = detail.error();
    return note("error: " + detail.error());
  }
  const auto& d = *detail;
  current_error_ = d.error;
  StepOutcome o =
      note(fmt::format("受注 {}: 与信ステータス {}, 受注ステータス {}, 入金状況 {}", d.order_number,
                       d.authorization_status.empty() ? "—" : d.authorization_status,
                       d.order_status, d.payment_status));
  if (!d.error.empty()) o.message += " — error: " + d.error;
  o.observations.push_back("order: " + dump(shop_model::to_json(d)));
  return o;
}

StepOutcome ScenarioRun::follow_hosted(core::Result<json, std::string> answer) {
  if (!answer) {
    // Amazon's page refused (e.g. the session is no longer open): the browser stays.
    current_error_ = answer.error();
    return note("Amazon refused: " + answer.error() + " (the browser stays)");
  }
  json redirect = field(*answer, "redirectUrl"), outcome = field(*answer, "outcome");
  if (!redirect.is_string())
    return failure("Amazon's hosted page gave no redirectUrl: " + dump(*answer));
  StepOutcome o = show(shop_->navigate(redirect.get<std::string>()));
  o.message = fmt::format("Amazon: {}; then {}",
                          outcome.is_string() ? outcome.get<std::string>() : "?", o.message);
  return o;
}

StepOutcome ScenarioRun::advance_until(core::Instant target, std::optional<json> mock_clock) {
  StepOutcome o;
  if (!mock_clock) {
    auto clock = call("GET", "/__mock/clock");
    if (!clock) return failure("cannot read the mock's clock: " + clock.error());
    mock_clock = *clock;
  }
  std::optional<core::Instant> mock_next = next_event(*mock_clock);
  // Lockstep: never let one side pass work the other has due, so both see events in time order.
  for (int round = 0; round < kMaxClockRounds; ++round) {
    core::Instant t = target;
    std::optional<core::Instant> shop_next = shop_->next_due();
    if (shop_next && *shop_next < t) t = *shop_next;
    if (mock_next && *mock_next < t) t = *mock_next;
    if (t < clock_.now()) t = clock_.now();
    auto moved = call("POST", "/__mock/clock/advance", json{{"to", iso(t)}});
    if (!moved) return failure("the mock's clock did not move: " + moved.error());
    mock_next = next_event(*moved);
    json changes = field(*moved, "changes");
    if (changes.is_array())
      for (const json& c : changes) o.observations.push_back("amazon: " + describe_change(c));
    clock_.advance_to(t);
    shop_next = shop_->next_due();
    bool pending = (shop_next && *shop_next <= target) || (mock_next && *mock_next <= target);
    if (t >= target && !pending) {
      o.message = "now " + iso(clock_.now());
      return o;
    }
  }
  return failure(fmt::format("the clock did not settle before {} after {} rounds", iso(target),
                             kMaxClockRounds));
}

StepOutcome ScenarioRun::expect_json(const Value& expected, const json& actual,
                                     const std::string& what) {
  if (auto m = match(expected, actual))
    return failure(*m + "\nactual " + what + ": " + dump(actual));
  StepOutcome o = note("matched");
  o.observations.push_back(what + ": " + dump(actual));
  return o;
}

StepOutcome ScenarioRun::expect_text(const Step& step, const std::string& actual,
                                     const std::string& noun) {
  auto shown = [&] { return actual.empty() ? "no " + noun : fmt::format("\"{}\"", actual); };
  if (step.params.has("contains")) {
    std::string want = step.params.str("contains");
    if (!actual.empty() && actual.find(want) != std::string::npos)
      return note(fmt::format("{} contains \"{}\"", noun, want));
    return failure(fmt::format("expected the {} to contain \"{}\", got {}", noun, want, shown()));
  }
  std::string want = step.params.str("equals");
  if (actual == want)
    return note(want.empty() ? "no " + noun : fmt::format("{} is \"{}\"", noun, want));
  return failure(fmt::format("expected {}, got {}",
                             want.empty() ? "no " + noun : fmt::format("the {} \"{}\"", noun, want),
                             shown()));
}

StepOutcome ScenarioRun::expect_amazon(const Step& step, const std::string& path,
                                       const std::vector<std::string>& friendly_keys,
                                       json (*friendly)(const json&)) {
  auto got = call("GET", path);
  if (!got) return failure(got.error());
  std::vector<MapEntry> wanted;
  for (const MapEntry& e : step.params.entries()) {
    if (std::find(friendly_keys.begin(), friendly_keys.end(), e.key) == friendly_keys.end())
      continue;
    MapEntry w = e;
    // Instants compare as instants, whatever offset the scenario wrote.
    if (e.key == "expires" && e.value.is_scalar())
      if (auto t = core::parse_instant(e.value.text()))
        w.value = Value::scalar(iso(*t), true, e.value.mark());
    wanted.push_back(std::move(w));
  }
  json view = friendly(*got);
  if (auto m = match(Value::map(wanted), view))
    return failure(*m + "\nactual: " + dump(view) + "\nAmazon's JSON: " + dump(*got));
  if (const Value* raw = step.params.get("match"))
    if (auto m = match(*raw, *got, "match")) return failure(*m + "\nAmazon's JSON: " + dump(*got));
  StepOutcome o = note("matched " + dump(view));
  o.observations.push_back("amazon: " + dump(*got));
  return o;
}

// ---------------------------------------------------------------- customer

StepOutcome ScenarioRun::customer_add_to_cart(const Step& s) {
  return show(shop_->add_to_cart(s.params.str("product"),
                                 static_cast<int>(s.params.integer("quantity", 1))));
}
StepOutcome ScenarioRun::customer_view_cart(const Step&) {
  return show(shop_->view_cart());
}
StepOutcome ScenarioRun::customer_select_store_pickup(const Step& s) {
  return show(shop_->select_store_pickup(s.params.boolean("selected", true)));
}
StepOutcome ScenarioRun::customer_pay_on_this_site(const Step&) {
  return show(shop_->pay_on_this_site());
}
StepOutcome ScenarioRun::customer_place_normal_form_order(const Step& s) {
  return show(shop_->place_normal_form_order(s.params.str("payment_method")));
}
StepOutcome ScenarioRun::customer_press_amazon_pay(const Step&) {
  return show(shop_->press_amazon_pay());
}

StepOutcome ScenarioRun::customer_place_order(const Step& s) {
  shop_model::PlaceOrderInput in;
  in.privacy_consent = s.params.boolean("privacy_consent", true);
  in.register_member = s.params.boolean("register_member", false);
  if (s.params.has("newsletter")) in.newsletter = s.params.boolean("newsletter");
  in.delivery_note = s.params.str("delivery_note");
  in.extra_delivery_addresses = static_cast<int>(s.params.integer("extra_delivery_addresses", 0));
  in.store_pickup = s.params.boolean("store_pickup", false);
  return show(shop_->place_order(in));
}

StepOutcome ScenarioRun::customer_back_to_amazon(const Step&) {
  return show(shop_->back_to_amazon());
}
StepOutcome ScenarioRun::admin_search_orders(const Step& s) {
  return show(shop_->search_orders(s.params.str("order_status"), s.params.str("authorization_status")));
}
StepOutcome ScenarioRun::admin_open_setup_checklist(const Step&) {
  return show(shop_->setup_checklist());
}

StepOutcome ScenarioRun::customer_open_url(const Step& s) {
  return show(shop_->navigate(s.params.str("url")));
}

StepOutcome ScenarioRun::customer_open_order_history(const Step& s) {
  auto number = order_number(s.params.str("order"));
  if (!number) return failure(number.error());
  std::string url(shop_model::texts::kOrderHistoryUrlTemplate);
  auto replace = [&](std::string_view from, const std::string& to) {
    if (size_t at = url.find(from); at != std::string::npos) url.replace(at, from.size(), to);
  };
  replace("{@domain}", shop_->settings().domain);
  replace("$REQNUM$", *number);
  return show(shop_->navigate(url));
}

StepOutcome ScenarioRun::customer_log_in(const Step& s) {
  auto id = member_id(s.params.str("member"));
  if (!id) return failure(id.error());
  return show(shop_->log_in(*id));
}
StepOutcome ScenarioRun::customer_log_out(const Step&) {
  return show(shop_->log_out());
}

// ---------------------------------------------------------------- buyer at Amazon

StepOutcome ScenarioRun::buyer_sign_in(const Step& s) {
  const auto* page = amazon_page();
  if (!page || page->page != "sign-in") return failure(not_on("Amazon's sign-in page"));
  return follow_hosted(call("POST",
                            "/__mock/checkout-sessions/" + page->checkout_session_id + "/sign-in",
                            json{{"buyer", s.params.str("buyer")},
                                 {"address", s.params.str("address")},
                                 {"paymentMethod", s.params.str("payment_method")}}));
}

StepOutcome ScenarioRun::buyer_pass_payment_page(const Step&) {
  const auto* page = amazon_page();
  if (!page || page->page != "payment") return failure(not_on("Amazon's payment page"));
  return follow_hosted(
      call("POST", "/__mock/checkout-sessions/" + page->checkout_session_id + "/payment-page"));
}

StepOutcome ScenarioRun::buyer_cancel(const Step&) {
  const auto* page = amazon_page();
  if (!page) return failure(not_on("an Amazon page"));
  return follow_hosted(
      call("POST", "/__mock/checkout-sessions/" + page->checkout_session_id + "/cancel"));
}

StepOutcome ScenarioRun::buyer_update_payment_method(const Step& s) {
  auto cp = permission_id_of(s);
  if (!cp) return failure(cp.error());
  auto answer = call("POST", "/__mock/charge-permissions/" + *cp + "/buyer-update-payment-method",
                     json{{"paymentMethod", s.params.str("payment_method")}});
  if (!answer) {
    current_error_ = answer.error();
    return note("Amazon refused: " + answer.error());
  }
  StepOutcome o = note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
  return o;
}

// ---------------------------------------------------------------- Amazon's side

StepOutcome ScenarioRun::amazon_force(const Step& s) {
  std::string op = s.params.str("operation");
  json body{{"operation", op}, {"outcome", s.params.str("outcome")}};
  if (s.params.has("then")) body["then"] = s.params.str("then");
  // The object the outcome is for: the order's charge, checkout session or Charge Permission.
  auto object_of_order = [&]() -> core::Result<std::string, std::string> {
    if (op == "CaptureCharge" || op == "CreateRefund") return charge_id_of(s);
    if (op != "CompleteCheckoutSession") return permission_id_of(s);
    auto order = order_of(s);
    if (!order) return core::fail(order.error());
    return order->checkout_session_id;
  };
  std::string object;
  if (s.params.has("order")) {
    auto id = object_of_order();
    if (!id) return failure(id.error());
    object = *id;
  } else if (op == "CompleteCheckoutSession") {
    object = checkout_session_id_;
  }
  if (!object.empty()) body["objectId"] = object;
  auto answer = call("POST", "/__mock/force", body);
  if (!answer) return failure(answer.error());
  return note(fmt::format("queued {} → {} for {}", op, s.params.str("outcome"),
                          object.empty() ? "any object" : object));
}

StepOutcome ScenarioRun::amazon_fault(const Step& s) {
  json body{{"kind", s.params.str("kind", "error")}, {"count", s.params.integer("count", 1)}};
  if (s.params.has("path")) body["path"] = s.params.str("path");
  if (s.params.has("method")) body["method"] = s.params.str("method");
  if (s.params.has("reason_code")) body["reasonCode"] = s.params.str("reason_code");
  if (s.params.has("status")) body["status"] = s.params.integer("status");
  auto answer = call("POST", "/__mock/faults", body);
  if (!answer) return failure(answer.error());
  return note("fault armed: " + dump(*answer));
}

StepOutcome ScenarioRun::amazon_clear_faults(const Step&) {
  auto answer = call("DELETE", "/__mock/faults");
  if (!answer) return failure(answer.error());
  return note("faults cleared");
}

StepOutcome ScenarioRun::amazon_make_non_chargeable(const Step& s) {
  auto cp = permission_id_of(s);
  if (!cp) return failure(cp.error());
  auto answer = call("POST", "/__mock/charge-permissions/" + *cp + "/non-chargeable",
                     json{{"reason", s.params.str("reason")}});
  if (!answer) return failure(answer.error());
  return note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
}

StepOutcome ScenarioRun::amazon_cancel_charge(const Step& s) {
  auto id = charge_id_of(s);
  if (!id) return failure(id.error());
  auto answer = call("POST", "/__mock/charges/" + *id + "/amazon-cancel");
  if (!answer) return failure(answer.error());
  return note("Charge " + *id + ": " + dump(friendly_charge(*answer)));
}

StepOutcome ScenarioRun::amazon_cancel_charge_permission(const Step& s) {
  auto cp = permission_id_of(s);
  if (!cp) return failure(cp.error());
  auto answer = call("POST", "/__mock/charge-permissions/" + *cp + "/amazon-cancel");
  if (!answer) return failure(answer.error());
  return note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
}

// ---------------------------------------------------------------- admin

StepOutcome ScenarioRun::admin_open_order(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->open_order(*n)) : failure(n.error());
}
StepOutcome ScenarioRun::admin_capture(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->capture(*n)) : failure(n.error());
}
StepOutcome ScenarioRun::admin_reauthorize(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->reauthorize(*n)) : failure(n.error());
}
StepOutcome ScenarioRun::admin_change_status(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->change_status(*n, s.params.str("status"))) : failure(n.error());
}
StepOutcome ScenarioRun::admin_cancel_order(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->cancel_order(*n, s.params.boolean("cancel_amazon_transaction")))
           : failure(n.error());
}
StepOutcome ScenarioRun::admin_change_payment_method(const Step& s) {
  auto n = order_number(s.params.str("order"));
  return n ? show(shop_->change_payment_method(*n, s.params.str("to"),
                                               s.params.boolean("cancel_amazon_transaction")))
           : failure(n.error());
}

StepOutcome ScenarioRun::admin_withdraw_member(const Step& s) {
  auto id = member_id(s.params.str("member"));
  if (!id) return failure(id.error());
  auto member = shop_->withdraw_member(*id);
  if (!member) {
    current_error_ = member.error();
    return note("error: " + member.error());
  }
  StepOutcome o = note("member " + member->id + " withdrawn");
  o.observations.push_back("member: " + dump(member_json(*member)));
  return o;
}

StepOutcome ScenarioRun::admin_render_thanks_mail(const Step& s) {
  auto n = order_number(s.params.str("order"));
  if (!n) return failure(n.error());
  auto mail = shop_->render_thanks_mail(*n, s.params.str("template"));
  if (!mail) {
    current_error_ = mail.error();
    return note("error: " + mail.error());
  }
  mail_ = *mail;
  StepOutcome o = note(fmt::format("mail rendered ({} bytes)", mail->size()));
  o.observations.push_back("mail: " + *mail);
  return o;
}

StepOutcome ScenarioRun::admin_update_settings(const Step& s) {
  apply_settings(shop_->mutable_settings(), Value::map(s.params.entries()));
  return note("settings updated: " + Value::map(s.params.entries()).to_flow());
}

// ---------------------------------------------------------------- clock

StepOutcome ScenarioRun::clock_advance(const Step& s) {
  auto span = core::parse_time_span(s.params.str("by"));
  if (!span) return failure("not a time span: " + s.params.str("by"));
  return advance_until(span->after(clock_.now()));
}

StepOutcome ScenarioRun::clock_advance_to(const Step& s) {
  auto to = core::parse_instant(s.params.str("to"));
  if (!to) return failure("not a timestamp: " + s.params.str("to"));
  if (*to < clock_.now())
    return failure(fmt::format("the simulated clock never moves backwards (now {}, asked for {})",
                               iso(clock_.now()), iso(*to)));
  return advance_until(*to);
}

StepOutcome ScenarioRun::clock_next(const Step&) {
  auto clock = call("GET", "/__mock/clock");
  if (!clock) return failure("cannot read the mock's clock: " + clock.error());
  std::optional<core::Instant> next = next_event(*clock);
  if (auto shop_next = shop_->next_due(); shop_next && (!next || *shop_next < *next))
    next = shop_next;
  if (!next) return failure("nothing is scheduled at Amazon or in the shop");
  return advance_until(std::max(*next, clock_.now()), *clock);
}

// ---------------------------------------------------------------- expectations

StepOutcome ScenarioRun::expect_screen(const Step& s) {
  if (!page_) return failure("the browser has not opened any page yet");
  std::vector<MapEntry> wanted;
  if (const Value* screen = s.params.get("screen"))
    wanted.push_back(MapEntry{"screen", {}, *screen});
  wanted.insert(wanted.end(), s.fields.begin(), s.fields.end());
  return expect_json(Value::map(wanted), shop_model::to_json(*page_), "page");
}

StepOutcome ScenarioRun::expect_order(const Step& s) {
  auto n = order_number(s.params.str("order"));
  if (!n) return failure(n.error());
  auto detail = shop_->order_detail(*n);
  if (!detail) return failure("no order detail for " + *n + ": " + detail.error());
  return expect_json(Value::map(s.fields), shop_model::to_json(*detail), "order");
}

StepOutcome ScenarioRun::expect_error(const Step& s) {
  return expect_text(s, last_error_, "error");
}

StepOutcome ScenarioRun::expect_amazon_charge(const Step& s) {
  auto id = charge_id_of(s);
  if (!id) return failure(id.error());
  return expect_amazon(s, "/v2/charges/" + *id,
                       {"state", "reason", "charge_amount", "capture_amount", "refunded_amount"},
                       &friendly_charge);
}

StepOutcome ScenarioRun::expect_amazon_charge_permission(const Step& s) {
  auto cp = permission_id_of(s);
  if (!cp) return failure(cp.error());
  return expect_amazon(s, "/v2/chargePermissions/" + *cp,
                       {"state", "reasons", "amount_limit", "amount_balance", "expires"},
                       &friendly_permission);
}

StepOutcome ScenarioRun::expect_amazon_checkout_session(const Step& s) {
  std::string id = checkout_session_id_;
  if (s.params.has("order")) {
    auto order = order_of(s);
    if (!order) return failure(order.error());
    id = order->checkout_session_id;
  }
  if (id.empty()) return failure("no checkout session: the shop has not created one yet");
  return expect_amazon(s, "/v2/checkoutSessions/" + id, {"state", "reason"}, &friendly_session);
}

StepOutcome ScenarioRun::expect_amazon_calls(const Step& s) {
  std::vector<const reports::HttpExchange*> calls;
  for (const auto& x : last_exchanges_)
    if (!is_control(x)) calls.push_back(&x);
  if (s.params.has("count") && static_cast<std::int64_t>(calls.size()) != s.params.integer("count"))
    return failure(fmt::format("expected {} Amazon API call(s), got {}: {}",
                               s.params.integer("count"), calls.size(), describe_calls(calls)));
  for (const std::string& p : s.params.strings("none_matching"))
    for (const auto* x : calls)
      if (pattern_matches(p, *x))
        return failure(fmt::format("expected no call matching \"{}\", got {} {}; all calls: {}", p,
                                   x->method, api_path(x->path), describe_calls(calls)));
  for (const std::string& p : s.params.strings("some_matching")) {
    bool found = std::any_of(calls.begin(), calls.end(),
                             [&](const auto* x) { return pattern_matches(p, *x); });
    if (!found)
      return failure(
          fmt::format("expected a call matching \"{}\", got {}", p, describe_calls(calls)));
  }
  return note(describe_calls(calls));
}

StepOutcome ScenarioRun::expect_mail(const Step& s) {
  if (!mail_) return failure("no thanks mail has been rendered (use admin.render_thanks_mail)");
  return expect_text(s, *mail_, "mail");
}

StepOutcome ScenarioRun::expect_member(const Step& s) {
  auto id = member_id(s.params.str("member"));
  if (!id) return failure(id.error());
  auto member = shop_->member(*id);
  if (!member) return failure("the shop has no member " + *id);
  return expect_json(Value::map(s.fields), member_json(*member), "member");
}

}  // namespace

reports::ScenarioResult Runner::run(const Scenario& scenario) {
  std::uint64_t seed = core::derive_seed(run_seed_, scenario.result_id);
  ScenarioRun run(scenario, environment_, seed);
  return run.run();
}

core::Result<std::vector<reports::StateMachineView>, std::string> Runner::state_machines() {
  core::SimulatedClock clock(*core::parse_instant(kDefaultStart));
  auto client = environment_.make_client(clock);
  core::HttpRequest req;
  req.method = "GET";
  req.path = "/__mock/state-machines";
  auto res = client->send(req);
  if (!res) return core::fail("cannot read the mock's state machines: " + res.error());
  json j = json::parse(res->body, nullptr, false);
  if (res->status != 200 || !field(j, "stateMachines").is_array())
    return core::fail("cannot read the mock's state machines: HTTP " + std::to_string(res->status));
  auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
  std::vector<reports::StateMachineView> out;
  for (const json& m : j.at("stateMachines")) {
    reports::StateMachineView v;
    v.resource = text(field(m, "resource"));
    for (const json& s : field(m, "states").is_array() ? m.at("states") : json::array())
      v.states.push_back(text(s));
    for (const json& row : field(m, "rows").is_array() ? m.at("rows") : json::array()) {
      reports::StateMachineView::Row r;
      r.from = text(field(row, "from"));
      r.trigger = text(field(row, "trigger"));
      r.to = text(field(row, "to"));
      for (const json& reason :
           field(row, "reasons").is_array() ? row.at("reasons") : json::array())
        r.reasons.push_back(text(reason));
      r.description = text(field(row, "description"));
      v.rows.push_back(std::move(r));
    }
    v.denied_reason = text(field(m, "denied"));
    out.push_back(std::move(v));
  }
  return out;
}

bool has_handler(std::string_view action) {
  for (const auto& [name, h] : ScenarioRun::handlers())
    if (name == action) return true;
  return false;
}

}  // namespace scenarios
