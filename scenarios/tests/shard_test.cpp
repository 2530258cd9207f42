#include <gtest/gtest.h>

#include "scenarios/app.hpp"

namespace scenarios {
namespace {

TEST(Shard, ParsesKOfN) {
  auto s = parse_shard("2/3");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 3);
  EXPECT_EQ(reports::describe(*s), "shard 2/3");
  EXPECT_TRUE(parse_shard("1/1").has_value());
  for (const char* bad :
       {"", "3", "0/3", "4/3", "1/0", "a/3", "1/3x", "-1/3", "1//3", "/3", "1/9999999"})
    EXPECT_FALSE(parse_shard(bad).has_value()) << bad;
}

TEST(Shard, EveryIdInExactlyOneShardOfNearlyEqualSize) {
  const std::vector<std::string> ids = {"ZERO-b", "AMT-a", "FLOW-c[v=1]", "FLOW-c[v=2]",
                                        "AMT-b",  "SUB-x", "CAN-1"};
  std::vector<int> owners(ids.size(), 0);
  for (int k = 1; k <= 3; ++k) {
    const std::vector<bool> chosen = in_shard(ids, {k, 3});
    int size = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
      owners[i] += chosen[i];
      size += chosen[i];
    }
    EXPECT_TRUE(size == 2 || size == 3) << "shard " << k << " has " << size;
  }
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(owners[i], 1) << ids[i];
}

TEST(Shard, DependsOnTheIdsNotOnTheirOrder) {
  const std::vector<std::string> ids = {"C", "A", "B", "D"};
  const std::vector<std::string> reordered = {"D", "B", "C", "A"};
  const std::vector<bool> first = in_shard(ids, {2, 2});
  const std::vector<bool> second = in_shard(reordered, {2, 2});
  // Sorted A B C D: shard 2/2 takes ranks 1 and 3, B and D, in whatever order they come.
  EXPECT_EQ(first, (std::vector<bool>{false, false, true, true}));   // C A B D
  EXPECT_EQ(second, (std::vector<bool>{true, true, false, false}));  // D B C A
  EXPECT_EQ(in_shard(ids, {}), std::vector<bool>(4, true));          // no shard: everything
}

}  // namespace
}  // namespace scenarios
