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

// In process: the environment's mock as it is now (amazon.restart replaces the Mock object).
class EmbeddedClient final : public core::AmazonPayClient {
 public:
  explicit EmbeddedClient(const std::unique_ptr<mock_amazon::Mock>& mock) : mock_(mock) {}
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    mock_amazon::InProcessClient direct(*mock_);
    direct.set_wire_observer([this](const core::HttpRequest& sent) { observe(sent); });
    return direct.send(std::move(request));
  }

 private:
  const std::unique_ptr<mock_amazon::Mock>& mock_;
};

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

  mock_amazon::MockOptions& mo = env->mock_options_;
  mo.verify_signatures = http;
  if (http) {
    std::string pem_file = (fs::path(options.source_root) / kTestPublicKeyFile).string();
    auto pub = core::PublicKey::from_pem_file(pem_file);
    if (!pub) return core::fail("cannot read the test public key " + pem_file + ": " + pub.error());
    mo.public_keys.emplace_back(kTestPublicKeyId, pub->pem());
  }
  if (auto error = env->open_mock(); !error.empty()) return core::fail(error);

  if (http) {
    if (auto error = env->start_server(0); !error.empty()) return core::fail(error);
    env->base_url_ = env->server_->base_url();
    env->signing_->signer.host = host_of(env->base_url_);
    env->mock_->set_public_base_url(env->base_url_);
    if (auto error = env->start_notification_listener(); !error.empty()) return core::fail(error);
    env->amazon_host_ = host_of(env->base_url_);
  } else {
    env->notification_url_ = kInProcessNotificationUrl;
    env->amazon_host_ = host_of(env->mock_->options().public_base_url);
  }
  return env;
}

std::string Environment::open_mock() {
  mock_.reset();  // closes the database first: one process at a time on a file
  auto mock = mock_amazon::Mock::open(mock_options_);
  if (!mock) return "cannot open the mock: " + mock.error();
  mock_ = std::move(mock).value();
  if (options_.transport == Transport::InProcess) {
    mock_->set_notification_sender(
        [this](const std::string&,
               const core::HttpRequest& r) -> core::Result<core::HttpResponse, std::string> {
          return deliver(r);
        });
  } else if (!base_url_.empty()) {
    mock_->set_public_base_url(base_url_);
  }
  return "";
}

std::string Environment::start_server(int port) {
  mock_amazon::HttpServerOptions so;
  so.threads = 4;  // one client at a time; a few spare for reconnects
  so.port = port;
  // mock_ is replaced only while the server is stopped (restart_mock).
  server_ = std::make_unique<mock_amazon::HttpServer>(
      [this](const core::HttpRequest& r) { return mock_->handle(r); }, so);
  auto started = server_->start();
  if (!started) return "cannot start the mock's HTTP server: " + started.error();
  return "";
}

std::string Environment::use_database(const std::string& db_path) {
  if (!embedded())
    return "the mock at " + base_url_ + " is not the runner's: its database is its own";
  if (mock_options_.db_path == db_path) return "";
  mock_options_.db_path = db_path;
  return restart_mock();
}

std::string Environment::restart_mock() {
  if (!embedded()) return "the mock at " + base_url_ + " is not the runner's to restart";
  int port = server_ ? server_->port() : 0;
  if (server_) server_->stop();
  if (auto error = open_mock(); !error.empty()) return error;
  if (server_) {
    // The same port, so the shop's clients, the signed host and the SigningCertURL the shop
    // trusts stay what they were.
    if (auto error = start_server(port); !error.empty()) return error;
  }
  return "";
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
  if (options_.transport == Transport::InProcess) return std::make_unique<EmbeddedClient>(mock_);
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
