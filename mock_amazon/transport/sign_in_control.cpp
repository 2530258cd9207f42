// The control API's Sign-in routes (/__mock/sign-in, /__mock/sign-out, /__mock/sign-ins,
// documented in mock_amazon/README.md): Amazon's Sign-in for a login that is not a checkout
// ("Sign in with Amazon Pay", Amazonログイン). The buyer signs in on Amazon's page, Amazon sends
// the browser to the button's signInReturnUrl with a buyer token, and the shop exchanges the
// token with Get Buyer. A sign-out (amazon.Pay.signout() on the shop's log-out page) ends the
// token: Get Buyer then answers 404 ResourceNotFound. Every sign-in and sign-out is kept in a
// journal so a test can see that the shop signed the buyer out (MEM-009).
#include "core/json.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

constexpr const char* kJournal = "sign-ins";

json journal(MockParts& m) {
  auto text = m.store.meta(kJournal);
  return text ? json::parse(*text) : json::array();
}

core::HttpResponse sign_in_buyer(MockParts& m, const Routed& r) {
  std::string buyer = str_field(r.body, "buyer");
  std::string return_url = str_field(r.body, "signInReturnUrl");
  if (buyer.empty() || return_url.empty())
    return error_response(R::MissingParameterValue,
                          "give buyer and signInReturnUrl (see GET /__mock/buyers)");
  const SandboxBuyer* b = find_sandbox_buyer(buyer);
  if (!b) return error_response(R::InvalidParameterValue, "unknown sandbox buyer '" + buyer + "'");
  std::string token = "BT-" + m.prng.uuid();
  m.store.set_meta("buyer-token:" + token, buyer);
  json entries = journal(m);
  entries.push_back(json{{"buyerToken", token},
                         {"buyer", buyer},
                         {"buyerId", b->buyer_id},
                         {"signInReturnUrl", return_url},
                         {"signedInAt", core::format_iso(m.clock.now())},
                         {"signedOutAt", nullptr}});
  m.store.set_meta(kJournal, entries.dump());
  std::string sep = return_url.find('?') == std::string::npos ? "?" : "&";
  return json_response(200, json{{"redirectUrl", return_url + sep + "buyerToken=" + token},
                                 {"outcome", "signed-in"},
                                 {"buyerToken", token}});
}

core::HttpResponse sign_out(MockParts& m, const Routed& r) {
  std::string token = str_field(r.body, "buyerToken");
  if (token.empty()) return error_response(R::MissingParameterValue, "give buyerToken");
  json entries = journal(m);
  for (json& e : entries) {
    if (e.at("buyerToken") != token) continue;
    // A second sign-out keeps the first instant.
    if (e.at("signedOutAt").is_null()) e["signedOutAt"] = core::format_iso(m.clock.now());
    m.store.set_meta("signed-out:" + token, e.at("signedOutAt").get<std::string>());
    m.store.set_meta(kJournal, entries.dump());
    return json_response(200, e);
  }
  return error_response(R::ResourceNotFound, "Buyer token " + token + " was not found");
}

core::HttpResponse sign_ins(MockParts& m, const Routed&) {
  return json_response(200, json{{"signIns", journal(m)}});
}

const std::vector<Route> kSignInRoutes = {
    {"POST",
     {"sign-in"},
     &sign_in_buyer,
     "Sign in with Amazon outside a checkout {buyer, signInReturnUrl}"},
    {"POST", {"sign-out"}, &sign_out, "ends a buyer token {buyerToken}"},
    {"GET", {"sign-ins"}, &sign_ins, "the sign-in journal"},
};

}  // namespace

std::span<const Route> sign_in_routes() {
  return kSignInRoutes;
}

}  // namespace mock_amazon::transport
