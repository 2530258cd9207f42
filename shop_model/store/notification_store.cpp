// The shop store's part for Amazon's notifications (notifications/): the NotificationIds
// already handled, and the orders a notification's Charge Permission belongs to.
#include <cstdint>

#include "core/sqlite.hpp"
#include "shop_model/store/shop_store.hpp"

namespace shop_model {

using Stmt = core::sqlite::Statement;

std::optional<NotificationRecord> ShopStore::notification(const std::string& id) {
  Stmt s(*db_,
         "SELECT id, received_at, object_type, object_id, outcome FROM notifications WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return NotificationRecord{s.text(0), Instant{core::Duration{s.integer(1)}}, s.text(2), s.text(3),
                            s.text(4)};
}

void ShopStore::put(const NotificationRecord& n) {
  Stmt(*db_,
       "INSERT INTO notifications (id, received_at, object_type, object_id, outcome) "
       "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")
      .bind(1, n.id)
      .bind(2, static_cast<std::int64_t>(n.received_at.time_since_epoch().count()))
      .bind(3, n.object_type)
      .bind(4, n.object_id)
      .bind(5, n.outcome)
      .step();
}

std::vector<std::string> ShopStore::order_numbers_on_permission(const std::string& cp) {
  Stmt s(*db_,
         "SELECT number FROM orders WHERE json_extract(data, '$.charge_permission_id') = ? "
         "ORDER BY rowid");
  s.bind(1, cp);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace shop_model
