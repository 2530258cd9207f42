// 入金日取消 (PAYDATE), 自動連携 (SYNC-001/003/004/006) and the shop memo (MEMO-001..006).
#include <algorithm>
#include <cctype>

#include "shop_model/domain/messages.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using testing_support::World;

TEST(PaymentDate, OnlyWhenPaid) {  // PAYDATE-001
  World w;
  w.buy();
  EXPECT_EQ(w.shop().cancel_payment_date("1001").value().error, messages::kPaymentDateNotPaid);
}

TEST(PaymentDate, ClearsTheDateAndNeverCapturesTwice) {  // PAYDATE-001/002
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().cancel_payment_date("1001").value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.payment_status, "未入金");
  EXPECT_EQ(d.payment_date, "");
  EXPECT_EQ(d.authorization_status, texts::kCaptured);
  EXPECT_EQ(w.shop_requests().requests.size(), before);  // no Amazon call, no refund
  auto again = w.shop().capture("1001").value();
  EXPECT_EQ(again.error, messages::kCaptureNotAuthorized);  // FLOW-003
  EXPECT_EQ(again.authorization_status, texts::kCaptureCompleted);
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
  EXPECT_EQ(w.charge_amount(charge_of(w), "captureAmount"), Yen{5000});
  EXPECT_EQ(w.charge_amount(charge_of(w), "refundedAmount"), Yen{0});
}

TEST(Sync, AutoLinkOnlyWithBothBoxes) {  // SYNC-001
  for (bool use : {false, true})
    for (bool configure : {false, true}) {
      ShopSettings s;
      s.auto_link_use = use;
      s.auto_link_configure = configure;
      EXPECT_EQ(s.auto_link(), use && configure) << use << configure;
    }
}

TEST(Sync, WithoutAutoLinkNoAdminOperationReachesAmazon) {  // SYNC-003, SYNC-004
  for (auto [use, configure] : {std::pair{false, false}, {true, false}, {false, true}}) {
    ShopSettings s;
    s.auto_link_use = use;
    s.auto_link_configure = configure;
    World w(s);
    w.buy();
    w.buy();
    size_t before = w.shop_requests().requests.size();
    auto d = w.open();
    EXPECT_FALSE(d.authorization_status_shown);
    EXPECT_EQ(d.authorization_status, "");
    ASSERT_TRUE(w.shop().change_amount("1001", AmountChange{AmountChangeKind::ShippingFee, Yen{6000}}).ok());
    ASSERT_TRUE(w.shop().reauthorize("1001").ok());
    EXPECT_EQ(w.shop().capture("1001").value().payment_status, "入金済");
    ASSERT_TRUE(w.shop().cancel_payment_date("1001").ok());
    ASSERT_TRUE(w.shop().cancel_order("1001", AmazonTransaction::Cancel).ok());
    ASSERT_TRUE(w.shop().change_payment_method("1002", PaymentMethod::BankTransfer, AmazonTransaction::Cancel).ok());
    ASSERT_TRUE(w.shop().change_amount("1002", AmountChange{AmountChangeKind::Coupon, Yen{0}}).ok());
    ASSERT_TRUE(w.shop().set_payment_not_required("1002", AmazonTransaction::Cancel).ok());
    w.advance("2d");
    EXPECT_EQ(w.shop_requests().requests.size(), before) << use << configure;
  }
  World on;
  on.buy();
  EXPECT_TRUE(on.open().authorization_status_shown);
  EXPECT_EQ(on.open().authorization_status, texts::kAuthorized);
}

TEST(Sync, SellerCentralRefundLeavesTheTotalAlone) {  // SYNC-006
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  ASSERT_TRUE(w.seller_central().create_refund(charge_of(w), Yen{1000}).ok());
  w.advance("5m");
  auto d = w.open();
  EXPECT_EQ(d.total, Yen{5000});
  EXPECT_EQ(d.captured_amount, Yen{5000});
  EXPECT_EQ(d.authorization_status, texts::kCaptureCompleted);
  EXPECT_EQ(d.charges.at(0).amazon_captured, Yen{5000});
  EXPECT_EQ(d.charges.at(0).amazon_refunded, Yen{1000});
  EXPECT_EQ(d.charges.at(0).refundable, Yen{4000});
}

TEST(Memo, OneLinePerPaymentMethod) {  // MEMO-001..004
  for (auto [instrument, line] : {std::pair<std::string, std::string_view>{"card-1111", texts::kMemoAccountMethod},
                                  {"giftcard", texts::kMemoGiftCard},
                                  {"giftcard+card-1111", texts::kMemoGiftCardAndMethod}}) {
    World w;
    w.buy("normal", instrument);
    EXPECT_EQ(w.shop().order_detail("1001").value().shop_memo, line) << instrument;
  }
  World r;
  r.buy("reservation", "giftcard+card-1111");
  EXPECT_EQ(r.shop().order_detail("1001").value().shop_memo, texts::kMemoGiftCardAndMethod);
}

TEST(Memo, AppendsKeepingWhatIsThere) {  // MEMO-001
  EXPECT_EQ(append_memo_line("", "A"), "A");
  EXPECT_EQ(append_memo_line("前からのメモ", texts::kMemoGiftCard), "前からのメモ\nAmazonギフト券");
  EXPECT_EQ(append_memo_line("前からのメモ\n", "B"), "前からのメモ\nB");
}

TEST(Memo, CardDetailsShowAtMostTheLastFourDigits) {  // MEMO-005
  EXPECT_EQ(masked_card("Visa ****1111 (Amazon Pay)"), "Visa ****1111");
  EXPECT_EQ(masked_card("Mastercard ****4444 (Amazon Pay) + Amazon gift card"), "Mastercard ****4444");
  EXPECT_EQ(masked_card("Visa 4111111111111111"), "Visa ****1111");
  EXPECT_EQ(masked_card("Visa 4111 1111 1111 1111"), "Visa ****1111");
  EXPECT_EQ(masked_card("Amazon ギフトカード"), "");
  ShopSettings s;
  s.memo_card_details = true;
  World w(s);
  w.buy();
  std::string memo = w.shop().order_detail("1001").value().shop_memo;
  EXPECT_EQ(memo, std::string(texts::kMemoAccountMethod) + "\nVisa ****1111");
  int run = 0, longest = 0;
  for (char c : memo) longest = std::max(longest, run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0);
  EXPECT_LE(longest, 4);
  World g(s);
  g.buy("normal", "giftcard");
  EXPECT_EQ(g.shop().order_detail("1001").value().shop_memo, texts::kMemoGiftCard);
}

}  // namespace
}  // namespace shop_model
