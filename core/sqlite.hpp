// A thin SQLite layer shared by the mock's and the shop's stores: one connection, prepared
// statements cached for its lifetime, WAL for files. SQLite failures are thrown as
// std::runtime_error; the transaction they escape is rolled back by whoever opened it: the
// mock's router catches them and rolls back, the shop's unit of work
// (shop_model/store/unit_of_work.hpp) rolls back on destruction unless committed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace core::sqlite {

class Database {
 public:
  // ":memory:" keeps everything in RAM; a file is opened in WAL with synchronous=NORMAL,
  // each commit's frames written in one call (sqlite_batched_wal.hpp) before COMMIT returns.
  static Result<std::unique_ptr<Database>, std::string> open(const std::string& path,
                                                             const char* schema);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);
  // The cached statement for `sql`, ready to bind.
  sqlite3_stmt* prepared(const char* sql);
  sqlite3* handle() const { return db_; }
  // Checkpoint once the WAL holds this many pages (SQLite's wal_autocheckpoint, which this
  // replaces: the PRAGMA would remove the hook that writes each commit out). Default 1000.
  void set_checkpoint_pages(int pages);

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  sqlite3* db_;
  int checkpoint_pages_ = 1000;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// One use of a cached statement; reset when it goes out of scope. Do not nest two uses of
// the same SQL text.
class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value);
  // As bind(), without copying `value`: it must outlive this Statement (whose destructor
  // clears the bindings).
  Statement& bind_view(int index, std::string_view value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  // True while there is a row.
  bool step();
  void run() { step(); }
  std::string text(int column);
  std::int64_t integer(int column);

 private:
  Database& db_;
  sqlite3_stmt* stmt_;
};

}  // namespace core::sqlite
