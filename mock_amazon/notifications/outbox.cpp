// The outbox's bookkeeping: queueing with chaos, due selection, retries, the journal and its
// JSON persistence (outbox.hpp).
#include "mock_amazon/notifications/outbox.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mock_amazon::notifications {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<ChaosMode, std::string_view>, 4> kChaosModes = {{
    {ChaosMode::Delay, "delay"},
    {ChaosMode::Duplicate, "duplicate"},
    {ChaosMode::Reorder, "reorder"},
    {ChaosMode::Drop, "drop"},
}};

constexpr std::array<std::pair<State, std::string_view>, 6> kStates = {{
    {State::Pending, "pending"},
    {State::Held, "held"},
    {State::Delivering, "delivering"},
    {State::Delivered, "delivered"},
    {State::Failed, "failed"},
    {State::Dropped, "dropped"},
}};

std::optional<State> parse_state(std::string_view text) {
  for (const auto& [s, t] : kStates)
    if (t == text) return s;
  return std::nullopt;
}

// ObjectType of a Change's resource; empty when the resource has no notifications.
std::string object_type(const std::string& resource) {
  if (resource == "Charge") return "CHARGE";
  if (resource == "Refund") return "REFUND";
  if (resource == "ChargePermission") return "CHARGE_PERMISSION";
  return "";
}

Instant instant(const json& j) {
  return core::parse_instant(j.get<std::string>()).value_or(Instant{});
}

}  // namespace

std::string_view name(ChaosMode mode) {
  for (const auto& [m, t] : kChaosModes)
    if (m == mode) return t;
  return "?";
}

std::optional<ChaosMode> parse_chaos_mode(std::string_view text) {
  for (const auto& [m, t] : kChaosModes)
    if (t == text) return m;
  return std::nullopt;
}

std::string_view name(State state) {
  for (const auto& [s, t] : kStates)
    if (s == state) return t;
  return "?";
}

void Outbox::clear(std::uint64_t seed) {
  *this = Outbox{};
  ids_.set_state(core::derive_seed(seed, "notification-ids"));
  dirty_ = true;
}

void Outbox::set_endpoint(std::optional<Endpoint> endpoint) {
  endpoint_ = std::move(endpoint);
  dirty_ = true;
}

void Outbox::set_retry(RetryPolicy policy) {
  retry_ = std::move(policy);
  dirty_ = true;
}

const Chaos& Outbox::add_chaos(Chaos chaos) {
  chaos.seq = next_seq_++;
  chaos.remaining = chaos.count;
  chaos_.push_back(std::move(chaos));
  dirty_ = true;
  return chaos_.back();
}

void Outbox::clear_chaos() {
  // Notifications held for a reorder that will not complete are released as they were.
  for (const auto& c : chaos_)
    for (auto seq : c.held)
      if (Notification* n = find(seq)) n->state = State::Pending;
  chaos_.clear();
  dirty_ = true;
}

Notification* Outbox::find(std::int64_t seq) {
  for (auto& n : journal_)
    if (n.seq == seq) return &n;
  return nullptr;
}

void Outbox::apply_chaos(Notification& n) {
  if (chaos_.empty()) return;
  Chaos& c = chaos_.front();
  switch (c.mode) {
    case ChaosMode::Delay:
      n.due_at += c.delay;
      break;
    case ChaosMode::Duplicate:
      n.copies = 2;
      break;
    case ChaosMode::Drop:
      n.state = State::Dropped;
      break;
    case ChaosMode::Reorder: {
      n.state = State::Held;
      c.held.push_back(n.seq);
      if (static_cast<int>(c.held.size()) < c.count) break;
      // All held: due together when the last is, delivered last-first.
      std::vector<Notification*> group;
      for (auto seq : c.held) group.push_back(seq == n.seq ? &n : find(seq));
      for (std::size_t i = 0; i < group.size(); ++i) {
        group[i]->state = State::Pending;
        group[i]->due_at = n.due_at;
        group[i]->order = c.held[group.size() - 1 - i];
      }
      break;
    }
  }
  if (--c.remaining <= 0) chaos_.erase(chaos_.begin());
}

