// --clock realtime: the simulated clock follows wall time from the mock's start, on top of
// every advance, so scheduled work (pending authorizations settling, asynchronous captures,
// refunds, expiries, notifications) happens when a merchant waiting in real time expects it.
// The wall clock is read here only; domain code still sees the simulated clock alone.
#include <array>
#include <stdexcept>
#include <utility>

#include "core/json.hpp"
#include "mock_amazon/mock.hpp"

namespace mock_amazon {
namespace {

constexpr std::array<std::pair<ClockMode, std::string_view>, 2> kClockModes{{
    {ClockMode::Simulated, "simulated"},
    {ClockMode::Realtime, "realtime"},
}};

}  // namespace

std::string_view name(ClockMode mode) {
  for (const auto& [m, text] : kClockModes)
    if (m == mode) return text;
  return "?";
}

std::optional<ClockMode> parse_clock_mode(std::string_view text) {
  for (const auto& [m, t] : kClockModes)
    if (t == text) return m;
  return std::nullopt;
}

void Mock::follow_wall_clock() {
  if (options_.clock_mode != ClockMode::Realtime) return;
  std::unique_lock lock(mu_);
  core::Instant wall = options_.wall_clock->now();
  // A wall clock stepped back moves nothing, and the time it repeats is not counted twice.
  if (wall <= *wall_seen_) return;
  core::Duration passed = wall - *wall_seen_;
  wall_seen_ = wall;
  nlohmann::json changes = nlohmann::json::array(), delivered = nlohmann::json::array();
  try {
    settle_group();
    store_->begin();
    run_clock_to(lock, clock_.now() + passed, changes, delivered);
  } catch (const std::exception&) {
    // A storage failure: the clock stays; the request that follows reports the failure.
    discard_transaction();
  }
}

}  // namespace mock_amazon
