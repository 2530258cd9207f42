// The mock's control API under /__mock/ (documented in mock_amazon/README.md): the simulated
// clock, the sandbox buyer's hosted pages, Amazon-side events, forced outcomes and faults.
// Requests are JSON; errors use Amazon's error body.
#include "core/json.hpp"
#include "core/text.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

constexpr std::int64_t kMaxFaultCount = 1'000'000;  // faults' count: far beyond any test's need

template <class T, class F>
core::HttpResponse answer(const Outcome<T>& outcome, F&& encode) {
  if (!outcome) return error_response(outcome.error());
  return json_response(200, encode(outcome.value()));
}

json hosted(const HostedPageResult& r) {
  return json{{"redirectUrl", r.redirect_url}, {"outcome", r.outcome}};
}

template <class T>
json table_json(const T& table) {
  json states = json::array();
  for (auto s : table.states) states.push_back(std::string(name(s)));
  json rows = json::array();
  for (const auto& row : table.rows) {
    json reasons = json::array();
    for (auto r : row.reasons) reasons.push_back(std::string(name(r)));
    rows.push_back(json{{"from", row.from ? json(std::string(name(*row.from))) : json(nullptr)},
                        {"trigger", std::string(name(row.trigger))},
                        {"to", std::string(name(row.to))},
                        {"reasons", reasons},
                        {"description", row.description}});
  }
  return json{{"resource", table.resource},
              {"states", states},
              {"rows", rows},
              {"denied", std::string(name(table.denied))}};
}

// ---------------------------------------------------------------- health and clock

core::HttpResponse health(MockParts&, const Routed&) {
  return json_response(200, json{{"status", "ok"}});
}

core::HttpResponse get_clock(MockParts& m, const Routed&) {
  return json_response(200, clock_json(m));
}

core::HttpResponse reset(MockParts& m, const Routed& r) {
  const json& body = r.body;
  std::uint64_t seed = m.options.seed;
  if (body.is_object() && body.contains("seed")) {
    if (!body.at("seed").is_number_unsigned())
      return error_response(R::InvalidParameterValue, "'seed' must be a non-negative integer");
    seed = body.at("seed").get<std::uint64_t>();
  }
  core::Instant start = m.clock.now();
  if (body.is_object() && body.contains("now")) {
    auto t = core::parse_instant(str_field(body, "now"));
    if (!t) return error_response(R::InvalidParameterValue, "'now' must be a UTC timestamp");
    start = *t;
  }
  m.reset(seed, start);
  json out = clock_json(m);
  out["seed"] = seed;
  return json_response(200, out);
}

// ---------------------------------------------------------------- sandbox buyers and hosted pages

core::HttpResponse buyers(MockParts&, const Routed&) {
  json list = json::array();
  for (const auto& b : sandbox_buyers()) list.push_back(api::encode_buyer(b));
  return json_response(200, json{{"buyers", list}});
}

core::HttpResponse sign_in(MockParts& m, const Routed& r) {
  BuyerSelection sel{str_field(r.body, "buyer"), str_field(r.body, "address"),
                     str_field(r.body, "paymentMethod")};
  if (sel.buyer.empty() || sel.address.empty() || sel.instrument.empty())
    return error_response(R::MissingParameterValue,
                          "give buyer, address and paymentMethod (see GET /__mock/buyers)");
  return answer(m.service.sign_in(CheckoutSessionId{r.id()}, sel), hosted);
}

core::HttpResponse payment_page(MockParts& m, const Routed& r) {
  return answer(m.service.pass_payment_page(CheckoutSessionId{r.id()}), hosted);
}

core::HttpResponse cancel_checkout(MockParts& m, const Routed& r) {
  return answer(m.service.cancel_on_hosted_page(CheckoutSessionId{r.id()}), hosted);
}

core::HttpResponse buyer_token(MockParts& m, const Routed& r) {
  std::string buyer = str_field(r.body, "buyer");
  if (!find_sandbox_buyer(buyer))
    return error_response(R::InvalidParameterValue, "unknown sandbox buyer '" + buyer + "'");
  std::string token = "BT-" + m.prng.uuid();
  m.store.set_meta("buyer-token:" + token, buyer);
  return json_response(200, json{{"buyerToken", token}});
}

// ---------------------------------------------------------------- Amazon-side events

