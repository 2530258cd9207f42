// SQLite persistence of the shop: orders, subscriptions, members, counters and due jobs.
// An operation's records and jobs are written by the unit of work (store/unit_of_work.hpp)
// in one transaction, so an operation is never half written; only counters are advanced
// outside it. ":memory:" by default.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/object_cache.hpp"
#include "core/result.hpp"
#include "shop_model/domain/model.hpp"
#include "shop_model/jobs/job.hpp"

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

  std::optional<Order> order(const std::string& number);
  void put(const Order& order);
  std::vector<std::string> order_numbers();  // in creation order

  std::optional<Subscription> subscription(const std::string& id);
  void put(const Subscription& subscription);
  std::vector<std::string> subscription_ids();

  std::optional<Member> member(const std::string& id);
  void put(const Member& member);
  std::vector<std::string> member_ids();

  // Amazon's notifications by NotificationId (store/notification_store.cpp), and the orders
  // on a Charge Permission (one, or a subscription's generated orders), in creation order.
  std::optional<NotificationRecord> notification(const std::string& id);
  void put(const NotificationRecord& notification);  // a known id is kept as first recorded
  std::vector<std::string> order_numbers_on_permission(const std::string& charge_permission_id);

  // Monotonic counters ("order", "member", "subscription"): one atomic statement, so a
  // number can be reserved before Amazon is called, outside any transaction.
  long long next_counter(const std::string& name, long long first);

  // Jobs: at most one per (kind, subject); scheduling again moves its due time but keeps its
  // place among jobs due at the same instant.
  void schedule(const Job& job);
  void unschedule(JobKind kind, const std::string& subject);
  // The job to run first: earliest due, then by kind (JobKind order), then first scheduled.
  std::optional<Job> next_job();

 private:
  friend class Transaction;  // the only user of begin/commit/rollback
  void begin();
  void commit();
  void rollback();

  explicit ShopStore(std::unique_ptr<core::sqlite::Database> db);
  void drop_caches();  // after a rollback: SQLite holds the truth again
  std::unique_ptr<core::sqlite::Database> db_;
  core::ObjectCache<Order> orders_;
  core::ObjectCache<Subscription> subscriptions_;
  core::ObjectCache<Member> members_;
};

}  // namespace shop_model
