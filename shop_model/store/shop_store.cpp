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
                                          {ChargeRole::Reauthorization, "reauthorization"}})
NLOHMANN_JSON_SERIALIZE_ENUM(MemberStatus, {{MemberStatus::Active, "active"},
                                            {MemberStatus::Withdrawn, "withdrawn"}})

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RefundRecord, refund_id, amount, amazon_state,
                                                amazon_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChargeRecord, charge_id, role, amount,
                                                requested_at, amazon_state, amazon_reason,
                                                captured, capture_requested, capture_failed,
                                                capture_confirmed, fetch_failed, superseded,
                                                refunds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Customer, name, email, postal_code, prefecture,
                                                address, phone)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Order, number, type, status, payment_method, member_id, orderer, recipient, lines, total,
    order_time_amount, ordered_at, checkout_session_id, charge_permission_id, payment_descriptor,
    charge_permission_unusable, charge_permission_close_at, charge_permission_closed,
    charge_permission_expires, amazon_transaction_canceled, charges, paid, paid_at,
    reauthorization_failure, shop_memo, last_error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Subscription, id, member_id, lines,
                                                amount_per_delivery, deliveries_total,
                                                deliveries_generated, status, applied_at,
                                                next_generation_at, checkout_session_id,
                                                charge_permission_id, charge_permission_expires,
                                                payment_descriptor, order_numbers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Member, id, email, name, status, amazon_buyer_id,
                                                has_password, newsletter, registered_at,
                                                amazon_linked_at)

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS orders (number TEXT PRIMARY KEY, close_at INTEGER, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS orders_close_at ON orders (close_at);
CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, next_at INTEGER, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS subscriptions_next_at ON subscriptions (next_at);
CREATE TABLE IF NOT EXISTS members (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

using Stmt = core::sqlite::Statement;

}  // namespace

core::Result<std::unique_ptr<ShopStore>, std::string> ShopStore::open(const std::string& path) {
  auto db = core::sqlite::Database::open(path, kSchema);
  if (!db) return core::fail("shop: " + db.error());
  return std::unique_ptr<ShopStore>(new ShopStore(std::move(db).value()));
}

ShopStore::ShopStore(std::unique_ptr<core::sqlite::Database> db) : db_(std::move(db)) {}
ShopStore::~ShopStore() = default;

void ShopStore::begin() { db_->exec("BEGIN IMMEDIATE"); }
void ShopStore::commit() { db_->exec("COMMIT"); }
void ShopStore::rollback() { db_->exec("ROLLBACK"); }

std::optional<Order> ShopStore::order(const std::string& number) {
  Stmt s(*db_, "SELECT data FROM orders WHERE number = ?");
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  return nlohmann::json::parse(s.text(0)).get<Order>();
}

void ShopStore::put(const Order& o) {
  Stmt s(*db_,
         "INSERT INTO orders (number, close_at, data) VALUES (?, ?, ?) ON CONFLICT(number) DO "
         "UPDATE SET close_at = excluded.close_at, data = excluded.data");
  s.bind(1, o.number);
  if (o.charge_permission_close_at && !o.charge_permission_closed)
    s.bind(2, static_cast<long long>(o.charge_permission_close_at->time_since_epoch().count()));
  else
    s.bind_null(2);
  s.bind(3, nlohmann::json(o).dump());
  s.step();
}

std::vector<std::string> ShopStore::order_numbers() {
  Stmt s(*db_, "SELECT number FROM orders ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<std::pair<Instant, std::string>> ShopStore::next_permission_close() {
  Stmt s(*db_, "SELECT close_at, number FROM orders WHERE close_at IS NOT NULL ORDER BY close_at, rowid LIMIT 1");
  if (!s.step()) return std::nullopt;
  return std::pair{Instant{core::Duration{s.integer(0)}}, s.text(1)};
}

std::optional<Subscription> ShopStore::subscription(const std::string& id) {
  Stmt s(*db_, "SELECT data FROM subscriptions WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return nlohmann::json::parse(s.text(0)).get<Subscription>();
}

void ShopStore::put(const Subscription& sub) {
  Stmt s(*db_,
         "INSERT INTO subscriptions (id, next_at, data) VALUES (?, ?, ?) ON CONFLICT(id) DO "
         "UPDATE SET next_at = excluded.next_at, data = excluded.data");
  s.bind(1, sub.id);
  if (sub.next_generation_at)
    s.bind(2, static_cast<long long>(sub.next_generation_at->time_since_epoch().count()));
  else
    s.bind_null(2);
  s.bind(3, nlohmann::json(sub).dump());
  s.step();
}

std::vector<std::string> ShopStore::subscription_ids() {
  Stmt s(*db_, "SELECT id FROM subscriptions ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::optional<std::pair<Instant, std::string>> ShopStore::next_generation() {
  Stmt s(*db_, "SELECT next_at, id FROM subscriptions WHERE next_at IS NOT NULL ORDER BY next_at, rowid LIMIT 1");
  if (!s.step()) return std::nullopt;
  return std::pair{Instant{core::Duration{s.integer(0)}}, s.text(1)};
}

std::optional<Member> ShopStore::member(const std::string& id) {
  Stmt s(*db_, "SELECT data FROM members WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return nlohmann::json::parse(s.text(0)).get<Member>();
}

void ShopStore::put(const Member& m) {
  Stmt(*db_, "INSERT INTO members (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data")
      .bind(1, m.id)
      .bind(2, nlohmann::json(m).dump())
      .step();
}

std::vector<std::string> ShopStore::member_ids() {
  Stmt s(*db_, "SELECT id FROM members ORDER BY rowid");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

long long ShopStore::next_counter(const std::string& name, long long first) {
  Stmt s(*db_, "SELECT value FROM counters WHERE name = ?");
  s.bind(1, name);
  long long next = s.step() ? s.integer(0) + 1 : first;
  Stmt(*db_, "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")
      .bind(1, name)
      .bind(2, next)
      .step();
  return next;
}

}  // namespace shop_model
