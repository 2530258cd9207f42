// Shared set-up for the benchmarks: the test key pair, a mock behind a loopback HTTP server,
// and in-process checkouts that produce charges and permissions to hammer. Everything here
// runs outside the timed loops.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/http_types.hpp"
#include "core/signing.hpp"
#include "core/time.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace bench {

// The simulated "now" of every mock and shop here: signatures made at this instant stay
// valid for as long as the mock's clock does not move.
extern const core::Instant kStart;
inline constexpr const char* kPublicKeyId = "SANDBOX-AHSHOPTESTKEY0000000000001";

// mock_amazon/testdata/keys/, found through $APC_SOURCE_DIR or the source tree the binary
// was configured from. Aborts with a message when the files are missing.
const core::PrivateKey& test_private_key();
const core::PublicKey& test_public_key();

// A fresh mock (:memory: unless a database file is named) (clock at kStart) with the test public key registered, optionally
// behind an HttpServer on 127.0.0.1:0.
struct MockUnderTest {
  std::unique_ptr<mock_amazon::Mock> mock;
  std::unique_ptr<mock_amazon::HttpServer> server;  // null when in-process only
  std::string base_url;                             // "http://127.0.0.1:PORT"
  std::string host;                                 // "127.0.0.1:PORT": x-amz-pay-host

  static std::unique_ptr<MockUnderTest> open(bool verify_signatures, bool http,
                                             const std::string& db_path = ":memory:");
  ~MockUnderTest();

  // The control API in-process (control calls are never signed).
  mock_amazon::control::ControlClient control() {
    return mock_amazon::control::ControlClient(*in_process);
  }
  std::unique_ptr<mock_amazon::InProcessClient> in_process;
};

// The answer when it is 2xx; aborts otherwise: set-up must not silently fail.
core::HttpResponse must(const mock_amazon::control::Answer& answer, const std::string& what);

struct CheckoutIds {
  std::string checkout_session_id, charge_permission_id, charge_id;
};

// The whole buyer walk in-process (create, sign in, update, payment page, complete) with
// paymentIntent Authorize. allowOvercharge makes the limit max(9 ×, ¥70,000), which leaves
// room for 24 more ¥1 Create Charge calls on the permission.
// `recurring`: a Recurring permission without a fixed amount instead (¥100,000 a month of
// room; no limit on the number of Charges).
CheckoutIds checkout(MockUnderTest& m, long long amount, bool allow_overcharge = true,
                     bool recurring = false);

// The value of a top-level string field of a JSON body ("" when absent).
std::string json_field(const std::string& body, const std::string& key);

// Signs like core::HttpAmazonPayClient (environment prefix /sandbox, Node SDK headers) at
// kStart for the given x-amz-pay-host.
void sign(core::HttpRequest& request, const std::string& host);

core::HttpRequest get_charge_request(const std::string& charge_id);
core::HttpRequest create_charge_request(const std::string& charge_permission_id);

}  // namespace bench
