// The one clock.
//
// Domain code never reads the system clock: time enters as a `Clock&`. Executables use
// SystemClock only to pick a starting instant; everything else runs on a SimulatedClock,
// which moves only when told and, while moving, runs every piece of scheduled work that
// falls due, in time order, before it returns.
//
// Thread safety: none. Owners serialize access (the mock holds its service mutex).
#pragma once

#include <optional>
#include <vector>

#include "core/time.hpp"

namespace core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A source of timed work (a mock's expiry events, a shop's delayed jobs).
class Schedule {
 public:
  virtual ~Schedule() = default;
  // Earliest instant at which this schedule has work, or nullopt when idle.
  virtual std::optional<Instant> next_due() = 0;
  // Runs the work due at `at`, which is the value next_due() just returned. The clock
  // already reads `at`. The work may schedule more work, even at `at` itself.
  virtual void run_due(Instant at) = 0;
};

class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Instant start) : now_(start) {}

  Instant now() const override { return now_; }

  // Schedules are polled in registration order; equal due times run in that order.
  void add_schedule(Schedule* schedule);
  void remove_schedule(Schedule* schedule);

  // Moves to `target`, running all work due at or before it in time order. A target in
  // the past is refused (returns false, nothing moves): simulated time never runs backwards.
  bool advance_to(Instant target);
  bool advance(Duration d) { return advance_to(now_ + d); }
  // Jumps to the earliest scheduled work and runs it (and anything else due at that
  // instant). Returns the instant reached, or nullopt when nothing is scheduled.
  std::optional<Instant> advance_to_next();
  // Earliest due work across schedules.
  std::optional<Instant> next_due() const;

  // Restores a persisted reading without running anything (used when reopening a store).
  void restore(Instant t) { now_ = t; }

 private:
  Instant now_;
  std::vector<Schedule*> schedules_;
};

}  // namespace core
