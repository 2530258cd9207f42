#include "core/money.hpp"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(Yen, ParsesAmazonAmounts) {
  EXPECT_EQ(Yen::parse("5980"), Yen{5980});
  EXPECT_EQ(Yen::parse("5980.00"), Yen{5980});
  EXPECT_EQ(Yen::parse("-1"), Yen{-1});
  EXPECT_FALSE(Yen::parse("5980.50"));
  EXPECT_FALSE(Yen::parse("59a"));
  EXPECT_FALSE(Yen::parse(""));
  EXPECT_FALSE(Yen::parse("."));
  EXPECT_FALSE(Yen::parse("1."));
  EXPECT_FALSE(Yen::parse("9999999999999999"));
}

TEST(Yen, SaturatingMultipleNeverOverflows) {
  EXPECT_EQ(Yen{7777}.times_saturating(9), Yen{69993});
  EXPECT_EQ(Yen{INT64_MAX}.times_saturating(9), Yen{INT64_MAX});
  EXPECT_EQ(Yen{INT64_MIN}.times_saturating(9), Yen{INT64_MIN});
  EXPECT_EQ(Yen{Yen::kMaxParsed}.times_saturating(9).value(), Yen::kMaxParsed * 9);
  EXPECT_EQ(Yen::parse("999999999999999"), Yen{Yen::kMaxParsed});
}

TEST(Yen, ArithmeticAndDisplay) {
  Yen a{10'000'000};
  EXPECT_EQ((a + Yen{1}).value(), 10'000'001);
  EXPECT_EQ((Yen{7777} * 9).value(), 69993);
  EXPECT_EQ(max(Yen{7777} * 9, Yen{70000}), Yen{70000});
  EXPECT_EQ(a.display(), "\xC2\xA5" "10,000,000");
  EXPECT_EQ(Yen{0}.display(), "\xC2\xA5" "0");
  EXPECT_EQ(Yen{-500}.display(), "-\xC2\xA5" "500");
  EXPECT_EQ(Yen{5980}.to_string(), "5980");
}

}  // namespace
}  // namespace core
