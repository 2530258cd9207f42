// The SNS envelope and HTTP request of a notification, and the default sender (envelope.hpp).
#include "mock_amazon/notifications/envelope.hpp"

#include <cstdlib>

#include "core/http_client.hpp"

namespace mock_amazon::notifications {
namespace {

using nlohmann::json;

struct Url {
  std::string base, path, query;
};

// "http://host:port/path?query" → base "http://host:port", path "/path", query "query".
Url split(const std::string& url) {
  Url out;
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  out.base = url.substr(0, slash);
  std::string rest = slash == std::string::npos ? "/" : url.substr(slash);
  auto q = rest.find('?');
  out.path = rest.substr(0, q);
  if (q != std::string::npos) out.query = rest.substr(q + 1);
  return out;
}

std::string with_millis(Instant t) {
  std::string iso = core::format_iso(t);  // ...:SSZ
  return iso.substr(0, iso.size() - 1) + ".000Z";
}

}  // namespace

std::string certificate_path() {
  return "/__mock/sns/SimpleNotificationService-mock.pem";
}

const core::SnsSigner& signer() {
  static const core::SnsSigner s = [] {
    auto made = core::SnsSigner::from_pem(signing_key_pem());
    if (!made) std::abort();  // the embedded test key is part of the build
    return std::move(made).value();
  }();
  return s;
}

core::SnsEnvelope envelope(const Notification& n, std::string_view public_base_url) {
  json message{{"MerchantID", std::string(kMerchantId)},
               {"ObjectType", n.object_type},
               {"ObjectId", n.object_id},
               {"ChargePermissionId", n.charge_permission_id},
               {"NotificationType", n.notification_type},
               {"NotificationId", n.notification_id},
               {"NotificationVersion", "V2"}};
  core::SnsEnvelope e;
  e.message_id = n.message_id;
  e.topic_arn = std::string(kTopicArn);
  e.message = message.dump();
  e.timestamp = with_millis(n.created_at);
  e.signing_cert_url = std::string(public_base_url) + certificate_path();
  e.unsubscribe_url = std::string(public_base_url) +
                      "/__mock/notifications/endpoint?Action=Unsubscribe&SubscriptionArn=" +
                      std::string(kTopicArn) + ":mock-subscription";
  if (n.signed_) signer().sign(e);
  return e;
}

core::HttpRequest request(const Notification& n, std::string_view public_base_url) {
  Url url = split(n.url);
  core::HttpRequest r;
  r.method = "POST";
  r.path = url.path;
  r.query = url.query;
  r.headers = {{"content-type", "text/plain; charset=UTF-8"},
               {"x-amz-sns-message-type", "Notification"},
               {"x-amz-sns-message-id", n.message_id},
               {"x-amz-sns-topic-arn", std::string(kTopicArn)},
               {"x-amz-sns-subscription-arn", std::string(kTopicArn) + ":mock-subscription"},
               {"User-Agent", "Amazon Simple Notification Service Agent"}};
  r.body = core::to_json(envelope(n, public_base_url)).dump();
  return r;
}

Sender http_sender() {
  return [](const std::string& url, const core::HttpRequest& req)
             -> core::Result<core::HttpResponse, std::string> {
    core::HttpClientOptions options;
    options.base_url = split(url).base;
    options.connect_timeout = std::chrono::milliseconds(5000);
    options.read_timeout = std::chrono::milliseconds(5000);
    core::HttpClient client(options);
    return client.send(req);
  };
}

}  // namespace mock_amazon::notifications
