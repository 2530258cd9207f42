// SQLite persistence of the mock: every resource, the scheduled events, the clock reading,
// the random generator's state, idempotency records and queued forced outcomes.
//
// One connection, used under the service mutex. Files are opened in WAL mode with
// synchronous=NORMAL; ":memory:" (the default) keeps everything in RAM. Each API call runs
// in a transaction (opened by its first statement: a call the caches answer has none;
// concurrent calls share one, each under a savepoint: mock_commit.cpp), so a crash never
// leaves half an operation behind, and a restart on the same file continues exactly where
// the mock stopped.
//
// Reads of resources are served from decoded copies kept beside their rows
// (core/object_cache.hpp: write-through, dropped on any rollback or reset).
//
// Determinism: no SQL clock or random functions are used; every timestamp and id is bound
// by the caller, and every multi-row read has an ORDER BY.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "mock_amazon/domain/model.hpp"
#include "mock_amazon/domain/simulation.hpp"
#include "core/object_cache.hpp"

namespace core::sqlite {
class Database;
}

namespace mock_amazon {

enum class EventKind {
  CheckoutSessionExpire,
  ChargeAuthorizationResolve,
  ChargeExpire,
  ChargeCaptureResolve,
  RefundResolve,
  ChargePermissionExpire,
};
std::string_view name(EventKind kind);

struct Event {
  std::int64_t seq = 0;  // insertion order: the tie-breaker for equal due times
  Instant due;
  EventKind kind;
  std::string object_id;
};

// Amazon scopes idempotency keys per merchant: `scope` is the PublicKeyId that signed the
// request ("" when signatures are not checked), so two merchants' equal keys never meet.
struct IdempotencyRecord {
  std::string scope;
  std::string key;
  std::string method;
  std::string path;
  std::string body_hash;
  int status = 0;
  std::string response_body;
};

// An outcome queued by the control API for the next matching operation.
struct ForcedOutcome {
  std::int64_t seq = 0;
  SimulatedOperation operation = SimulatedOperation::CreateCharge;
  std::string object_id;  // empty: any object
  std::string outcome;    // a simulation code, e.g. "HardDeclined", "CaptureInitiated"
  std::string then;       // for pending outcomes: what they resolve to ("" = success)
};

// A network-level fault queued by the control API.
struct Fault {
  std::int64_t seq = 0;
  std::string method;       // empty: any
  std::string path_prefix;  // matched against the path without /sandbox or /live
  FaultKind kind = FaultKind::Error;
  int status = 0;           // for "error"
  std::string reason_code;  // for "error"
  int remaining = 1;        // how many requests it still affects; -1: until removed
  int retry_after = -1;     // for "error": the Retry-After header in seconds; -1: none
};

// Sums over the Charges of one permission, kept up to date by Store::put(Charge), so that a
// Create Charge does not re-read every Charge of the permission (its cost would grow with
// their number).
struct ChargeSums {
  Yen active{0};    // active_amount of every Charge
  Yen captured{0};  // captured_amount of every Charge
  std::map<Instant, Yen> active_by_created;  // active_amount by creation instant
  // active_amount of the Charges created at or after `t`.
  Yen active_since(Instant t) const;
  void add(const Charge& c, int sign);
};

// A Charge's row in the store: the text of nlohmann::json(c).dump() (what the rows hold and
// open() reads back), written directly; Create Charge spent ≈ 4 % of its CPU building and
// dumping the tree. tests/store_test.cpp holds the two equal.
std::string charge_row(const Charge& c);
std::string charge_row_via_json(const Charge& c);

class Store {
 public:
  static core::Result<std::unique_ptr<Store>, std::string> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void begin();
  void commit();
  void rollback();
  bool in_transaction() const { return wanted_; }  // begin() without commit() or rollback()
  // ... and it has touched the database: BEGIN has run, or a write waits for commit().
  bool begun() const { return begun_ || !unwritten_permissions_.empty(); }
  // A point inside the open transaction (SQL SAVEPOINT): rollback_to() undoes everything
  // written after it, release() keeps it. Used by operations made of several steps.
  void savepoint(const std::string& name);
  void release(const std::string& name);
  void rollback_to(const std::string& name);
  // Deletes every row of every table (control API reset).
  void clear();

  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  std::optional<CheckoutSession> checkout_session(const CheckoutSessionId& id);
  void put(const CheckoutSession& cs);
  std::optional<ChargePermission> charge_permission(const ChargePermissionId& id);
  void put(const ChargePermission& cp);
  std::optional<Charge> charge(const ChargeId& id);
  void put(const Charge& c);
  // A Charge this transaction created, written once complete: no earlier row to replace.
  void insert(const Charge& c);
  // Whether a Charge of permission `of` has the id (Charge ids extend their permission's).
  bool has_charge(const ChargeId& id, const ChargePermissionId& of);
  std::optional<Refund> refund(const RefundId& id);
  void put(const Refund& r);

