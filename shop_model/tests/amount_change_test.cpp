// 金額変更 (AMT-001..013, CAN-006) against the in-process mock.
#include "shop_model/domain/messages.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using testing_support::World;

AmountChange to(Yen total, AmountChangeKind kind = AmountChangeKind::OrderAmount) {
  return AmountChange{kind, total};
}

TEST(AmountChange, KindsHaveNamesAndLabels) {
  EXPECT_EQ(parse_amount_change_kind("shipping_fee"), AmountChangeKind::ShippingFee);
  EXPECT_EQ(parse_amount_change_kind("amount_discount"), AmountChangeKind::AmountDiscount);
  EXPECT_EQ(parse_amount_change_kind("wrapping"), AmountChangeKind::Wrapping);
  EXPECT_EQ(parse_amount_change_kind("nothing"), std::nullopt);
  EXPECT_EQ(label(AmountChangeKind::GrantedPoints), "付与ポイント");
  EXPECT_EQ(label(AmountChangeKind::BundleDiscount), "バンドル販売割引");
}

TEST(AmountChange, DecreaseCallsNothingThenCaptureTakesTheNewTotal) {  // AMT-001, AMT-005
  World w;
  w.buy();
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().change_amount("1001", to(Yen{4000})).value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.total, Yen{4000});
  EXPECT_EQ(w.shop_requests().requests.size(), before);  // not even a read
  EXPECT_EQ(w.charge_amount(charge_of(w), "chargeAmount"), Yen{5000});
  ASSERT_EQ(d.amount_changes.size(), 1u);
  EXPECT_EQ(d.amount_changes[0].kind, "受注内容・受注金額");
  EXPECT_EQ(d.amount_changes[0].from, Yen{5000});
  auto c = w.shop().capture("1001").value();
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.payment_status, "入金済");
  EXPECT_EQ(w.charge_amount(charge_of(w), "captureAmount"), Yen{4000});
}

TEST(AmountChange, IncreaseWaitsForReauthorizationThenCapturesBothCharges) {  // AMT-005
  World w;
  w.buy();
  size_t before = w.shop_requests().requests.size();
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{6000}, AmountChangeKind::ShippingFee)).value().error, "");
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
  auto refused = w.shop().capture("1001").value();
  EXPECT_EQ(refused.error, messages::kIncreaseNeedsReauth);
  EXPECT_EQ(refused.payment_status, "未入金");
  EXPECT_TRUE(refused.reauthorization_notice);
  auto re = w.shop().reauthorize("1001").value();
  ASSERT_EQ(re.charges.size(), 2u);
  EXPECT_EQ(re.charges[1].role, "increase");
  EXPECT_EQ(re.charges[1].amount, Yen{1000});
  auto c = w.shop().capture("1001").value();
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.captured_amount, Yen{6000});
}

TEST(AmountChange, CeilingIsNineTimesOrSeventyThousandInclusive) {  // AMT-009, decision 2
  World w;
  w.buy();  // A = 5,000 → 70,000
  auto refused = w.shop().change_amount("1001", to(Yen{70'001})).value();
  EXPECT_EQ(refused.error, messages::kAmountAboveCeiling);
  EXPECT_EQ(refused.total, Yen{5000});
  EXPECT_EQ(refused.amount_change_ceiling, Yen{70'000});
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{70'000})).value().error, "");
  World r;
  r.buy("reservation");  // A = 8,000 → 72,000
  EXPECT_EQ(r.shop().change_amount("1001", to(Yen{72'001})).value().error, messages::kAmountAboveCeiling);
  EXPECT_EQ(r.shop().change_amount("1001", to(Yen{72'000})).value().total, Yen{72'000});
}

TEST(AmountChange, EveryKindThatChangesTheAmountIsLimitedAndCallsNothing) {  // AMT-008
  World w;
  w.buy();
  size_t before = w.shop_requests().requests.size();
  std::int64_t i = 0;
  for (auto kind : {AmountChangeKind::OrderAmount, AmountChangeKind::DeliveryMethod,
                    AmountChangeKind::ShippingFee, AmountChangeKind::Fee, AmountChangeKind::UsedPoints,
                    AmountChangeKind::Coupon, AmountChangeKind::BundleDiscount,
                    AmountChangeKind::AmountDiscount, AmountChangeKind::Wrapping}) {
    EXPECT_EQ(w.shop().change_amount("1001", to(Yen{70'001}, kind)).value().error,
              messages::kAmountAboveCeiling) << name(kind);
    auto d = w.shop().change_amount("1001", to(Yen{4000 + ++i}, kind)).value();
    EXPECT_EQ(d.error, "") << name(kind);
    EXPECT_EQ(d.total, Yen{4000 + i}) << name(kind);
  }
  EXPECT_EQ(w.shop_requests().requests.size(), before);
}

TEST(AmountChange, GrantedPointsAreAnEditWithoutLimitOrAmount) {  // AMT-008 proposal
  World w;
  w.buy();
  size_t before = w.shop_requests().requests.size();
  auto d = w.shop().change_amount("1001", to(Yen{999'999}, AmountChangeKind::GrantedPoints)).value();
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.total, Yen{5000});
  ASSERT_EQ(d.amount_changes.size(), 1u);
  EXPECT_EQ(d.amount_changes[0].kind, "付与ポイント");
  EXPECT_EQ(w.shop_requests().requests.size(), before);
}

TEST(AmountChange, OnlyWhileTheLatestAuthorizationIsValid) {  // AMT-003, decision 6
  World w;
  w.buy();
  w.advance("29d23h59m59s");
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{4500})).value().error, "");
  w.advance("1s");
  auto refused = w.shop().change_amount("1001", to(Yen{4000})).value();
  EXPECT_EQ(refused.error, messages::kAmountChangeWindowClosed);
  EXPECT_EQ(refused.total, Yen{4500});
  EXPECT_EQ(w.shop().reauthorize("1001").value().authorization_status, texts::kAuthorized);
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{4000})).value().error, "");
}

TEST(AmountChange, AboveTenMillionIsRefused) {  // RSV-010
  World w;
  w.buy();
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{10'000'001})).value().error,
            messages::kAmountAboveMaximum);
}

TEST(AmountChange, AfterCaptureTheRecordChangesAndAmazonIsNotTold) {  // AMT-006
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  size_t before = w.shop_requests().requests.size();
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{3000})).value().total, Yen{3000});
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{90'000})).value().total, Yen{90'000});
  EXPECT_EQ(w.shop_requests().requests.size(), before);
  EXPECT_EQ(w.charge_amount(charge_of(w), "refundedAmount"), Yen{0});
  EXPECT_EQ(w.shop().order("1001")->charges.size(), 1u);
}

TEST(AmountChange, GiftCardOnlyOrdersCannotGoAboveTheAuthorization) {  // AMT-011
  World w;
  w.buy("normal", "giftcard");
  EXPECT_EQ(w.shop().order_detail("1001").value().shop_memo, texts::kMemoGiftCard);
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{5001})).value().error, messages::kAmountGiftCardOnly);
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{4000})).value().error, "");
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{5000})).value().error, "");
  World mixed;
  mixed.buy("normal", "giftcard+card-1111");
  EXPECT_EQ(mixed.shop().change_amount("1001", to(Yen{6000})).value().error, "");
}

