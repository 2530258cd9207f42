#include "scenarios/environment.hpp"

#include <filesystem>

#include "core/http_client.hpp"

#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace scenarios {
namespace {

// "https://localhost:8443/x" → "localhost:8443": the x-amz-pay-host the mock checks.
std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

constexpr const char* kEnvironmentPrefix = "/sandbox";
constexpr const char* kNotificationPath = "/amazon-pay/ipn";
// In-process, notifications never touch a socket; the URL is only what the mock is told.
constexpr const char* kInProcessNotificationUrl = "http://shop.invalid/amazon-pay/ipn";

}  // namespace

core::Result<std::unique_ptr<Environment>, std::string> Environment::open(
    const EnvironmentOptions& options) {
  std::unique_ptr<Environment> env(new Environment());
  env->options_ = options;
  namespace fs = std::filesystem;
  bool http = options.transport == Transport::Http;

  if (http) {
    std::string key_file = (fs::path(options.source_root) / kTestPrivateKeyFile).string();
    auto key = core::PrivateKey::from_pem_file(key_file);
    if (!key)
      return core::fail("cannot read the test signing key " + key_file + ": " + key.error());
    env->signing_ = core::SigningConfig{key.value(), core::SignerOptions{}};
    env->signing_->signer.public_key_id = kTestPublicKeyId;
    env->signing_->signer.region = "jp";
  }

  if (!options.mock_url.empty()) {
    if (!http) return core::fail(std::string("--mock-url needs the http transport"));
    env->base_url_ = options.mock_url;
    while (!env->base_url_.empty() && env->base_url_.back() == '/') env->base_url_.pop_back();
    env->signing_->signer.host = host_of(env->base_url_);
    // Fail the run up front (status 2) rather than every scenario with the same error.
    core::HttpClientOptions probe_options;
    probe_options.base_url = env->base_url_;
    core::SystemClock wall;
    core::HttpAmazonPayClient probe(probe_options, std::nullopt, wall);
    auto answer = mock_amazon::control::ControlClient(probe).health();
    if (!answer) return core::fail("no mock at " + env->base_url_ + ": " + answer.error());
    if (answer->status != 200)
      return core::fail(env->base_url_ +
                        " does not look like the mock: GET /__mock/health answered " +
                        std::to_string(answer->status));
    env->amazon_host_ = host_of(env->base_url_);
    if (auto error = env->start_notification_listener(); !error.empty()) return core::fail(error);
    return env;
  }

  mock_amazon::MockOptions mo;
  mo.verify_signatures = http;
  if (http) {
    std::string pem_file = (fs::path(options.source_root) / kTestPublicKeyFile).string();
    auto pub = core::PublicKey::from_pem_file(pem_file);
    if (!pub) return core::fail("cannot read the test public key " + pem_file + ": " + pub.error());
    mo.public_keys.emplace_back(kTestPublicKeyId, pub->pem());
  }
  auto mock = mock_amazon::Mock::open(std::move(mo));
  if (!mock) return core::fail("cannot open the mock: " + mock.error());
  env->mock_ = std::move(mock).value();

  if (http) {
    mock_amazon::Mock* m = env->mock_.get();
    mock_amazon::HttpServerOptions so;
    so.threads = 4;  // one client at a time; a few spare for reconnects
    env->server_ = std::make_unique<mock_amazon::HttpServer>(
        [m](const core::HttpRequest& r) { return m->handle(r); }, so);
    auto port = env->server_->start();
    if (!port) return core::fail("cannot start the mock's HTTP server: " + port.error());
    env->base_url_ = env->server_->base_url();
    env->signing_->signer.host = host_of(env->base_url_);
    env->mock_->set_public_base_url(env->base_url_);
    if (auto error = env->start_notification_listener(); !error.empty()) return core::fail(error);
  } else {
    Environment* e = env.get();
    env->mock_->set_notification_sender(
        [e](const std::string&, const core::HttpRequest& r)
            -> core::Result<core::HttpResponse, std::string> { return e->deliver(r); });
    env->notification_url_ = kInProcessNotificationUrl;
  }
  env->amazon_host_ = host_of(env->mock_->options().public_base_url);
  if (http) env->amazon_host_ = host_of(env->base_url_);
  return env;
}

std::string Environment::start_notification_listener() {
  mock_amazon::HttpServerOptions so;
  so.threads = 2;
  notification_server_ = std::make_unique<mock_amazon::HttpServer>(
      [this](const core::HttpRequest& r) { return deliver(r); }, so);
  auto port = notification_server_->start();
  if (!port) return "cannot start the shop's notification listener: " + port.error();
  notification_url_ = notification_server_->base_url() + kNotificationPath;
  return "";
}

void Environment::set_notification_receiver(NotificationReceiver receiver) {
  std::lock_guard lock(receiver_mu_);
  receiver_ = std::move(receiver);
}

core::HttpResponse Environment::deliver(const core::HttpRequest& request) {
  NotificationReceiver receiver;
  {
    std::lock_guard lock(receiver_mu_);
    receiver = receiver_;
  }
  if (!receiver || request.path != kNotificationPath)
    return core::HttpResponse{404, {{"content-type", "text/plain"}}, "no shop listens here"};
  return receiver(request);
}

Environment::~Environment() {
  if (notification_server_) notification_server_->stop();
  if (server_) server_->stop();
}

std::unique_ptr<core::AmazonPayClient> Environment::make_client(const core::Clock& clock) {
  if (options_.transport == Transport::InProcess)
    return std::make_unique<mock_amazon::InProcessClient>(*mock_);
  core::HttpClientOptions http;
  http.base_url = base_url_;
  return std::make_unique<core::HttpAmazonPayClient>(http, signing_, clock, kEnvironmentPrefix);
}

WireMask Environment::wire_mask() const {
  // The embedded server's port is the OS's choice: shown as <port>, so transcripts of two
  // runs compare equal.
  if (server_ == nullptr) return {};
  return [](core::HttpRequest& r) {
    if (r.header("x-amz-pay-host")) core::set_header(r.headers, "x-amz-pay-host", "127.0.0.1:<port>");
  };
}

ErrorText Environment::error_text() const {
  std::string base_url = server_ ? base_url_ : std::string();
  return [base_url](const std::string& error) {
    std::string out = error;
    if (!base_url.empty())
      for (size_t at = out.find(base_url); at != std::string::npos; at = out.find(base_url, at))
        out.replace(at, base_url.size(), "http://127.0.0.1:<port>");
    // "… (after 12 ms)": wall-clock time, different on every run.
    size_t after = out.find(" (after ");
    size_t close = after == std::string::npos ? after : out.find(" ms)", after);
    if (close != std::string::npos) out.erase(after, close + 4 - after);
    return out;
  };
}

std::string Environment::transport_name() const {
  return options_.transport == Transport::InProcess ? "inprocess" : "http";
}

std::string Environment::location() const {
  if (options_.transport == Transport::InProcess) return "in-process";
  if (server_) return "embedded " + base_url_;
  return base_url_;
}

std::string Environment::reported_location() const {
  if (server_) return "embedded http://127.0.0.1:<port>";
  return location();
}

}  // namespace scenarios
