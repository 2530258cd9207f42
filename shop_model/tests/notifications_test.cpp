// The 販売事業者様サイトURL: Amazon's notifications (SNS envelopes) verified, de-duplicated
// and applied (SYNC-005, AMT-007, AMT-014, decision 4), against the in-process mock. Seller
// Central is played by calling the mock's API directly; the envelopes are built and signed
// here with the mock's test key.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sns.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

const std::string kCertUrl =
    "http://mock-amazon.invalid/__mock/sns/SimpleNotificationService-mock.pem";

std::string read_sns_file(const std::string& name) {
  std::filesystem::path dir =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  if (const char* env = std::getenv("APC_SOURCE_DIR")) dir = env;
  std::ifstream in(dir / "mock_amazon/testdata/sns" / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ShopSettings with_merchant_url(bool set = true) {
  ShopSettings s;
  s.merchant_url_set = set;
  return s;
}

// A world whose shop reads the mock's certificate from its file (the mock in this branch
// does not serve it yet), counting the fetches.
class IpnWorld : public World {
 public:
  explicit IpnWorld(ShopSettings settings = with_merchant_url()) : World(std::move(settings)) {
    shop().notifications().set_certificate_fetcher(
        [this](const std::string& url) -> core::Result<std::string, std::string> {
          ++certificate_fetches;
          if (url != kCertUrl) return core::fail("unexpected URL " + url);
          return read_sns_file("SimpleNotificationService-mock.pem");
        });
    sc_ = std::make_unique<AmazonPayApi>(amazon_client(), 99);
  }

  // Seller Central, acting at Amazon directly.
  AmazonPayApi& seller_central() { return *sc_; }

  Order order() { return shop().order("1001").value(); }

  core::SnsEnvelope envelope(const std::string& object_type, const std::string& object_id,
                             const std::string& notification_id,
                             const std::string& cert_url = kCertUrl) {
    json message = {{"MerchantID", "A1MOCKMERCHANT"},
                    {"ObjectType", object_type},
                    {"ObjectId", object_id},
                    {"ChargePermissionId", order().charge_permission_id},
                    {"NotificationType", "STATE_CHANGE"},
                    {"NotificationId", notification_id},
                    {"NotificationVersion", "V2"}};
    core::SnsEnvelope e;
    e.message_id = "msg-" + notification_id;
    e.topic_arn = "arn:aws:sns:us-west-2:123456789012:mock-ipn";
    e.message = message.dump();
    e.timestamp = "2026-01-05T00:00:00.000Z";
    e.signing_cert_url = cert_url;
    e.unsubscribe_url = "http://mock-amazon.invalid/__mock/sns/unsubscribe";
    return e;
  }

  core::SnsEnvelope signed_envelope(const std::string& object_type, const std::string& object_id,
                                    const std::string& notification_id,
                                    const std::string& cert_url = kCertUrl) {
    core::SnsEnvelope e = envelope(object_type, object_id, notification_id, cert_url);
    signer_.sign(e);
    return e;
  }

  core::HttpResponse post(const core::SnsEnvelope& e) {
    core::HttpRequest r{"POST", "/amazon-pay/ipn", "", {}, core::to_json(e).dump()};
    r.headers = {{"content-type", "text/plain; charset=UTF-8"},
                 {"x-amz-sns-message-type", "Notification"},
                 {"x-amz-sns-message-id", e.message_id}};
    return shop().receive_notification(r);
  }

  int notify(const std::string& object_type, const std::string& object_id,
             const std::string& notification_id) {
    return post(signed_envelope(object_type, object_id, notification_id)).status;
  }

  int certificate_fetches = 0;

 private:
  core::SnsSigner signer_ =
      core::SnsSigner::from_pem(read_sns_file("sns-signing.private.pem")).value();
  std::unique_ptr<AmazonPayApi> sc_;
};

// The order's original charge captured in Seller Central.
std::string capture_in_seller_central(IpnWorld& w) {
  std::string charge = w.order().charges.at(0).charge_id;
  EXPECT_TRUE(w.seller_central().capture_charge(charge, w.order().total).ok());
  return charge;
}

TEST(Notifications, SellerCentralCaptureMakesTheOrderPaidAndCaptureCompleted) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  EXPECT_EQ(w.shop().order_detail("1001").value().payment_status, "未入金");
  auto res = w.post(w.signed_envelope("CHARGE", charge, "n-1"));
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.body, "");
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.payment_status, "入金済");
  EXPECT_EQ(d.payment_date, core::format_jst(testing_support::kStart));
  EXPECT_EQ(d.authorization_status, texts::kCaptureCompleted);
  Order order = w.order();
  const ChargeRecord& c = order.charges.at(0);
  EXPECT_TRUE(c.seller_central_capture);
  EXPECT_EQ(c.amazon_captured, w.order().total);
  EXPECT_FALSE(d.reauthorization_button_enabled);  // 売上後 (RSV-009)
  EXPECT_EQ(w.certificate_fetches, 1);
}