TEST(AmountChange, SubscriptionsHaveNoCeilingButTheMaximum) {  // AMT-010, SUB-019
  Order o;
  o.type = OrderType::Subscription;
  o.total = o.order_time_amount = Yen{3000};
  ChargeRecord c;
  c.charge_id = "C1";
  c.amount = Yen{3000};
  c.amazon_state = ChargeState::Authorized;
  c.requested_at = testing_support::kStart;
  o.charges.push_back(c);
  ShopSettings s;
  EXPECT_EQ(amount_change_ceiling(o), kMaxOrderAmount);
  EXPECT_EQ(amount_change_refusal(o, to(Yen{500'000}), s, testing_support::kStart), "");
  EXPECT_EQ(amount_change_refusal(o, to(Yen{10'000'001}), s, testing_support::kStart),
            messages::kAmountAboveMaximum);
  o.type = OrderType::Normal;
  o.total = o.order_time_amount = Yen{7777};
  EXPECT_EQ(amount_change_ceiling(o), Yen{70'000});  // 9 × 7,777 = 69,993
  o.order_time_amount = Yen{10'000};
  EXPECT_EQ(amount_change_ceiling(o), Yen{90'000});
}

TEST(AmountChange, ShippingOnlyIsCapturedAfterRemovingTheItems) {  // CAN-006
  World w;
  w.buy();
  EXPECT_EQ(w.shop().change_amount("1001", to(Yen{800})).value().error, "");
  EXPECT_EQ(w.shop().capture("1001").value().payment_status, "入金済");
  EXPECT_EQ(w.charge_amount(charge_of(w), "captureAmount"), Yen{800});
}

TEST(AmountChange, SellerCentralChangeShowsCanceledAndCaptureStaysLocal) {  // AMT-012/013
  World w;
  w.buy();
  ASSERT_TRUE(w.seller_central().cancel_charge(charge_of(w), "amount changed in Seller Central").ok());
  auto d = w.open();
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationCanceled);
  EXPECT_TRUE(d.capture_button_enabled);
  size_t before = w.shop_requests().requests.size();
  auto c = w.shop().capture("1001").value();
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.payment_status, "入金済");
  EXPECT_NE(c.payment_date, "");
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
  EXPECT_EQ(w.amazon_get("/v2/charges/" + charge_of(w))["statusDetails"]["state"], "Canceled");
}

TEST(AmountChange, TheShopsOwnCancelIsNotSellerCentrals) {  // AMT-012 vs CAN-004
  World w;
  w.buy();
  ASSERT_TRUE(w.shop().cancel_order("1001", AmazonTransaction::Cancel).ok());
  ASSERT_TRUE(w.shop().change_status("1001", OrderStatus::Normal).ok());
  size_t before = w.shop_requests().requests.size();
  auto c = w.shop().capture("1001").value();
  EXPECT_EQ(c.error, messages::kAmazonTransactionCanceled);
  EXPECT_EQ(c.payment_status, "未入金");
  EXPECT_FALSE(c.capture_button_enabled);
  EXPECT_FALSE(w.shop().reauthorize("1001").value().error.empty());
  EXPECT_TRUE(w.shop_requests().writes(before).empty());
}

}  // namespace
}  // namespace shop_model
