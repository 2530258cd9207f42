// The mock's request pipeline (fact sheet §14.2): route → faults → signature → idempotency
// → body → service → response, with the API's route table.
#include <algorithm>
#include <cctype>

#include "core/json.hpp"
#include "core/text.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

constexpr size_t kSignatureLogSize = 50;

bool valid_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 32) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::string escape_newlines(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

template <class T, class Encode>
core::HttpResponse reply(const Outcome<T>& outcome, int success_status, Encode&& encode) {
  if (!outcome) return error_response(outcome.error());
  return json_response(success_status, encode(outcome.value()));
}

// Decodes the body with `decode`, then answers what `run` does with the input.
template <class Decoded, class Run>
core::HttpResponse decoded(const Outcome<Decoded>& in, Run&& run) {
  if (!in) return error_response(in.error());
  return run(in.value());
}

// ---------------------------------------------------------------- the API's routes

core::HttpResponse create_checkout_session(MockParts& m, const Routed& r) {
  return decoded(api::decode_create_checkout_session(r.body), [&](const auto& in) {
    return reply(m.service.create_checkout_session(in), 201, as_json(m));
  });
}

core::HttpResponse get_checkout_session(MockParts& m, const Routed& r) {
  return reply(m.service.get_checkout_session(CheckoutSessionId{r.id()}), 200, as_json(m));
}

core::HttpResponse update_checkout_session(MockParts& m, const Routed& r) {
  return decoded(api::decode_update_checkout_session(r.body), [&](const auto& in) {
    return reply(m.service.update_checkout_session(CheckoutSessionId{r.id()}, in), 200, as_json(m));
  });
}

core::HttpResponse complete_checkout_session(MockParts& m, const Routed& r) {
  return decoded(api::decode_complete_checkout_session(r.body), [&](const auto& in) {
    auto out = m.service.complete_checkout_session(CheckoutSessionId{r.id()}, in, r.sim);
    // 202 while the authorization is pending.
    int status = 200;
    if (out && out->charge_id) {
      auto c = m.service.get_charge(*out->charge_id);
      if (c && c->state == ChargeState::AuthorizationInitiated) status = 202;
    }
    return reply(out, status, as_json(m));
  });
}

core::HttpResponse get_charge_permission(MockParts& m, const Routed& r) {
  return reply(m.service.get_charge_permission(ChargePermissionId{r.id()}), 200, as_json(m));
}

core::HttpResponse update_charge_permission(MockParts& m, const Routed& r) {
  return decoded(api::decode_update_charge_permission(r.body), [&](const auto& in) {
    return reply(m.service.update_charge_permission(ChargePermissionId{r.id()}, in), 200,
                 as_json(m));
  });
}

core::HttpResponse close_charge_permission(MockParts& m, const Routed& r) {
  return decoded(api::decode_close_charge_permission(r.body), [&](const auto& in) {
    return reply(m.service.close_charge_permission(ChargePermissionId{r.id()}, in, r.sim), 200,
                 as_json(m));
  });
}

core::HttpResponse create_charge(MockParts& m, const Routed& r) {
  return decoded(api::decode_create_charge(r.body), [&](const auto& in) {
    return reply(m.service.create_charge(in, r.sim), 201, as_json(m));
  });
}

// A GET of a Charge or Refund answers the text last encoded for it while the object is
// unchanged (Store::encoded): the view depends on the object alone.
template <class Id, class Get>
core::HttpResponse get_encoded(MockParts& m, const Id& id, Get&& get) {
  if (const std::string* text = m.store.encoded(id)) return json_text_response(200, *text);
  core::HttpResponse res = reply(get(id), 200, as_json(m));
  if (res.status == 200) m.store.keep_encoded(id, res.body);
  return res;
}

core::HttpResponse get_charge(MockParts& m, const Routed& r) {
  return get_encoded(m, ChargeId{r.id()},
                     [&](const ChargeId& id) { return m.service.get_charge(id); });
}

core::HttpResponse capture_charge(MockParts& m, const Routed& r) {
  return decoded(api::decode_capture_charge(r.body), [&](const auto& in) {
    return reply(m.service.capture_charge(ChargeId{r.id()}, in, r.sim), 200, as_json(m));
  });
}

core::HttpResponse cancel_charge(MockParts& m, const Routed& r) {
  return decoded(api::decode_cancel_charge(r.body), [&](const auto& in) {
    return reply(m.service.cancel_charge(ChargeId{r.id()}, in), 200, as_json(m));
  });
}

core::HttpResponse create_refund(MockParts& m, const Routed& r) {
  return decoded(api::decode_create_refund(r.body), [&](const auto& in) {
    return reply(m.service.create_refund(in, r.sim), 201, as_json(m));
  });
}

core::HttpResponse get_refund(MockParts& m, const Routed& r) {
  return get_encoded(m, RefundId{r.id()},
                     [&](const RefundId& id) { return m.service.get_refund(id); });
}

core::HttpResponse get_buyer(MockParts& m, const Routed& r) {
  auto key = m.store.meta("buyer-token:" + r.id());
  const SandboxBuyer* buyer = key ? find_sandbox_buyer(*key) : nullptr;
  // A signed-out token (POST /__mock/sign-out) is gone, as after amazon.Pay.signout().
  if (!buyer || m.store.meta("signed-out:" + r.id()))
    return error_response(R::ResourceNotFound, "Buyer token " + r.id() + " was not found");
  return json_response(200, api::encode_buyer_profile(*buyer));
}

const std::vector<Route> kApiRoutes = {
    {"POST", {"checkoutSessions"}, &create_checkout_session},
    {"GET", {"checkoutSessions", "*"}, &get_checkout_session},
    {"PATCH", {"checkoutSessions", "*"}, &update_checkout_session},
    {"POST", {"checkoutSessions", "*", "complete"}, &complete_checkout_session},
    {"GET", {"chargePermissions", "*"}, &get_charge_permission},
    {"PATCH", {"chargePermissions", "*"}, &update_charge_permission},
    {"DELETE", {"chargePermissions", "*", "close"}, &close_charge_permission},
    {"POST", {"charges"}, &create_charge},
    {"GET", {"charges", "*"}, &get_charge},
    {"POST", {"charges", "*", "capture"}, &capture_charge},
    {"DELETE", {"charges", "*", "cancel"}, &cancel_charge},
    {"POST", {"refunds"}, &create_refund},
    {"GET", {"refunds", "*"}, &get_refund},
    {"GET", {"buyers", "*"}, &get_buyer},
};

// ---------------------------------------------------------------- pipeline stages

// What a caller gets when the answer is lost on the way: nothing, as after a timeout.
core::HttpResponse no_answer() {
  core::HttpResponse none;
  none.status = kNoResponse;
  none.body = "timeout";
  return none;
}

// The first fault queued for this request, as the answer it forces; a `lost` fault forces
// none and sets `lost`: the request runs and only its answer is lost.
std::optional<core::HttpResponse> injected_fault(MockParts& m, const core::HttpRequest& request,
                                                 const std::string& api_path, bool& lost) {
  for (Fault f : m.store.faults()) {
    if (!f.method.empty() && !core::iequals(f.method, request.method)) continue;
    if (!f.path_prefix.empty() && api_path.rfind(f.path_prefix, 0) != 0) continue;
    if (f.remaining > 0) {
      --f.remaining;
      m.store.update_fault(f);
    }
    if (f.kind == FaultKind::Lost) {
      lost = true;
      return std::nullopt;
    }
    if (f.kind == FaultKind::Error) {
      auto code = parse_reason_code(f.reason_code).value_or(R::InternalServerError);
      core::HttpResponse res = error_response(code, "fault injected by the mock's control API");
      if (f.status > 0) res.status = f.status;
      if (f.retry_after >= 0)
        core::set_header(res.headers, "retry-after", std::to_string(f.retry_after));
      return res;
    }
    core::HttpResponse res;
    res.status = kNoResponse;
    res.body = f.kind == FaultKind::Timeout ? "timeout" : "connection reset";
    return res;
  }
  return std::nullopt;
}

const core::PublicKey* find_key(
    const std::vector<std::pair<std::string, core::PublicKey>>& keys, const std::string& id) {
  for (const auto& [key_id, k] : keys)
    if (key_id == id) return &k;
  return nullptr;
}

// Amazon's refusal of the request's signature, if any.
std::optional<core::HttpResponse> signature_refusal(MockParts& m,
                                                    const core::HttpRequest& request) {
  const std::string* auth_header = request.header("authorization");
  if (!auth_header) return error_response(R::MissingHeader, "Missing header: authorization");
  auto auth = core::parse_authorization(*auth_header);
  if (!auth)
    return error_response(R::InvalidHeaderValue,
                          "The authorization header is malformed; expected 'ALG PublicKeyId=..., "
                          "SignedHeaders=..., Signature=...'");
  const core::PublicKey* key = find_key(m.keys, auth->public_key_id);
  if (!key)
    return error_response(R::UnauthorizedAccess, "Unknown PublicKeyId " + auth->public_key_id +
                                                     ": register it with --public-key KEYID=PEM");
  for (const char* h : {"x-amz-pay-date", "x-amz-pay-host", "x-amz-pay-region"}) {
    const std::string* v = request.header(h);
    if (!v) return error_response(R::MissingHeader, std::string("Missing header: ") + h);
    if (v->empty()) return error_response(R::MissingHeaderValue, std::string("Empty header: ") + h);
    bool signed_it = false;
    for (const auto& s : auth->signed_headers) signed_it = signed_it || s == h;
    if (!signed_it)
      return error_response(R::InvalidHeaderValue,
                            std::string(h) + " must be listed in SignedHeaders");
  }
  if (!core::iequals(*request.header("x-amz-pay-region"), "jp"))
    return error_response(R::InvalidHeaderValue, "x-amz-pay-region must be jp for this service");
  auto date = core::parse_instant(*request.header("x-amz-pay-date"));
  if (!date)
    return error_response(R::InvalidHeaderValue,
                          "x-amz-pay-date is not a UTC timestamp (20240131T123456Z or "
                          "2024-01-31T12:34:56Z)");
  const core::Duration skew = m.options.max_clock_skew;
  auto within = [&](core::Instant t) {
    auto d = *date - t;
    return d <= skew && -d <= skew;
  };
  if (!within(m.clock.now()) && !(m.options.wall_clock && within(m.options.wall_clock->now())))
    return error_response(R::InvalidHeaderValue,
                          "x-amz-pay-date " + *request.header("x-amz-pay-date") + " is more than " +
                              core::format_duration(skew) + " away from the service time " +
                              core::format_iso(m.clock.now()));
  std::optional<core::VerifyResult> computed;
  if (!m.prepared || !m.prepared->signature) computed = core::verify_request(request, *auth, *key);
  const core::VerifyResult& verified = computed ? *computed : *m.prepared->signature;
  if (verified.ok) return std::nullopt;
  // The log keeps what the client sent, made valid UTF-8 so that reading it never fails.
  m.signature_log.push_back(SignatureLogEntry{
      core::format_iso(m.clock.now()), core::valid_utf8(request.method),
      core::valid_utf8(request.path), core::valid_utf8(auth->public_key_id),
      core::valid_utf8(verified.error), core::valid_utf8(verified.canonical_request),
      core::valid_utf8(verified.string_to_sign)});
  if (m.signature_log.size() > kSignatureLogSize) m.signature_log.pop_front();
  return error_response(R::InvalidRequestSignature,
                        "Unable to verify signature, signing String [" +
                            escape_newlines(verified.string_to_sign) + "], canonical request [" +
                            escape_newlines(verified.canonical_request) + "]" +
                            (verified.error.empty() ? "" : ": " + verified.error));
}

// The idempotency key of a POST, and the stored answer when it replays one.
struct Idempotency {
  std::optional<std::string> key;
  std::string scope;
  std::string body_hash;
  std::optional<core::HttpResponse> answer;  // replay or refusal
};

// The merchant an idempotency key belongs to: the PublicKeyId that signed (the signature is
// verified before this runs); "" when signatures are not checked.
std::string idempotency_scope(MockParts& m, const core::HttpRequest& request) {
  if (!m.options.verify_signatures) return "";
  const std::string* auth_header = request.header("authorization");
  auto auth = auth_header ? core::parse_authorization(*auth_header) : std::nullopt;
  return auth ? auth->public_key_id : "";
}

// cpp-httplib drops a header whose value is empty before the mock sees it, so an empty
// idempotency key would pass as no key at all (or fail the signature as a missing header).
// A client that sent one signed it, though: its name is still in SignedHeaders. Amazon sees
// the empty value and refuses the key, so the mock does too, before checking the signature.
std::optional<core::HttpResponse> empty_idempotency_key(const core::HttpRequest& request) {
  constexpr std::string_view kName = "x-amz-pay-idempotency-key";
  if (request.method != "POST" || request.header(std::string(kName))) return std::nullopt;
  const std::string* auth_header = request.header("authorization");
  auto auth = auth_header ? core::parse_authorization(*auth_header) : std::nullopt;
  if (!auth || std::find(auth->signed_headers.begin(), auth->signed_headers.end(), kName) ==
                   auth->signed_headers.end())
    return std::nullopt;
  return error_response(R::InvalidHeaderValue,
                        "x-amz-pay-idempotency-key is empty: give 1-32 characters of "
                        "A-Z a-z 0-9 - _, or leave the header out");
}

Idempotency idempotency(MockParts& m, const core::HttpRequest& request,
                        const std::string& api_path) {
  Idempotency out;
  if (request.method != "POST") return out;
  const std::string* k = request.header("x-amz-pay-idempotency-key");
  if (!k) return out;
  if (!valid_idempotency_key(*k)) {
    out.answer =
        error_response(R::InvalidHeaderValue,
                       "x-amz-pay-idempotency-key must be 1-32 characters of A-Z a-z 0-9 - _");
    return out;
  }
  out.key = *k;
  out.scope = idempotency_scope(m, request);
  out.body_hash = core::sha256_hex(request.body);
  auto rec = m.store.idempotency(out.scope, *k);
  if (!rec) return out;
  if (rec->method == request.method && rec->path == api_path && rec->body_hash == out.body_hash) {
    core::HttpResponse res;
    res.status = rec->status;
    res.body = rec->response_body;
    res.headers.emplace_back("content-type", "application/json;charset=UTF-8");
    out.answer = res;
  } else {
    out.answer =
        error_response(R::DuplicateIdempotencyKey,
                       "The idempotency key " + *k + " was already used with a different request");
  }
  return out;
}

}  // namespace

