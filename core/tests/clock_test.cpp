#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace core {
namespace {

// A schedule of named jobs; a job may arm another one when it runs.
class Jobs final : public Schedule {
 public:
  explicit Jobs(std::vector<std::string>* log) : log_(log) {}
  void at(Instant t, std::string name) { jobs_.emplace(t, std::move(name)); }
  std::optional<Instant> next_due() override {
    if (jobs_.empty()) return std::nullopt;
    return jobs_.begin()->first;
  }
  void run_due(Instant at) override {
    auto it = jobs_.begin();
    ASSERT_EQ(it->first, at);
    std::string name = it->second;
    jobs_.erase(it);
    log_->push_back(name + "@" + format_iso(at));
    if (name == "capture") this->at(at + Duration{30}, "settle");
  }

 private:
  std::multimap<Instant, std::string> jobs_;
  std::vector<std::string>* log_;
};

const Instant kStart = parse_instant("2026-01-01T00:00:00Z").value();

TEST(SimulatedClock, RunsDueWorkInTimeOrderAcrossSchedules) {
  std::vector<std::string> log;
  Jobs a(&log), b(&log);
  SimulatedClock clock(kStart);
  clock.add_schedule(&a);
  clock.add_schedule(&b);
  a.at(kStart + kDay * 30, "expire");
  b.at(kStart + kHour, "capture");
  a.at(kStart + kDay * 40, "later");
  ASSERT_TRUE(clock.advance(kDay * 30));
  EXPECT_EQ(clock.now(), kStart + kDay * 30);
  EXPECT_EQ(log, (std::vector<std::string>{"capture@2026-01-01T01:00:00Z",
                                           "settle@2026-01-01T01:00:30Z",
                                           "expire@2026-01-31T00:00:00Z"}));
  EXPECT_EQ(clock.next_due(), kStart + kDay * 40);
}

TEST(SimulatedClock, NeverMovesBackwards) {
  SimulatedClock clock(kStart);
  EXPECT_FALSE(clock.advance_to(kStart - Duration{1}));
  EXPECT_EQ(clock.now(), kStart);
}

TEST(SimulatedClock, AdvanceToNextJumpsToEarliestWork) {
  std::vector<std::string> log;
  Jobs a(&log);
  SimulatedClock clock(kStart);
  clock.add_schedule(&a);
  EXPECT_FALSE(clock.advance_to_next());
  a.at(kStart + kDay, "x");
  EXPECT_EQ(clock.advance_to_next(), kStart + kDay);
  EXPECT_EQ(log.size(), 1u);
  EXPECT_EQ(clock.now(), kStart + kDay);
}

TEST(SimulatedClock, WorkNotDueIsLeftAlone) {
  std::vector<std::string> log;
  Jobs a(&log);
  SimulatedClock clock(kStart);
  clock.add_schedule(&a);
  a.at(kStart + kDay * 30, "expire");
  clock.advance(kDay * 30 - Duration{1});
  EXPECT_TRUE(log.empty());
  clock.advance(Duration{1});
  EXPECT_EQ(log.size(), 1u);
}

}  // namespace
}  // namespace core
