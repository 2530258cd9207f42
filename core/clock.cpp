#include "core/clock.hpp"

#include <algorithm>
#include <cassert>

namespace core {

Instant SystemClock::now() const {
  return std::chrono::floor<Duration>(std::chrono::system_clock::now());
}

void SimulatedClock::add_schedule(Schedule* schedule) {
  assert(schedule != nullptr);
  if (std::find(schedules_.begin(), schedules_.end(), schedule) == schedules_.end())
    schedules_.push_back(schedule);
}

void SimulatedClock::remove_schedule(Schedule* schedule) {
  schedules_.erase(std::remove(schedules_.begin(), schedules_.end(), schedule), schedules_.end());
}

std::optional<Instant> SimulatedClock::next_due() const {
  std::optional<Instant> best;
  for (Schedule* s : schedules_) {
    auto due = s->next_due();
    if (due && (!best || *due < *best)) best = due;
  }
  return best;
}

bool SimulatedClock::advance_to(Instant target) {
  if (target < now_) return false;
  // Bound the loop: a schedule that keeps re-arming at the same instant is a bug.
  constexpr int kMaxStepsPerAdvance = 1'000'000;
  for (int step = 0; step < kMaxStepsPerAdvance; ++step) {
    Schedule* first = nullptr;
    std::optional<Instant> first_due;
    for (Schedule* s : schedules_) {
      auto due = s->next_due();
      if (due && *due <= target && (!first_due || *due < *first_due)) {
        first = s;
        first_due = due;
      }
    }
    if (!first) {
      now_ = target;
      return true;
    }
    // Work overdue from before `now_` (e.g. restored from storage) runs at `now_`.
    now_ = std::max(now_, *first_due);
    first->run_due(*first_due);
  }
  assert(false && "simulated clock: scheduled work never settled");
  return false;
}

std::optional<Instant> SimulatedClock::advance_to_next() {
  auto due = next_due();
  if (!due) return std::nullopt;
  Instant target = std::max(*due, now_);
  advance_to(target);
  return target;
}

}  // namespace core
