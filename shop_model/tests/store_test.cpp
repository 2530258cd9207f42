// The store's unit of work (one transaction, rolled back unless committed) and its job queue.
#include <gtest/gtest.h>

#include "shop_model/store/shop_store.hpp"
#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {
namespace {

const core::Instant kT = core::parse_instant("2026-01-05T00:00:00Z").value();

std::unique_ptr<ShopStore> open_store() { return std::move(ShopStore::open(":memory:")).value(); }

Order order_numbered(const std::string& number) {
  Order o;
  o.number = number;
  o.status = OrderStatus::OnHold;
  o.payment_method = PaymentMethod::BankTransfer;
  ChargeRecord c;
  c.amazon_state = ChargeState::Captured;
  c.refunds.push_back(RefundRecord{"R1", Yen{100}, RefundState::Refunded, "Other"});
  o.charges.push_back(c);
  return o;
}

TEST(UnitOfWork, CommitWritesEverythingStaged) {
  auto store = open_store();
  UnitOfWork work(*store);
  work.save(order_numbered("1001"));
  work.schedule(Job{JobKind::CloseChargePermission, "1001", kT});
  EXPECT_FALSE(store->order("1001"));  // nothing is written before commit
  work.commit();
  auto o = store->order("1001");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->status, OrderStatus::OnHold);
  EXPECT_EQ(o->payment_method, PaymentMethod::BankTransfer);
  EXPECT_EQ(o->charges.at(0).amazon_state, ChargeState::Captured);
  EXPECT_EQ(o->charges.at(0).refunds.at(0).amazon_state, RefundState::Refunded);
  ASSERT_TRUE(store->next_job());
}

TEST(UnitOfWork, MoneyFieldsSurviveTheStore) {  // 金額変更 history, 決済不要, SC cancels
  auto store = open_store();
  Order o = order_numbered("1001");
  o.payment_method = PaymentMethod::NotRequired;
  o.charges[0].canceled_by_shop = true;
  o.charges[0].amazon_captured = Yen{500};
  o.charges[0].amazon_refunded = Yen{100};
  o.amount_changes.push_back(AmountChangeRecord{AmountChangeKind::Wrapping, Yen{500}, Yen{800}, kT});
  store->put(o);
  auto got = store->order("1001");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->payment_method, PaymentMethod::NotRequired);
  EXPECT_TRUE(got->charges[0].canceled_by_shop);
  EXPECT_EQ(got->charges[0].amazon_refunded, Yen{100});
  ASSERT_EQ(got->amount_changes.size(), 1u);
  EXPECT_EQ(got->amount_changes[0].kind, AmountChangeKind::Wrapping);
  EXPECT_EQ(got->amount_changes[0].to, Yen{800});
  EXPECT_EQ(got->amount_changes[0].at, kT);
  EXPECT_EQ(parse_payment_method("決済不要"), PaymentMethod::NotRequired);
}

TEST(UnitOfWork, TransactionNotCommittedRollsBack) {
  auto store = open_store();
  {
    Transaction tx(*store);
    store->put(order_numbered("1001"));
  }
  EXPECT_FALSE(store->order("1001"));
  {
    Transaction tx(*store);
    store->put(order_numbered("1002"));
    tx.commit();
  }
  EXPECT_TRUE(store->order("1002"));
}

// The store keeps decoded objects (core/object_cache.hpp): a rolled-back update must not stay.
TEST(UnitOfWork, RolledBackUpdateIsNotReadBack) {
  auto store = open_store();
  store->put(order_numbered("1001"));
  ASSERT_TRUE(store->order("1001"));  // decoded and cached
  {
    Transaction tx(*store);
    Order changed = order_numbered("1001");
    changed.status = OrderStatus::Canceled;
    store->put(changed);
    EXPECT_EQ(store->order("1001")->status, OrderStatus::Canceled);
  }
  EXPECT_EQ(store->order("1001")->status, OrderStatus::OnHold);
}

TEST(UnitOfWork, CountersReserveNumbersOutsideTransactions) {
  auto store = open_store();
  EXPECT_EQ(store->next_counter("order", 1001), 1001);
  EXPECT_EQ(store->next_counter("order", 1001), 1002);
  EXPECT_EQ(store->next_counter("member", 1), 1);
}

TEST(Jobs, RunByDueThenKindThenFirstScheduled) {
  auto store = open_store();
  UnitOfWork work(*store);
  work.schedule(Job{JobKind::CloseChargePermission, "1002", kT + core::kHour});
  work.schedule(Job{JobKind::CloseChargePermission, "1001", kT + core::kHour});
  work.schedule(Job{JobKind::GenerateSubscriptionOrder, "S1001", kT + core::kHour});
  work.schedule(Job{JobKind::CloseChargePermission, "1003", kT});
  work.commit();
  auto expect_next = [&](JobKind kind, const std::string& subject) {
    auto job = store->next_job();
    ASSERT_TRUE(job);
    EXPECT_EQ(job->kind, kind);
    EXPECT_EQ(job->subject, subject);
    store->unschedule(job->kind, job->subject);
  };
  expect_next(JobKind::CloseChargePermission, "1003");
  expect_next(JobKind::GenerateSubscriptionOrder, "S1001");
  expect_next(JobKind::CloseChargePermission, "1002");
  expect_next(JobKind::CloseChargePermission, "1001");
  EXPECT_FALSE(store->next_job());
}

TEST(Jobs, SchedulingAgainMovesTheDueTime) {
  auto store = open_store();
  store->schedule(Job{JobKind::CloseChargePermission, "1001", kT});
  store->schedule(Job{JobKind::CloseChargePermission, "1001", kT + core::kHour});
  auto job = store->next_job();
  ASSERT_TRUE(job);
  EXPECT_EQ(job->due, kT + core::kHour);
  store->unschedule(JobKind::CloseChargePermission, "1001");
  EXPECT_FALSE(store->next_job());
}

TEST(Names, TablesRoundTrip) {
  EXPECT_EQ(name(OrderStatus::Canceled), "キャンセル");
  EXPECT_EQ(parse_order_status("保留"), OrderStatus::OnHold);
  EXPECT_FALSE(parse_order_status("発送済"));
  EXPECT_EQ(name(PaymentMethod::AmazonPay), "Amazon Pay");
  EXPECT_EQ(parse_payment_method("銀行振込"), PaymentMethod::BankTransfer);
  EXPECT_EQ(parse_charge_state("AuthorizationInitiated"), ChargeState::AuthorizationInitiated);
  EXPECT_EQ(name(ChargeState::None), "");
  EXPECT_EQ(reason_code("ExpiredUnused"), ReasonCode::ExpiredUnused);
  EXPECT_EQ(reason_code("SoftDeclined"), ReasonCode::Other);
  EXPECT_EQ(parse_job_kind(name(JobKind::CloseChargePermission)), JobKind::CloseChargePermission);
}

}  // namespace
}  // namespace shop_model
