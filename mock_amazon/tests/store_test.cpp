// The store's caches of decoded objects (core/object_cache.hpp) never hold what SQLite does
// not: a rollback, whole or to a savepoint, takes back cached writes too, and the Charges of
// a permission keep their creation order when one of them is written again.
#include <gtest/gtest.h>

#include "mock_amazon/store/store.hpp"

namespace mock_amazon {
namespace {

std::unique_ptr<Store> open_store() {
  return std::move(Store::open(":memory:")).value();
}

Charge charge(const std::string& id, const std::string& cp, long long yen) {
  Charge c;
  c.id = ChargeId(id);
  c.charge_permission_id = ChargePermissionId(cp);
  c.charge_amount = Yen{yen};
  return c;
}

std::vector<std::string> ids_of(const std::vector<Charge>& charges) {
  std::vector<std::string> out;
  for (const Charge& c : charges) out.push_back(c.id.str());
  return out;
}

TEST(StoreCache, RollbackTakesBackCachedWrites) {
  auto store = open_store();
  store->put(charge("C1", "P1", 100));
  EXPECT_EQ(ids_of(store->charges_of(ChargePermissionId("P1"))), std::vector<std::string>{"C1"});
  store->begin();
  store->put(charge("C1", "P1", 999));
  store->put(charge("C2", "P1", 200));
  EXPECT_EQ(store->charge(ChargeId("C1"))->charge_amount, Yen{999});
  EXPECT_EQ(store->charges_of(ChargePermissionId("P1")).size(), 2u);
  store->rollback();
  EXPECT_EQ(store->charge(ChargeId("C1"))->charge_amount, Yen{100});
  EXPECT_FALSE(store->charge(ChargeId("C2")));
  EXPECT_EQ(ids_of(store->charges_of(ChargePermissionId("P1"))), std::vector<std::string>{"C1"});
}

TEST(StoreCache, RollbackToSavepointTakesBackCachedWrites) {
  auto store = open_store();
  store->begin();
  store->put(charge("C1", "P1", 100));
  store->savepoint("op");
  store->put(charge("C2", "P1", 200));
  store->rollback_to("op");
  EXPECT_EQ(ids_of(store->charges_of(ChargePermissionId("P1"))), std::vector<std::string>{"C1"});
  store->commit();
  EXPECT_EQ(store->charge(ChargeId("C1"))->charge_amount, Yen{100});
}

TEST(StoreCache, ChargesOfKeepCreationOrderAcrossUpdates) {
  auto store = open_store();
  store->put(charge("C1", "P1", 100));
  store->put(charge("C2", "P1", 200));
  EXPECT_EQ(store->charges_of(ChargePermissionId("P1")).size(), 2u);  // the list is cached now
  store->put(charge("C1", "P1", 150));
  store->put(charge("C3", "P1", 300));
  store->put(charge("X1", "P2", 1));
  auto charges = store->charges_of(ChargePermissionId("P1"));
  EXPECT_EQ(ids_of(charges), (std::vector<std::string>{"C1", "C2", "C3"}));
  EXPECT_EQ(charges[0].charge_amount, Yen{150});
  store->clear();
  EXPECT_TRUE(store->charges_of(ChargePermissionId("P1")).empty());
}

}  // namespace
}  // namespace mock_amazon
