#include "core/sqlite.hpp"

#include <sqlite3.h>

#include "core/sqlite_batched_wal.hpp"
#include "core/versions.hpp"

#include <stdexcept>

namespace core::sqlite {

Result<std::unique_ptr<Database>, std::string> Database::open(const std::string& path,
                                                              const char* schema) {
  sqlite3* db = nullptr;
  const bool file = path != ":memory:";
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           file ? batched_wal_vfs() : nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return fail("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Database> database(new Database(db));
  try {
    database->exec("PRAGMA busy_timeout = 5000;");
    if (file) {
      database->exec("PRAGMA journal_mode = WAL;");
      database->exec("PRAGMA synchronous = NORMAL;");
      // A savepoint's undo copies (the sub-journal) spill to a temporary file past 64 KiB:
      // the mock's group commit (a savepoint per request) passed that, and every page a
      // grouped request touched then cost a pwrite (12 % of a Create Charge's CPU). Kept in
      // memory, as they are gone at COMMIT anyway. Set before the schema: changing it drops
      // the temporary tables that exist.
      database->exec("PRAGMA temp_store = MEMORY;");
      // Replaces SQLite's own hook (its autocheckpoint), which on_commit does too.
      sqlite3_wal_hook(db, &Database::on_commit, database.get());
    }
    database->exec(schema);
  } catch (const std::exception& e) {
    return fail("cannot initialise database " + path + ": " + e.what());
  }
  return database;
}

// SQLite's WAL hook: runs inside COMMIT, once the transaction is committed. The batched WAL
// (sqlite_batched_wal.hpp) writes it out now, so COMMIT returns with it in the file; then the
// automatic checkpoint SQLite's default hook would have run. An error here makes COMMIT
// report it, although the transaction is committed in this connection.
int Database::on_commit(void* self, sqlite3* db, const char* schema, int frames) {
  if (int rc = flush_wal(db, schema); rc != SQLITE_OK) return rc;
  const int every = static_cast<Database*>(self)->checkpoint_pages_;
  if (every > 0 && frames >= every) sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return SQLITE_OK;
}

void Database::set_checkpoint_pages(int pages) { checkpoint_pages_ = pages; }

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

Statement& Statement::bind_view(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
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
  const char* sql = sqlite3_sql(stmt_);
  throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(db_.handle()) + " (" +
                           (sql ? sql : "?") + ")");
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