  // The API's JSON of a Charge or Refund as last answered. Their views depend on the object
  // alone (and the mock's fixed environment), so a GET answers the same text without
  // encoding it again. Dropped whenever the object is written, rolled back or reset; kept
  // only for an object in the cache (so never for one this transaction has not read).
  const std::string* encoded(const ChargeId& id) const;
  const std::string* encoded(const RefundId& id) const;
  void keep_encoded(const ChargeId& id, std::string json);
  void keep_encoded(const RefundId& id, std::string json);

  std::vector<Charge> charges_of(const ChargePermissionId& id);  // creation order
  const ChargeSums& charge_sums(const ChargePermissionId& id);
  std::vector<Refund> refunds_of(const ChargeId& id);            // creation order
  std::vector<ChargePermission> all_charge_permissions();
  std::vector<CheckoutSession> all_checkout_sessions();
  bool id_in_use(const std::string& id);

  std::int64_t add_event(Instant due, EventKind kind, const std::string& object_id);
  std::optional<Event> next_event();
  void remove_event(std::int64_t seq);
  std::vector<Event> pending_events();

  std::optional<IdempotencyRecord> idempotency(const std::string& scope, const std::string& key);
  void put(const IdempotencyRecord& rec);

  void add_forced(const ForcedOutcome& f);
  // Removes and returns the oldest outcome for `operation` matching `object_id` (or any).
  std::optional<ForcedOutcome> take_forced(SimulatedOperation operation,
                                           const std::string& object_id);
  std::vector<ForcedOutcome> forced_outcomes();

  void add_fault(const Fault& f);
  std::vector<Fault> faults();
  void update_fault(const Fault& f);  // remaining 0 deletes it
  void clear_faults();

  // Rows inserted, updated or deleted by this connection so far: tells whether a request wrote.
  std::int64_t total_changes() const;

 private:
  explicit Store(std::unique_ptr<core::sqlite::Database> db);
  void drop_caches();  // after a rollback: SQLite holds the truth again
  // Writes the ChargePermissions put in this transaction (see unwritten_permissions_).
  void write_permissions();
  void write_permission(const ChargePermission& cp);
  // Remembers a permission's unwritten state for rollback_to(), inside a savepoint.
  void note_undo(const std::string& id);
  // The Charge's row through `statement` (an INSERT or upsert of id, cp_id, data), and the
  // cache: put() and insert() differ only in the statement and the sums.
  void write_charge(const char* statement, const Charge& c);
  // The connection, with the transaction begin() asked for opened first.
  core::sqlite::Database& sql();
  auto lazy_sql() {
    return [this]() -> core::sqlite::Database& { return sql(); };
  }

  std::unique_ptr<core::sqlite::Database> db_;
  core::ObjectCache<CheckoutSession> checkout_sessions_;
  core::ObjectCache<ChargePermission> charge_permissions_;
  core::ObjectCache<Charge> charges_;  // children: the Charges of a permission
  core::ObjectCache<Refund> refunds_;  // children: the Refunds of a Charge
  std::unordered_map<std::string, ChargeSums> charge_sums_;  // by permission; dropped with caches
  std::optional<std::vector<Fault>> faults_;  // read on every API request; dropped with caches
  // How many outcomes are queued, once counted: most requests then skip the queue's query.
  std::optional<std::int64_t> forced_count_;  // dropped with caches
  std::unordered_map<std::string, std::string> encoded_charges_, encoded_refunds_;
  // ChargePermissions put in the open transaction, written to SQL only at commit() (or
  // before a query that reads many): a busy permission, which every Create Charge of a
  // group commit writes, then costs one row write per group instead of one per request.
  std::unordered_map<std::string, ChargePermission> unwritten_permissions_;
  std::int64_t unwritten_puts_ = 0;  // counted in total_changes()
  // What rollback_to() restores: a permission's unwritten entry before each change made
  // inside a savepoint (nullopt: it had none), and where each open savepoint began.
  struct Undo {
    std::string id;
    std::optional<ChargePermission> before;
  };
  std::vector<Undo> undo_;
  std::vector<std::pair<std::string, std::size_t>> savepoints_;
  bool wanted_ = false;  // begin() called, no commit() or rollback() yet
  bool begun_ = false;   // BEGIN ran (with the first statement after begin())
};

}  // namespace mock_amazon
