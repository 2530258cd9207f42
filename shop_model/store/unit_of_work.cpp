#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {

Transaction::Transaction(ShopStore& store) : store_(store) { store_.begin(); }

Transaction::~Transaction() {
  if (!open_) return;
  try {
    store_.rollback();
  } catch (...) {
    // SQLite already rolled back (e.g. the connection failed): nothing is left to undo.
  }
}

void Transaction::commit() {
  store_.commit();
  open_ = false;
}

void UnitOfWork::commit() {
  Transaction tx(store_);
  for (const auto& m : members_) store_.put(m);
  for (const auto& o : orders_) store_.put(o);
  for (const auto& s : subscriptions_) store_.put(s);
  for (const auto& n : notifications_) store_.put(n);
  for (const auto& j : unscheduled_) store_.unschedule(j.kind, j.subject);
  for (const auto& j : scheduled_) store_.schedule(j);
  tx.commit();
  members_.clear();
  orders_.clear();
  subscriptions_.clear();
  notifications_.clear();
  scheduled_.clear();
  unscheduled_.clear();
}

}  // namespace shop_model
