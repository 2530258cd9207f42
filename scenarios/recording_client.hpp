// An AmazonPayClient decorator that keeps a transcript of every exchange: request as sent,
// response as received, and the simulated time. Transcripts must be byte-identical between
// runs with the same seed, so the randomised RSASSA-PSS signature value is masked as "…",
// hop-by-hop framing headers (Connection, Keep-Alive) are left out, and transport errors are
// rewritten by the environment (ErrorText).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/amazon_pay_client.hpp"
#include "core/clock.hpp"
#include "reports/run_model.hpp"

namespace scenarios {

// Hides run-specific parts of a request as sent (e.g. the embedded server's port in
// x-amz-pay-host) in the transcript's copy. The request itself is taken from the wrapped
// client's wire observer, so it is exactly what went out.
using WireMask = std::function<void(core::HttpRequest&)>;
// Rewrites a transport error's text without its run-specific parts (a port the OS chose, a
// wall-clock duration). Applied to what the transcript records and to what the caller gets,
// so the shop's messages stay reproducible too.
using ErrorText = std::function<std::string(const std::string&)>;

class RecordingClient final : public core::AmazonPayClient {
 public:
  // Installs itself as `inner`'s wire observer.
  RecordingClient(core::AmazonPayClient& inner, const core::Clock& clock, WireMask mask = {},
                  ErrorText error_text = {});

  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override;

  // The exchanges since the last call, oldest first.
  std::vector<reports::HttpExchange> take();
  // How many exchanges are waiting to be taken, and a way to put another client's exchanges
  // among them at a position (a clock move recorded by its own client goes before the calls
  // the notifications it delivered made).
  size_t size() const { return exchanges_.size(); }
  void insert(size_t at, std::vector<reports::HttpExchange> exchanges);

 private:
  core::AmazonPayClient& inner_;
  const core::Clock& clock_;
  WireMask mask_;
  ErrorText error_text_;
  std::optional<core::HttpRequest> wire_;  // the last request the inner client sent
  std::vector<reports::HttpExchange> exchanges_;
};

// `AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=k, SignedHeaders=a;b, Signature=xyz` → `… Signature=…`.
std::string mask_signature(const std::string& authorization);

}  // namespace scenarios
