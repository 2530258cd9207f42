// 「Amazonの取引情報を取り消す」: refunds Charge by Charge (REF-001..005, decision 4), キャンセル
// (CAN-001..005), 決済方法の変更 (PMC-001..007) and 決済不要 (ZERO-001..005).
#include "shop_model/domain/messages.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using testing_support::World;

// ¥500 captured by futureshop, then a ¥200 Charge created and captured in Seller Central that
// futureshop knows of (as the IPN endpoint records it).
void five_hundred_plus_two_hundred(World& w) {
  w.buy();
  ASSERT_EQ(w.shop().change_amount("1001", AmountChange{AmountChangeKind::Coupon, Yen{500}}).value().error, "");
  ASSERT_EQ(w.shop().capture("1001").value().error, "");
  Order o = *w.shop().order("1001");
  auto sc = w.seller_central().create_charge(o.charge_permission_id, Yen{200}, "1001");
  ASSERT_TRUE(sc.ok());
  ASSERT_TRUE(w.seller_central().capture_charge(sc->id, Yen{200}).ok());
  ChargeRecord c;
  c.charge_id = sc->id;
  c.role = ChargeRole::SellerCentral;
  c.amount = Yen{200};
  c.requested_at = o.ordered_at;
  c.amazon_state = ChargeState::Captured;
  o.charges.push_back(c);
  w.store().put(o);
}

void refund_in_seller_central(World& w, const std::string& charge_id, Yen amount) {
  ASSERT_TRUE(w.seller_central().create_refund(charge_id, amount).ok());
  w.advance("5m");  // the refund settles
}