void Outbox::enqueue(const std::vector<Change>& changes, core::Duration delay) {
  if (!endpoint_) return;
  for (const Change& c : changes) {
    std::string type = object_type(c.resource);
    if (type.empty()) continue;
    Notification n;
    n.seq = next_seq_++;
    n.order = n.seq;
    n.notification_id = ids_.uuid();
    n.message_id = ids_.uuid();
    n.object_type = type;
    n.object_id = c.id;
    n.charge_permission_id = c.charge_permission_id;
    n.notification_type = c.attribute ? "ATTRIBUTE_CHANGE" : "STATE_CHANGE";
    n.actor = std::string(name(c.actor));
    n.created_at = c.at;
    n.due_at = c.at + delay;
    n.url = endpoint_->url;
    n.signed_ = endpoint_->signed_;
    journal_.push_back(std::move(n));
    // apply_chaos may look up earlier entries: only after the push (no dangling reference).
    apply_chaos(journal_.back());
    dirty_ = true;
  }
}

std::optional<Instant> Outbox::next_due() const {
  std::optional<Instant> next;
  for (const auto& n : journal_)
    if (n.state == State::Pending && (!next || n.due_at < *next)) next = n.due_at;
  return next;
}

std::vector<Notification> Outbox::take_due(Instant now) {
  std::vector<Notification*> due;
  for (auto& n : journal_)
    if (n.state == State::Pending && n.due_at <= now) due.push_back(&n);
  std::sort(due.begin(), due.end(), [](const Notification* a, const Notification* b) {
    return std::pair(a->due_at, a->order) < std::pair(b->due_at, b->order);
  });
  std::vector<Notification> out;
  for (Notification* n : due) {
    n->state = State::Delivering;
    out.push_back(*n);
  }
  if (!out.empty()) dirty_ = true;
  return out;
}

void Outbox::record(std::int64_t seq, const std::vector<Attempt>& attempts) {
  Notification* n = find(seq);
  if (!n || attempts.empty()) return;
  bool ok = false;
  for (const auto& a : attempts) {
    n->attempts.push_back(a);
    ok = ok || (a.status >= 200 && a.status < 300);
  }
  Instant at = attempts.back().at;
  if (ok) {
    n->state = State::Delivered;
  } else if (static_cast<int>(n->attempts.size()) / n->copies < retry_.max_attempts) {
    n->state = State::Pending;
    n->due_at = retry_.interval.after(at);
  } else {
    n->state = State::Failed;
  }
  dirty_ = true;
}

// ---------------------------------------------------------------- JSON

json attempts_json(const std::vector<Attempt>& list) {
  json attempts = json::array();
  for (const auto& a : list) {
    json one{{"at", core::format_iso(a.at)}};
    if (a.error.empty())
      one["status"] = a.status;
    else
      one["error"] = a.error;
    attempts.push_back(one);
  }
  return attempts;
}

json journal_entry(const Notification& n) {
  json attempts = attempts_json(n.attempts);
  return json{{"notificationId", n.notification_id},
              {"messageId", n.message_id},
              {"objectType", n.object_type},
              {"objectId", n.object_id},
              {"chargePermissionId", n.charge_permission_id},
              {"notificationType", n.notification_type},
              {"actor", n.actor},
              {"createdAt", core::format_iso(n.created_at)},
              {"dueAt", n.state == State::Held ? json(nullptr) : json(core::format_iso(n.due_at))},
              {"state", std::string(name(n.state))},
              {"url", n.url},
              {"signed", n.signed_},
              {"copies", n.copies},
              {"attempts", attempts}};
}

json chaos_json(const Chaos& c) {
  json out{{"seq", c.seq},
           {"mode", std::string(name(c.mode))},
           {"count", c.count},
           {"remaining", c.remaining}};
  if (c.mode == ChaosMode::Delay) out["delay"] = core::format_duration(c.delay);
  if (c.mode == ChaosMode::Reorder) out["held"] = c.held.size();
  return out;
}

