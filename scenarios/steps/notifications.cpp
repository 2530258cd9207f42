// The shop's IPN endpoint as a scenario serves it (see Environment::set_notification_receiver).
#include <fmt/core.h>

#include "core/amazon_objects.hpp"
#include "core/sns.hpp"
#include "scenarios/step_list.hpp"
#include "mock_amazon/notifications/envelope.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

// "CHARGE S03-…-C01 STATE_CHANGE (NotificationId …)" from an SNS POST, or why not.
std::string describe_notification(const core::HttpRequest& request) {
  auto envelope = core::parse_sns_envelope(request.body);
  if (!envelope) return envelope.error();
  json m = json::parse(envelope->message, nullptr, false);
  auto text = [&m](const char* key) { return core::amazon::text(m, key); };
  return fmt::format("{} {} {} (NotificationId {})", text("ObjectType"), text("ObjectId"),
                     text("NotificationType"), text("NotificationId"));
}

}  // namespace

std::string ScenarioContext::sync_notification_endpoint() {
  std::string url = env_.notification_url();
  auto answer = shop_->settings().merchant_url_set
                    ? quietly([&](auto& c) { return c.set_notification_endpoint(url, true); })
                    : quietly([](auto& c) { return c.clear_notification_endpoint(); });
  if (!answer) return "cannot register the shop's notification URL with the mock: " + answer.error();
  return "";
}

core::HttpResponse ScenarioContext::receive_notification(const core::HttpRequest& request) {
  // The mock says when it delivers (it may deliver before the instant the clock is moving
  // to: a notification left from the work of the previous instant goes first). An external
  // mock that does not say: the instant the move stops at.
  core::Instant at = delivery_time_;
  if (auto header = request.header(mock_amazon::notifications::kDeliveredAtHeader))
    if (auto said = core::parse_instant(*header)) at = *said;
  if (clock_.now() < at) clock_.advance_to(at);
  core::HttpResponse answer = shop_->receive_notification(request);
  deliveries_.push_back(fmt::format("notification {}: {} → the shop answered {}",
                                    core::format_iso(clock_.now()), describe_notification(request),
                                    answer.status));
  return answer;
}


// ---------------------------------------------------------------- steps

namespace {

struct Chaos {
  std::string mode;
  std::int64_t count = 1;
  std::optional<core::Duration> delay;
};
StepOutcome chaos(ScenarioContext& c, const Chaos& p) {
  std::optional<std::string> delay;
  if (p.delay) delay = core::format_duration(*p.delay);
  auto answer = ScenarioContext::json_answer(c.control().notification_chaos(
      p.mode, static_cast<int>(p.count),
      delay ? std::optional<std::string_view>(*delay) : std::nullopt));
  if (!answer) return failure(answer.error());
  return note(fmt::format("the next {} notification(s): {}", p.count, p.mode));
}
void check_chaos(const Chaos& p, StepIssues& issues) {
  if (p.count < 1) issues.at("count", "amazon.ipn: 'count' must be 1 or more");
  if (p.mode == "reorder" && p.count < 2)
    issues.at("count", "amazon.ipn: reorder needs 'count' of 2 or more");
  if (p.mode == "delay" && !p.delay) issues.here("amazon.ipn: mode delay needs 'delay' (e.g. 2h)");
  if (p.mode != "delay" && p.delay) issues.at("delay", "amazon.ipn: 'delay' only applies to mode delay");
}

StepOutcome clear_chaos(ScenarioContext& c, const NoParams&) {
  auto answer = ScenarioContext::json_answer(c.control().clear_notification_chaos());
  if (!answer) return failure(answer.error());
  return note("notification chaos cleared; held notifications released");
}

struct IpnSettings {
  std::optional<bool> signed_;
  std::optional<core::Duration> retry_interval;
  std::optional<std::int64_t> max_attempts;
};
StepOutcome ipn_settings(ScenarioContext& c, const IpnSettings& p) {
  if (p.signed_) {
    // Re-registering names the endpoint's URL, whose port is the OS's choice: kept out of
    // the transcript so runs compare equal.
    std::string url = c.notification_url();
    bool sign = *p.signed_;
    auto answer = c.quietly([&](auto& control) { return control.set_notification_endpoint(url, sign); });
    if (!answer) return failure(answer.error());
  }
  if (p.retry_interval || p.max_attempts) {
    std::string interval = p.retry_interval ? core::format_duration(*p.retry_interval) : "1h";
    auto answer = ScenarioContext::json_answer(c.control().set_notification_retry(
        interval, static_cast<int>(p.max_attempts.value_or(337))));
    if (!answer) return failure(answer.error());
  }
  return note("notification settings: " + Value::map(c.current_step().params.entries()).to_flow());
}
void check_ipn_settings(const IpnSettings& p, StepIssues& issues) {
  if (p.max_attempts && *p.max_attempts < 1) issues.at("max_attempts", "amazon.ipn_settings: 'max_attempts' must be 1 or more");
}

}  // namespace

