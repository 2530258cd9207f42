// The one door between a merchant (the shop) and Amazon Pay: send an HTTP-shaped request,
// get Amazon's answer or a transport failure. Implementations:
//   - HttpAmazonPayClient (here): signs like the official SDKs and sends over HTTP(S);
//   - mock_amazon::InProcessClient: hands the request to the mock's router in-process.
// Both reach the same router, so they give identical verdicts.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/http_client.hpp"
#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/signing.hpp"

namespace core {

class AmazonPayClient {
 public:
  using WireObserver = std::function<void(const HttpRequest&)>;

  virtual ~AmazonPayClient() = default;
  // `request.path` is the API path without environment ("/v2/charges/…") or a control path
  // ("/__mock/…"). The error is a transport failure ("timeout", "connection refused", ...).
  virtual Result<HttpResponse, std::string> send(HttpRequest request) = 0;

  // Told of every request exactly as it goes out (prefixed, signed), before it is sent, so a
  // transcript records the real request without preparing it a second time.
  void set_wire_observer(WireObserver observer) { observer_ = std::move(observer); }

 protected:
  void observe(const HttpRequest& request) const {
    if (observer_) observer_(request);
  }

 private:
  WireObserver observer_;
};

struct SigningConfig {
  PrivateKey key;
  SignerOptions signer;
};

// Signs with the time of `clock` (the simulated clock in the harness, so transcripts are
// reproducible), and prefixes API paths with `environment_prefix` ("/sandbox" by default;
// "" for the key-id-implied layout). Control paths are sent unsigned and unprefixed.
class HttpAmazonPayClient final : public AmazonPayClient {
 public:
  HttpAmazonPayClient(HttpClientOptions http, std::optional<SigningConfig> signing,
                      const Clock& clock, std::string environment_prefix = "/sandbox");
  Result<HttpResponse, std::string> send(HttpRequest request) override;

 private:
  HttpClient http_;
  std::optional<SigningConfig> signing_;
  const Clock& clock_;
  std::string prefix_;
};

}  // namespace core
