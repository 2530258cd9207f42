// The HTTP side of the 販売事業者様サイトURL: what is accepted, de-duplication by
// NotificationId, and the unit of work (read → Amazon outside any transaction → one commit).
#include "shop_model/notifications/ipn_endpoint.hpp"

#include <exception>

#include "shop_model/store/unit_of_work.hpp"

namespace shop_model {
namespace {

core::HttpResponse answer(int status, std::string message = "") {
  core::HttpResponse res;
  res.status = status;
  if (!message.empty()) {
    core::set_header(res.headers, "content-type", "text/plain; charset=UTF-8");
    res.body = std::move(message);
  }
  return res;
}

}  // namespace

core::HttpResponse NotificationEndpoint::receive(const core::HttpRequest& request) {
  try {
    return handle(request);
  } catch (const std::exception& e) {
    // SQLite or JSON failed: nothing was committed, so Amazon's retry finds it undone.
    return answer(500, std::string("notification not processed: ") + e.what());
  }
}

core::HttpResponse NotificationEndpoint::handle(const core::HttpRequest& request) {
  // Without a 販売事業者様サイトURL the shop has no such endpoint (SYNC-005, second half).
  if (!ctx_.settings.merchant_url_set) return answer(404, "not found");
  if (request.method != "POST") return answer(400, "notifications are POSTed");
  const std::string* type = request.header("x-amz-sns-message-type");
  if (type == nullptr || *type != "Notification")
    return answer(400, "x-amz-sns-message-type must be Notification");

  auto envelope = core::parse_sns_envelope(request.body);
  if (!envelope) return answer(400, envelope.error());
  if (auto verified = verifier_.verify(envelope.value(), ctx_.settings); !verified)
    return answer(verified.error().status, verified.error().message);
  auto message = parse_ipn_message(envelope->message);
  if (!message) return answer(400, message.error());

  // 1. read: a NotificationId already handled changes nothing.
  if (ctx_.store.notification(message->notification_id)) return answer(200);
  // 2. Amazon, outside any transaction, on loaded copies only.
  Applied applied = apply(message.value());
  if (applied.retry) return answer(500, applied.outcome);
  // 3. the orders' changes and the NotificationId in one transaction.
  UnitOfWork work(ctx_.store);
  for (const Order& o : applied.changed) work.save(o);
  work.save(NotificationRecord{message->notification_id, ctx_.clock.now(), message->object_type,
                               message->object_id, applied.outcome});
  work.commit();
  return answer(200);
}

}  // namespace shop_model
