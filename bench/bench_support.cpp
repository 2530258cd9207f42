#include "bench/bench_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/json.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"

namespace bench {
namespace {

using nlohmann::json;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "apc_bench: %s\n", message.c_str());
  std::exit(2);
}

std::string key_file(const char* name) {
  const char* env = std::getenv("APC_SOURCE_DIR");
  std::filesystem::path root = env && *env ? env : APC_BENCH_SOURCE_ROOT;
  return (root / "mock_amazon/testdata/keys" / name).string();
}

json yen(long long amount) {
  return json{{"amount", std::to_string(amount)}, {"currencyCode", "JPY"}};
}

}  // namespace

const core::Instant kStart = core::parse_instant("2026-01-05T00:00:00Z").value();

const core::PrivateKey& test_private_key() {
  static const core::PrivateKey key = [] {
    auto k = core::PrivateKey::from_pem_file(key_file("shop-sandbox.private.pem"));
    if (!k) die("cannot read the test private key: " + k.error());
    return std::move(k).value();
  }();
  return key;
}

const core::PublicKey& test_public_key() {
  static const core::PublicKey key = [] {
    auto k = core::PublicKey::from_pem_file(key_file("shop-sandbox.public.pem"));
    if (!k) die("cannot read the test public key: " + k.error());
    return std::move(k).value();
  }();
  return key;
}

std::unique_ptr<MockUnderTest> MockUnderTest::open(bool verify_signatures, bool http,
                                                   const std::string& db_path) {
  auto m = std::make_unique<MockUnderTest>();
  mock_amazon::MockOptions o;
  o.db_path = db_path;
  o.start = kStart;
  o.verify_signatures = verify_signatures;
  o.public_keys.emplace_back(kPublicKeyId, test_public_key().pem());
  auto opened = mock_amazon::Mock::open(std::move(o));
  if (!opened) die("cannot open the mock: " + opened.error());
  m->mock = std::move(opened).value();
  m->in_process = std::make_unique<mock_amazon::InProcessClient>(*m->mock);
  if (http) {
    mock_amazon::Mock* mock = m->mock.get();
    m->server = std::make_unique<mock_amazon::HttpServer>(
        [mock](const core::HttpRequest& r) { return mock->handle(r); },
        mock_amazon::HttpServerOptions{});
    auto port = m->server->start();
    if (!port) die("cannot start the HTTP server: " + port.error());
    m->base_url = m->server->base_url();
    m->host = "127.0.0.1:" + std::to_string(port.value());
  }
  return m;
}

MockUnderTest::~MockUnderTest() {
  if (server) server->stop();
}

core::HttpResponse must(const mock_amazon::control::Answer& answer, const std::string& what) {
  if (!answer) die(what + ": no answer (" + answer.error() + ")");
  if (answer->status < 200 || answer->status > 299)
    die(what + " answered " + std::to_string(answer->status) + ": " + answer->body);
  return *answer;
}

CheckoutIds checkout(MockUnderTest& m, long long amount, bool allow_overcharge, bool recurring) {
  // Set-up goes through an unverified path even when the mock checks signatures: control
  // calls are never signed, and API calls are signed here.
  auto api = [&](const std::string& method, const std::string& path, const json& body) {
    core::HttpRequest req{method, "/sandbox" + path, "", {}, body.dump()};
    if (m.mock->options().verify_signatures)
      sign(req, "127.0.0.1");
    else
      core::set_header(req.headers, "content-type", "application/json");
    core::HttpResponse res = m.mock->handle(req);
    if (res.status < 200 || res.status > 299)
      die(method + " " + path + " answered " + std::to_string(res.status) + ": " + res.body);
    return res;
  };
  CheckoutIds ids;
  json create = {
      {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/review"}}},
      {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"}};
  if (recurring) {
    create["chargePermissionType"] = "Recurring";
    create["recurringMetadata"] = {{"frequency", {{"unit", "Month"}, {"value", "1"}}},
                                   {"amount", nullptr}};
  }
  ids.checkout_session_id =
      json_field(api("POST", "/v2/checkoutSessions", create).body, "checkoutSessionId");
  auto control = m.control();
  auto walk = mock_amazon::control::walk_hosted_pages(
      control, ids.checkout_session_id, {"taro", "home", "card-1111"},
      [&](const core::HttpResponse&) {
        json update = {
            {"webCheckoutDetails", {{"checkoutResultReturnUrl", "https://shop.example/result"}}},
            {"paymentDetails",
             {{"paymentIntent", "Authorize"},
              {"chargeAmount", yen(amount)},
              {"allowOvercharge", allow_overcharge},
              {"extendExpiration", true}}}};
        if (recurring) {  // both are OneTime-only options
          update["paymentDetails"].erase("allowOvercharge");
          update["paymentDetails"].erase("extendExpiration");
        }
        api("PATCH", "/v2/checkoutSessions/" + ids.checkout_session_id, update);
        return std::string();
      });
  must(walk.signed_in, "sign-in");
  must(walk.payment_page, "payment page");
  std::string done = api("POST", "/v2/checkoutSessions/" + ids.checkout_session_id + "/complete",
                         json{{"chargeAmount", yen(amount)}})
                         .body;
  ids.charge_permission_id = json_field(done, "chargePermissionId");
  ids.charge_id = json_field(done, "chargeId");
  return ids;
}

std::string json_field(const std::string& body, const std::string& key) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

void sign(core::HttpRequest& request, const std::string& host) {
  core::SignerOptions options;
  options.public_key_id = kPublicKeyId;
  options.region = "jp";
  options.host = host;
  core::sign_request(request, test_private_key(), options, kStart);
}

core::HttpRequest get_charge_request(const std::string& charge_id) {
  return core::HttpRequest{
      "GET", "/sandbox/v2/charges/" + charge_id, "", {{"content-type", "application/json"}}, ""};
}

core::HttpRequest create_charge_request(const std::string& charge_permission_id) {
  json body = {{"chargePermissionId", charge_permission_id}, {"chargeAmount", yen(1)}};
  return core::HttpRequest{
      "POST", "/sandbox/v2/charges", "", {{"content-type", "application/json"}}, body.dump()};
}

}  // namespace bench