TEST(Refund, WorkedExampleRefundsOnlyTheUntouchedCharge) {  // REF-004
  World w;
  five_hundred_plus_two_hundred(w);
  refund_in_seller_central(w, charge_of(w, 0), Yen{100});
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().cancel_order("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(w.shop_requests().writes(before), std::vector<std::string>{"POST /v2/refunds"});
  EXPECT_EQ(d.order_status, "キャンセル");
  EXPECT_NE(d.error.find("残額 400円"), std::string::npos) << d.error;
  Order o = *w.shop().order("1001");
  EXPECT_TRUE(o.charges[0].refunds.empty());
  ASSERT_EQ(o.charges[1].refunds.size(), 1u);
  EXPECT_EQ(o.charges[1].refunds[0].amount, Yen{200});
  ASSERT_EQ(d.charges.size(), 2u);
  EXPECT_EQ(d.charges[0].amazon_refunded, Yen{100});
  EXPECT_EQ(d.charges[0].refundable, Yen{400});
  w.advance("5m");
  auto later = w.open();
  EXPECT_EQ(later.charges[1].authorization_status, texts::kRefunded);
  EXPECT_EQ(w.charge_amount(charge_of(w, 0), "refundedAmount"), Yen{100});
  EXPECT_EQ(w.charge_amount(charge_of(w, 1), "refundedAmount"), Yen{200});
}

TEST(Refund, MirrorRefundsTheOriginalCharge) {  // REF-004 symmetric case
  World w;
  five_hundred_plus_two_hundred(w);
  refund_in_seller_central(w, charge_of(w, 1), Yen{100});
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().cancel_order("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(w.shop_requests().writes(before), std::vector<std::string>{"POST /v2/refunds"});
  EXPECT_NE(d.error.find("残額 100円"), std::string::npos) << d.error;
  Order o = *w.shop().order("1001");
  ASSERT_EQ(o.charges[0].refunds.size(), 1u);
  EXPECT_EQ(o.charges[0].refunds[0].amount, Yen{500});
  EXPECT_TRUE(o.charges[1].refunds.empty());
}

TEST(Refund, SinglePartlyRefundedChargeIsLeftToSellerCentral) {  // REF-001, PMC-002
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  refund_in_seller_central(w, charge_of(w), Yen{1000});
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop()
               .change_payment_method("1001", PaymentMethod::BankTransfer, AmazonTransaction::Cancel)
               .value();
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
  EXPECT_EQ(d.payment_method, "銀行振込");  // saved anyway
  EXPECT_EQ(d.error, std::string(messages::kPartialRefundPrefix) + "4,000円" +
                         std::string(messages::kPartialRefundSuffix));
  EXPECT_EQ(d.total, Yen{5000});  // SYNC-006: the SC refund leaves the total alone
}

TEST(Refund, RefundAfterPaymentMethodChangeIsFollowedToTheEnd) {  // PMC-002, refresh
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  auto d = w.shop()
               .change_payment_method("1001", PaymentMethod::CreditCard, AmazonTransaction::Cancel)
               .value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.charges.at(0).authorization_status, texts::kRefunding);
  EXPECT_FALSE(d.authorization_status_shown);
  w.advance("5m");
  EXPECT_EQ(w.open().charges.at(0).authorization_status, texts::kRefunded);
  EXPECT_EQ(w.charge_amount(charge_of(w), "refundedAmount"), Yen{5000});
}

TEST(Refund, DeclinedRefundAfterPaymentMethodChangeShowsHenkinKyakka) {  // refresh
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  ASSERT_TRUE(w.control().force({mock_amazon::SimulatedOperation::CreateRefund, "", "AmazonRejected", ""}).ok());
  auto d = w.shop()
               .change_payment_method("1001", PaymentMethod::BankTransfer, AmazonTransaction::Cancel)
               .value();
  EXPECT_EQ(d.charges.at(0).authorization_status, texts::kRefunding);
  w.advance("5m");
  EXPECT_EQ(w.open().charges.at(0).authorization_status, texts::kRefundDeclined);
}

TEST(Cancel, BeforeCaptureCancelsAndDeletesThePermission) {  // CAN-001/002/003
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  auto d = w.shop().cancel_order("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationCanceled);
  EXPECT_EQ(d.charge_permission_status.rfind("削除予定 ", 0), 0u);
  w.advance("1d");
  EXPECT_EQ(w.amazon_get("/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Closed");
}

TEST(Cancel, AfterCaptureRefundsInFullAndShowsTheRefundSettle) {  // CAN-001/002
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  auto d = w.shop().cancel_order("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.authorization_status, texts::kRefunding);
  w.advance("5m");
  EXPECT_EQ(w.open().authorization_status, texts::kRefunded);
  EXPECT_EQ(w.charge_amount(charge_of(w), "refundedAmount"), Yen{5000});
}

TEST(Cancel, WithoutTheCheckboxAmazonIsNotTold) {  // CAN-005, PMC-006
  World w;
  w.buy();
  size_t before = w.shop_requests().requests.size();
  EXPECT_EQ(w.shop().cancel_order("1001", AmazonTransaction::Keep).value().order_status, "キャンセル");
  EXPECT_EQ(w.shop_requests().requests.size(), before);
  World p;
  p.buy();
  ASSERT_TRUE(p.shop().capture("1001").ok());
  before = p.shop_requests().requests.size();
  auto d = p.shop()
               .change_payment_method("1001", PaymentMethod::BankTransfer, AmazonTransaction::Keep)
               .value();
  EXPECT_EQ(d.payment_method, "銀行振込");
  EXPECT_EQ(p.shop_requests().requests.size(), before);
  EXPECT_EQ(p.charge_amount(p.shop().order("1001")->charges[0].charge_id, "refundedAmount"), Yen{0});
}

TEST(NotRequired, NeedsAZeroTotal) {  // ZERO-001
  World w;
  w.buy();
  auto d = w.shop().set_payment_not_required("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(d.error, messages::kNotRequiredNeedsZero);
  EXPECT_EQ(d.payment_method, "Amazon Pay");
}

TEST(NotRequired, WithTheCheckboxCancelsClosesAndIsFinal) {  // ZERO-001..004
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  ASSERT_TRUE(w.shop().change_amount("1001", AmountChange{AmountChangeKind::Coupon, Yen{0}}).ok());
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().set_payment_not_required("1001", AmazonTransaction::Cancel).value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(w.shop_requests().writes(before),
            std::vector<std::string>{"DELETE /v2/charges/" + charge_of(w) + "/cancel"});
  EXPECT_EQ(d.payment_method, "決済不要");
  EXPECT_FALSE(d.authorization_status_shown);  // ZERO-003
  EXPECT_EQ(d.authorization_status, "");
  w.advance("1d");
  EXPECT_EQ(w.amazon_get("/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Closed");
  before = w.shop_requests().requests.size();
  EXPECT_FALSE(w.shop().reauthorize("1001").value().error.empty());  // ZERO-004
  EXPECT_FALSE(w.shop()
                   .change_payment_method("1001", PaymentMethod::AmazonPay, AmazonTransaction::Keep)
                   .value()
                   .error.empty());
  ASSERT_TRUE(w.shop().capture("1001").ok());
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
}

TEST(NotRequired, AfterCaptureRefundsEveryCapturedCharge) {  // ZERO-002 proposal
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  ASSERT_TRUE(w.shop().change_amount("1001", AmountChange{AmountChangeKind::UsedPoints, Yen{0}}).ok());
  auto d = w.shop().change_payment_method("1001", PaymentMethod::NotRequired, AmazonTransaction::Cancel).value();
  EXPECT_EQ(d.payment_method, "決済不要");
  ASSERT_EQ(w.shop().order("1001")->charges[0].refunds.size(), 1u);
  EXPECT_EQ(w.shop().order("1001")->charges[0].refunds[0].amount, Yen{5000});
}

TEST(NotRequired, WithoutTheCheckboxAmazonIsNotTold) {  // ZERO-005
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  ASSERT_TRUE(w.shop().change_amount("1001", AmountChange{AmountChangeKind::Coupon, Yen{0}}).ok());
  size_t before = w.shop_requests().requests.size();
  EXPECT_EQ(w.shop().set_payment_not_required("1001", AmazonTransaction::Keep).value().payment_method,
            "決済不要");
  w.advance("2d");
  EXPECT_EQ(w.shop_requests().requests.size(), before);
  EXPECT_EQ(w.amazon_get("/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Chargeable");
}

}  // namespace
}  // namespace shop_model
