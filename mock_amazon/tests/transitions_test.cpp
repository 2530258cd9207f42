// Every row of every transition table, and every (state, trigger) pair that is not a row.
#include "mock_amazon/domain/transitions.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mock_amazon {
namespace {

template <class Table>
void check_table(const Table& table) {
  using State = typename decltype(table.states)::value_type;
  // Rows: the transition lands in the row's target with each allowed reason.
  for (const auto& row : table.rows) {
    if (row.reasons.empty()) {
      auto moved = transition(table, row.from, row.trigger);
      ASSERT_TRUE(moved.ok()) << table.resource << " " << name(row.trigger);
      EXPECT_EQ(moved->state, row.to);
      EXPECT_FALSE(moved->reason.has_value());
    }
    for (ReasonCode reason : row.reasons) {
      auto moved = transition(table, row.from, row.trigger, reason);
      ASSERT_TRUE(moved.ok()) << table.resource << " " << name(row.trigger) << " " << name(reason);
      EXPECT_EQ(moved->state, row.to);
      EXPECT_EQ(moved->reason, reason);
    }
  }
  // Missing pairs: refused with the table's reasonCode, for every state and for creation.
  std::vector<std::optional<State>> froms = {std::nullopt};
  for (State s : table.states) froms.push_back(s);
  int refused = 0;
  for (const auto& from : froms) {
    for (auto trigger : table.triggers) {
      if (table.find(from, trigger) != nullptr) continue;
      auto moved = transition(table, from, trigger);
      ASSERT_FALSE(moved.ok());
      EXPECT_EQ(moved.error().code, table.denied)
          << table.resource << " " << (from ? name(*from) : "(new)") << " " << name(trigger);
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
  // No duplicate (from, trigger) rows: lookups would be ambiguous.
  std::set<std::pair<int, int>> seen;
  for (const auto& row : table.rows) {
    int from = row.from ? static_cast<int>(*row.from) : -1;
    EXPECT_TRUE(seen.insert({from, static_cast<int>(row.trigger)}).second)
        << table.resource << " duplicate row for " << name(row.trigger);
  }
  // Every state is reachable from a creation row.
  std::set<int> reached;
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& row : table.rows)
      if ((!row.from || reached.count(static_cast<int>(*row.from))) &&
          reached.insert(static_cast<int>(row.to)).second)
        grew = true;
  }
  for (State s : table.states)
    EXPECT_TRUE(reached.count(static_cast<int>(s))) << table.resource << " " << name(s) << " unreachable";
}

TEST(TransitionTables, CheckoutSession) { check_table(checkout_session_table()); }
TEST(TransitionTables, ChargePermission) { check_table(charge_permission_table()); }
TEST(TransitionTables, Charge) { check_table(charge_table()); }
TEST(TransitionTables, Refund) { check_table(refund_table()); }

TEST(TransitionTables, DeniedCodesAreAmazons) {
  EXPECT_EQ(charge_table().denied, ReasonCode::InvalidChargeStatus);
  EXPECT_EQ(charge_permission_table().denied, ReasonCode::InvalidChargePermissionStatus);
  EXPECT_EQ(checkout_session_table().denied, ReasonCode::InvalidCheckoutSessionStatus);
  EXPECT_EQ(http_status(ReasonCode::InvalidChargeStatus), 422);
}

TEST(TransitionTables, ReasonOutsideRowIsABug) {
  auto moved = transition(charge_table(), ChargeState::Authorized, ChargeTrigger::Expire,
                          ReasonCode::MerchantCanceled);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ReasonCode::InternalServerError);
}

TEST(ReasonCodes, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ReasonCode::AmazonClosed); ++i) {
    auto code = static_cast<ReasonCode>(i);
    EXPECT_EQ(parse_reason_code(name(code)), code);
  }
  EXPECT_FALSE(parse_reason_code("NoSuchCode"));
  EXPECT_EQ(http_status(ReasonCode::ResourceNotFound), 404);
  EXPECT_EQ(http_status(ReasonCode::AmountMismatch), 409);
  EXPECT_EQ(http_status(ReasonCode::TransactionAmountExceeded), 400);
  EXPECT_EQ(http_status(ReasonCode::ProcessingFailure), 500);
}

}  // namespace
}  // namespace mock_amazon