Prepared prepare_api(const MockOptions& options,
                     const std::vector<std::pair<std::string, core::PublicKey>>& keys,
                     const core::HttpRequest& request) {
  Prepared out;
  out.body = parse_body(request.body);
  if (!options.verify_signatures) return out;
  const std::string* header = request.header("authorization");
  auto auth = header ? core::parse_authorization(*header) : std::nullopt;
  const core::PublicKey* key = auth ? find_key(keys, auth->public_key_id) : nullptr;
  if (key) out.signature = core::verify_request(request, *auth, *key);
  return out;
}

bool matches(const std::vector<const char*>& pattern, const std::vector<std::string>& seg) {
  if (seg.size() != pattern.size()) return false;
  for (size_t i = 0; i < seg.size(); ++i)
    if (std::string_view(pattern[i]) != "*" && seg[i] != pattern[i]) return false;
  return true;
}

std::span<const Route> api_routes() {
  return kApiRoutes;
}

core::HttpResponse handle_api(MockParts& m, const core::HttpRequest& request) {
  // 1. Route: /v2/..., /sandbox/v2/..., /live/v2/...; a trailing slash is tolerated.
  std::vector<std::string> seg = split_path(request.path);
  bool live = false;
  if (!seg.empty() && (seg[0] == "sandbox" || seg[0] == "live")) {
    live = seg[0] == "live";
    seg.erase(seg.begin());
  }
  if (seg.empty()) return error_response(R::ResourceNotFound, "No resource at " + request.path);
  if (seg[0] != "v2") {
    if (seg[0].size() >= 2 && seg[0][0] == 'v' &&
        std::isdigit(static_cast<unsigned char>(seg[0][1])))
      return error_response(R::InvalidAPIVersion, "API version " + seg[0] + " is not supported");
    return error_response(R::ResourceNotFound, "No resource at " + request.path);
  }
  seg.erase(seg.begin());
  std::string api_path = "/v2";
  for (const auto& s : seg) api_path += "/" + s;

  // 2. Faults queued by the control API.
  bool lost = false;
  if (auto fault = injected_fault(m, request, api_path, lost)) return *fault;

  // 3. Signature (an empty idempotency key first: see empty_idempotency_key).
  if (auto refusal = empty_idempotency_key(request)) return *refusal;
  if (m.options.verify_signatures)
    if (auto refusal = signature_refusal(m, request)) return *refusal;

  // 4. Idempotency (POST only).
  Idempotency idem = idempotency(m, request, api_path);
  // A replay's answer is lost like any other: the caller hears nothing this time either.
  if (idem.answer) return lost ? no_answer() : *idem.answer;

  // 5. Simulation header: sandbox only.
  SimulationCode sim;
  if (const std::string* s = request.header("x-amz-pay-simulation-code"); s && !live) sim = *s;

  // 6. Body and dispatch: a known path with another method is UnsupportedOperation.
  std::optional<core::Result<json, AmazonError>> parsed;
  if (!m.prepared || !m.prepared->body) parsed = parse_body(request.body);
  const auto& body = parsed ? *parsed : *m.prepared->body;
  if (!body) return error_response(body.error());
  const Route* route = nullptr;
  bool path_known = false;
  for (const Route& row : kApiRoutes) {
    if (!matches(row.pattern, seg)) continue;
    path_known = true;
    if (request.method == row.method) route = &row;
  }
  if (!route && path_known)
    return error_response(R::UnsupportedOperation,
                          request.method + " is not supported on " + api_path);
  if (!route) return error_response(R::ResourceNotFound, "No resource at " + request.path);
  // The changes go to the Mock's change log and notifications (Mock::handle).
  core::HttpResponse res = route->handler(m, Routed{request, seg, body.value(), sim});

  // 7. Remember the answer for the idempotency key. Server faults are not stored, so a
  // retry with the same key runs again.
  if (idem.key && res.status < 500)
    m.store.put(IdempotencyRecord{idem.scope, *idem.key, request.method, api_path, idem.body_hash,
                                  res.status, res.body});
  if (lost) return no_answer();  // Amazon did it; the answer never reaches the caller
  return res;
}

}  // namespace mock_amazon::transport
