#include "core/prng.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace core {
namespace {

TEST(Prng, SameSeedSameSequence) {
  Prng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(Prng(42).next(), c.next());
}

TEST(Prng, StateRoundTripsThroughOneInteger) {
  Prng a(7);
  a.next();
  Prng b(0);
  b.set_state(a.state());
  EXPECT_EQ(a.next(), b.next());
}

TEST(Prng, FormatsDigitsAndUuids) {
  Prng p(1);
  EXPECT_TRUE(std::regex_match(p.digits(7), std::regex("[0-9]{7}")));
  EXPECT_TRUE(std::regex_match(
      p.uuid(), std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
}

TEST(Prng, DerivedSeedsDependOnName) {
  EXPECT_EQ(derive_seed(5, "a"), derive_seed(5, "a"));
  EXPECT_NE(derive_seed(5, "a"), derive_seed(5, "b"));
  EXPECT_NE(derive_seed(5, "a"), derive_seed(6, "a"));
}

}  // namespace
}  // namespace core
