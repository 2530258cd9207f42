#include "scenarios/steps/context.hpp"

#include <algorithm>
#include <utility>

#include <fmt/core.h>

#include "core/amazon_objects.hpp"
#include "core/prng.hpp"
#include "scenarios/matcher.hpp"
#include "scenarios/settings.hpp"

namespace scenarios {
namespace {

using shop_model::Page;

// Bounds the lockstep loop of one clock step (each round runs at least one due event).
constexpr int kMaxClockRounds = 10000;

std::string iso(core::Instant t) { return core::format_iso(t); }

std::optional<core::Instant> next_event(const json& clock) {
  json next = field(clock, "nextEventAt");
  if (!next.is_string()) return std::nullopt;
  return core::parse_instant(next.get<std::string>());
}

// Amazon's values as scenarios read them: absent is null.
json yen_or_null(const std::optional<core::Yen>& y) { return y ? json(y->value()) : json(nullptr); }
json text_or_null(const std::optional<std::string>& t) { return t ? json(*t) : json(nullptr); }

json iso_of_amazon_time(const std::optional<std::string>& t) {
  if (!t) return nullptr;
  auto instant = core::parse_instant(*t);
  return instant ? json(iso(*instant)) : json(*t);
}

}  // namespace

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

// ---------------------------------------------------------------- JSON as scenarios read it

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json field(const json& j, const char* key) {
  return j.is_object() && j.contains(key) ? j.at(key) : json(nullptr);
}

json friendly_charge(const json& c) {
  core::amazon::Charge charge = core::amazon::read_charge(c);
  return json{{"state", text_or_null(charge.status.state)},
              {"reason", text_or_null(charge.status.reason_code)},
              {"charge_amount", yen_or_null(charge.charge_amount)},
              {"capture_amount", yen_or_null(charge.capture_amount)},
              {"refunded_amount", charge.refunded_amount ? charge.refunded_amount->value() : 0}};
}

json friendly_permission(const json& cp) {
  core::amazon::ChargePermission permission = core::amazon::read_charge_permission(cp);
  return json{{"state", text_or_null(permission.status.state)},
              {"reasons", permission.status.reasons},
              {"amount_limit", yen_or_null(permission.amount_limit)},
              {"amount_balance", yen_or_null(permission.amount_balance)},
              {"expires", iso_of_amazon_time(permission.expiration_timestamp)}};
}

json friendly_session(const json& cs) {
  core::amazon::Status status = core::amazon::read_status(cs);
  return json{{"state", text_or_null(status.state)}, {"reason", text_or_null(status.reason_code)}};
}

json member_json(const shop_model::Member& m) {
  auto opt_time = [](const std::optional<core::Instant>& t) {
    return t ? json(iso(*t)) : json(nullptr);
  };
  json fields = json::object();  // every 顧客登録項目 by name, "" when empty
  for (shop_model::CustomerField f : shop_model::customer_fields()) {
    auto value = m.extra_fields.find(f);
    fields[std::string(name(f))] = value == m.extra_fields.end() ? "" : value->second;
  }
  return json{{"id", m.id},
              {"email", m.email},
              {"name", m.name},
              {"status", m.status == shop_model::MemberStatus::Active ? "active" : "withdrawn"},
              {"amazon_buyer_id", m.amazon_buyer_id ? json(*m.amazon_buyer_id) : json(nullptr)},
              {"has_password", m.has_password},
              {"newsletter", m.newsletter ? json(*m.newsletter) : json(nullptr)},
              {"registered_at", iso(m.registered_at)},
              {"amazon_linked_at", opt_time(m.amazon_linked_at)},
              {"fields", fields},
              {"points", m.points}};
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

std::string api_path(const std::string& path) {
  std::string p = path.substr(0, path.find('?'));
  for (const char* env : {"/sandbox/", "/live/"}) {
    std::string prefix = env;
    if (p.rfind(prefix, 0) == 0) return p.substr(prefix.size() - 1);
  }
  return p;
}

// ---------------------------------------------------------------- life cycle

class ScenarioContext::ShopWaiter final : public shop_model::Waiter {
 public:
  explicit ShopWaiter(ScenarioContext& c) : c_(c) {}
  void wait(core::Duration d) override {
    std::vector<std::string>& out = c_.wait_observations_;
    if (c_.moving_) {
      // Called by work the clock is running (a due job, a delivered notification): time cannot
      // move inside that instant, so the next attempt goes at once.
      out.push_back(
          fmt::format("the shop's wait of {} passed no time: the clock is already "
                      "moving (due work at {})",
                      core::format_duration(d), iso(c_.clock_.now())));
      return;
    }
    StepOutcome moved = c_.advance_until(c_.clock_.now() + d);
    out.push_back(fmt::format("the shop waited {} before trying again: {}",
                              core::format_duration(d), moved.message));
    for (std::string& o : moved.observations) out.push_back(std::move(o));
  }

 private:
  ScenarioContext& c_;
};

std::vector<std::string> ScenarioContext::take_wait_observations() {
  return std::exchange(wait_observations_, {});
}

ScenarioContext::ScenarioContext(const Scenario& scenario, Environment& environment,
                                 std::uint64_t seed)
    : s_(scenario), env_(environment), seed_(seed), clock_(scenario.start) {}

ScenarioContext::~ScenarioContext() {
  env_.set_notification_receiver(nullptr);
  if (shop_) clock_.remove_schedule(shop_.get());
}

std::string ScenarioContext::setup() {
  auto store = shop_model::ShopStore::open(":memory:");
  if (!store) return "cannot open the shop's store: " + store.error();
  store_ = std::move(store).value();
  transport_ = env_.make_client(clock_);
  client_ = std::make_unique<RecordingClient>(*transport_, clock_, env_.wire_mask(),
                                              env_.error_text());
  clock_transport_ = env_.make_client(clock_);
  clock_client_ = std::make_unique<RecordingClient>(*clock_transport_, clock_, env_.wire_mask(),
                                                    env_.error_text());
  auto reset = json_answer(control().reset(seed_, s_.start));
  client_->take();  // set-up, not part of any step
  if (!reset) return "cannot reset the mock: " + reset.error();
  shop_model::ShopSettings settings;
  settings.amazon_notification_host = env_.amazon_host();
  apply_settings(settings, settings_patch(s_.shop));
  waiter_ = std::make_unique<ShopWaiter>(*this);
  shop_ = std::make_unique<shop_model::Shop>(settings, catalog_of(s_.products), *client_, *store_,
                                             clock_, seed_, *waiter_);
  clock_.add_schedule(shop_.get());
  env_.set_notification_receiver(
      [this](const core::HttpRequest& r) { return receive_notification(r); });
  return sync_notification_endpoint();
}

void ScenarioContext::end_step(const Step& step,
                               const std::vector<reports::HttpExchange>& exchanges) {
  for (const reports::HttpExchange& x : exchanges) {
    // The checkout in progress: the session the shop created last.
    if (x.method == "POST" && api_path(x.path) == "/v2/checkoutSessions" && x.status / 100 == 2) {
      json body = json::parse(x.response_body, nullptr, false);
      if (field(body, "checkoutSessionId").is_string())
        checkout_session_id_ = body.at("checkoutSessionId").get<std::string>();
    }
  }
  if (!step.spec->is_expect()) {
    last_error_ = current_error_;
    last_exchanges_ = exchanges;
    for (const reports::HttpExchange& x : exchanges) {
      bool keyed = std::any_of(
          x.request_headers.begin(), x.request_headers.end(),
          [](const auto& h) { return core::iequals(h.first, "x-amz-pay-idempotency-key"); });
      if (keyed && x.status != 0) keyed_calls_.push_back(x);
    }
  }
}

// ---------------------------------------------------------------- Amazon

core::Result<json, std::string> ScenarioContext::call(const std::string& method,
                                                      const std::string& path, const json& body) {
  core::HttpRequest req;
  req.method = method;
  req.path = path;
  if (!body.is_null()) req.body = dump(body);
  return json_answer(client_->send(req));
}

core::Result<json, std::string> ScenarioContext::json_answer(
    const mock_amazon::control::Answer& res) {
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

// ---------------------------------------------------------------- references

core::Result<std::string, std::string> ScenarioContext::order_number(const std::string& ref) {
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

core::Result<shop_model::Order, std::string> ScenarioContext::order(const std::string& ref) {
  auto number = order_number(ref);
  if (!number) return core::fail(number.error());
  auto order = shop_->order(*number);
  if (!order) return core::fail("the shop has no order " + *number);
  return *order;
}

core::Result<std::string, std::string> ScenarioContext::charge_id(const std::string& order_ref,
                                                                  std::int64_t charge) {
  auto o = order(order_ref);
  if (!o) return core::fail(o.error());
  auto n = static_cast<size_t>(charge);
  if (n > o->charges.size())
    return core::fail(
        fmt::format("order {} has {} charge(s), not #{}", o->number, o->charges.size(), n));
  const std::string& id = o->charges[n - 1].charge_id;
  if (id.empty())
    return core::fail(fmt::format("charge #{} of order {} has no id (Amazon refused to create it: {})",
                                  n, o->number, o->charges[n - 1].amazon_reason));
  return id;
}

core::Result<std::string, std::string> ScenarioContext::permission_id(const std::string& ref) {
  auto o = order(ref);
  if (!o) return core::fail(o.error());
  if (o->charge_permission_id.empty())
    return core::fail("order " + o->number + " has no Charge Permission");
  return o->charge_permission_id;
}

core::Result<std::string, std::string> ScenarioContext::member_id(const std::string& ref) {
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

core::Result<std::string, std::string> ScenarioContext::subscription_id(const std::string& ref) {
  if (ref != "last" && (ref.empty() || ref[0] != '#')) return ref;
  std::vector<std::string> ids = shop_->subscription_ids();
  if (ref == "last") {
    if (ids.empty())
      return core::fail(std::string("application \"last\": the shop has no application yet"));
    return ids.back();
  }
  size_t n = std::stoul(ref.substr(1));
  if (n > ids.size())
    return core::fail(fmt::format("application {} does not exist: the shop has {} application(s)",
                                  ref, ids.size()));
  return ids[n - 1];
}

// ---------------------------------------------------------------- the browser

const shop_model::AmazonPageView* ScenarioContext::amazon_page() const {
  return page_ ? std::get_if<shop_model::AmazonPageView>(&page_->screen) : nullptr;
}

std::string ScenarioContext::not_on(const std::string& what) const {
  if (!page_) return "the browser is not on " + what + " (it has not opened any page)";
  return fmt::format("the browser is not on {} (it shows {} {})", what,
                     shop_model::screen_name(page_->screen), page_->url);
}

StepOutcome ScenarioContext::show(Page page) {
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

StepOutcome ScenarioContext::show(shop_model::ShopResult<Page> page) {
  if (!page) {
    current_error_ = page.error();
    return note("error: " + page.error());
  }
  return show(std::move(page).value());
}

StepOutcome ScenarioContext::show(shop_model::ShopResult<shop_model::OrderDetailView> detail) {
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

StepOutcome ScenarioContext::show(shop_model::ShopResult<shop_model::SubscriptionView> detail) {
  if (!detail) {
    current_error_ = detail.error();
    return note("error: " + detail.error());
  }
  StepOutcome o = note(fmt::format("申込 {}: 申込ステータス {}{}", detail->subscription_id,
                                   detail->status, detail->deleted ? " (削除)" : ""));
  o.observations.push_back("subscription: " + dump(shop_model::to_json(*detail)));
  return o;
}

StepOutcome ScenarioContext::follow_hosted(core::Result<json, std::string> answer) {
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

// ---------------------------------------------------------------- time

StepOutcome ScenarioContext::advance_until(core::Instant target, std::optional<json> mock_clock) {
  moving_ = true;
  StepOutcome o = move_until(target, std::move(mock_clock));
  moving_ = false;
  return o;
}

StepOutcome ScenarioContext::move_until(core::Instant target, std::optional<json> mock_clock) {
  StepOutcome o;
  if (!mock_clock) {
    auto clock = json_answer(control().clock());
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
    delivery_time_ = t;
    size_t at = client_->size();
    auto moved = json_answer(mock_amazon::control::ControlClient(*clock_client_).advance_to(t));
    client_->insert(at, clock_client_->take());
    for (std::string& d : deliveries_) o.observations.push_back(std::move(d));
    deliveries_.clear();
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

// ---------------------------------------------------------------- expectations

StepOutcome ScenarioContext::expect_json(const Value& expected, const json& actual,
                                         const std::string& what) {
  if (auto m = match(expected, actual))
    return failure(*m + "\nactual " + what + ": " + dump(actual));
  StepOutcome o = note("matched");
  o.observations.push_back(what + ": " + dump(actual));
  return o;
}

StepOutcome ScenarioContext::expect_text(const std::optional<std::string>& contains,
                                         const std::optional<std::string>& equals,
                                         const std::string& actual, const std::string& noun) {
  auto shown = [&] { return actual.empty() ? "no " + noun : fmt::format("\"{}\"", actual); };
  if (contains) {
    const std::string& want = *contains;
    if (!actual.empty() && actual.find(want) != std::string::npos)
      return note(fmt::format("{} contains \"{}\"", noun, want));
    return failure(fmt::format("expected the {} to contain \"{}\", got {}", noun, want, shown()));
  }
  std::string want = equals.value_or("");
  if (actual == want)
    return note(want.empty() ? "no " + noun : fmt::format("{} is \"{}\"", noun, want));
  return failure(fmt::format("expected {}, got {}",
                             want.empty() ? "no " + noun : fmt::format("the {} \"{}\"", noun, want),
                             shown()));
}

}  // namespace scenarios
