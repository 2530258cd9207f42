// The control API's notification routes (/__mock/notifications/…, /__mock/sns/…; documented
// in mock_amazon/README.md): the merchant endpoint, the retry policy, chaos for the next
// notifications, the journal, and the certificate behind SigningCertURL.
#include "core/json.hpp"
#include "mock_amazon/notifications/envelope.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

// Attempts and chaos counts: far beyond any test.
constexpr std::int64_t kMaxNotificationCount = 100'000;

namespace n = notifications;

json endpoint_json(const std::optional<n::Endpoint>& e) {
  if (!e) return json{{"endpoint", nullptr}};
  return json{{"endpoint", {{"url", e->url}, {"signed", e->signed_}}}};
}

core::HttpResponse put_endpoint(MockParts& m, const Routed& r) {
  const json& b = r.body;
  if (!b.is_object() || !b.contains("url") || !b.at("url").is_string())
    return error_response(R::MissingParameterValue, "give url (http:// or https://)");
  std::string url = b.at("url").get<std::string>();
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return error_response(R::InvalidParameterValue, "url must start with http:// or https://");
  bool signed_ = true;
  if (b.contains("signed")) {
    if (!b.at("signed").is_boolean())
      return error_response(R::InvalidParameterValue, "'signed' must be true or false");
    signed_ = b.at("signed").get<bool>();
  }
  m.outbox.set_endpoint(n::Endpoint{url, signed_});
  return json_response(200, endpoint_json(m.outbox.endpoint()));
}

core::HttpResponse get_endpoint(MockParts& m, const Routed&) {
  return json_response(200, endpoint_json(m.outbox.endpoint()));
}

core::HttpResponse delete_endpoint(MockParts& m, const Routed&) {
  m.outbox.set_endpoint(std::nullopt);
  return json_response(200, endpoint_json(std::nullopt));
}

json retry_json(const n::RetryPolicy& p) {
  return json{{"interval", p.interval_text}, {"maxAttempts", p.max_attempts}};
}

core::HttpResponse put_retry(MockParts& m, const Routed& r) {
  const json& b = r.body;
  n::RetryPolicy p = m.outbox.retry();
  if (b.is_object() && b.contains("interval")) {
    auto span = b.at("interval").is_string()
                    ? core::parse_time_span(b.at("interval").get<std::string>())
                    : std::nullopt;
    if (!span || span->after(m.clock.now()) <= m.clock.now())
      return error_response(R::InvalidParameterValue,
                            "'interval' must be a positive span like 1h, 30m or 1d");
    p.interval = *span;
    p.interval_text = b.at("interval").get<std::string>();
  }
  if (b.is_object() && b.contains("maxAttempts")) {
    auto attempts = bounded_int(b.at("maxAttempts"), 1, kMaxNotificationCount);
    if (!attempts)
      return error_response(R::InvalidParameterValue, "'maxAttempts' must be an integer 1-100000");
    p.max_attempts = static_cast<int>(*attempts);
  }
  m.outbox.set_retry(p);
  return json_response(200, retry_json(m.outbox.retry()));
}

core::HttpResponse get_retry(MockParts& m, const Routed&) {
  return json_response(200, retry_json(m.outbox.retry()));
}

json chaos_list(const n::Outbox& o) {
  json list = json::array();
  for (const auto& c : o.chaos()) list.push_back(n::chaos_json(c));
  return json{{"chaos", list}};
}

core::HttpResponse add_chaos(MockParts& m, const Routed& r) {
  const json& b = r.body;
  std::string mode_text = b.is_object() && b.contains("mode") && b.at("mode").is_string()
                              ? b.at("mode").get<std::string>()
                              : std::string();
  auto mode = n::parse_chaos_mode(mode_text);
  if (!mode)
    return error_response(R::InvalidParameterValue,
                          "'mode' must be delay, duplicate, reorder or drop");
  n::Chaos c;
  c.mode = *mode;
  if (b.is_object() && b.contains("count")) {
    auto count = bounded_int(b.at("count"), 1, kMaxNotificationCount);
    if (!count)
      return error_response(R::InvalidParameterValue, "'count' must be an integer 1-100000");
    c.count = static_cast<int>(*count);
  }
  if (c.mode == n::ChaosMode::Reorder && c.count < 2)
    return error_response(R::InvalidParameterValue, "reorder needs 'count' of at least 2");
  if (c.mode == n::ChaosMode::Delay) {
    auto d = b.contains("delay") && b.at("delay").is_string()
                 ? core::parse_duration(b.at("delay").get<std::string>())
                 : std::nullopt;
    if (!d || d->count() <= 0)
      return error_response(R::InvalidParameterValue,
                            "delay needs 'delay', a positive duration like 1h or 30m");
    c.delay = *d;
  }
  return json_response(200, n::chaos_json(m.outbox.add_chaos(c)));
}

core::HttpResponse get_chaos(MockParts& m, const Routed&) {
  return json_response(200, chaos_list(m.outbox));
}

core::HttpResponse clear_chaos(MockParts& m, const Routed&) {
  m.outbox.clear_chaos();
  return json_response(200, chaos_list(m.outbox));
}

core::HttpResponse journal(MockParts& m, const Routed&) {
  json list = json::array();
  for (const auto& e : m.outbox.journal()) list.push_back(n::journal_entry(e));
  json out = endpoint_json(m.outbox.endpoint());
  out["notifications"] = list;
  return json_response(200, out);
}

core::HttpResponse certificate(MockParts&, const Routed&) {
  core::HttpResponse res;
  res.status = 200;
  res.body = std::string(n::signing_certificate_pem());
  res.headers.emplace_back("content-type", "text/plain; charset=UTF-8");
  return res;
}

const std::vector<Route> kNotificationRoutes = {
    {"GET", {"notifications"}, &journal, "the notification journal and endpoint"},
    {"PUT",
     {"notifications", "endpoint"},
     &put_endpoint,
     "registers the merchant's IPN endpoint {url, signed?}"},
    {"GET", {"notifications", "endpoint"}, &get_endpoint, "the IPN endpoint"},
    {"DELETE", {"notifications", "endpoint"}, &delete_endpoint, "removes the IPN endpoint"},
    {"PUT", {"notifications", "retry"}, &put_retry, "the retry policy {interval?, maxAttempts?}"},
    {"GET", {"notifications", "retry"}, &get_retry, "the retry policy"},
    {"POST",
     {"notifications", "chaos"},
     &add_chaos,
     "delays, duplicates, reorders or drops the next notifications {mode, count?, delay?}"},
    {"GET", {"notifications", "chaos"}, &get_chaos, "the queued chaos"},
    {"DELETE",
     {"notifications", "chaos"},
     &clear_chaos,
     "removes the chaos; held notifications are released"},
    {"GET",
     {"sns", "SimpleNotificationService-mock.pem"},
     &certificate,
     "the certificate behind the notifications' SigningCertURL (PEM)"},
};

}  // namespace

std::span<const Route> notification_routes() {
  return kNotificationRoutes;
}

}  // namespace mock_amazon::transport
