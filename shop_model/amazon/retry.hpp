// When and how long the shop waits before sending a call to Amazon again.
//
// As Amazon's SDKs advise (PHP and Java retry 408, 425, 429, 500, 502, 503, 504 three times;
// Amazon's error guide: back off exponentially "1s, 2s, 4s, …" up to a limit): a call is sent
// at most kMaxAttempts times, the same request each time — so the same
// x-amz-pay-idempotency-key, and Amazon does a POST at most once. A call that got no answer
// (timeout, dropped connection) is retried the same way: Amazon may or may not have done it.
// The waits pass on the simulated clock through a Waiter: the shop never sleeps and never
// reads the system clock.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace shop_model {

// Lets time pass before the next attempt. The harness moves the shop's and Amazon's clocks
// together (everything that falls due meanwhile runs, in time order).
class Waiter {
 public:
  virtual ~Waiter() = default;
  virtual void wait(core::Duration d) = 0;
};

// Waits for nothing: the next attempt goes at once (callers whose clock nobody moves).
Waiter& no_waiting();

// One call and three retries.
inline constexpr int kMaxAttempts = 4;
// The wait after attempt n (1-based) when Amazon names none.
inline constexpr std::array<core::Duration, kMaxAttempts - 1> kBackoff{
    core::Duration{1}, core::Duration{2}, core::Duration{4}};
// A Retry-After longer than this is not waited for: the answer stands (the operator sees
// Amazon's error now rather than a page held for minutes).
inline constexpr core::Duration kMaxRetryAfter{60};

// 408, 425, 429, 500, 502, 503, 504: Amazon could not do it now; the same call may work later.
bool retryable_status(int status);

// Retry-After in seconds, when the answer carries a valid one (the HTTP-date form is not read).
std::optional<core::Duration> retry_after(const core::HttpResponse& answer);

// After attempt `attempt` (1-based) got `answer` (an error: no answer): how long to wait
// before sending again, or nullopt to stop with this answer.
std::optional<core::Duration> retry_wait(
    int attempt, const core::Result<core::HttpResponse, std::string>& answer);

}  // namespace shop_model
