// Instant Payment Notifications (fact sheet §11): the outbox and journal of the mock's
// notifications, the merchant endpoint they go to, the retry policy and the chaos queued for
// the next ones. Pure bookkeeping on the simulated clock: no I/O (Mock delivers, see
// mock_amazon/mock.cpp; envelope.hpp builds the HTTP request).
//
// Every notification is kept (the journal); pending ones form the outbox. The whole state is
// one JSON document the Mock stores in its database after each request (to_json/from_json),
// so a file-backed mock loses nothing across a restart.
//
// Thread safety: none; the Mock serializes calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/prng.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "mock_amazon/domain/simulation.hpp"

namespace mock_amazon::notifications {

using core::Instant;

// The merchant's IPN endpoint (Seller Central's "Merchant URL").
struct Endpoint {
  std::string url;
  bool signed_ = true;  // false: Signature left empty
};

// Retry when the answer is not 2xx or the transport failed: every `interval`, at most
// `max_attempts` attempts in all. Default: hourly for 14 days (Amazon's v1 IPN guide).
struct RetryPolicy {
  std::string interval_text = "1h";
  core::TimeSpan interval{0, core::kHour};
  int max_attempts = 1 + 14 * 24;
};

enum class ChaosMode { Delay, Duplicate, Reorder, Drop };
std::string_view name(ChaosMode mode);
std::optional<ChaosMode> parse_chaos_mode(std::string_view text);

// What happens to the next `count` notifications.
struct Chaos {
  std::int64_t seq = 0;
  ChaosMode mode = ChaosMode::Delay;
  int count = 1;
  int remaining = 1;
  core::Duration delay{0};          // Delay
  std::vector<std::int64_t> held;   // Reorder: the notifications held so far
};

enum class State { Pending, Held, Delivering, Delivered, Failed, Dropped };
std::string_view name(State state);

struct Attempt {
  Instant at;
  int status = 0;     // 0 when the transport failed
  std::string error;  // the transport's failure
};

struct Notification {
  std::int64_t seq = 0;
  std::string notification_id, message_id;
  std::string object_type;  // CHARGE_PERMISSION, CHARGE, REFUND
  std::string object_id, charge_permission_id;
  std::string notification_type;  // STATE_CHANGE, ATTRIBUTE_CHANGE
  std::string actor;              // who caused the change (name(ChangeActor))
  Instant created_at;
  Instant due_at;
  State state = State::Pending;
  std::int64_t order = 0;  // delivery order among equal due times (reorder chaos permutes it)
  int copies = 1;          // duplicate chaos: 2
  std::string url;         // the endpoint when queued
  bool signed_ = true;
  std::vector<Attempt> attempts;
};

class Outbox {
 public:
  // Forgets everything (control reset); ids restart from the seed.
  void clear(std::uint64_t seed);

  const std::optional<Endpoint>& endpoint() const { return endpoint_; }
  void set_endpoint(std::optional<Endpoint> endpoint);
  const RetryPolicy& retry() const { return retry_; }
  void set_retry(RetryPolicy policy);
  const std::vector<Chaos>& chaos() const { return chaos_; }
  const Chaos& add_chaos(Chaos chaos);  // validated by the caller
  void clear_chaos();

  // One notification per change of a Charge, Refund or Charge Permission, due `delay` after
  // the change; nothing without an endpoint.
  void enqueue(const std::vector<Change>& changes, core::Duration delay);

  // The earliest due time of a pending notification.
  std::optional<Instant> next_due() const;
  // The pending notifications due at or before `now`, in delivery order, now Delivering.
  std::vector<Notification> take_due(Instant now);
  // The answers to one delivery (one per copy): Delivered on any 2xx, else a retry or Failed.
  void record(std::int64_t seq, const std::vector<Attempt>& attempts);

  const std::vector<Notification>& journal() const { return journal_; }

  // Persistence: the whole state as JSON; dirty() until taken.
  nlohmann::json to_json() const;
  static core::Result<Outbox, std::string> from_json(const nlohmann::json& j);
  bool take_dirty() { return std::exchange(dirty_, false); }

 private:
  Notification* find(std::int64_t seq);
  void apply_chaos(Notification& n);

  std::optional<Endpoint> endpoint_;
  RetryPolicy retry_;
  std::vector<Chaos> chaos_;
  std::vector<Notification> journal_;
  std::int64_t next_seq_ = 1;
  core::Prng ids_;
  bool dirty_ = false;
};

// The journal entry as the control API lists it.
nlohmann::json journal_entry(const Notification& n);
// Delivery attempts as the control API lists them: [{at, status | error}].
nlohmann::json attempts_json(const std::vector<Attempt>& attempts);
nlohmann::json chaos_json(const Chaos& c);

}  // namespace mock_amazon::notifications
