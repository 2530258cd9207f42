#include "mock_amazon/store/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "core/json.hpp"
#include "core/sqlite.hpp"

namespace mock_amazon {

// ---- storage codec (internal format, not Amazon's API shapes) ----

NLOHMANN_JSON_SERIALIZE_ENUM(PaymentIntent, {{PaymentIntent::Confirm, "Confirm"},
                                             {PaymentIntent::Authorize, "Authorize"},
                                             {PaymentIntent::AuthorizeWithCapture,
                                              "AuthorizeWithCapture"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ChargePermissionType, {{ChargePermissionType::OneTime, "OneTime"},
                                                    {ChargePermissionType::Recurring,
                                                     "Recurring"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CheckoutSessionState, {{CheckoutSessionState::Open, "Open"},
                                                    {CheckoutSessionState::Completed, "Completed"},
                                                    {CheckoutSessionState::Canceled, "Canceled"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ChargePermissionState,
                             {{ChargePermissionState::Chargeable, "Chargeable"},
                              {ChargePermissionState::NonChargeable, "NonChargeable"},
                              {ChargePermissionState::Closed, "Closed"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ChargeState,
                             {{ChargeState::AuthorizationInitiated, "AuthorizationInitiated"},
                              {ChargeState::Authorized, "Authorized"},
                              {ChargeState::CaptureInitiated, "CaptureInitiated"},
                              {ChargeState::Captured, "Captured"},
                              {ChargeState::Canceled, "Canceled"},
                              {ChargeState::Declined, "Declined"}})
NLOHMANN_JSON_SERIALIZE_ENUM(RefundState, {{RefundState::RefundInitiated, "RefundInitiated"},
                                           {RefundState::Refunded, "Refunded"},
                                           {RefundState::Declined, "Declined"}})

void to_json(nlohmann::json& j, const ReasonCode& r) { j = std::string(name(r)); }
void from_json(const nlohmann::json& j, ReasonCode& r) {
  auto parsed = parse_reason_code(j.get<std::string>());
  if (!parsed) throw std::runtime_error("unknown reason code in store: " + j.get<std::string>());
  r = *parsed;
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MerchantMetadata, merchant_reference_id,
                                                merchant_store_name, note_to_buyer,
                                                custom_information)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RecurringMetadata, frequency_unit,
                                                frequency_value, amount)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WebCheckoutDetails, checkout_review_return_url,
                                                checkout_result_return_url, checkout_cancel_url,
                                                checkout_mode)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PaymentDetails, payment_intent,
                                                can_handle_pending_authorization, charge_amount,
                                                total_order_amount, soft_descriptor,
                                                presentment_currency, allow_overcharge,
                                                extend_expiration)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BuyerSelection, buyer, address, instrument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CheckoutSession, id, store_id, web, product_type,
                                                payment, charge_permission_type, recurring,
                                                merchant_metadata, platform_id, scopes, selection,
                                                payment_page_passed, pending_decline,
                                                authorization_pending, state, reason,
                                                last_updated, created, expires,
                                                charge_permission_id, charge_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChargePermission, id, type, recurring,
                                                platform_id, store_id, selection,
                                                merchant_metadata, state, reasons, last_updated,
                                                amount_limit, original_amount, gift_card_only,
                                                created, expires, charge_count)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Charge, id, charge_permission_id, charge_amount,
                                                capture_amount, refunded_amount, refund_count,
                                                refund_requested, soft_descriptor,
                                                merchant_metadata, provider_reference_id,
                                                platform_id, charge_initiator, channel, state,
                                                reason, last_updated, created, expires,
                                                authorized_at, pending_decline, capture_on_approval)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Refund, id, charge_id, amount, soft_descriptor,
                                                state, reason, last_updated, created,
                                                pending_decline)

std::string charge_row_via_json(const Charge& c) {
  return nlohmann::json(c).dump();
}

namespace {

void row_string(std::string& out, std::string_view s) {
  core::append_json_string(out, s, core::InvalidUtf8::Throw);  // as dump() does
}
void row_opt(std::string& out, const std::optional<std::string>& s) {
  core::append_json_string(out, s, core::InvalidUtf8::Throw);
}

void append_int(std::string& out, std::int64_t v) {
  out += std::to_string(v);
}
void append_instant(std::string& out, Instant t) {
  append_int(out, t.time_since_epoch().count());
}

void append_reason(std::string& out, const std::optional<ReasonCode>& r) {
  if (r)
    row_string(out, name(*r));
  else
    out += "null";
}

}  // namespace

// The members in the order dump() writes them (its std::map sorts the keys).
std::string charge_row(const Charge& c) {
  std::string out;
  out.reserve(640);
  out += R"({"authorized_at":)";
  if (c.authorized_at)
    append_instant(out, *c.authorized_at);
  else
    out += "null";
  out += R"(,"capture_amount":)";
  if (c.capture_amount)
    append_int(out, c.capture_amount->value());
  else
    out += "null";
  out += R"(,"capture_on_approval":)";
  out += c.capture_on_approval ? "true" : "false";
  out += R"(,"channel":)";
  row_string(out, c.channel);
  out += R"(,"charge_amount":)";
  append_int(out, c.charge_amount.value());
  out += R"(,"charge_initiator":)";
  row_opt(out, c.charge_initiator);
  out += R"(,"charge_permission_id":)";
  row_string(out, c.charge_permission_id.str());
  out += R"(,"created":)";
  append_instant(out, c.created);
  out += R"(,"expires":)";
  append_instant(out, c.expires);
  out += R"(,"id":)";
  row_string(out, c.id.str());
  out += R"(,"last_updated":)";
  append_instant(out, c.last_updated);
  const MerchantMetadata& m = c.merchant_metadata;
  out += R"(,"merchant_metadata":{"custom_information":)";
  row_opt(out, m.custom_information);
  out += R"(,"merchant_reference_id":)";
  row_opt(out, m.merchant_reference_id);
  out += R"(,"merchant_store_name":)";
  row_opt(out, m.merchant_store_name);
  out += R"(,"note_to_buyer":)";
  row_opt(out, m.note_to_buyer);
  out += R"(},"pending_decline":)";
  append_reason(out, c.pending_decline);
  out += R"(,"platform_id":)";
  row_opt(out, c.platform_id);
  out += R"(,"provider_reference_id":)";
  row_opt(out, c.provider_reference_id);
  out += R"(,"reason":)";
  append_reason(out, c.reason);
  out += R"(,"refund_count":)";
  append_int(out, c.refund_count);
  out += R"(,"refund_requested":)";
  append_int(out, c.refund_requested.value());
  out += R"(,"refunded_amount":)";
  append_int(out, c.refunded_amount.value());
  out += R"(,"soft_descriptor":)";
  row_opt(out, c.soft_descriptor);
  out += R"(,"state":)";
  row_string(out, nlohmann::json(c.state).get_ref<const std::string&>());
  out += '}';
  return out;
}

std::string_view name(EventKind kind) {
  switch (kind) {
    case EventKind::CheckoutSessionExpire: return "CheckoutSessionExpire";
    case EventKind::ChargeAuthorizationResolve: return "ChargeAuthorizationResolve";
    case EventKind::ChargeExpire: return "ChargeExpire";
    case EventKind::ChargeCaptureResolve: return "ChargeCaptureResolve";
    case EventKind::RefundResolve: return "RefundResolve";
    case EventKind::ChargePermissionExpire: return "ChargePermissionExpire";
  }
  return "?";
}

namespace {

constexpr EventKind kEventKinds[] = {
    EventKind::CheckoutSessionExpire, EventKind::ChargeAuthorizationResolve,
    EventKind::ChargeExpire,          EventKind::ChargeCaptureResolve,
    EventKind::RefundResolve,         EventKind::ChargePermissionExpire};

EventKind parse_event_kind(const std::string& text) {
  for (EventKind k : kEventKinds)
    if (name(k) == text) return k;
  throw std::runtime_error("unknown event kind in store: " + text);
}

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkout_sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS charge_permissions (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS charges (id TEXT PRIMARY KEY, cp_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS charges_cp ON charges (cp_id);
CREATE TABLE IF NOT EXISTS refunds (id TEXT PRIMARY KEY, charge_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refunds_charge ON refunds (charge_id);
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, due INTEGER NOT NULL, kind TEXT NOT NULL, object_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_due ON events (due, seq);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, method TEXT, path TEXT, body_hash TEXT, status INTEGER, response TEXT);
CREATE TABLE IF NOT EXISTS forced (seq INTEGER PRIMARY KEY, operation TEXT, object_id TEXT, outcome TEXT, then_outcome TEXT);
CREATE TABLE IF NOT EXISTS faults (seq INTEGER PRIMARY KEY, method TEXT, path_prefix TEXT, kind TEXT, status INTEGER, reason_code TEXT, remaining INTEGER, retry_after INTEGER);
)sql";

using Stmt = core::sqlite::Statement;


template <class T>
std::optional<T> load_one(core::sqlite::Database& db, const char* sql, const std::string& id) {
  Stmt s(db, sql);
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return nlohmann::json::parse(s.text(0)).get<T>();
}

// The cached object, or the row decoded and cached.
// `db()` gives the connection, opening the transaction: called on a miss only.
template <class T, class Db>
std::optional<T> cached_one(core::ObjectCache<T>& cache, Db&& db, const char* sql,
                            const std::string& id) {
  return cache.get_or_load(id, [&](const std::string& key) { return load_one<T>(db(), sql, key); });
}

// The children of `parent` in creation order: from the cache when their list is known, else
// with `sql` (SELECT id, data … WHERE parent = ? ORDER BY rowid), caching the list.
template <class T, class Db, class Load>
std::vector<T> cached_children(core::ObjectCache<T>& cache, Db&& db, const char* sql,
                               const std::string& parent, Load load_by_id) {
  std::vector<T> out;
  if (const std::vector<std::string>* ids = cache.children(parent)) {
    out.reserve(ids->size());
    for (const std::string& id : *ids)
      if (std::optional<T> child = load_by_id(id)) out.push_back(std::move(*child));
    return out;
  }
  Stmt s(db(), sql);
  s.bind(1, parent);
  std::vector<std::string> ids;
  while (s.step()) {
    ids.push_back(s.text(0));
    out.push_back(nlohmann::json::parse(s.text(1)).get<T>());
    cache.put(ids.back(), out.back());
  }
  cache.set_children(parent, std::move(ids));
  return out;
}

template <class T>
std::vector<T> load_many(Stmt& s) {
  std::vector<T> out;
  while (s.step()) out.push_back(nlohmann::json::parse(s.text(0)).get<T>());
  return out;
}

}  // namespace

core::Result<std::unique_ptr<Store>, std::string> Store::open(const std::string& path) {
  auto db = core::sqlite::Database::open(path, kSchema);
  if (!db) return core::fail(db.error());
  if (path != ":memory:") {
    try {
      // One process at a time on a file (a second mock on it gets "database is locked"):
      // exclusive locking spares every transaction its file-lock system calls and keeps the
      // WAL index in the heap. Checkpoints (an fsync each, and a copy of every page written
      // since the last) every 40,000 WAL pages rather than 1,000: under sustained load the
      // WAL file grows to ≈ 160 MB (removed when the mock closes), and the hot pages (a
      // permission's, the indexes' inner ones) are copied once per 40,000 instead of 40
      // times. Neither weakens durability: a commit is in the WAL before it is answered.
      db.value()->exec("PRAGMA locking_mode = EXCLUSIVE;");
      db.value()->set_checkpoint_pages(40000);
    } catch (const std::exception& e) {
      return core::fail("cannot initialise database " + path + ": " + e.what());
    }
  }
  return std::unique_ptr<Store>(new Store(std::move(db).value()));
}

Store::Store(std::unique_ptr<core::sqlite::Database> db) : db_(std::move(db)) {}
Store::~Store() = default;

// BEGIN runs with the request's first SQL statement, not at begin(): a request served from
// the caches alone (a GET of a cached object) costs no transaction. Nothing reads the file
// between begin() and that statement, and this connection is the file's only writer.
void Store::begin() {
  assert(!wanted_ && "Store::begin inside a transaction");
  wanted_ = true;
}
core::sqlite::Database& Store::sql() {
  if (wanted_ && !begun_) {
    Stmt(*db_, "BEGIN IMMEDIATE").run();  // prepared once (core::sqlite caches statements)
    begun_ = true;
  }
  return *db_;
}
void Store::commit() {
  assert(wanted_ && "Store::commit without begin");
  try {
    write_permissions();
  } catch (...) {
    rollback();
    throw;
  }
  undo_.clear();
  savepoints_.clear();
  const bool begun = std::exchange(begun_, false);
  wanted_ = false;
  if (!begun) return;
  try {
    Stmt(*db_, "COMMIT").run();
  } catch (...) {
    drop_caches();  // a failed COMMIT may have rolled back
    if (!sqlite3_get_autocommit(db_->handle())) db_->exec("ROLLBACK");
    throw;
  }
}
void Store::rollback() {
  drop_caches();
  unwritten_permissions_.clear();
  undo_.clear();
  savepoints_.clear();
  const bool begun = std::exchange(begun_, false);
  wanted_ = false;
  if (begun) db_->exec("ROLLBACK");
}
void Store::drop_caches() {
  checkout_sessions_.clear();
  charge_permissions_.clear();
  charges_.clear();
  refunds_.clear();
  charge_sums_.clear();
  faults_.reset();
  forced_count_.reset();
  encoded_charges_.clear();
  encoded_refunds_.clear();
}
// Prepared once each (the connection caches statements by text): a grouped request takes one.
void Store::savepoint(const std::string& name) {
  Stmt(sql(), ("SAVEPOINT " + name).c_str()).run();
  savepoints_.emplace_back(name, undo_.size());
}
namespace {
// The innermost open savepoint called `name` (SQL releases and rolls back to that one).
template <class Stack>
auto find_savepoint(Stack& stack, const std::string& name) {
  auto it =
      std::find_if(stack.rbegin(), stack.rend(), [&](const auto& p) { return p.first == name; });
  assert(it != stack.rend() && "no such savepoint");
  return std::prev(it.base());
}
}  // namespace
void Store::release(const std::string& name) {
  Stmt(sql(), ("RELEASE SAVEPOINT " + name).c_str()).run();
  savepoints_.erase(find_savepoint(savepoints_, name), savepoints_.end());
  if (savepoints_.empty()) undo_.clear();  // nothing can roll back to them any more
}
void Store::rollback_to(const std::string& name) {
  drop_caches();
  auto point = find_savepoint(savepoints_, name);
  for (std::size_t i = undo_.size(); i > point->second; --i) {
    Undo& u = undo_[i - 1];
    if (u.before)
      unwritten_permissions_.insert_or_assign(u.id, std::move(*u.before));
    else
      unwritten_permissions_.erase(u.id);
  }
  undo_.resize(point->second);
  savepoints_.erase(point, savepoints_.end());
  sql().exec(("ROLLBACK TO SAVEPOINT " + name).c_str());
  sql().exec(("RELEASE SAVEPOINT " + name).c_str());
  if (savepoints_.empty()) undo_.clear();
}

void Store::note_undo(const std::string& id) {
  if (savepoints_.empty()) return;  // only a whole rollback() can undo it, and it drops all
  auto it = unwritten_permissions_.find(id);
  undo_.push_back({id, it == unwritten_permissions_.end()
                           ? std::nullopt
                           : std::optional<ChargePermission>(it->second)});
}

void Store::write_permissions() {
  for (auto& [id, cp] : unwritten_permissions_) {
    note_undo(id);  // a savepoint rolled back restores it as unwritten (SQL loses the row)
    write_permission(cp);
  }
  unwritten_permissions_.clear();
}

void Store::clear() {
  write_permissions();  // so that a rollback_to() past the reset finds them again
  drop_caches();
  sql().exec(
       "DELETE FROM meta; DELETE FROM checkout_sessions; DELETE FROM charge_permissions;"
       "DELETE FROM charges; DELETE FROM refunds; DELETE FROM events; DELETE FROM idempotency;"
       "DELETE FROM forced; DELETE FROM faults;");
  forced_count_ = 0;
}

std::optional<std::string> Store::meta(const std::string& key) {
  Stmt s(sql(), "SELECT value FROM meta WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void Store::set_meta(const std::string& key, const std::string& value) {
  Stmt(sql(), "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

std::optional<CheckoutSession> Store::checkout_session(const CheckoutSessionId& id) {
  return cached_one(checkout_sessions_, lazy_sql(), "SELECT data FROM checkout_sessions WHERE id = ?", id.str());
}
void Store::put(const CheckoutSession& cs) {
  Stmt(sql(), "INSERT INTO checkout_sessions (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data")
      .bind(1, cs.id.str())
      .bind(2, nlohmann::json(cs).dump())
      .run();
  checkout_sessions_.put(cs.id.str(), cs);
}

std::optional<ChargePermission> Store::charge_permission(const ChargePermissionId& id) {
  if (auto it = unwritten_permissions_.find(id.str()); it != unwritten_permissions_.end())
    return it->second;
  return cached_one(charge_permissions_, lazy_sql(), "SELECT data FROM charge_permissions WHERE id = ?", id.str());
}
void Store::put(const ChargePermission& cp) {
  if (!wanted_) {
    write_permission(cp);
    return;
  }
  note_undo(cp.id.str());
  unwritten_permissions_.insert_or_assign(cp.id.str(), cp);
  ++unwritten_puts_;
}
void Store::write_permission(const ChargePermission& cp) {
  Stmt(sql(), "INSERT INTO charge_permissions (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data")
      .bind(1, cp.id.str())
      .bind(2, nlohmann::json(cp).dump())
      .run();
  charge_permissions_.put(cp.id.str(), cp);
}

std::optional<Charge> Store::charge(const ChargeId& id) {
  return cached_one(charges_, lazy_sql(), "SELECT data FROM charges WHERE id = ?", id.str());
}
void Store::put(const Charge& c) {
  if (auto sums = charge_sums_.find(c.charge_permission_id.str()); sums != charge_sums_.end()) {
    // The row as it was (none for a new Charge) leaves the sums, the new one enters them.
    if (std::optional<Charge> before = charge(c.id)) sums->second.add(*before, -1);
    sums->second.add(c, +1);
  }
  write_charge(
      "INSERT INTO charges (id, cp_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = "
      "excluded.data",
      c);
  encoded_charges_.erase(c.id.str());
}

void Store::insert(const Charge& c) {
  if (auto sums = charge_sums_.find(c.charge_permission_id.str()); sums != charge_sums_.end())
    sums->second.add(c, +1);
  write_charge("INSERT INTO charges (id, cp_id, data) VALUES (?, ?, ?)", c);
}

void Store::write_charge(const char* statement, const Charge& c) {
  const std::string row = charge_row(c);
  Stmt(sql(), statement)
      .bind_view(1, c.id.str())
      .bind_view(2, c.charge_permission_id.str())
      .bind_view(3, row)
      .run();
  charges_.put(c.id.str(), c);
  charges_.add_child(c.charge_permission_id.str(), c.id.str());
}

bool Store::has_charge(const ChargeId& id, const ChargePermissionId& of) {
  if (charges_.find(id.str())) return true;
  // Create Charge has just read the permission's Charges (for its sums): their known list
  // answers without a query.
  if (std::optional<bool> known = charges_.has_child(of.str(), id.str())) return *known;
  Stmt s(sql(), "SELECT 1 FROM charges WHERE id = ?");
  s.bind(1, id.str());
  return s.step();
}

namespace {

const std::string* find_text(const std::unordered_map<std::string, std::string>& texts,
                             const std::string& id) {
  auto it = texts.find(id);
  return it == texts.end() ? nullptr : &it->second;
}

void keep_text(std::unordered_map<std::string, std::string>& texts, const std::string& id,
               std::string text) {
  if (texts.size() >= core::ObjectCache<Charge>::kMaxObjects) texts.clear();
  texts.insert_or_assign(id, std::move(text));
}

}  // namespace

const std::string* Store::encoded(const ChargeId& id) const {
  return find_text(encoded_charges_, id.str());
}
const std::string* Store::encoded(const RefundId& id) const {
  return find_text(encoded_refunds_, id.str());
}
void Store::keep_encoded(const ChargeId& id, std::string json) {
  if (charges_.find(id.str())) keep_text(encoded_charges_, id.str(), std::move(json));
}
void Store::keep_encoded(const RefundId& id, std::string json) {
  if (refunds_.find(id.str())) keep_text(encoded_refunds_, id.str(), std::move(json));
}

std::optional<Refund> Store::refund(const RefundId& id) {
  return cached_one(refunds_, lazy_sql(), "SELECT data FROM refunds WHERE id = ?", id.str());
}
void Store::put(const Refund& r) {
  Stmt(sql(), "INSERT INTO refunds (id, charge_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data")
      .bind(1, r.id.str())
      .bind(2, r.charge_id.str())
      .bind(3, nlohmann::json(r).dump())
      .run();
  refunds_.put(r.id.str(), r);
  encoded_refunds_.erase(r.id.str());
  refunds_.add_child(r.charge_id.str(), r.id.str());
}

std::vector<Charge> Store::charges_of(const ChargePermissionId& id) {
  return cached_children(charges_, lazy_sql(), "SELECT id, data FROM charges WHERE cp_id = ? ORDER BY rowid",
                         id.str(), [this](const std::string& c) { return charge(ChargeId(c)); });
}

const ChargeSums& Store::charge_sums(const ChargePermissionId& id) {
  auto it = charge_sums_.find(id.str());
  if (it != charge_sums_.end()) return it->second;
  ChargeSums sums;
  for (const Charge& c : charges_of(id)) sums.add(c, +1);
  if (charge_sums_.size() >= core::ObjectCache<Charge>::kMaxObjects) charge_sums_.clear();
  return charge_sums_.emplace(id.str(), std::move(sums)).first->second;
}

Yen ChargeSums::active_since(Instant t) const {
  Yen sum{0};
  for (auto it = active_by_created.lower_bound(t); it != active_by_created.end(); ++it)
    sum += it->second;
  return sum;
}

void ChargeSums::add(const Charge& c, int sign) {
  const Yen held = active_amount(c) * sign;
  active += held;
  captured += captured_amount(c) * sign;
  Yen& at = active_by_created[c.created];
  at += held;
  if (at == Yen{0}) active_by_created.erase(c.created);
}

std::vector<Refund> Store::refunds_of(const ChargeId& id) {
  return cached_children(refunds_, lazy_sql(),
                         "SELECT id, data FROM refunds WHERE charge_id = ? ORDER BY rowid", id.str(),
                         [this](const std::string& r) { return refund(RefundId(r)); });
}

std::vector<ChargePermission> Store::all_charge_permissions() {
  write_permissions();
  Stmt s(sql(), "SELECT data FROM charge_permissions ORDER BY rowid");
  return load_many<ChargePermission>(s);
}

std::vector<CheckoutSession> Store::all_checkout_sessions() {
  Stmt s(sql(), "SELECT data FROM checkout_sessions ORDER BY rowid");
  return load_many<CheckoutSession>(s);
}

bool Store::id_in_use(const std::string& id) {
  if (unwritten_permissions_.contains(id)) return true;
  Stmt s(sql(),
         "SELECT 1 FROM checkout_sessions WHERE id = ?1 UNION ALL SELECT 1 FROM charge_permissions "
         "WHERE id = ?1 UNION ALL SELECT 1 FROM charges WHERE id = ?1 UNION ALL SELECT 1 FROM "
         "refunds WHERE id = ?1");
  s.bind(1, id);
  return s.step();
}

std::int64_t Store::add_event(Instant due, EventKind kind, const std::string& object_id) {
  Stmt(sql(), "INSERT INTO events (due, kind, object_id) VALUES (?, ?, ?)")
      .bind(1, static_cast<std::int64_t>(due.time_since_epoch().count()))
      .bind(2, std::string(name(kind)))
      .bind(3, object_id)
      .run();
  return sqlite3_last_insert_rowid(sql().handle());
}

namespace {
Event read_event(Stmt& s) {
  return Event{s.integer(0), Instant{core::Duration{s.integer(1)}}, parse_event_kind(s.text(2)),
               s.text(3)};
}
}  // namespace

std::optional<Event> Store::next_event() {
  Stmt s(sql(), "SELECT seq, due, kind, object_id FROM events ORDER BY due, seq LIMIT 1");
  if (!s.step()) return std::nullopt;
  return read_event(s);
}

void Store::remove_event(std::int64_t seq) {
  Stmt(sql(), "DELETE FROM events WHERE seq = ?").bind(1, seq).run();
}

std::vector<Event> Store::pending_events() {
  Stmt s(sql(), "SELECT seq, due, kind, object_id FROM events ORDER BY due, seq");
  std::vector<Event> out;
  while (s.step()) out.push_back(read_event(s));
  return out;
}

// The row's key is "<scope>/<key>": keys are [A-Za-z0-9_-], so the last '/' separates them
// (no column added, so databases written before scoping still open).
namespace {

std::string scoped_key(const std::string& scope, const std::string& key) {
  return scope + "/" + key;
}

}  // namespace

std::optional<IdempotencyRecord> Store::idempotency(const std::string& scope,
                                                    const std::string& key) {
  Stmt s(sql(), "SELECT method, path, body_hash, status, response FROM idempotency WHERE key = ?");
  s.bind(1, scoped_key(scope, key));
  if (!s.step()) return std::nullopt;
  return IdempotencyRecord{
      scope, key, s.text(0), s.text(1), s.text(2), static_cast<int>(s.integer(3)), s.text(4)};
}

void Store::put(const IdempotencyRecord& rec) {
  Stmt(sql(),
       "INSERT OR REPLACE INTO idempotency (key, method, path, body_hash, status, response) VALUES "
       "(?, ?, ?, ?, ?, ?)")
      .bind(1, scoped_key(rec.scope, rec.key))
      .bind(2, rec.method)
      .bind(3, rec.path)
      .bind(4, rec.body_hash)
      .bind(5, static_cast<std::int64_t>(rec.status))
      .bind(6, rec.response_body)
      .run();
}

namespace {

SimulatedOperation stored_operation(const std::string& text) {
  if (auto op = parse_simulated_operation(text)) return *op;
  throw std::runtime_error("unknown forced operation in store: " + text);
}

FaultKind stored_fault_kind(const std::string& text) {
  if (auto kind = parse_fault_kind(text)) return *kind;
  throw std::runtime_error("unknown fault kind in store: " + text);
}

}  // namespace

void Store::add_forced(const ForcedOutcome& f) {
  Stmt(sql(), "INSERT INTO forced (operation, object_id, outcome, then_outcome) VALUES (?, ?, ?, ?)")
      .bind(1, std::string(name(f.operation)))
      .bind(2, f.object_id)
      .bind(3, f.outcome)
      .bind(4, f.then)
      .run();
  if (forced_count_) ++*forced_count_;
}

std::optional<ForcedOutcome> Store::take_forced(SimulatedOperation operation,
                                                const std::string& object_id) {
  if (!forced_count_) {
    Stmt count(sql(), "SELECT count(*) FROM forced");
    count.step();
    forced_count_ = count.integer(0);
  }
  if (*forced_count_ == 0) return std::nullopt;
  Stmt s(sql(),
         "SELECT seq, operation, object_id, outcome, then_outcome FROM forced WHERE operation = ? "
         "AND (object_id = '' OR object_id = ?) ORDER BY seq LIMIT 1");
  s.bind(1, std::string(name(operation))).bind(2, object_id);
  if (!s.step()) return std::nullopt;
  ForcedOutcome f{s.integer(0), stored_operation(s.text(1)), s.text(2), s.text(3), s.text(4)};
  Stmt(sql(), "DELETE FROM forced WHERE seq = ?").bind(1, f.seq).run();
  --*forced_count_;
  return f;
}

std::vector<ForcedOutcome> Store::forced_outcomes() {
  Stmt s(sql(), "SELECT seq, operation, object_id, outcome, then_outcome FROM forced ORDER BY seq");
  std::vector<ForcedOutcome> out;
  while (s.step())
    out.push_back({s.integer(0), stored_operation(s.text(1)), s.text(2), s.text(3), s.text(4)});
  return out;
}

void Store::add_fault(const Fault& f) {
  faults_.reset();
  Stmt(sql(),
       "INSERT INTO faults (method, path_prefix, kind, status, reason_code, remaining, "
       "retry_after) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, f.method)
      .bind(2, f.path_prefix)
      .bind(3, std::string(name(f.kind)))
      .bind(4, static_cast<std::int64_t>(f.status))
      .bind(5, f.reason_code)
      .bind(6, static_cast<std::int64_t>(f.remaining))
      .bind(7, static_cast<std::int64_t>(f.retry_after))
      .run();
}

std::vector<Fault> Store::faults() {
  if (faults_) return *faults_;
  Stmt s(sql(),
         "SELECT seq, method, path_prefix, kind, status, reason_code, remaining, retry_after FROM "
         "faults ORDER BY seq");
  std::vector<Fault> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), stored_fault_kind(s.text(3)),
                   static_cast<int>(s.integer(4)), s.text(5), static_cast<int>(s.integer(6)),
                   static_cast<int>(s.integer(7))});
  faults_ = out;
  return out;
}

void Store::update_fault(const Fault& f) {
  faults_.reset();
  if (f.remaining == 0) {
    Stmt(sql(), "DELETE FROM faults WHERE seq = ?").bind(1, f.seq).run();
    return;
  }
  Stmt(sql(), "UPDATE faults SET remaining = ? WHERE seq = ?")
      .bind(1, static_cast<std::int64_t>(f.remaining))
      .bind(2, f.seq)
      .run();
}

void Store::clear_faults() {
  faults_.reset();
  sql().exec("DELETE FROM faults");
}

std::int64_t Store::total_changes() const {
  return sqlite3_total_changes64(db_->handle()) + unwritten_puts_;
}

}  // namespace mock_amazon