json Outbox::to_json() const {
  json notifications = json::array();
  for (const auto& n : journal_) {
    json e = journal_entry(n);
    e["seq"] = n.seq;
    e["order"] = n.order;
    e["dueAt"] = core::format_iso(n.due_at);
    notifications.push_back(e);
  }
  json chaos = json::array();
  for (const auto& c : chaos_) {
    json e = chaos_json(c);
    e["delaySeconds"] = c.delay.count();
    e["held"] = c.held;
    chaos.push_back(e);
  }
  return json{{"endpoint", endpoint_ ? json{{"url", endpoint_->url}, {"signed", endpoint_->signed_}}
                                     : json(nullptr)},
              {"retry", {{"interval", retry_.interval_text}, {"maxAttempts", retry_.max_attempts}}},
              {"chaos", chaos},
              {"notifications", notifications},
              {"nextSeq", next_seq_},
              {"ids", ids_.state()}};
}

core::Result<Outbox, std::string> Outbox::from_json(const json& j) {
  Outbox o;
  try {
    if (j.at("endpoint").is_object())
      o.endpoint_ = Endpoint{j.at("endpoint").at("url").get<std::string>(),
                             j.at("endpoint").at("signed").get<bool>()};
    o.retry_.interval_text = j.at("retry").at("interval").get<std::string>();
    auto span = core::parse_time_span(o.retry_.interval_text);
    if (!span) return core::fail("stored retry interval is not a span: " + o.retry_.interval_text);
    o.retry_.interval = *span;
    o.retry_.max_attempts = j.at("retry").at("maxAttempts").get<int>();
    for (const auto& e : j.at("chaos")) {
      Chaos c;
      c.seq = e.at("seq").get<std::int64_t>();
      c.mode = parse_chaos_mode(e.at("mode").get<std::string>()).value_or(ChaosMode::Delay);
      c.count = e.at("count").get<int>();
      c.remaining = e.at("remaining").get<int>();
      c.delay = core::Duration{e.at("delaySeconds").get<std::int64_t>()};
      c.held = e.at("held").get<std::vector<std::int64_t>>();
      o.chaos_.push_back(std::move(c));
    }
    for (const auto& e : j.at("notifications")) {
      Notification n;
      n.seq = e.at("seq").get<std::int64_t>();
      n.order = e.at("order").get<std::int64_t>();
      n.notification_id = e.at("notificationId").get<std::string>();
      n.message_id = e.at("messageId").get<std::string>();
      n.object_type = e.at("objectType").get<std::string>();
      n.object_id = e.at("objectId").get<std::string>();
      n.charge_permission_id = e.at("chargePermissionId").get<std::string>();
      n.notification_type = e.at("notificationType").get<std::string>();
      n.actor = e.value("actor", std::string());
      n.created_at = instant(e.at("createdAt"));
      n.due_at = instant(e.at("dueAt"));
      n.state = parse_state(e.at("state").get<std::string>()).value_or(State::Pending);
      // A delivery cut short by a stop is made again.
      if (n.state == State::Delivering) n.state = State::Pending;
      n.url = e.at("url").get<std::string>();
      n.signed_ = e.at("signed").get<bool>();
      n.copies = e.at("copies").get<int>();
      for (const auto& a : e.at("attempts"))
        n.attempts.push_back(Attempt{instant(a.at("at")), a.value("status", 0),
                                     a.value("error", std::string())});
      o.journal_.push_back(std::move(n));
    }
    o.next_seq_ = j.at("nextSeq").get<std::int64_t>();
    o.ids_.set_state(j.at("ids").get<std::uint64_t>());
  } catch (const nlohmann::json::exception& e) {
    return core::fail(std::string("stored notifications are unreadable: ") + e.what());
  }
  return o;
}

}  // namespace mock_amazon::notifications
