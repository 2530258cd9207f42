#include "shop_model/store/shop_store.hpp"

#include <stdexcept>

#include "core/json.hpp"
#include "core/sqlite.hpp"

namespace shop_model {

NLOHMANN_JSON_SERIALIZE_ENUM(OrderType, {{OrderType::Normal, "normal"},
                                         {OrderType::Reservation, "reservation"},
                                         {OrderType::Subscription, "subscription"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ChargeRole, {{ChargeRole::Original, "original"},
                                          {ChargeRole::Increase, "increase"},
                                          {ChargeRole::Reauthorization, "reauthorization"},
                                          {ChargeRole::SellerCentral, "seller_central"}})
NLOHMANN_JSON_SERIALIZE_ENUM(MemberStatus, {{MemberStatus::Active, "active"},
                                            {MemberStatus::Withdrawn, "withdrawn"}})

// Enums with a name table are stored by name.
void to_json(nlohmann::json& j, ChargeState s) { j = name(s); }
void from_json(const nlohmann::json& j, ChargeState& s) { s = parse_charge_state(j.get<std::string>()); }
void to_json(nlohmann::json& j, RefundState s) { j = name(s); }
void from_json(const nlohmann::json& j, RefundState& s) { s = parse_refund_state(j.get<std::string>()); }
void to_json(nlohmann::json& j, CustomerField f) { j = name(f); }
template <class E>
E parsed(std::optional<E> value, const std::string& text) {
  if (!value) throw std::runtime_error("shop: unknown stored value '" + text + "'");
  return *value;
}
void to_json(nlohmann::json& j, OrderStatus s) { j = name(s); }
void from_json(const nlohmann::json& j, OrderStatus& s) {
  s = parsed(parse_order_status(j.get<std::string>()), j.get<std::string>());
}
void to_json(nlohmann::json& j, PaymentMethod m) { j = name(m); }
void from_json(const nlohmann::json& j, PaymentMethod& m) {
  m = parsed(parse_payment_method(j.get<std::string>()), j.get<std::string>());
}
void to_json(nlohmann::json& j, AmountChangeKind k) { j = name(k); }
void from_json(const nlohmann::json& j, AmountChangeKind& k) {
  k = parsed(parse_amount_change_kind(j.get<std::string>()), j.get<std::string>());
}
void from_json(const nlohmann::json& j, CustomerField& f) {
  f = parsed(parse_customer_field(j.get<std::string>()), j.get<std::string>());
}
void to_json(nlohmann::json& j, SubscriptionStatus s) { j = name(s); }
void from_json(const nlohmann::json& j, SubscriptionStatus& s) {
  s = parsed(parse_subscription_status(j.get<std::string>()), j.get<std::string>());
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RefundRecord, refund_id, amount, amazon_state,
                                                amazon_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChargeRecord, charge_id, role, amount,
                                                requested_at, amazon_state, amazon_reason,
                                                captured, amazon_captured, amazon_refunded,
                                                capture_requested, capture_failed,
                                                capture_confirmed, fetch_failed, superseded,
                                                refunds, seller_central_capture, canceled_by_shop,
                                                seller_central_refunds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AmountChangeRecord, kind, from, to, at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Customer, name, email, postal_code, prefecture,
                                                address, phone)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Order, number, type, status, payment_method, member_id, orderer, recipient, lines, total,
    order_time_amount, ordered_at, checkout_session_id, charge_permission_id, payment_descriptor,
    charge_permission_unusable, charge_permission_close_at, charge_permission_closed,
    charge_permission_expires, amazon_transaction_canceled, charges, paid, paid_at,
    reauthorization_failure, shop_memo, last_error, amount_changes, newsletter, mobile_mail,
    extra_fields, granted_points, used_points, coupon_code, coupon_discount, subscription_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Subscription, id, member_id, lines,
                                                amount_per_delivery, deliveries_total,
                                                deliveries_generated, status, applied_at,
                                                next_generation_at, checkout_session_id,
                                                charge_permission_id, charge_permission_expires,
                                                payment_descriptor, order_numbers,
                                                payment_method, deliveries_skipped, deleted,
                                                deleted_at, charge_permission_unusable,
                                                charge_permission_close_at,
                                                charge_permission_closed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Member, id, email, name, status, amazon_buyer_id,
                                                has_password, newsletter, registered_at,
                                                amazon_linked_at, extra_fields, points,
                                                password_salt, password_hash)

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS orders (number TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (seq INTEGER PRIMARY KEY, due INTEGER NOT NULL, rank INTEGER NOT NULL,
                                 kind TEXT NOT NULL, subject TEXT NOT NULL, UNIQUE (kind, subject));
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (due, rank, seq);
CREATE TABLE IF NOT EXISTS members (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS notifications (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL,
                                          object_type TEXT NOT NULL, object_id TEXT NOT NULL,
                                          outcome TEXT NOT NULL);
)sql";

using Stmt = core::sqlite::Statement;

// The cached object, or the row decoded and cached (write-through: put() updates both).
template <class T>
std::optional<T> cached_one(core::ObjectCache<T>& cache, core::sqlite::Database& db,
                            const char* sql, const std::string& id) {
  return cache.get_or_load(id, [&](const std::string& key) -> std::optional<T> {
    Stmt s(db, sql);
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return nlohmann::json::parse(s.text(0)).get<T>();
  });
}

}  // namespace

core::Result<std::unique_ptr<ShopStore>, std::string> ShopStore::open(const std::string& path) {
  auto db = core::sqlite::Database::open(path, kSchema);
  if (!db) return core::fail("shop: " + db.error());
  return std::unique_ptr<ShopStore>(new ShopStore(std::move(db).value()));
}

ShopStore::ShopStore(std::unique_ptr<core::sqlite::Database> db) : db_(std::move(db)) {}
ShopStore::~ShopStore() = default;

void ShopStore::begin() { db_->exec("BEGIN IMMEDIATE"); }
void ShopStore::commit() {
  try {
    db_->exec("COMMIT");
  } catch (...) {
    drop_caches();  // a failed COMMIT may have rolled back
    throw;
  }
}
void ShopStore::rollback() {
  drop_caches();
  db_->exec("ROLLBACK");
}
void ShopStore::drop_caches() {
  orders_.clear();
  subscriptions_.clear();
  members_.clear();
}

std::optional<Order> ShopStore::order(const std::string& number) {
  return cached_one(orders_, *db_, "SELECT data FROM orders WHERE number = ?", number);
}

void ShopStore::put(const Order& o) {
  Stmt(*db_,
       "INSERT INTO orders (number, data) VALUES (?, ?) ON CONFLICT(number) DO "
       "UPDATE SET data = excluded.data")
      .bind(1, o.number)
      .bind(2, nlohmann::json(o).dump())
      .step();
  orders_.put(o.number, o);
}

std::vector<std::string> ShopStore::order_numbers() {
  Stmt s(*db_, "SELECT number FROM orders ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<Subscription> ShopStore::subscription(const std::string& id) {
  return cached_one(subscriptions_, *db_, "SELECT data FROM subscriptions WHERE id = ?", id);
}

void ShopStore::put(const Subscription& sub) {
  Stmt(*db_,
       "INSERT INTO subscriptions (id, data) VALUES (?, ?) ON CONFLICT(id) DO "
       "UPDATE SET data = excluded.data")
      .bind(1, sub.id)
      .bind(2, nlohmann::json(sub).dump())
      .step();
  subscriptions_.put(sub.id, sub);
}

std::vector<std::string> ShopStore::subscription_ids() {
  Stmt s(*db_, "SELECT id FROM subscriptions ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<Member> ShopStore::member(const std::string& id) {
  return cached_one(members_, *db_, "SELECT data FROM members WHERE id = ?", id);
}

void ShopStore::put(const Member& m) {
  Stmt(*db_, "INSERT INTO members (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data")
      .bind(1, m.id)
      .bind(2, nlohmann::json(m).dump())
      .step();
  members_.put(m.id, m);
}

std::vector<std::string> ShopStore::member_ids() {
  Stmt s(*db_, "SELECT id FROM members ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

long long ShopStore::next_counter(const std::string& name, long long first) {
  Stmt s(*db_,
         "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
         "value = value + 1 RETURNING value");
  s.bind(1, name).bind(2, static_cast<std::int64_t>(first));
  if (!s.step()) throw std::runtime_error("shop: counter '" + name + "' returned no value");
  return s.integer(0);
}

void ShopStore::schedule(const Job& job) {
  Stmt(*db_,
       "INSERT INTO jobs (due, rank, kind, subject) VALUES (?, ?, ?, ?) ON CONFLICT(kind, "
       "subject) DO UPDATE SET due = excluded.due")
      .bind(1, static_cast<std::int64_t>(job.due.time_since_epoch().count()))
      .bind(2, static_cast<std::int64_t>(job.kind))
      .bind(3, std::string(name(job.kind)))
      .bind(4, job.subject)
      .step();
}

void ShopStore::unschedule(JobKind kind, const std::string& subject) {
  Stmt(*db_, "DELETE FROM jobs WHERE kind = ? AND subject = ?")
      .bind(1, std::string(name(kind)))
      .bind(2, subject)
      .step();
}

std::optional<Job> ShopStore::next_job() {
  Stmt s(*db_, "SELECT due, kind, subject FROM jobs ORDER BY due, rank, seq LIMIT 1");
  if (!s.step()) return std::nullopt;
  auto kind = parse_job_kind(s.text(1));
  if (!kind) throw std::runtime_error("shop: unknown job kind '" + s.text(1) + "'");
  return Job{*kind, s.text(2), Instant{core::Duration{s.integer(0)}}};
}

}  // namespace shop_model
