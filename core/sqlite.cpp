#include "core/sqlite.hpp"

#include <sqlite3.h>

#include "core/versions.hpp"

#include <stdexcept>

namespace core::sqlite {

Result<std::unique_ptr<Database>, std::string> Database::open(const std::string& path,
                                                              const char* schema) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return fail("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Database> database(new Database(db));
  try {
    database->exec("PRAGMA busy_timeout = 5000;");
    if (path != ":memory:") {
      database->exec("PRAGMA journal_mode = WAL;");
      database->exec("PRAGMA synchronous = NORMAL;");
    }
    database->exec(schema);
  } catch (const std::exception& e) {
    return fail("cannot initialise database " + path + ": " + e.what());
  }
  return database;
}

Database::~Database() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + msg);
  }
}

sqlite3_stmt* Database::prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + ": " + sql);
  statements_.emplace(sql, stmt);
  return stmt;
}

Statement::Statement(Database& db, const char* sql) : db_(db), stmt_(db.prepared(sql)) {}

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(db_.handle()));
}

std::string Statement::text(int col) {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

std::int64_t Statement::integer(int col) { return sqlite3_column_int64(stmt_, col); }

}  // namespace core::sqlite

namespace core {
const char* sqlite_version() {
  return sqlite3_libversion();
}
}  // namespace core
