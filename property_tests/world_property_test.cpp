// The whole-world property (issue 10): generated scenarios — checkouts, 受注管理, Seller Central,
// Amazon's events, forced outcomes, notification chaos, faults, clock jumps — run with the
// world properties checked after every step (scenarios/properties.hpp), through the same
// campaign as `conformance fuzz`. A bounded number of cases here; long campaigns from the CLI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "scenarios/environment.hpp"
#include "scenarios/fuzz.hpp"
#include "scenarios/app.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/runner.hpp"

namespace {

using namespace scenarios;

// APC_FUZZ_SEED replays a run; otherwise a new seed each run, printed.
std::uint64_t campaign_seed() {
  if (const char* s = std::getenv("APC_FUZZ_SEED")) return std::strtoull(s, nullptr, 10);
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) | rd();
}

TEST(WorldProperty, GeneratedScenariosKeepTheProperties) {
  FuzzOptions o;
  o.seed = campaign_seed();
  o.cases = 36;
  o.max_size = 20;
  o.http_every = 6;  // 6 of the cases also over HTTP, compared with in-process
  o.write_files = false;
  std::cout << "world property: seed " << *o.seed << "; replay with APC_FUZZ_SEED=" << *o.seed
            << " or `conformance fuzz --seed " << *o.seed << " --cases 36 --max-size 20 --http-every 6`"
            << std::endl;
  FuzzSummary s = run_fuzz(o, &std::cout);
  EXPECT_EQ(s.cases, 36);
  for (const auto& f : s.findings) ADD_FAILURE() << f.message << "\nshrunk scenario:\n" << f.yaml;
  // The checks had something to check (a generator that only stops early would pass).
  EXPECT_GT(s.passed, s.cases / 2);
  EXPECT_GT(s.tally.charge_labels, 0);
  EXPECT_GT(s.tally.settled_orders, 0);
  EXPECT_GT(s.http_cases, 0);
}

// The property can fail: with an oracle that ignores the 30-day expiry (承認済 expected for
// Canceled/ExpiredUnused) the campaign must find a case, shrink it to a checkout and a clock
// jump of 30 days or more, and write a scenario file that fails again when run.
TEST(WorldProperty, SelfCheckCatchesAnOracleThatIgnoresExpiry) {
  FuzzOptions o;
  o.seed = 20261207;
  o.cases = 300;
  o.max_size = 20;
  o.http_every = 0;
  o.flaw = PropertyFlaw::ExpiryIgnored;
  o.write_files = false;
  FuzzSummary s = run_fuzz(o, nullptr);
  ASSERT_EQ(s.findings.size(), 1u) << "the flawed oracle was not caught in " << s.cases << " cases";
  const FuzzFinding& f = s.findings.front();
  EXPECT_EQ(f.property, "authorization_status") << f.message;
  EXPECT_NE(f.message.find("承認完了"), std::string::npos) << f.message;
  EXPECT_LE(f.intents, 3u) << f.yaml;
  EXPECT_NE(f.yaml.find("clock.advance"), std::string::npos) << f.yaml;

  // The written file reproduces it: loaded like any scenario file and run with the seed its
  // comment names, it fails on the same property.
  LoadResult loaded = load_text(f.yaml, "shrunk.yaml", LoadOptions{});
  ASSERT_TRUE(loaded.ok()) << loaded.errors.front().str();
  ASSERT_EQ(loaded.scenarios.size(), 1u);
  auto at = f.yaml.find("--seed ");
  ASSERT_NE(at, std::string::npos);
  std::uint64_t seed = std::strtoull(f.yaml.c_str() + at + 7, nullptr, 10);
  auto env = Environment::open({Transport::InProcess, "", source_root()});
  ASSERT_TRUE(env) << env.error();
  Runner runner(**env, seed);
  runner.set_property_flaw(PropertyFlaw::ExpiryIgnored);
  reports::ScenarioResult r = runner.run(loaded.scenarios.front());
  EXPECT_EQ(r.status, reports::ScenarioStatus::Failed);
  EXPECT_NE(r.failure.find("property: authorization_status"), std::string::npos) << r.failure;
  // Without the flaw the same file passes: the failure is the oracle's, not the shop's.
  Runner honest(**env, seed);
  EXPECT_EQ(honest.run(loaded.scenarios.front()).status, reports::ScenarioStatus::Passed);
}

}  // namespace
