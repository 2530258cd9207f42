// Group commit (mock_commit.cpp): concurrent requests share transactions, a lone client's
// requests are each committed at once, and every answered write is in the database file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "mock_amazon/tests/mock_test_support.hpp"

namespace mock_amazon::testing {
namespace {

namespace fs = std::filesystem;

struct TempDb {
  fs::path dir =
      fs::temp_directory_path() / ("apc-group-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDb() { fs::create_directories(dir); }
  ~TempDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "mock.db").string(); }
};

MockOptions on_file(const TempDb& db) {
  MockOptions o;
  o.db_path = db.path();
  return o;
}

json one_yen_charge(const std::string& cp) {
  return {{"chargePermissionId", cp}, {"chargeAmount", yen(1)}};
}

TEST(GroupCommit, ALoneClientsRequestsAreEachCommittedAtOnce) {
  TempDb db;
  MockHarness h(on_file(db));
  const std::string cp = cp_id(h.checkout(Opts{.type = "Recurring"}));
  const Mock::CommitStats before = h.mock().commit_stats();
  for (int i = 0; i < 20; ++i)
    ASSERT_EQ(h.call("POST", "/v2/charges", one_yen_charge(cp)).status, 201);
  const Mock::CommitStats after = h.mock().commit_stats();
  EXPECT_EQ(after.groups - before.groups, 20u);
  EXPECT_EQ(after.requests - before.requests, 20u);
}

TEST(GroupCommit, ConcurrentRequestsShareCommitsAndEveryAnsweredChargeIsKept) {
  TempDb db;
  std::string cp;
  std::vector<std::string> answered;
  constexpr int kThreads = 8, kEach = 40;
  {
    MockHarness h(on_file(db));
    cp = cp_id(h.checkout(Opts{.type = "Recurring"}));
    std::mutex mu;
    std::vector<std::jthread> clients;
    for (int t = 0; t < kThreads; ++t)
      clients.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          Reply r = h.call("POST", "/v2/charges", one_yen_charge(cp));
          ASSERT_EQ(r.status, 201) << r.body.dump();
          std::lock_guard lock(mu);
          answered.push_back(r.body["chargeId"]);
        }
      });
    clients.clear();  // joins
    const Mock::CommitStats stats = h.mock().commit_stats();
    // Eight clients on this machine's cores overlap: some commit served several requests.
    EXPECT_LT(stats.groups, stats.requests);
    std::printf("[   INFO   ] %llu requests in %llu commits\n",
                static_cast<unsigned long long>(stats.requests),
                static_cast<unsigned long long>(stats.groups));
  }
  ASSERT_EQ(answered.size(), static_cast<size_t>(kThreads * kEach));
  MockHarness reopened(on_file(db));
  for (const std::string& id : answered)
    ASSERT_EQ(reopened.call("GET", "/v2/charges/" + id).status, 200) << id;
}

}  // namespace
}  // namespace mock_amazon::testing