core::HttpResponse buyer_update_payment_method(MockParts& m, const Routed& r) {
  std::string instrument = str_field(r.body, "paymentMethod");
  if (instrument.empty()) return error_response(R::MissingParameterValue, "give paymentMethod");
  return answer(m.service.buyer_update_payment_method(ChargePermissionId{r.id()}, instrument),
                as_json(m));
}

core::HttpResponse non_chargeable(MockParts& m, const Routed& r) {
  auto reason = parse_reason_code(str_field(r.body, "reason"));
  if (!reason)
    return error_response(R::InvalidParameterValue,
                          "give reason: PaymentMethodInvalid, PaymentMethodDeleted, "
                          "BillingAddressDeleted, PaymentMethodExpired, PaymentMethodNotAllowed, "
                          "PaymentMethodNotSet, ChargeInProgress or MFAFailed");
  return answer(m.service.make_non_chargeable(ChargePermissionId{r.id()}, *reason), as_json(m));
}

core::HttpResponse buyer_cancel_permission(MockParts& m, const Routed& r) {
  return answer(m.service.buyer_cancel_charge_permission(ChargePermissionId{r.id()}), as_json(m));
}

core::HttpResponse amazon_cancel_permission(MockParts& m, const Routed& r) {
  return answer(m.service.amazon_cancel_charge_permission(ChargePermissionId{r.id()}), as_json(m));
}

core::HttpResponse amazon_cancel_charge(MockParts& m, const Routed& r) {
  return answer(m.service.amazon_cancel_charge(ChargeId{r.id()}), as_json(m));
}

core::HttpResponse buyer_cancel_charge(MockParts& m, const Routed& r) {
  return answer(m.service.buyer_cancel_charge(ChargeId{r.id()}), as_json(m));
}

// ---------------------------------------------------------------- forced outcomes

json forced_json(const ForcedOutcome& f) {
  return json{{"seq", f.seq},
              {"operation", std::string(name(f.operation))},
              {"objectId", f.object_id.empty() ? json(nullptr) : json(f.object_id)},
              {"outcome", f.outcome},
              {"then", f.then.empty() ? json(nullptr) : json(f.then)}};
}

core::HttpResponse force(MockParts& m, const Routed& r) {
  std::string operation = str_field(r.body, "operation");
  auto op = parse_simulated_operation(operation);
  if (!op)
    return error_response(R::InvalidParameterValue,
                          "unknown operation '" + operation +
                              "'; use CompleteCheckoutSession, CreateCharge, CaptureCharge, "
                              "CreateRefund or CloseChargePermission");
  ForcedOutcome f{0, *op, str_field(r.body, "objectId"), str_field(r.body, "outcome"),
                  str_field(r.body, "then")};
  return answer(m.service.force(f), forced_json);
}

core::HttpResponse forced_outcomes(MockParts& m, const Routed&) {
  json list = json::array();
  for (const auto& f : m.store.forced_outcomes()) list.push_back(forced_json(f));
  return json_response(200, json{{"queued", list}});
}

// ---------------------------------------------------------------- faults

json fault_json(const Fault& f) {
  bool error = f.kind == FaultKind::Error;
  return json{{"seq", f.seq},
              {"method", f.method.empty() ? json(nullptr) : json(f.method)},
              {"path", f.path_prefix.empty() ? json(nullptr) : json(f.path_prefix)},
              {"kind", std::string(name(f.kind))},
              {"status", error ? json(f.status) : json(nullptr)},
              {"reasonCode", error ? json(f.reason_code) : json(nullptr)},
              {"retryAfter", f.retry_after >= 0 ? json(f.retry_after) : json(nullptr)},
              {"remaining", f.remaining}};
}

// The error answer's reasonCode and status of a kind: error fault.
std::optional<core::HttpResponse> read_error_answer(const json& body, Fault& f) {
  f.reason_code = str_field(body, "reasonCode");
  if (f.reason_code.empty()) f.reason_code = "InternalServerError";
  auto code = parse_reason_code(f.reason_code);
  if (!code) return error_response(R::InvalidParameterValue, "unknown reasonCode " + f.reason_code);
  f.status = http_status(*code);
  if (!body.contains("status")) return std::nullopt;
  auto status = bounded_int(body.at("status"), 400, 599);
  if (!status) return error_response(R::InvalidParameterValue, "status must be an integer 400-599");
  f.status = static_cast<int>(*status);
  return std::nullopt;
}

