// amazon-pay-mock: the Amazon Pay v2 sandbox mock as a server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// "KEYID=PATH" or "KEYID=-----BEGIN PUBLIC KEY-----...".
bool parse_key(const std::string& spec, std::pair<std::string, std::string>& out, std::string& error) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) {
    error = "--public-key expects KEYID=PEM-FILE (got '" + spec + "')";
    return false;
  }
  std::string id = spec.substr(0, eq), value = spec.substr(eq + 1);
  if (value.find("-----BEGIN") == std::string::npos) {
    std::ifstream in(value);
    if (!in) {
      error = "--public-key " + id + ": cannot read " + value;
      return false;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    value = buf.str();
  }
  out = {id, value};
  return true;
}

// 127.0.0.0/8, ::1 and "localhost": addresses only this machine can reach.
bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Amazon Pay v2 sandbox mock: the API, a simulated clock, sandbox buyers, forced "
               "outcomes and faults. Control API under /__mock/ (see mock_amazon/README.md)."};
  app.set_version_flag("--version", std::string("amazon-pay-mock ") + APC_VERSION);
  std::string host = "127.0.0.1";
  int port = 0;
  std::string db = ":memory:";
  std::uint64_t seed = 1;
  std::string start;
  std::vector<std::string> keys;
  bool no_verify = false;
  std::string tls_cert, tls_key;
  bool tls_self_signed = false;
  std::string async_delay = "30s";
  std::string hosted_base;
  std::string clock_mode = "simulated";
  std::string ipn_url;
  bool ipn_unsigned = false;
  std::string control_token;
  std::string access_log_target;
  std::size_t journal_size = mock_amazon::transport::RequestJournal::kDefaultCapacity;
  if (const char* env = std::getenv("AMAZON_PAY_MOCK_CONTROL_TOKEN")) control_token = env;
  app.add_option("--host", host,
                 "address to listen on; beyond loopback only with a control "
                 "token")
      ->capture_default_str();
  app.add_option("--control-token", control_token,
                 "secret every /__mock/ call must carry (x-mock-control-token: TOKEN or "
                 "Authorization: Bearer TOKEN); also AMAZON_PAY_MOCK_CONTROL_TOKEN");
  app.add_option("--port", port, "port; 0 picks a free one and prints it")->capture_default_str();
  app.add_option("--db", db, "SQLite file (WAL); in memory when omitted")->capture_default_str();
  app.add_option("--seed", seed, "seed for ids on a new database")->capture_default_str();
  app.add_option("--start", start, "simulated clock on a new database (default: now)");
  app.add_option("--public-key", keys, "register a merchant public key: KEYID=PEM-FILE (repeatable)");
  app.add_flag("--no-verify", no_verify, "accept requests without checking signatures");
  app.add_option("--tls-cert", tls_cert, "PEM certificate for HTTPS");
  app.add_option("--tls-key", tls_key, "PEM private key for HTTPS");
  app.add_flag("--tls-self-signed", tls_self_signed, "HTTPS with a generated localhost certificate");
  app.add_option("--async-delay", async_delay, "how long pending authorizations, asynchronous "
                 "captures and refunds take on the simulated clock")->capture_default_str();
  app.add_option("--clock", clock_mode,
                 "simulated: the clock moves only by POST /__mock/clock/advance (the "
                 "harness's default); realtime: it also follows wall time from the mock's start, "
                 "so a pending authorization settles after --async-delay as in Amazon's sandbox")
      ->check(CLI::IsMember({"simulated", "realtime"}))
      ->capture_default_str();
  app.add_option("--hosted-base-url", hosted_base,
                 "base URL put in amazonPayRedirectUrl (default Amazon's); the mock serves "
                 "Amazon's sign-in and payment pages as HTML under its path (GET "
                 "<base>/checkout/signin?amazonCheckoutSessionId=ID); 'self': this server's URL");
  app.add_option("--ipn-url", ipn_url, "merchant endpoint for Instant Payment Notifications "
                 "(also PUT /__mock/notifications/endpoint)");
  app.add_flag("--ipn-unsigned", ipn_unsigned, "send notifications without a Signature");
  app.add_option("--access-log", access_log_target,
                 "write one JSON line per HTTP request to FILE (appended), or - for stdout");
  app.add_option("--journal-size", journal_size,
                 "requests the journal keeps (GET /__mock/requests); 0 turns it off")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, mock_amazon::transport::RequestJournal::kMaxCapacity));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (!is_loopback(host) && control_token.empty()) {
    std::fprintf(stderr,
                 "amazon-pay-mock: refusing to listen on %s without a control token: anyone who "
                 "reaches it could reset or steer the mock. Give --control-token TOKEN (or "
                 "AMAZON_PAY_MOCK_CONTROL_TOKEN), or listen on 127.0.0.1\n",
                 host.c_str());
    return 2;
  }

  mock_amazon::MockOptions options;
  options.control_token = control_token;
  options.journal_size = journal_size;
  options.db_path = db;
  options.seed = seed;
  options.verify_signatures = !no_verify;
  static core::SystemClock wall;
  options.wall_clock = &wall;
  options.clock_mode = *mock_amazon::parse_clock_mode(clock_mode);  // checked by CLI11
  if (!start.empty()) {
    options.start = core::parse_instant(start);
    if (!options.start) {
      std::fprintf(stderr, "amazon-pay-mock: --start '%s' is not a UTC timestamp\n", start.c_str());
      return 2;
    }
  }
  auto delay = core::parse_duration(async_delay);
  if (!delay) {
    std::fprintf(stderr, "amazon-pay-mock: --async-delay '%s' is not a duration like 30s\n",
                 async_delay.c_str());
    return 2;
  }
  options.service.async_delay = *delay;
  options.service.refund_delay = *delay;
  if (!hosted_base.empty() && hosted_base != "self") options.service.hosted_base_url = hosted_base;
  if (!ipn_url.empty()) options.ipn_url = ipn_url;
  options.ipn_signed = !ipn_unsigned;
  for (const auto& spec : keys) {
    std::pair<std::string, std::string> key;
    std::string error;
    if (!parse_key(spec, key, error)) {
      std::fprintf(stderr, "amazon-pay-mock: %s\n", error.c_str());
      return 2;
    }
    options.public_keys.push_back(key);
  }
  if (options.verify_signatures && options.public_keys.empty())
    std::fprintf(stderr, "amazon-pay-mock: no --public-key registered: every signed request will "
                         "be refused (use --no-verify to accept unsigned requests)\n");
  if ((tls_cert.empty()) != (tls_key.empty())) {
    std::fprintf(stderr, "amazon-pay-mock: --tls-cert and --tls-key go together\n");
    return 2;
  }

  auto mock = mock_amazon::Mock::open(options);
  if (!mock) {
    std::fprintf(stderr, "amazon-pay-mock: %s\n", mock.error().c_str());
    return 1;
  }
  std::unique_ptr<mock_amazon::AccessLog> access_log;
  if (!access_log_target.empty()) {
    auto opened = mock_amazon::AccessLog::open(access_log_target);
    if (!opened) {
      std::fprintf(stderr, "amazon-pay-mock: %s\n", opened.error().c_str());
      return 2;
    }
    access_log = std::move(opened).value();
  }
  mock_amazon::HttpServerOptions server_options;
  if (access_log)
    server_options.on_answered = [&access_log](const mock_amazon::AccessRecord& record) {
      access_log->write(record);
    };
  server_options.host = host;
  server_options.port = port;
  if (!tls_cert.empty() || tls_self_signed)
    server_options.tls = mock_amazon::TlsOptions{tls_cert, tls_key, tls_cert.empty()};
  mock_amazon::Mock& m = *mock.value();
  mock_amazon::HttpServer server([&m](const core::HttpRequest& req) {
    core::HttpResponse res = m.handle(req);
    if (res.status == mock_amazon::kNoResponse) res.status = mock_amazon::kDropConnection;
    return res;
  }, server_options);
  auto bound = server.start();
  if (!bound) {
    std::fprintf(stderr, "amazon-pay-mock: %s\n", bound.error().c_str());
    return 1;
  }
  m.set_public_base_url(server.base_url());
  if (hosted_base == "self") m.set_hosted_base_url(server.base_url());
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf(
      "amazon-pay-mock listening on %s://%s (db %s, clock %s %s, signatures %s, control "
      "API %s)\n",
      server_options.tls ? "https" : "http", server.bound_address().c_str(), db.c_str(),
      std::string(mock_amazon::name(options.clock_mode)).c_str(),
      core::format_iso(m.now()).c_str(), options.verify_signatures ? "checked" : "not checked",
      control_token.empty() ? "open to loopback" : "token required");
  std::printf("port %d\n", bound.value());
  std::fflush(stdout);
  // Realtime: notifications falling due go out even while no request arrives.
  for (int tick = 1; !g_stop; ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (tick % 10 == 0) m.follow_wall_clock();
  }
  server.stop();
  return 0;
}
