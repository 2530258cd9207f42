// The mock's control API under /__mock/ (documented in mock_amazon/README.md): the simulated
// clock, the sandbox buyer's hosted pages, Amazon-side events, forced outcomes and faults.
// Requests are JSON; errors use Amazon's error body.
#include <stdexcept>

#include "core/json.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/responses.hpp"

namespace mock_amazon {
namespace {

using nlohmann::json;
using R = ReasonCode;
using transport::error_response;
using transport::json_response;
using transport::split_path;

std::string str_field(const json& b, const char* key) {
  if (!b.is_object() || !b.contains(key) || !b.at(key).is_string()) return "";
  return b.at(key).get<std::string>();
}

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

}  // namespace

core::HttpResponse Mock::handle_control(const core::HttpRequest& request) {
  std::vector<std::string> seg = split_path(request.path);
  seg.erase(seg.begin());  // "__mock"
  const std::string& m = request.method;
  json body = nullptr;
  if (!request.body.empty()) {
    try {
      body = json::parse(request.body);
    } catch (const json::parse_error& e) {
      return error_response(R::InvalidRequestFormat,
                            std::string("The request body is not valid JSON: ") + e.what());
    }
    if (!body.is_object())
      return error_response(R::InvalidRequestFormat, "The request body must be a JSON object.");
  }
  auto is = [&](const char* method, std::initializer_list<const char*> path) {
    if (m != method || seg.size() != path.size()) return false;
    size_t i = 0;
    for (const char* p : path) {
      if (std::string(p) != "*" && seg[i] != p) return false;
      ++i;
    }
    return true;
  };
  auto clock_json = [&]() {
    auto next = clock_.next_due();
    return json{{"now", core::format_iso(clock_.now())},
                {"nowAmazon", core::format_amazon(clock_.now())},
                {"nextEventAt", next ? json(core::format_iso(*next)) : json(nullptr)}};
  };

  if (is("GET", {"health"})) return json_response(200, json{{"status", "ok"}});

  // ---- clock
  if (is("GET", {"clock"})) return json_response(200, clock_json());
  if (is("POST", {"clock", "advance"})) {
    core::Instant from = clock_.now();
    std::optional<core::Instant> target;
    if (body.is_object() && body.contains("by")) {
      auto span = core::parse_time_span(str_field(body, "by"));
      if (!span)
        return error_response(R::InvalidParameterValue,
                              "'by' must be a span like 30s, 15m, 24h, 30d, 2w or 13mo");
      target = span->after(from);
    } else if (body.is_object() && body.contains("to")) {
      target = core::parse_instant(str_field(body, "to"));
      if (!target)
        return error_response(R::InvalidParameterValue,
                              "'to' must be a UTC timestamp such as 2026-02-01T00:00:00Z");
      if (*target < from)
        return error_response(R::InvalidParameterValue,
                              "the simulated clock never moves backwards (now " +
                                  core::format_iso(from) + ")");
    } else if (body.is_object() && body.value("next", false)) {
      target = clock_.next_due().value_or(from);
      if (*target < from) target = from;
    } else {
      return error_response(R::MissingParameterValue,
                            "give one of: {\"by\": \"30d\"}, {\"to\": \"<timestamp>\"}, {\"next\": true}");
    }
    service_.take_changes();
    clock_.advance_to(*target);
    json changes = json::array();
    for (const auto& c : service_.take_changes()) changes.push_back(api::encode_change(c));
    json out = clock_json();
    out["from"] = core::format_iso(from);
    out["changes"] = changes;
    return json_response(200, out);
  }
  if (is("POST", {"reset"})) {
    std::uint64_t seed = options_.seed;
    if (body.is_object() && body.contains("seed")) {
      if (!body.at("seed").is_number_unsigned())
        return error_response(R::InvalidParameterValue, "'seed' must be a non-negative integer");
      seed = body.at("seed").get<std::uint64_t>();
    }
    core::Instant start = clock_.now();
    if (body.is_object() && body.contains("now")) {
      auto t = core::parse_instant(str_field(body, "now"));
      if (!t) return error_response(R::InvalidParameterValue, "'now' must be a UTC timestamp");
      start = *t;
    }
    reset(seed, start);
    json out = clock_json();
    out["seed"] = seed;
    return json_response(200, out);
  }

  // ---- sandbox buyers and hosted pages
  if (is("GET", {"buyers"})) {
    json list = json::array();
    for (const auto& b : sandbox_buyers()) list.push_back(api::encode_buyer(b));
    return json_response(200, json{{"buyers", list}});
  }
  if (is("POST", {"checkout-sessions", "*", "sign-in"})) {
    BuyerSelection sel{str_field(body, "buyer"), str_field(body, "address"),
                       str_field(body, "paymentMethod")};
    if (sel.buyer.empty() || sel.address.empty() || sel.instrument.empty())
      return error_response(R::MissingParameterValue,
                            "give buyer, address and paymentMethod (see GET /__mock/buyers)");
    return answer(service_.sign_in(CheckoutSessionId{seg[1]}, sel), hosted);
  }
  if (is("POST", {"checkout-sessions", "*", "payment-page"}))
    return answer(service_.pass_payment_page(CheckoutSessionId{seg[1]}), hosted);
  if (is("POST", {"checkout-sessions", "*", "cancel"}))
    return answer(service_.cancel_on_hosted_page(CheckoutSessionId{seg[1]}), hosted);
  if (is("POST", {"buyer-tokens"})) {
    std::string buyer = str_field(body, "buyer");
    if (!find_sandbox_buyer(buyer))
      return error_response(R::InvalidParameterValue, "unknown sandbox buyer '" + buyer + "'");
    std::string token = "BT-" + prng_.uuid();
    store_->set_meta("buyer-token:" + token, buyer);
    return json_response(200, json{{"buyerToken", token}});
  }

  // ---- Amazon-side events
  auto cp_id = [&]() { return ChargePermissionId{seg[1]}; };
  auto encode_cp = [&](const ChargePermission& cp) { return api::encode(cp, service_); };
  auto encode_charge = [&](const Charge& c) { return api::encode(c, service_); };
  if (is("POST", {"charge-permissions", "*", "buyer-update-payment-method"})) {
    std::string instrument = str_field(body, "paymentMethod");
    if (instrument.empty()) return error_response(R::MissingParameterValue, "give paymentMethod");
    return answer(service_.buyer_update_payment_method(cp_id(), instrument), encode_cp);
  }
  if (is("POST", {"charge-permissions", "*", "non-chargeable"})) {
    auto reason = parse_reason_code(str_field(body, "reason"));
    if (!reason)
      return error_response(R::InvalidParameterValue,
                            "give reason: PaymentMethodInvalid, PaymentMethodDeleted, "
                            "BillingAddressDeleted, PaymentMethodExpired, PaymentMethodNotAllowed, "
                            "PaymentMethodNotSet, ChargeInProgress or MFAFailed");
    return answer(service_.make_non_chargeable(cp_id(), *reason), encode_cp);
  }
  if (is("POST", {"charge-permissions", "*", "buyer-cancel"}))
    return answer(service_.buyer_cancel_charge_permission(cp_id()), encode_cp);
  if (is("POST", {"charge-permissions", "*", "amazon-cancel"}))
    return answer(service_.amazon_cancel_charge_permission(cp_id()), encode_cp);
  if (is("POST", {"charges", "*", "amazon-cancel"}))
    return answer(service_.amazon_cancel_charge(ChargeId{seg[1]}), encode_charge);
  if (is("POST", {"charges", "*", "buyer-cancel"}))
    return answer(service_.buyer_cancel_charge(ChargeId{seg[1]}), encode_charge);

  // ---- forced outcomes
  auto forced_json = [](const ForcedOutcome& f) {
    return json{{"seq", f.seq},
                {"operation", f.operation},
                {"objectId", f.object_id.empty() ? json(nullptr) : json(f.object_id)},
                {"outcome", f.outcome},
                {"then", f.then.empty() ? json(nullptr) : json(f.then)}};
  };
  if (is("POST", {"force"})) {
    ForcedOutcome f{0, str_field(body, "operation"), str_field(body, "objectId"),
                    str_field(body, "outcome"), str_field(body, "then")};
    return answer(service_.force(f), forced_json);
  }
  if (is("GET", {"force"})) {
    json list = json::array();
    for (const auto& f : store_->forced_outcomes()) list.push_back(forced_json(f));
    return json_response(200, json{{"queued", list}});
  }

  // ---- faults
  auto fault_json = [](const Fault& f) {
    return json{{"seq", f.seq},
                {"method", f.method.empty() ? json(nullptr) : json(f.method)},
                {"path", f.path_prefix.empty() ? json(nullptr) : json(f.path_prefix)},
                {"kind", f.kind},
                {"status", f.kind == "error" ? json(f.status) : json(nullptr)},
                {"reasonCode", f.kind == "error" ? json(f.reason_code) : json(nullptr)},
                {"remaining", f.remaining}};
  };
  if (is("POST", {"faults"})) {
    Fault f;
    f.method = str_field(body, "method");
    f.path_prefix = str_field(body, "path");
    f.kind = str_field(body, "kind");
    if (f.kind.empty()) f.kind = "error";
    if (f.kind != "error" && f.kind != "timeout" && f.kind != "drop")
      return error_response(R::InvalidParameterValue, "kind must be error, timeout or drop");
    if (!f.path_prefix.empty() && f.path_prefix.rfind("/v2/", 0) != 0)
      return error_response(R::InvalidParameterValue,
                            "path must start with /v2/ (e.g. /v2/charges)");
    if (f.kind == "error") {
      f.reason_code = str_field(body, "reasonCode");
      if (f.reason_code.empty()) f.reason_code = "InternalServerError";
      auto code = parse_reason_code(f.reason_code);
      if (!code) return error_response(R::InvalidParameterValue, "unknown reasonCode " + f.reason_code);
      f.status = http_status(*code);
      if (body.contains("status")) {
        if (!body.at("status").is_number_integer())
          return error_response(R::InvalidParameterValue, "status must be an integer");
        f.status = body.at("status").get<int>();
        if (f.status < 400 || f.status > 599)
          return error_response(R::InvalidParameterValue, "status must be 400-599");
      }
    }
    f.remaining = 1;
    if (body.contains("count")) {
      if (!body.at("count").is_number_integer() || body.at("count").get<int>() == 0 ||
          body.at("count").get<int>() < -1)
        return error_response(R::InvalidParameterValue,
                              "count must be a positive integer, or -1 for until removed");
      f.remaining = body.at("count").get<int>();
    }
    store_->add_fault(f);
    return json_response(200, fault_json(store_->faults().back()));
  }
  if (is("GET", {"faults"})) {
    json list = json::array();
    for (const auto& f : store_->faults()) list.push_back(fault_json(f));
    return json_response(200, json{{"faults", list}});
  }
  if (is("DELETE", {"faults"})) {
    store_->clear_faults();
    return json_response(200, json{{"faults", json::array()}});
  }

  // ---- introspection
  if (is("GET", {"signature-log"})) {
    json list = json::array();
    for (const auto& e : signature_log_)
      list.push_back(json{{"at", e.at},
                          {"method", e.method},
                          {"path", e.path},
                          {"publicKeyId", e.public_key_id},
                          {"error", e.error},
                          {"canonicalRequest", e.canonical_request},
                          {"stringToSign", e.string_to_sign}});
    return json_response(200, json{{"failures", list}});
  }
  if (is("GET", {"state-machines"})) {
    return json_response(200, json{{"stateMachines",
                                    json::array({table_json(checkout_session_table()),
                                                 table_json(charge_permission_table()),
                                                 table_json(charge_table()),
                                                 table_json(refund_table())})}});
  }
  if (is("GET", {"objects"})) {
    json sessions = json::array(), permissions = json::array(), charges = json::array(),
         refunds = json::array(), events = json::array();
    for (const auto& cs : store_->all_checkout_sessions()) sessions.push_back(api::encode(cs, service_));
    for (const auto& cp : store_->all_charge_permissions()) {
      permissions.push_back(api::encode(cp, service_));
      for (const auto& c : store_->charges_of(cp.id)) {
        charges.push_back(api::encode(c, service_));
        for (const auto& r : store_->refunds_of(c.id)) refunds.push_back(api::encode(r, service_));
      }
    }
    for (const auto& e : store_->pending_events())
      events.push_back(json{{"due", core::format_iso(e.due)},
                            {"kind", std::string(name(e.kind))},
                            {"objectId", e.object_id}});
    return json_response(200, json{{"checkoutSessions", sessions},
                                   {"chargePermissions", permissions},
                                   {"charges", charges},
                                   {"refunds", refunds},
                                   {"scheduledEvents", events}});
  }
  return error_response(R::ResourceNotFound,
                        "No control operation " + m + " " + request.path +
                            " (see mock_amazon/README.md)");
}

}  // namespace mock_amazon