json notification_journal_view(const json& journal) {
  json view = json::object();
  json list = field(journal, "notifications");
  view["count"] = list.is_array() ? list.size() : 0;
  for (const char* state : {"pending", "held", "delivered", "failed", "dropped"}) view[state] = 0;
  json friendly = json::array();
  for (const json& n : list) {
    std::string state = field(n, "state").is_string() ? n["state"].get<std::string>() : "";
    if (view.contains(state)) view[state] = view[state].get<int>() + 1;
    json statuses = json::array();
    for (const json& a : field(n, "attempts"))
      statuses.push_back(a.contains("status") ? a["status"] : a.value("error", json(nullptr)));
    friendly.push_back(json{{"object_type", field(n, "objectType")},
                            {"notification_type", field(n, "notificationType")},
                            {"actor", field(n, "actor")},
                            {"state", field(n, "state")},
                            {"copies", field(n, "copies")},
                            {"answers", statuses}});
  }
  view["notifications"] = friendly;
  return view;
}

namespace {

struct ExpectNotifications {
  std::vector<MapEntry> fields;
};

StepOutcome expect_notifications(ScenarioContext& c, const ExpectNotifications& p) {
  // Read outside the transcript: the journal names the endpoint's URL (an OS-chosen port over
  // HTTP); the view matched, shown in the observations, leaves it out.
  auto journal = c.quietly([](auto& control) { return control.notifications(); });
  if (!journal) return failure("cannot read the mock's notification journal: " + journal.error());
  return c.expect_json(Value::map(p.fields), notification_journal_view(*journal),
                       "notifications");
}

}  // namespace

void add_notification_steps(StepList& steps) {
  steps.add<Chaos>(
      "amazon.ipn",
      "Delivery chaos for Amazon's next notifications to the merchant URL: delay, duplicate "
      "(delivered twice, as an SNS redelivery), reorder (held, then delivered last-first), drop "
      "(never delivered).",
      {with_choices(required("mode", &Chaos::mode, "what happens to them"),
                    {"delay", "duplicate", "reorder", "drop"}),
       optional("count", &Chaos::count, "how many notifications"),
       optional("delay", &Chaos::delay, "mode delay: how much later (e.g. 2h)")},
      &chaos, &check_chaos);
  steps.add<NoParams>("amazon.clear_ipn_chaos",
                      "Ends delivery chaos: held notifications are released (delivered in order), "
                      "later ones go normally.",
                      {}, &clear_chaos);
  steps.add<IpnSettings>(
      "amazon.ipn_settings",
      "How Amazon sends notifications to the merchant URL: signed or not, and the retry policy "
      "when the answer is not 2xx (default hourly, 337 attempts).",
      {optional("signed", &IpnSettings::signed_, "sign the SNS envelopes (SignatureVersion 1)"),
       optional("retry_interval", &IpnSettings::retry_interval, "time between attempts"),
       optional("max_attempts", &IpnSettings::max_attempts, "attempts in all")},
      &ipn_settings, &check_ipn_settings);
  steps.add_open<ExpectNotifications>(
      "expect.notifications",
      "Partial match against Amazon's notification journal: count, pending, held, delivered, "
      "failed, dropped, and notifications [{object_type, notification_type, actor, state, copies, "
      "answers}] (answers: the HTTP status or error of each attempt).",
      {}, &ExpectNotifications::fields, FieldShape::Notifications, &expect_notifications);
}

}  // namespace scenarios