// Retry-After goes with a throttled (429) or unavailable (5xx) answer, as HTTP defines it.
// Amazon documents none; a 429 says "1 s" unless told, a 5xx says nothing unless told.
std::optional<core::HttpResponse> read_retry_after(const json& body, Fault& f) {
  bool allowed = f.status == 429 || f.status >= 500;
  if (!body.contains("retryAfter")) {
    f.retry_after = f.status == 429 ? 1 : -1;
    return std::nullopt;
  }
  const json& value = body.at("retryAfter");
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > kMaxRetryAfterSeconds)
    return error_response(
        R::InvalidParameterValue,
        "retryAfter must be 0-" + std::to_string(kMaxRetryAfterSeconds) + " seconds");
  if (!allowed)
    return error_response(R::InvalidParameterValue,
                          "retryAfter applies only to an error with status 429 or 5xx");
  f.retry_after = value.get<int>();
  return std::nullopt;
}

core::HttpResponse add_fault(MockParts& m, const Routed& r) {
  const json& body = r.body;
  Fault f;
  f.method = str_field(body, "method");
  f.path_prefix = str_field(body, "path");
  std::string kind_text = str_field(body, "kind");
  auto kind = kind_text.empty() ? FaultKind::Error : parse_fault_kind(kind_text);
  if (!kind)
    return error_response(R::InvalidParameterValue, "kind must be error, timeout, drop or lost");
  f.kind = *kind;
  if (!f.path_prefix.empty() && f.path_prefix.rfind("/v2/", 0) != 0)
    return error_response(R::InvalidParameterValue, "path must start with /v2/ (e.g. /v2/charges)");
  if (f.kind == FaultKind::Error) {
    if (auto refusal = read_error_answer(body, f)) return *refusal;
    if (auto refusal = read_retry_after(body, f)) return *refusal;
  } else if (body.contains("retryAfter")) {
    return error_response(R::InvalidParameterValue, "retryAfter applies only to kind error");
  }
  f.remaining = 1;
  if (body.contains("count")) {
    auto count = bounded_int(body.at("count"), -1, kMaxFaultCount);
    if (!count || *count == 0)
      return error_response(R::InvalidParameterValue,
                            "count must be an integer 1-1000000, or -1 for until removed");
    f.remaining = static_cast<int>(*count);
  }
  m.store.add_fault(f);
  return json_response(200, fault_json(m.store.faults().back()));
}

core::HttpResponse faults(MockParts& m, const Routed&) {
  json list = json::array();
  for (const auto& f : m.store.faults()) list.push_back(fault_json(f));
  return json_response(200, json{{"faults", list}});
}

core::HttpResponse clear_faults(MockParts& m, const Routed&) {
  m.store.clear_faults();
  return json_response(200, json{{"faults", json::array()}});
}

// ---------------------------------------------------------------- introspection

core::HttpResponse signature_log(MockParts& m, const Routed&) {
  json list = json::array();
  for (const auto& e : m.signature_log)
    list.push_back(json{{"at", e.at},
                        {"method", e.method},
                        {"path", e.path},
                        {"publicKeyId", e.public_key_id},
                        {"error", e.error},
                        {"canonicalRequest", e.canonical_request},
                        {"stringToSign", e.string_to_sign}});
  return json_response(200, json{{"failures", list}});
}

core::HttpResponse changes(MockParts& m, const Routed&) {
  json list = json::array();
  for (const auto& c : m.change_log) list.push_back(api::encode_change(c));
  return json_response(200, json{{"changes", list}});
}

core::HttpResponse state_machines(MockParts&, const Routed&) {
  return json_response(
      200, json{{"stateMachines",
                 json::array({table_json(checkout_session_table()),
                              table_json(charge_permission_table()), table_json(charge_table()),
                              table_json(refund_table())})}});
}

core::HttpResponse objects(MockParts& m, const Routed&) {
  json sessions = json::array(), permissions = json::array(), charges = json::array(),
       refunds = json::array(), events = json::array();
  for (const auto& cs : m.store.all_checkout_sessions())
    sessions.push_back(api::encode(m.service.view(cs)));
  for (const auto& cp : m.store.all_charge_permissions()) {
    permissions.push_back(api::encode(m.service.view(cp)));
    for (const auto& c : m.store.charges_of(cp.id)) {
      charges.push_back(api::encode(m.service.view(c)));
      for (const auto& f : m.store.refunds_of(c.id))
        refunds.push_back(api::encode(m.service.view(f)));
    }
  }
  for (const auto& e : m.store.pending_events())
    events.push_back(json{{"due", core::format_iso(e.due)},
                          {"kind", std::string(name(e.kind))},
                          {"objectId", e.object_id}});
  return json_response(200, json{{"checkoutSessions", sessions},
                                 {"chargePermissions", permissions},
                                 {"charges", charges},
                                 {"refunds", refunds},
                                 {"scheduledEvents", events}});
}

