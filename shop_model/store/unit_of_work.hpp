// The one unit of work of every shop operation: load → change → save.
//
// THE RULE for Amazon calls and our rows, the same in every operation:
//   1. read   — load the records the operation needs (new order, member and 申込 numbers are
//               reserved here, each by one atomic counter statement);
//   2. call   — call Amazon with NO transaction open, changing only the loaded copies;
//   3. save   — apply Amazon's answers and write every changed record, with the jobs it
//               schedules, in ONE transaction (commit()).
// So a slow or failing Amazon never holds the database, and a failed write never has to
// undo something Amazon already did: it rolls back whole (RAII: a transaction not committed
// is rolled back when it goes out of scope, e.g. when an SQLite error is thrown) and the
// next read sees the records as before the operation.
//
// Thread safety: none; the shop serves one browser and one admin at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shop_model/jobs/job.hpp"
#include "shop_model/store/shop_store.hpp"

namespace shop_model {

// An open SQLite transaction (BEGIN IMMEDIATE), rolled back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(ShopStore& store);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  ShopStore& store_;
  bool open_ = true;
};

class UnitOfWork {
 public:
  explicit UnitOfWork(ShopStore& store) : store_(store) {}

  // 2 → 3: stage what changed; nothing is written before commit().
  void save(const Order& order) { orders_.push_back(order); }
  void save(const Subscription& subscription) { subscriptions_.push_back(subscription); }
  void save(const Member& member) { members_.push_back(member); }
  void save(const NotificationRecord& n) { notifications_.push_back(n); }
  void schedule(Job job) { scheduled_.push_back(std::move(job)); }
  void unschedule(JobKind kind, std::string subject) {
    unscheduled_.push_back(Job{kind, std::move(subject), {}});
  }

  // 3: writes everything staged in one transaction.
  void commit();

 private:
  ShopStore& store_;
  std::vector<Member> members_;
  std::vector<Order> orders_;
  std::vector<Subscription> subscriptions_;
  std::vector<NotificationRecord> notifications_;
  std::vector<Job> scheduled_, unscheduled_;
};

}  // namespace shop_model
