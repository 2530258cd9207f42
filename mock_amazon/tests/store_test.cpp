// The store's caches of decoded objects (core/object_cache.hpp) never hold what SQLite does
// not: a rollback, whole or to a savepoint, takes back cached writes too, and the Charges of
// a permission keep their creation order when one of them is written again.
#include <gtest/gtest.h>

#include <cstdio>

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

// The sums Create Charge reads instead of every Charge: kept through inserts, state changes
// and rollbacks, equal to a recount from the Charges themselves.
ChargeSums recount(Store& store, const std::string& cp) {
  ChargeSums sums;
  for (const Charge& c : store.charges_of(ChargePermissionId(cp))) sums.add(c, +1);
  return sums;
}

void expect_sums(Store& store, const std::string& cp, long long active, long long captured) {
  const ChargeSums& kept = store.charge_sums(ChargePermissionId(cp));
  EXPECT_EQ(kept.active, Yen{active});
  EXPECT_EQ(kept.captured, Yen{captured});
  ChargeSums fresh = recount(store, cp);
  EXPECT_EQ(kept.active, fresh.active);
  EXPECT_EQ(kept.captured, fresh.captured);
  EXPECT_EQ(kept.active_by_created, fresh.active_by_created);
}

TEST(StoreChargeSums, FollowInsertsStateChangesAndRollbacks) {
  auto store = open_store();
  store->put(charge("C1", "P1", 100));
  expect_sums(*store, "P1", 100, 0);  // now kept
  Charge c2 = charge("C2", "P1", 200);
  c2.created = Instant{core::Duration{86400}};
  store->put(c2);
  expect_sums(*store, "P1", 300, 0);
  c2.state = ChargeState::Captured;
  c2.capture_amount = Yen{150};
  store->put(c2);
  expect_sums(*store, "P1", 250, 150);
  EXPECT_EQ(store->charge_sums(ChargePermissionId("P1")).active_since(c2.created), Yen{150});
  store->begin();
  Charge c1 = charge("C1", "P1", 100);
  c1.state = ChargeState::Canceled;
  store->put(c1);
  expect_sums(*store, "P1", 150, 150);
  store->rollback();
  expect_sums(*store, "P1", 250, 150);
  store->put(charge("X1", "P2", 7));
  expect_sums(*store, "P2", 7, 0);
  expect_sums(*store, "P1", 250, 150);
}

// A new Charge id is checked against the permission's known Charges, not the database.
TEST(StoreCache, KnowsWhichIdsThePermissionsChargesHave) {
  auto store = open_store();
  store->put(charge("P1-C1", "P1", 100));
  store->charge_sums(ChargePermissionId("P1"));  // reads the Charges of P1: their list is known
  store->insert(charge("P1-C2", "P1", 100));
  EXPECT_TRUE(store->has_charge(ChargeId("P1-C1"), ChargePermissionId("P1")));
  EXPECT_TRUE(store->has_charge(ChargeId("P1-C2"), ChargePermissionId("P1")));
  EXPECT_FALSE(store->has_charge(ChargeId("P1-C3"), ChargePermissionId("P1")));
  EXPECT_FALSE(store->has_charge(ChargeId("P2-C1"), ChargePermissionId("P2")));
  core::ObjectCache<Charge> cache;
  EXPECT_FALSE(cache.has_child("P1", "P1-C1").has_value());
  cache.set_children("P1", {"P1-C1"});
  cache.add_child("P1", "P1-C2");
  EXPECT_EQ(cache.has_child("P1", "P1-C2"), std::optional<bool>(true));
  EXPECT_EQ(cache.has_child("P1", "P1-C3"), std::optional<bool>(false));
}

ChargePermission permission(const std::string& id, int charges) {
  ChargePermission cp;
  cp.id = ChargePermissionId(id);
  cp.charge_count = charges;
  return cp;
}

int count_of(Store& store, const std::string& id) {
  return store.charge_permission(ChargePermissionId(id))->charge_count;
}

// A ChargePermission put in a transaction is written at commit (once, however often it was
// put); until then reads, id checks and savepoint rollbacks see it as the transaction left it.
TEST(StoreUnwrittenPermissions, ReadRolledBackToSavepointsAndWrittenAtCommit) {
  const std::string path = ::testing::TempDir() + "unwritten_permissions.db";
  std::remove(path.c_str());
  for (const char* suffix : {"-wal", "-shm"}) std::remove((path + suffix).c_str());
  {
    auto store = std::move(Store::open(path)).value();
    store->begin();
    store->put(permission("P1", 1));
    EXPECT_TRUE(store->begun());
    EXPECT_TRUE(store->id_in_use("P1"));
    EXPECT_EQ(count_of(*store, "P1"), 1);
    store->savepoint("request");
    store->put(permission("P1", 2));
    store->put(permission("P2", 1));
    EXPECT_EQ(count_of(*store, "P1"), 2);
    store->rollback_to("request");
    EXPECT_EQ(count_of(*store, "P1"), 1);
    EXPECT_FALSE(store->charge_permission(ChargePermissionId("P2")));
    // Written inside a savepoint (a query that reads them all), then rolled back: unwritten
    // again, with the state from before the savepoint.
    store->savepoint("request");
    store->put(permission("P1", 3));
    EXPECT_EQ(store->all_charge_permissions().size(), 1u);
    store->rollback_to("request");
    EXPECT_EQ(count_of(*store, "P1"), 1);
    store->savepoint("request");
    store->put(permission("P1", 4));
    store->release("request");
    store->commit();
    EXPECT_EQ(count_of(*store, "P1"), 4);
    store->begin();
    store->put(permission("P1", 5));
    store->rollback();
    EXPECT_EQ(count_of(*store, "P1"), 4);
  }
  auto reopened = std::move(Store::open(path)).value();
  EXPECT_EQ(count_of(*reopened, "P1"), 4);
  EXPECT_EQ(reopened->all_charge_permissions().size(), 1u);
}

}  // namespace
}  // namespace mock_amazon
