// The mock's request pipeline (fact sheet §14.2): route → faults → signature → idempotency
// → body → service → response; and the control API under /__mock/.
#include <cctype>
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

constexpr size_t kSignatureLogSize = 50;
constexpr core::Instant kDefaultStart{core::Duration{1767225600}};  // 2026-01-01T00:00:00Z

// Parses the request body; an empty body is JSON null.
core::Result<json, AmazonError> parse_body(const std::string& body) {
  if (body.empty()) return json(nullptr);
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    return core::fail(AmazonError{R::InvalidRequestFormat,
                                  std::string("The request body is not valid JSON: ") + e.what()});
  }
}

bool valid_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 32) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::string escape_newlines(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

template <class T>
core::HttpResponse reply(const Outcome<T>& outcome, int success_status,
                         const std::function<json(const T&)>& encode) {
  if (!outcome) return error_response(outcome.error());
  return json_response(success_status, encode(outcome.value()));
}

}  // namespace

// ---------------------------------------------------------------- life cycle

core::Result<std::unique_ptr<Mock>, std::string> Mock::open(MockOptions options) {
  auto store = Store::open(options.db_path);
  if (!store) return core::fail(store.error());
  std::vector<std::pair<std::string, core::PublicKey>> keys;
  for (const auto& [id, pem] : options.public_keys) {
    auto key = core::PublicKey::from_pem(pem);
    if (!key) return core::fail("public key " + id + ": " + key.error());
    keys.emplace_back(id, key.value());
  }
  std::unique_ptr<Mock> mock(new Mock(std::move(options), std::move(store).value()));
  mock->keys_ = std::move(keys);
  try {
    auto clock = mock->store_->meta("clock");
    if (clock) {
      // Continue exactly where the previous process stopped.
      mock->clock_.restore(core::Instant{core::Duration{std::stoll(*clock)}});
      mock->prng_.set_state(std::stoull(mock->store_->meta("prng").value_or("0")));
      mock->request_ids_.set_state(std::stoull(mock->store_->meta("request_ids").value_or("0")));
    } else {
      core::Instant start = mock->options_.start.value_or(
          mock->options_.wall_clock ? mock->options_.wall_clock->now() : kDefaultStart);
      mock->store_->begin();
      mock->reset(mock->options_.seed, start);
      mock->store_->commit();
    }
  } catch (const std::exception& e) {
    return core::fail(std::string("cannot read the mock's state: ") + e.what());
  }
  return mock;
}

Mock::Mock(MockOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)),
      store_(std::move(store)),
      clock_(kDefaultStart),
      service_(*store_, clock_, prng_, options_.service) {
  clock_.add_schedule(&service_);
}

Mock::~Mock() { clock_.remove_schedule(&service_); }

core::Instant Mock::now() {
  std::lock_guard lock(mu_);
  return clock_.now();
}

void Mock::reset(std::uint64_t seed, core::Instant start) {
  store_->clear();
  prng_.set_state(seed);
  request_ids_.set_state(core::derive_seed(seed, "request-ids"));
  clock_.restore(start);
  store_->set_meta("seed", std::to_string(seed));
  persisted_ = {};
  persist_runtime_state();
  service_.take_changes();
  signature_log_.clear();
}

void Mock::persist_runtime_state() {
  // Written only when changed: most requests move neither the clock nor the id generator.
  auto write = [&](const char* key, std::uint64_t value, std::optional<std::uint64_t>& last) {
    if (last == value) return;
    store_->set_meta(key, std::to_string(value));
    last = value;
  };
  write("clock", static_cast<std::uint64_t>(clock_.now().time_since_epoch().count()), persisted_.clock);
  write("prng", prng_.state(), persisted_.prng);
  write("request_ids", request_ids_.state(), persisted_.request_ids);
}

core::HttpResponse Mock::finish(core::HttpResponse response) {
  if (response.status == kNoResponse) return response;
  core::set_header(response.headers, "x-amz-pay-request-id", request_ids_.uuid());
  core::set_header(response.headers, "date", core::format_http_date(clock_.now()));
  return response;
}

