// Where Amazon Pay is for a run, and how the shop reaches it:
//   http       an embedded mock_amazon::Mock behind mock_amazon::HttpServer on 127.0.0.1 (a
//              free port), signatures verified; the shop signs with the sandbox test key;
//   inprocess  the same Mock called directly (mock_amazon::InProcessClient), no signing;
//   external   an already-running mock at a URL (started with --public-key for the test key).
// One environment serves a whole run; each scenario resets the mock. The embedded mock lives in
// memory, except for a scenario that restarts it (amazon.restart): that one runs on a SQLite
// file of its own (use_database), which the restart closes and opens again.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/amazon_pay_client.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "mock_amazon/mock.hpp"
#include "scenarios/recording_client.hpp"

namespace mock_amazon {
class HttpServer;
}  // namespace mock_amazon

namespace scenarios {

enum class Transport { Http, InProcess };

// The shop's IPN endpoint (販売事業者様サイトURL) as the scenario being run serves it.
using NotificationReceiver = std::function<core::HttpResponse(const core::HttpRequest&)>;

// The sandbox key pair of mock_amazon/testdata/keys (see its README).
inline constexpr const char* kTestPublicKeyId = "SANDBOX-AHSHOPTESTKEY0000000000001";
inline constexpr const char* kTestPrivateKeyFile =
    "mock_amazon/testdata/keys/shop-sandbox.private.pem";
inline constexpr const char* kTestPublicKeyFile =
    "mock_amazon/testdata/keys/shop-sandbox.public.pem";

struct EnvironmentOptions {
  Transport transport = Transport::Http;
  std::string mock_url;     // non-empty: use this running mock (HTTP transport)
  std::string source_root;  // where the test keys are
};

class Environment {
 public:
  static core::Result<std::unique_ptr<Environment>, std::string> open(
      const EnvironmentOptions& options);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // A client for one scenario; HTTP clients sign with the time of `clock`.
  std::unique_ptr<core::AmazonPayClient> make_client(const core::Clock& clock);
  // What make_client's clients do to a request on its way to the wire (for transcripts).
  WireMask wire_mask() const;
  // How their transport errors read in transcripts (see ErrorText).
  ErrorText error_text() const;

  // Where Amazon's notifications go: in-process, handed to the receiver directly; over HTTP, a
  // listener on 127.0.0.1 (a free port) that hands them to the receiver. The scenario being
  // run sets the receiver (its shop) and clears it when it ends; without one, 404.
  void set_notification_receiver(NotificationReceiver receiver);
  const std::string& notification_url() const { return notification_url_; }
  // host[:port] of the SigningCertURL the shop trusts: the mock's.
  const std::string& amazon_host() const { return amazon_host_; }

  // ---- the embedded mock's database (an external mock has none the runner can reach)
  bool embedded() const { return mock_ != nullptr; }
  // Reopens the embedded mock on `db_path` (":memory:" or a file), empty: the scenario resets
  // it. "" or what went wrong.
  std::string use_database(const std::string& db_path);
  // The embedded mock stops and opens again on its database, as a restarted process would:
  // the Mock is destroyed and reopened; over HTTP its server stops and listens again on the
  // same port (the shop's clients and the SigningCertURL host stay valid). "" or what went
  // wrong.
  std::string restart_mock();
  const std::string& database() const { return mock_options_.db_path; }

  std::string transport_name() const;  // "http" or "inprocess"
  std::string location() const;        // "embedded http://127.0.0.1:PORT", "in-process", or the URL
  // For the report: the embedded server's port (the OS's choice) shown as <port>, as in the
  // transcripts, so two runs with one seed write the same report.
  std::string reported_location() const;

 private:
  Environment() = default;
  core::HttpResponse deliver(const core::HttpRequest& request);
  std::string start_notification_listener();
  // Opens mock_ with mock_options_ and wires it to this environment (sender, public URL).
  std::string open_mock();
  // The embedded mock's HTTP server on `port` (0: a free one).
  std::string start_server(int port);

  EnvironmentOptions options_;
  mock_amazon::MockOptions mock_options_;
  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::HttpServer> server_;
  std::optional<core::SigningConfig> signing_;
  std::string base_url_;
  std::unique_ptr<mock_amazon::HttpServer> notification_server_;
  std::string notification_url_;
  std::string amazon_host_;
  std::mutex receiver_mu_;
  NotificationReceiver receiver_;
};

}  // namespace scenarios