TEST(Notifications, SellerCentralCaptureAfterARefusedShopCaptureIsRecorded) {
  IpnWorld w;
  w.buy();
  std::string charge = w.order().charges.at(0).charge_id;
  // The capture call itself is refused (Amazon answers 500 to every attempt).
  mock_amazon::FaultRequest fault;
  fault.path = "/v2/charges/" + charge + "/capture";
  fault.count = kMaxAttempts;
  ASSERT_TRUE(w.control().add_fault(fault).ok());
  // Amazon decided nothing, so the Charge stays 承認済.
  EXPECT_EQ(w.shop().capture("1001").value().authorization_status, texts::kAuthorized);
  capture_in_seller_central(w);
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 200);
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.payment_status, "入金済");
  EXPECT_EQ(d.authorization_status, texts::kCaptureCompleted);
}

TEST(Notifications, ShopCaptureIsConfirmedByTheNotification) {
  IpnWorld w;
  w.buy();
  EXPECT_EQ(w.shop().capture("1001").value().authorization_status, texts::kCaptured);
  EXPECT_EQ(w.notify("CHARGE", w.order().charges.at(0).charge_id, "n-1"), 200);
  auto d = w.shop().order_detail("1001").value();
  EXPECT_EQ(d.authorization_status, texts::kCaptureCompleted);
  EXPECT_FALSE(w.order().charges.at(0).seller_central_capture);
}

TEST(Notifications, BadSignatureIsRefusedAndChangesNothing) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  core::SnsEnvelope e = w.signed_envelope("CHARGE", charge, "n-1");
  e.message_id += "-tampered";
  EXPECT_EQ(w.post(e).status, 403);
  EXPECT_FALSE(w.order().paid);
  // The genuine one is still applied: the refused one was not recorded.
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 200);
  EXPECT_TRUE(w.order().paid);
}

TEST(Notifications, CertificateOnAnotherHostIsRefused) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  const std::vector<std::string> urls = {
      "http://evil.invalid/__mock/sns/SimpleNotificationService-mock.pem",
      "ftp://mock-amazon.invalid/x.pem", "http://mock-amazon.invalid/__mock/sns/cert.txt"};
  for (const std::string& url : urls) {
    EXPECT_EQ(w.post(w.signed_envelope("CHARGE", charge, "n-1", url)).status, 403) << url;
  }
  EXPECT_EQ(w.certificate_fetches, 0);
  EXPECT_FALSE(w.order().paid);
}

TEST(Notifications, UnsignedIsRefusedUnlessTheSignatureIsNotRequired) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  EXPECT_EQ(w.post(w.envelope("CHARGE", charge, "n-1")).status, 403);
  EXPECT_FALSE(w.order().paid);
  w.shop().mutable_settings().notification_signature_required = false;
  EXPECT_EQ(w.post(w.envelope("CHARGE", charge, "n-1")).status, 200);
  EXPECT_TRUE(w.order().paid);
  EXPECT_EQ(w.certificate_fetches, 0);
}