const std::vector<Route> kControlRoutes = {
    {"GET", {"health"}, &health, "{status: ok}"},
    {"GET", {"clock"}, &get_clock, "the simulated clock: {now, nowAmazon, nextEventAt}"},
    // Served by Mock::advance (mock_advance.cpp), which delivers notifications on the way.
    {"POST",
     {"clock", "advance"},
     nullptr,
     "moves the clock {by | to | next}, running what falls due; answers the changes"},
    {"POST", {"reset"}, &reset, "deletes everything; restarts clock and ids {seed?, now?}"},
    {"GET", {"buyers"}, &buyers, "the sandbox buyers, their addresses and payment methods"},
    {"POST",
     {"checkout-sessions", "*", "sign-in"},
     &sign_in,
     "the buyer signs in on Amazon's page and chooses {buyer, address, paymentMethod}"},
    {"POST",
     {"checkout-sessions", "*", "payment-page"},
     &payment_page,
     "the buyer passes the payment page, where the authorization is decided"},
    {"POST",
     {"checkout-sessions", "*", "cancel"},
     &cancel_checkout,
     "the buyer cancels on Amazon's page"},
    {"POST", {"buyer-tokens"}, &buyer_token, "a buyer token for Get Buyer {buyer}"},
    {"POST",
     {"charge-permissions", "*", "buyer-update-payment-method"},
     &buyer_update_payment_method,
     "the buyer changes the payment method {paymentMethod}"},
    {"POST",
     {"charge-permissions", "*", "non-chargeable"},
     &non_chargeable,
     "the permission becomes NonChargeable {reason}"},
    {"POST",
     {"charge-permissions", "*", "buyer-cancel"},
     &buyer_cancel_permission,
     "the buyer closes the permission (Closed/BuyerCanceled)"},
    {"POST",
     {"charge-permissions", "*", "amazon-cancel"},
     &amazon_cancel_permission,
     "Amazon closes the permission (Closed/AmazonCanceled)"},
    {"POST",
     {"charges", "*", "amazon-cancel"},
     &amazon_cancel_charge,
     "Amazon cancels the charge (Canceled/AmazonCanceled)"},
    {"POST",
     {"charges", "*", "buyer-cancel"},
     &buyer_cancel_charge,
     "the buyer cancels the charge (Canceled/BuyerCanceled)"},
    {"POST",
     {"force"},
     &force,
     "queues the outcome of the next matching operation {operation, objectId?, outcome, then?}"},
    {"GET", {"force"}, &forced_outcomes, "the queued outcomes"},
    {"POST",
     {"faults"},
     &add_fault,
     "the next matching API requests fail {path?, method?, kind, reasonCode?, status?, "
     "retryAfter?, count?}"},
    {"GET", {"faults"}, &faults, "the queued faults"},
    {"DELETE", {"faults"}, &clear_faults, "removes every queued fault"},
    {"GET",
     {"signature-log"},
     &signature_log,
     "the last 50 signature failures with the canonical request the mock computed"},
    {"GET", {"state-machines"}, &state_machines, "the transition tables"},
    {"GET", {"changes"}, &changes, "the latest 1000 state changes, any actor"},
    {"GET",
     {"objects"},
     &objects,
     "every checkout session, permission, charge, refund and scheduled event"},
};

}  // namespace

json clock_json(MockParts& m) {
  auto next = m.clock.next_due();
  if (auto ipn = m.outbox.next_due(); ipn && (!next || *ipn < *next)) next = ipn;
  return json{{"now", core::format_iso(m.clock.now())},
              {"nowAmazon", core::format_amazon(m.clock.now())},
              {"nextEventAt", next ? json(core::format_iso(*next)) : json(nullptr)}};
}

