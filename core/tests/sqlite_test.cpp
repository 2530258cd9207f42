#include "core/sqlite.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/sqlite_batched_wal.hpp"

namespace {

namespace fs = std::filesystem;
using core::sqlite::Database;
using core::sqlite::Statement;

class BatchedWal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("apc-sqlite-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Rows seen by a second connection on the default VFS: it reads the WAL file itself, so
  // it sees only what has reached the file.
  long long rows_seen_outside() {
    sqlite3* other = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &other, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(other, "SELECT count(*) FROM t", -1, &s, nullptr), SQLITE_OK);
    long long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(other);
    return n;
  }

  fs::path dir_;
  std::string path_;
};

constexpr const char* kSchema = "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT);";

void insert_rows(Database& db, int n) {
  db.exec("BEGIN IMMEDIATE");
  for (int i = 0; i < n; ++i)
    Statement(db, "INSERT INTO t (v) VALUES (?)").bind(1, std::string(900, 'x')).run();
  db.exec("COMMIT");
}

TEST_F(BatchedWal, ACommitReachesTheFileInOneWriteBeforeCommitReturns) {
  auto db = Database::open(path_, kSchema);
  ASSERT_TRUE(db) << db.error();
  insert_rows(*db.value(), 1);  // the WAL header's first write goes out with this one
  const auto before = core::sqlite::batched_wal_writes();
  insert_rows(*db.value(), 20);  // about five pages, ten frame writes without batching
  EXPECT_EQ(core::sqlite::batched_wal_writes() - before, 1u);
  EXPECT_EQ(rows_seen_outside(), 21);
}

// The unix VFS writes at most 0x1ffff bytes per call and calls a longer write SQLITE_FULL
// (found by `conformance fuzz`: a 7-day clock move committed 130 KB at once).
TEST_F(BatchedWal, LargeCommitsGoOutInChunks) {
  auto db = Database::open(path_, kSchema);
  ASSERT_TRUE(db) << db.error();
  insert_rows(*db.value(), 1);
  const auto before = core::sqlite::batched_wal_writes();
  insert_rows(*db.value(), 200);  // about 50 pages: 200 KB of frames
  EXPECT_GE(core::sqlite::batched_wal_writes() - before, 4u);
  insert_rows(*db.value(), 6000);  // past the 4 MiB held back: written while it runs
  EXPECT_EQ(rows_seen_outside(), 6201);
}

TEST_F(BatchedWal, ReadsCheckpointsAndReopeningSeeEveryCommit) {
  {
    auto db = Database::open(path_, kSchema);
    ASSERT_TRUE(db) << db.error();
    db.value()->set_checkpoint_pages(8);  // several checkpoints on the way
    for (int i = 0; i < 30; ++i) insert_rows(*db.value(), 7);
    Statement count(*db.value(), "SELECT count(*) FROM t");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 210);
  }
  auto again = Database::open(path_, kSchema);
  ASSERT_TRUE(again) << again.error();
  Statement count(*again.value(), "SELECT count(*) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.integer(0), 210);
}

TEST_F(BatchedWal, ARolledBackTransactionLeavesNothing) {
  auto db = Database::open(path_, kSchema);
  ASSERT_TRUE(db) << db.error();
  insert_rows(*db.value(), 3);
  db.value()->exec("BEGIN IMMEDIATE");
  Statement(*db.value(), "INSERT INTO t (v) VALUES ('gone')").run();
  db.value()->exec("ROLLBACK");
  EXPECT_EQ(rows_seen_outside(), 3);
}

}  // namespace
