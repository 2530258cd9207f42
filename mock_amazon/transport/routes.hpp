// The two route tables of the mock (internal to mock_amazon): the Amazon Pay API
// (router.cpp) and the control API under /__mock/ (control.cpp and the *_control.cpp files).
// Each row is {method, path pattern, handler, description}; "*" in a pattern matches one path
// segment (an id). The tables are data: GET /__mock/ lists the control rows, and
// openapi_routes_test checks them against mock_amazon/openapi/*.yaml.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/http_types.hpp"
#include "core/prng.hpp"
#include "core/signing.hpp"
#include "core/result.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/notifications/outbox.hpp"
#include "mock_amazon/transport/request_journal.hpp"

namespace mock_amazon::transport {

// The work on an API request that needs none of the mock's state (RSA verification, JSON
// parsing): Mock::handle does it before taking its lock, so concurrent requests use more
// than one core. handle_api uses what is here and computes what is not.
struct Prepared {
  std::optional<core::VerifyResult> signature;  // when the request names a registered key
  std::optional<core::Result<nlohmann::json, AmazonError>> body;
};
Prepared prepare_api(const MockOptions& options,
                     const std::vector<std::pair<std::string, core::PublicKey>>& keys,
                     const core::HttpRequest& request);

// What the routes act on; owned by Mock, which serializes every call.
struct MockParts {
  const MockOptions& options;
  Store& store;
  core::SimulatedClock& clock;
  core::Prng& prng;
  Service& service;
  const std::vector<std::pair<std::string, core::PublicKey>>& keys;
  std::deque<SignatureLogEntry>& signature_log;
  std::function<void(std::uint64_t seed, core::Instant start)> reset;
  notifications::Outbox& outbox;
  const std::deque<Change>& change_log;
  const Prepared* prepared;  // null: nothing prepared
  RequestJournal& journal;
};

// One request as a handler sees it: path segments after the prefix, the parsed JSON body.
struct Routed {
  const core::HttpRequest& http;
  const std::vector<std::string>& seg;  // "/v2/charges/ID/capture" → {"charges", "ID", "capture"}
  const nlohmann::json& body;
  SimulationCode sim;  // API only: the header, on sandbox paths
  const std::string& id() const { return seg.at(1); }
};

using Handler = core::HttpResponse (*)(MockParts& mock, const Routed& request);

struct Route {
  const char* method;
  std::vector<const char*> pattern;
  // nullptr: served before the table is consulted (POST clock/advance: Mock::advance).
  Handler handler;
  // One line for GET /__mock/ (control routes; every one has it, a test checks).
  const char* description = nullptr;
};

// True when `seg` has the pattern's length and every non-"*" segment equals it.
bool matches(const std::vector<const char*>& pattern, const std::vector<std::string>& seg);

std::span<const Route> api_routes();
std::span<const Route> control_routes();
std::span<const Route> seller_central_routes();  // seller_central_control.cpp
std::span<const Route> notification_routes();    // notifications_control.cpp
std::span<const Route> sign_in_routes();         // sign_in_control.cpp
std::span<const Route> journal_routes();         // journal_control.cpp
// Every control table, in the order handle_control tries them.
std::vector<std::span<const Route>> control_tables();
// The route's path under `prefix` with "{id}" for each "*": ("/__mock/", {"charges", "*"})
// → "/__mock/charges/{id}"; ("/__mock/", {}) → "/__mock/".
std::string route_path(std::string_view prefix, const Route& route);
// [{method, path, description}] of every control route: the body of GET /__mock/.
nlohmann::json control_listing();

// The clock as the control API shows it (nextEventAt includes pending notifications), and
// where an advance request's body ({"by"}, {"to"}, {"next"}) moves it (control.cpp).
nlohmann::json clock_json(MockParts& mock);
core::Result<core::Instant, core::HttpResponse> advance_target(MockParts& mock,
                                                               const nlohmann::json& body);

core::HttpResponse handle_api(MockParts& mock, const core::HttpRequest& request);
core::HttpResponse handle_control(MockParts& mock, const core::HttpRequest& request);

// A control request sent by a page of another site (an Origin that is not the mock's own
// Host): refused, since a browser sends a text/plain POST cross-site without asking first and
// the control API can wipe the mock. Requests without Origin (SDKs, curl, tests) pass.
std::optional<core::HttpResponse> cross_site_refusal(const core::HttpRequest& request);

// A control request without the configured control token (MockOptions::control_token; no
// token configured: none refused).
std::optional<core::HttpResponse> missing_token_refusal(const core::HttpRequest& request,
                                                        const std::string& token);

}  // namespace mock_amazon::transport