namespace {

// The clock stays within the years parse_instant reads back.
core::Result<core::Instant, core::HttpResponse> within_calendar(core::Instant target) {
  if (target >= *core::parse_instant(std::to_string(core::kLatestYear) + "-12-31T23:59:59Z"))
    return core::fail(error_response(
        R::InvalidParameterValue,
        "the simulated clock cannot pass the year " + std::to_string(core::kLatestYear)));
  return target;
}

}  // namespace

// Where {"by"}, {"to"} or {"next"} moves the clock; an error answer when none is valid.
core::Result<core::Instant, core::HttpResponse> advance_target(MockParts& m, const json& body) {
  core::Instant from = m.clock.now();
  if (body.is_object() && body.contains("by")) {
    auto span = core::parse_time_span(str_field(body, "by"));
    if (!span)
      return core::fail(error_response(R::InvalidParameterValue,
                                       "'by' must be a span like 30s, 15m, 24h, 30d, 2w or 13mo"));
    return within_calendar(span->after(from));
  }
  if (body.is_object() && body.contains("to")) {
    auto target = core::parse_instant(str_field(body, "to"));
    if (!target)
      return core::fail(error_response(
          R::InvalidParameterValue, "'to' must be a UTC timestamp such as 2026-02-01T00:00:00Z"));
    if (*target < from)
      return core::fail(error_response(
          R::InvalidParameterValue,
          "the simulated clock never moves backwards (now " + core::format_iso(from) + ")"));
    return *target;
  }
  if (body.is_object() && body.contains("next") && !body.at("next").is_boolean())
    return core::fail(error_response(R::InvalidParameterValue, "'next' must be true or false"));
  if (body.is_object() && body.value("next", false)) {
    auto next = m.clock.next_due();
    if (auto ipn = m.outbox.next_due(); ipn && (!next || *ipn < *next)) next = ipn;
    core::Instant target = next.value_or(from);
    return target < from ? from : target;
  }
  return core::fail(error_response(
      R::MissingParameterValue,
      "give one of: {\"by\": \"30d\"}, {\"to\": \"<timestamp>\"}, {\"next\": true}"));
}

std::span<const Route> control_routes() {
  return kControlRoutes;
}

std::vector<std::span<const Route>> control_tables() {
  return {journal_routes(), control_routes(), seller_central_routes(), notification_routes(),
          sign_in_routes()};
}

std::optional<core::HttpResponse> cross_site_refusal(const core::HttpRequest& request) {
  const std::string* origin = request.header("origin");
  if (!origin) return std::nullopt;
  std::string_view site = *origin;
  for (std::string_view scheme : {"http://", "https://"})
    if (site.substr(0, scheme.size()) == scheme) site.remove_prefix(scheme.size());
  const std::string* host = request.header("host");
  if (host && !site.empty() && core::iequals(site, *host)) return std::nullopt;
  return error_response(ReasonCode::UnauthorizedAccess,
                        "The control API answers only the mock's own origin and clients that "
                        "send no Origin; this request came from another site");
}

namespace {

// Compares in time independent of where the texts differ (the token is a secret).
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::optional<core::HttpResponse> missing_token_refusal(const core::HttpRequest& request,
                                                        const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string given;
  if (const std::string* h = request.header("x-mock-control-token")) given = *h;
  const std::string* auth = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (given.empty() && auth && auth->size() > kBearer.size() &&
      core::iequals(std::string_view(*auth).substr(0, kBearer.size()), kBearer))
    given = auth->substr(kBearer.size());
  if (same_secret(given, token)) return std::nullopt;
  return error_response(ReasonCode::UnauthorizedAccess,
                        "This mock requires its control token on /__mock/ calls: send "
                        "'x-mock-control-token: TOKEN' or 'Authorization: Bearer TOKEN'");
}

core::HttpResponse handle_control(MockParts& m, const core::HttpRequest& request) {
  std::vector<std::string> seg = split_path(request.path);
  seg.erase(seg.begin());  // "__mock"
  auto parsed = parse_control_body(request.body);
  if (!parsed) return error_response(parsed.error());
  const json& body = parsed.value();
  for (auto table : control_tables())
    for (const Route& row : table)
      if (row.handler && request.method == row.method && matches(row.pattern, seg))
        return row.handler(m, Routed{request, seg, body, std::nullopt});
  return error_response(R::ResourceNotFound, "No control operation " + request.method + " " +
                                                 request.path + " (see mock_amazon/README.md)");
}

}  // namespace mock_amazon::transport