TEST(Notifications, DuplicateNotificationIdIsAcknowledgedAndAppliedOnce) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 200);
  // Amazon changes (a Seller Central refund), then redelivers the same notification.
  ASSERT_TRUE(w.seller_central().create_refund(charge, Yen{1000}).ok());
  w.advance("1d");
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 200);
  EXPECT_EQ(w.order().charges.at(0).amazon_refunded, Yen{0});  // not read again
  EXPECT_EQ(w.notify("CHARGE", charge, "n-2"), 200);
  EXPECT_EQ(w.order().charges.at(0).amazon_refunded, Yen{1000});
  EXPECT_EQ(w.certificate_fetches, 1);  // cached by URL
}

TEST(Notifications, AmazonUnreachableAnswers500AndTheRedeliveryIsApplied) {
  IpnWorld w;
  w.buy();
  std::string charge = capture_in_seller_central(w);
  mock_amazon::FaultRequest timeout;
  timeout.path = "/v2/charges";
  timeout.kind = mock_amazon::FaultKind::Timeout;
  timeout.count = kMaxAttempts;  // every attempt of one Get Charge
  ASSERT_TRUE(w.control().add_fault(timeout).ok());
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 500);
  EXPECT_FALSE(w.order().paid);
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 200);
  EXPECT_TRUE(w.order().paid);
}

TEST(Notifications, ChargeCreatedInSellerCentralIsAppended) {
  IpnWorld w;
  w.buy();
  Order before = w.order();
  auto created = w.seller_central().create_charge(before.charge_permission_id, Yen{2000}, "sc");
  ASSERT_TRUE(created.ok()) << created.error().describe();
  ASSERT_TRUE(w.seller_central().capture_charge(created->id, Yen{2000}).ok());
  EXPECT_EQ(w.notify("CHARGE", created->id, "n-1"), 200);
  Order after = w.order();
  ASSERT_EQ(after.charges.size(), 2u);
  const ChargeRecord& sc = after.charges.at(1);
  EXPECT_EQ(sc.charge_id, created->id);
  EXPECT_EQ(sc.role, ChargeRole::SellerCentral);
  EXPECT_EQ(sc.amount, Yen{2000});
  EXPECT_EQ(sc.amazon_state, ChargeState::Captured);
  EXPECT_TRUE(sc.capture_confirmed);
  EXPECT_TRUE(after.paid);
  EXPECT_EQ(after.total, before.total);  // SYNC-006
  // A second notification for it finds it known and appends nothing.
  EXPECT_EQ(w.notify("CHARGE", created->id, "n-2"), 200);
  EXPECT_EQ(w.order().charges.size(), 2u);
}

TEST(Notifications, SellerCentralRefundUpdatesTheChargeNotTheOrderTotal) {
  IpnWorld w;
  w.buy();
  ASSERT_TRUE(w.shop().capture("1001").ok());
  Order before = w.order();
  auto refund = w.seller_central().create_refund(before.charges.at(0).charge_id, Yen{1000});
  ASSERT_TRUE(refund.ok()) << refund.error().describe();
  w.advance("1d");
  EXPECT_EQ(w.notify("REFUND", refund->id, "n-1"), 200);
  Order after = w.order();
  EXPECT_EQ(after.charges.at(0).amazon_refunded, Yen{1000});
  EXPECT_TRUE(after.charges.at(0).refunds.empty());  // not the shop's refund
  EXPECT_EQ(after.total, before.total);
}

TEST(Notifications, ChargePermissionNotificationIsApplied) {
  IpnWorld w;
  w.buy();
  std::string cp = w.order().charge_permission_id;
  EXPECT_EQ(w.notify("CHARGE_PERMISSION", cp, "n-1"), 200);
  auto expires = core::parse_instant(
      w.amazon_get("/v2/chargePermissions/" + cp)["expirationTimestamp"].get<std::string>());
  EXPECT_EQ(w.order().charge_permission_expires, expires);
}

// The default fetcher: an unsigned GET of the URL's path through the Amazon Pay client.
class CertificateServer final : public core::AmazonPayClient {
 public:
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    requests.push_back(request);
    if (request.method == "GET" && request.path == "/__mock/sns/SimpleNotificationService-mock.pem")
      return core::HttpResponse{200, {}, read_sns_file("SimpleNotificationService-mock.pem")};
    return core::HttpResponse{404, {}, "{}"};
  }
  std::vector<core::HttpRequest> requests;
};

