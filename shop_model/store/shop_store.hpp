// SQLite persistence of the shop: orders, members and counters. One transaction per
// operation (the Shop opens it), so an order is never half written. ":memory:" by default.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "shop_model/domain/model.hpp"

namespace core::sqlite {
class Database;
}

namespace shop_model {

class ShopStore {
 public:
  static core::Result<std::unique_ptr<ShopStore>, std::string> open(const std::string& path);
  ~ShopStore();
  ShopStore(const ShopStore&) = delete;
  ShopStore& operator=(const ShopStore&) = delete;

  void begin();
  void commit();
  void rollback();

  std::optional<Order> order(const std::string& number);
  void put(const Order& order);
  std::vector<std::string> order_numbers();  // in creation order
  // The earliest pending Charge Permission closing (decision 5), if any.
  std::optional<std::pair<Instant, std::string>> next_permission_close();

  std::optional<Subscription> subscription(const std::string& id);
  void put(const Subscription& subscription);
  std::vector<std::string> subscription_ids();
  // The earliest order generation due (定期・頒布会), if any.
  std::optional<std::pair<Instant, std::string>> next_generation();

  std::optional<Member> member(const std::string& id);
  void put(const Member& member);
  std::vector<std::string> member_ids();

  // Monotonic counters ("order", "member").
  long long next_counter(const std::string& name, long long first);

 private:
  explicit ShopStore(std::unique_ptr<core::sqlite::Database> db);
  std::unique_ptr<core::sqlite::Database> db_;
};

}  // namespace shop_model
