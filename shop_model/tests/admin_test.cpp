// 受注管理 against the in-process mock: 与信ステータス, 入金処理, 再与信, cancellation.
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

TEST(Shop, CaptureGivesSeikyuzumiThenSeikyukanryo) {
  World w;
  w.buy();
  auto d = w.shop().capture("1001").value();
  EXPECT_EQ(d.authorization_status, texts::kCaptured);
  EXPECT_EQ(d.payment_status, "入金済");
  EXPECT_EQ(w.open().authorization_status, texts::kCaptureCompleted);
}

TEST(Shop, ThirtyDaysMakeShoninKanryoAndReauthorizationFixesIt) {
  World w;
  w.buy();
  w.advance("30d");
  auto d = w.open();
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationExpired);
  EXPECT_TRUE(d.reauthorization_notice);
  EXPECT_FALSE(d.capture_button_enabled);
  auto refused = w.shop().capture("1001").value();
  EXPECT_FALSE(refused.error.empty());
  EXPECT_EQ(refused.payment_status, "未入金");
  auto re = w.shop().reauthorize("1001").value();
  EXPECT_EQ(re.authorization_status, texts::kAuthorized) << re.error;
  EXPECT_EQ(re.reauthorization_status, texts::kAuthorized);
  EXPECT_FALSE(re.reauthorization_notice);
  EXPECT_EQ(w.shop().capture("1001").value().authorization_status, texts::kCaptured);
}

TEST(Shop, HardDeclinedReauthorizationShowsM3UntilBuyerFixesIt) {
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  w.advance("30d");
  ASSERT_TRUE(w.control().force({mock_amazon::SimulatedOperation::CreateCharge, "", "HardDeclined", ""}).ok());
  auto d = w.shop().reauthorize("1001").value();
  EXPECT_EQ(d.failure_message, texts::kReauthFailedBuyerSettingsM3);
  EXPECT_EQ(d.authorization_status, texts::kAuthorizationFailed);
  // Pressing again before the buyer acts keeps the same message.
  EXPECT_EQ(w.shop().reauthorize("1001").value().failure_message, texts::kReauthFailedBuyerSettingsM3);
  ASSERT_TRUE(w.control().buyer_update_payment_method(cp, "card-4444").ok());
  EXPECT_EQ(w.open().failure_message, texts::kReauthFailedBuyerSettingsM3);  // no notification
  auto ok = w.shop().reauthorize("1001").value();
  EXPECT_EQ(ok.failure_message, "");
  EXPECT_EQ(ok.authorization_status, texts::kAuthorized);
}

TEST(Shop, FetchFailureShowsUnavailableLabelThenRecovers) {
  World w;
  w.buy();
  mock_amazon::FaultRequest timeout;
  timeout.path = "/v2/charges";
  timeout.kind = mock_amazon::FaultKind::Timeout;
  timeout.count = kMaxAttempts;  // every attempt of one Get Charge
  ASSERT_TRUE(w.control().add_fault(timeout).ok());
  EXPECT_EQ(w.open().authorization_status, texts::kStatusUnavailable);
  EXPECT_EQ(w.open().authorization_status, texts::kAuthorized);
}

TEST(Shop, ReservationCancelClosesPermissionAfterDelay) {
  World w;
  w.buy("reservation");
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.order_status, "予約");
  std::string cp = w.shop().order("1001")->charge_permission_id;
  ASSERT_TRUE(w.shop().cancel_order("1001", AmazonTransaction::Keep).ok());
  EXPECT_EQ(w.amazon_get("/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Chargeable");
  w.advance("1d");
  json got = w.amazon_get("/v2/chargePermissions/" + cp);
  EXPECT_EQ(got["statusDetails"]["state"], "Closed");
  EXPECT_EQ(got["statusDetails"]["reasons"][0]["reasonCode"], "MerchantClosed");
}


TEST(Shop, PaymentMethodChangeCancelsAtAmazonAndDeletesThePermission) {
  World w;
  w.buy();
  std::string cp = w.shop().order("1001")->charge_permission_id;
  auto d = w.shop()
               .change_payment_method("1001", PaymentMethod::BankTransfer, AmazonTransaction::Cancel)
               .value();
  EXPECT_EQ(d.payment_method, "銀行振込");
  EXPECT_EQ(d.charges.at(0).amazon_state, "Canceled");
  EXPECT_EQ(d.charge_permission_status.rfind("削除予定 ", 0), 0u);
  auto back = w.shop()
                  .change_payment_method("1001", PaymentMethod::AmazonPay, AmazonTransaction::Keep)
                  .value();
  EXPECT_EQ(back.payment_method, "銀行振込");  // PMC-007
  EXPECT_FALSE(back.error.empty());
  w.advance("1d");
  EXPECT_EQ(w.shop().order_detail("1001").value().charge_permission_status, "削除済");
  EXPECT_EQ(w.amazon_get("/v2/chargePermissions/" + cp)["statusDetails"]["state"], "Closed");
}

}  // namespace
}  // namespace shop_model