TEST(Notifications, DefaultFetcherGetsTheCertificatePathThroughTheClient) {
  CertificateServer server;
  CertificateFetcher fetch = amazon_client_certificate_fetcher(server);
  auto pem = fetch("http://127.0.0.1:8080/__mock/sns/SimpleNotificationService-mock.pem");
  ASSERT_TRUE(pem.ok()) << pem.error();
  EXPECT_TRUE(core::SnsCertificate::from_pem(pem.value()).ok());
  ASSERT_EQ(server.requests.size(), 1u);
  EXPECT_EQ(server.requests[0].header("x-amz-pay-authorization"), nullptr);
  EXPECT_FALSE(fetch("http://127.0.0.1:8080/__mock/sns/missing.pem").ok());
}

TEST(Notifications, TrustedCertificateUrls) {
  EXPECT_EQ(trusted_certificate_path("http://127.0.0.1:8080/__mock/sns/a.pem", "127.0.0.1:8080")
                .value(),
            "/__mock/sns/a.pem");
  EXPECT_TRUE(trusted_certificate_path("https://MOCK-amazon.invalid/a.pem", "mock-amazon.invalid").ok());
  EXPECT_FALSE(trusted_certificate_path("http://127.0.0.1:8081/a.pem", "127.0.0.1:8080").ok());
  EXPECT_FALSE(trusted_certificate_path("http://127.0.0.1:8080.evil/a.pem", "127.0.0.1:8080").ok());
  EXPECT_FALSE(trusted_certificate_path("http://127.0.0.1:8080/a.pem?x=1", "127.0.0.1:8080").ok());
  EXPECT_FALSE(trusted_certificate_path("http://127.0.0.1:8080", "127.0.0.1:8080").ok());
}

TEST(Notifications, WithoutMerchantUrlTheShopHasNoEndpointAndNeverChanges) {
  IpnWorld w(with_merchant_url(false));
  w.buy();
  std::string charge = capture_in_seller_central(w);
  EXPECT_EQ(w.notify("CHARGE", charge, "n-1"), 404);
  EXPECT_FALSE(w.order().paid);
  EXPECT_EQ(w.shop().order_detail("1001").value().payment_status, "未入金");
}

TEST(Notifications, UnknownPermissionAndUnhandledTypesAreAcknowledged) {
  IpnWorld w;
  w.buy();
  core::SnsEnvelope e = w.envelope("CHARGE", "S03-0000000-0000000-C000001", "n-1");
  json m = json::parse(e.message);
  m["ChargePermissionId"] = "S03-0000000-0000000";
  e.message = m.dump();
  w.shop().mutable_settings().notification_signature_required = false;
  EXPECT_EQ(w.post(e).status, 200);
  EXPECT_EQ(w.post(w.envelope("CHARGEBACK", "X", "n-2")).status, 200);
}

TEST(Notifications, RequestsThatAreNotNotificationsAre400) {
  IpnWorld w;
  w.buy();
  w.shop().mutable_settings().notification_signature_required = false;
  core::SnsEnvelope e = w.envelope("CHARGE", w.order().charges.at(0).charge_id, "n-1");
  core::HttpRequest get{"GET", "/amazon-pay/ipn", "", {{"x-amz-sns-message-type", "Notification"}}, ""};
  EXPECT_EQ(w.shop().receive_notification(get).status, 400);
  core::HttpRequest no_type{"POST", "/amazon-pay/ipn", "", {}, core::to_json(e).dump()};
  EXPECT_EQ(w.shop().receive_notification(no_type).status, 400);
  core::HttpRequest not_json{"POST", "/amazon-pay/ipn", "", {{"x-amz-sns-message-type", "Notification"}}, "{"};
  EXPECT_EQ(w.shop().receive_notification(not_json).status, 400);
  e.message = R"({"ObjectType":"CHARGE","NotificationVersion":"V2"})";
  EXPECT_EQ(w.post(e).status, 400);
}

}  // namespace
}  // namespace shop_model
