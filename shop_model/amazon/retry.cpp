#include "shop_model/amazon/retry.hpp"

#include <algorithm>
#include <charconv>

namespace shop_model {

namespace {
class NoWaiting final : public Waiter {
 public:
  void wait(core::Duration) override {}
};
}  // namespace

Waiter& no_waiting() {
  static NoWaiting waiter;
  return waiter;
}

bool retryable_status(int status) {
  constexpr std::array<int, 7> kRetryable{408, 425, 429, 500, 502, 503, 504};
  return std::find(kRetryable.begin(), kRetryable.end(), status) != kRetryable.end();
}

std::optional<core::Duration> retry_after(const core::HttpResponse& answer) {
  const std::string* header = answer.header("retry-after");
  if (!header || header->empty()) return std::nullopt;
  long long seconds = 0;
  const char* end = header->data() + header->size();
  auto [at, ec] = std::from_chars(header->data(), end, seconds);
  if (ec != std::errc() || at != end || seconds < 0) return std::nullopt;
  return core::Duration{seconds};
}

std::optional<core::Duration> retry_wait(
    int attempt, const core::Result<core::HttpResponse, std::string>& answer) {
  if (answer && !retryable_status(answer->status)) return std::nullopt;
  if (attempt >= kMaxAttempts) return std::nullopt;
  core::Duration wait = kBackoff[static_cast<std::size_t>(attempt - 1)];
  if (!answer) return wait;
  std::optional<core::Duration> asked = retry_after(*answer);
  if (!asked) return wait;
  if (*asked > kMaxRetryAfter) return std::nullopt;
  return *asked;
}

}  // namespace shop_model