core::HttpResponse Mock::handle(const core::HttpRequest& request) {
  std::lock_guard lock(mu_);
  bool control = request.path.rfind("/__mock/", 0) == 0 || request.path == "/__mock";
  store_->begin();
  core::HttpResponse response;
  try {
    response = control ? handle_control(request) : handle_api(request);
    response = finish(std::move(response));
    persist_runtime_state();
    store_->commit();
  } catch (const std::exception& e) {
    // A bug or a storage failure: nothing of the request is kept.
    store_->rollback();
    persisted_ = {};
    service_.take_changes();
    response = finish(error_response(R::InternalServerError, std::string("mock failure: ") + e.what()));
  }
  return response;
}

// ---------------------------------------------------------------- Amazon Pay API

core::HttpResponse Mock::handle_api(const core::HttpRequest& request) {
  // 1. Route: /v2/..., /sandbox/v2/..., /live/v2/...; a trailing slash is tolerated.
  std::vector<std::string> seg = split_path(request.path);
  bool live = false;
  if (!seg.empty() && (seg[0] == "sandbox" || seg[0] == "live")) {
    live = seg[0] == "live";
    seg.erase(seg.begin());
  }
  if (seg.empty()) return error_response(R::ResourceNotFound, "No resource at " + request.path);
  if (seg[0] != "v2") {
    if (seg[0].size() >= 2 && seg[0][0] == 'v' && std::isdigit(static_cast<unsigned char>(seg[0][1])))
      return error_response(R::InvalidAPIVersion, "API version " + seg[0] + " is not supported");
    return error_response(R::ResourceNotFound, "No resource at " + request.path);
  }
  seg.erase(seg.begin());
  std::string api_path = "/v2";
  for (const auto& s : seg) api_path += "/" + s;

  // 2. Faults queued by the control API.
  for (Fault f : store_->faults()) {
    if (!f.method.empty() && !core::iequals(f.method, request.method)) continue;
    if (!f.path_prefix.empty() && api_path.rfind(f.path_prefix, 0) != 0) continue;
    if (f.remaining > 0) {
      --f.remaining;
      store_->update_fault(f);
    }
    if (f.kind == "error") {
      auto code = parse_reason_code(f.reason_code).value_or(R::InternalServerError);
      core::HttpResponse res = error_response(code, "fault injected by the mock's control API");
      if (f.status > 0) res.status = f.status;
      return res;
    }
    core::HttpResponse res;
    res.status = kNoResponse;
    res.body = f.kind == "timeout" ? "timeout" : "connection reset";
    return res;
  }

  // 3. Signature.
  if (options_.verify_signatures) {
    const std::string* auth_header = request.header("authorization");
    if (!auth_header) return error_response(R::MissingHeader, "Missing header: authorization");
    auto auth = core::parse_authorization(*auth_header);
    if (!auth)
      return error_response(R::InvalidHeaderValue,
                            "The authorization header is malformed; expected 'ALG PublicKeyId=..., "
                            "SignedHeaders=..., Signature=...'");
    const core::PublicKey* key = nullptr;
    for (const auto& [id, k] : keys_)
      if (id == auth->public_key_id) key = &k;
    if (!key)
      return error_response(R::UnauthorizedAccess,
                            "Unknown PublicKeyId " + auth->public_key_id +
                                ": register it with --public-key KEYID=PEM");
    for (const char* h : {"x-amz-pay-date", "x-amz-pay-host", "x-amz-pay-region"}) {
      const std::string* v = request.header(h);
      if (!v) return error_response(R::MissingHeader, std::string("Missing header: ") + h);
      if (v->empty()) return error_response(R::MissingHeaderValue, std::string("Empty header: ") + h);
      bool signed_it = false;
      for (const auto& s : auth->signed_headers) signed_it = signed_it || s == h;
      if (!signed_it)
        return error_response(R::InvalidHeaderValue, std::string(h) + " must be listed in SignedHeaders");
    }
    if (!core::iequals(*request.header("x-amz-pay-region"), "jp"))
      return error_response(R::InvalidHeaderValue, "x-amz-pay-region must be jp for this service");
    auto date = core::parse_instant(*request.header("x-amz-pay-date"));
    if (!date)
      return error_response(R::InvalidHeaderValue,
                            "x-amz-pay-date is not a UTC timestamp (20240131T123456Z or "
                            "2024-01-31T12:34:56Z)");
    auto within = [&](core::Instant t) {
      auto d = *date - t;
      return d <= options_.max_clock_skew && -d <= options_.max_clock_skew;
    };
    if (!within(clock_.now()) && !(options_.wall_clock && within(options_.wall_clock->now())))
      return error_response(R::InvalidHeaderValue,
                            "x-amz-pay-date " + *request.header("x-amz-pay-date") +
                                " is more than " + core::format_duration(options_.max_clock_skew) +
                                " away from the service time " + core::format_iso(clock_.now()));
    auto verified = core::verify_request(request, *auth, *key);
    if (!verified.ok) {
      signature_log_.push_back(SignatureLogEntry{core::format_iso(clock_.now()), request.method,
                                                 request.path, auth->public_key_id, verified.error,
                                                 verified.canonical_request,
                                                 verified.string_to_sign});
      if (signature_log_.size() > kSignatureLogSize) signature_log_.pop_front();
      return error_response(R::InvalidRequestSignature,
                            "Unable to verify signature, signing String [" +
                                escape_newlines(verified.string_to_sign) + "], canonical request [" +
                                escape_newlines(verified.canonical_request) + "]" +
                                (verified.error.empty() ? "" : ": " + verified.error));
    }
  }

  // 4. Idempotency (POST only).
  std::optional<std::string> idem_key;
  std::string body_hash;
  if (request.method == "POST") {
    if (const std::string* k = request.header("x-amz-pay-idempotency-key")) {
      if (!valid_idempotency_key(*k))
        return error_response(R::InvalidHeaderValue,
                              "x-amz-pay-idempotency-key must be 1-32 characters of A-Z a-z 0-9 - _");
      idem_key = *k;
      body_hash = core::sha256_hex(request.body);
      if (auto rec = store_->idempotency(*k)) {
        if (rec->method == request.method && rec->path == api_path && rec->body_hash == body_hash) {
          core::HttpResponse res;
          res.status = rec->status;
          res.body = rec->response_body;
          res.headers.emplace_back("content-type", "application/json;charset=UTF-8");
          return res;
        }
        return error_response(R::DuplicateIdempotencyKey,
                              "The idempotency key " + *k + " was already used with a different request");
      }
    }
  }

  // 5. Simulation header: sandbox only.
  SimulationCode sim;
  if (const std::string* s = request.header("x-amz-pay-simulation-code"); s && !live) sim = *s;

  // 6. Body and dispatch.
  auto body = parse_body(request.body);
  if (!body) return error_response(body.error());
  const json& b = body.value();
  const std::string& m = request.method;
  auto encode_cs = [&](const CheckoutSession& cs) { return api::encode(cs, service_); };
  auto encode_cp = [&](const ChargePermission& cp) { return api::encode(cp, service_); };
  auto encode_charge = [&](const Charge& c) { return api::encode(c, service_); };
  auto encode_refund = [&](const Refund& r) { return api::encode(r, service_); };
  auto unsupported = [&]() {
    return error_response(R::UnsupportedOperation,
                          m + " is not supported on " + api_path);
  };

  core::HttpResponse res;
  const std::string resource = seg.empty() ? "" : seg[0];
  if (resource == "checkoutSessions" && seg.size() == 1) {
    if (m != "POST") return unsupported();
    auto in = api::decode_create_checkout_session(b);
    res = in ? reply<CheckoutSession>(service_.create_checkout_session(in.value()), 201,
                                      encode_cs)
             : error_response(in.error());
  } else if (resource == "checkoutSessions" && seg.size() == 2) {
    CheckoutSessionId id{seg[1]};
    if (m == "GET") {
      res = reply<CheckoutSession>(service_.get_checkout_session(id), 200, encode_cs);
    } else if (m == "PATCH") {
      auto in = api::decode_update_checkout_session(b);
      res = in ? reply<CheckoutSession>(service_.update_checkout_session(id, in.value()), 200,
                                        encode_cs)
               : error_response(in.error());
    } else {
      return unsupported();
    }
  } else if (resource == "checkoutSessions" && seg.size() == 3 && seg[2] == "complete") {
    if (m != "POST") return unsupported();
    auto in = api::decode_complete_checkout_session(b);
    if (!in) {
      res = error_response(in.error());
    } else {
      auto out = service_.complete_checkout_session(CheckoutSessionId{seg[1]}, in.value(), sim);
      int status = 200;
      if (out && out->charge_id) {
        auto c = service_.get_charge(*out->charge_id);
        if (c && c->state == ChargeState::AuthorizationInitiated) status = 202;
      }
      res = reply<CheckoutSession>(out, status, encode_cs);
    }
  } else if (resource == "chargePermissions" && seg.size() == 2) {
    ChargePermissionId id{seg[1]};
    if (m == "GET") {
      res = reply<ChargePermission>(service_.get_charge_permission(id), 200, encode_cp);
    } else if (m == "PATCH") {
      auto in = api::decode_update_charge_permission(b);
      res = in ? reply<ChargePermission>(service_.update_charge_permission(id, in.value()), 200,
                                         encode_cp)
               : error_response(in.error());
    } else {
      return unsupported();
    }
  } else if (resource == "chargePermissions" && seg.size() == 3 && seg[2] == "close") {
    if (m != "DELETE") return unsupported();
    auto in = api::decode_close_charge_permission(b);
    res = in ? reply<ChargePermission>(
                   service_.close_charge_permission(ChargePermissionId{seg[1]}, in.value(), sim),
                   200, encode_cp)
             : error_response(in.error());
  } else if (resource == "charges" && seg.size() == 1) {
    if (m != "POST") return unsupported();
    auto in = api::decode_create_charge(b);
    res = in ? reply<Charge>(service_.create_charge(in.value(), sim), 201, encode_charge)
             : error_response(in.error());
  } else if (resource == "charges" && seg.size() == 2) {
    if (m != "GET") return unsupported();
    res = reply<Charge>(service_.get_charge(ChargeId{seg[1]}), 200, encode_charge);
  } else if (resource == "charges" && seg.size() == 3 && seg[2] == "capture") {
    if (m != "POST") return unsupported();
    auto in = api::decode_capture_charge(b);
    res = in ? reply<Charge>(service_.capture_charge(ChargeId{seg[1]}, in.value(), sim), 200,
                             encode_charge)
             : error_response(in.error());
  } else if (resource == "charges" && seg.size() == 3 && seg[2] == "cancel") {
    if (m != "DELETE") return unsupported();
    auto in = api::decode_cancel_charge(b);
    res = in ? reply<Charge>(service_.cancel_charge(ChargeId{seg[1]}, in.value()), 200,
                             encode_charge)
             : error_response(in.error());
  } else if (resource == "refunds" && seg.size() == 1) {
    if (m != "POST") return unsupported();
    auto in = api::decode_create_refund(b);
    res = in ? reply<Refund>(service_.create_refund(in.value(), sim), 201, encode_refund)
             : error_response(in.error());
  } else if (resource == "refunds" && seg.size() == 2) {
    if (m != "GET") return unsupported();
    res = reply<Refund>(service_.get_refund(RefundId{seg[1]}), 200, encode_refund);
  } else if (resource == "buyers" && seg.size() == 2) {
    if (m != "GET") return unsupported();
    auto key = store_->meta("buyer-token:" + seg[1]);
    const SandboxBuyer* buyer = key ? find_sandbox_buyer(*key) : nullptr;
    if (!buyer) return error_response(R::ResourceNotFound, "Buyer token " + seg[1] + " was not found");
    res = json_response(200, api::encode_buyer_profile(*buyer));
  } else {
    return error_response(R::ResourceNotFound, "No resource at " + request.path);
  }
  service_.take_changes();

  // 7. Remember the answer for the idempotency key. Server faults are not stored, so a
  // retry with the same key runs again.
  if (idem_key && res.status < 500)
    store_->put(IdempotencyRecord{*idem_key, request.method, api_path, body_hash, res.status, res.body});
  return res;
}

}  // namespace mock_amazon
