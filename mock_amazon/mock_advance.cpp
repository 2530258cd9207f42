// POST /__mock/clock/advance: the simulated clock moves to its target in steps, stopping at
// every notification that falls due; the due notifications are delivered with the mock's lock
// released (the receiver may call back into the mock), their answers recorded, and the clock
// moves on. The answer lists the state changes and the deliveries made on the way.
#include <stdexcept>

#include "core/json.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/notifications/envelope.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon {
namespace {

using nlohmann::json;

struct Delivery {
  notifications::Notification notification;
  core::HttpRequest request;
  std::vector<notifications::Attempt> attempts;
};

json delivery_json(const Delivery& d) {
  json attempts = notifications::attempts_json(d.attempts);
  const auto& n = d.notification;
  return json{{"notificationId", n.notification_id},
              {"objectType", n.object_type},
              {"objectId", n.object_id},
              {"notificationType", n.notification_type},
              {"attempts", attempts}};
}

// One POST; a sender that throws counts as a transport failure.
notifications::Attempt send(const notifications::Sender& sender, const Delivery& d,
                            core::Instant at) {
  try {
    // Not Amazon's: tells a receiver on the same simulated timeline (the scenario runner's
    // shop) the instant of this delivery, which may be later than the envelope's Timestamp.
    core::HttpRequest request = d.request;
    request.headers.emplace_back(std::string(notifications::kDeliveredAtHeader), core::format_iso(at));
    auto answer = sender(d.notification.url, request);
    if (!answer) return notifications::Attempt{at, 0, answer.error()};
    return notifications::Attempt{at, answer->status, ""};
  } catch (const std::exception& e) {
    return notifications::Attempt{at, 0, std::string("sender failed: ") + e.what()};
  }
}

}  // namespace

core::HttpResponse Mock::advance(const core::HttpRequest& request) {
  auto parsed = transport::parse_control_body(request.body);
  if (!parsed) return transport::error_response(parsed.error());
  const json& body = parsed.value();
  std::unique_lock lock(mu_);
  core::Instant from = clock_.now();
  json changes = json::array();
  json delivered = json::array();
  try {
    settle_group();
    store_->begin();
    transport::MockParts p = parts();
    auto target = transport::advance_target(p, body);
    if (!target) {
      core::HttpResponse refused = finish(target.error());
      persist_runtime_state();
      store_->commit();
      return refused;
    }
    service_.take_changes();
    run_clock_to(lock, *target, changes, delivered);
  } catch (const std::exception& e) {
    discard_transaction();
    return finish(transport::error_response(ReasonCode::InternalServerError,
                                            std::string("mock failure: ") + e.what()));
  }
  settle_group();  // requests may have come in while notifications were delivered
  store_->begin();
  transport::MockParts p = parts();
  json out = transport::clock_json(p);
  out["from"] = core::format_iso(from);
  out["changes"] = changes;
  if (!delivered.empty()) out["notifications"] = delivered;
  core::HttpResponse response = finish(transport::json_response(200, out));
  persist_runtime_state();
  store_->commit();
  return response;
}

void Mock::run_clock_to(std::unique_lock<std::mutex>& lock, core::Instant target, json& changes,
                        json& delivered) {
  for (;;) {
    // In a transaction: move to the target or the next due notification, whichever first.
    core::Instant step = target;
    if (auto due = outbox_.next_due(); due && *due < step) step = std::max(*due, clock_.now());
    clock_.advance_to(step);
    auto moved = service_.take_changes();
    for (const auto& c : moved) {
      // All the clock's: the answer keeps its shape from before actors were recorded.
      json change = api::encode_change(c);
      change.erase("actor");
      changes.push_back(std::move(change));
    }
    log_changes(moved);
    queue_notifications();
    std::vector<Delivery> deliveries;
    for (auto& n : outbox_.take_due(clock_.now())) {
      core::HttpRequest r = notifications::request(n, options_.public_base_url);
      deliveries.push_back(Delivery{std::move(n), std::move(r), {}});
    }
    queue_notifications();  // stores the Delivering marks
    persist_runtime_state();
    store_->commit();
    if (deliveries.empty()) {
      if (clock_.now() >= target) return;
      store_->begin();
      continue;
    }

    notifications::Sender sender = sender_;
    core::Instant at = clock_.now();
    lock.unlock();
    for (auto& d : deliveries) {
      for (int copy = 0; copy < d.notification.copies; ++copy) {
        d.attempts.push_back(send(sender, d, at));
      }
    }
    lock.lock();

    settle_group();
    store_->begin();
    for (const auto& d : deliveries) {
      outbox_.record(d.notification.seq, d.attempts);
      delivered.push_back(delivery_json(d));
    }
    queue_notifications();  // also what the receivers' calls left behind
  }
}

void Mock::discard_transaction() {
  store_->rollback();
  persisted_ = {};
  service_.take_changes();
  reload_notifications();
}

}  // namespace mock_amazon
