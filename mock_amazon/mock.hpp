// The Amazon Pay v2 mock as one object: store, simulated clock, service and the route tables
// that answer HTTP-shaped requests (mock.cpp; the routes are in transport/). The HTTP server
// and the in-process client both call handle(), so every transport gets identical answers.
//
// Thread safety: handle() and the accessors may be called from any thread; one mutex
// serializes them, so the service never sees concurrency it does not model. What needs no
// state (signature verification, JSON parsing) runs before the lock, on the caller's thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/clock.hpp"
#include "core/http_types.hpp"
#include "core/prng.hpp"
#include "core/result.hpp"
#include "core/signing.hpp"
#include "mock_amazon/notifications/envelope.hpp"
#include "mock_amazon/notifications/outbox.hpp"
#include "mock_amazon/service/service.hpp"
#include "mock_amazon/store/store.hpp"
#include "mock_amazon/transport/request_journal.hpp"

namespace mock_amazon {
namespace transport {
struct MockParts;
}

// Status of an HttpResponse that asks the transport to drop the connection without an
// answer (fault injection). The body says which fault: "timeout" or "connection reset".
inline constexpr int kNoResponse = -1;

// How the simulated clock moves. Simulated: only when told (POST /__mock/clock/advance), what
// the harness needs for reproducible runs. Realtime: it also follows wall time from the
// mock's start, so a merchant's own code polling Get Charge sees a pending authorization
// settle after the async delay, as in Amazon's sandbox (amazon-pay-mock --clock realtime).
enum class ClockMode { Simulated, Realtime };
std::string_view name(ClockMode mode);
std::optional<ClockMode> parse_clock_mode(std::string_view text);

struct MockOptions {
  std::string db_path = ":memory:";
  std::uint64_t seed = 1;
  // Clock reading for a new database; ignored when the database already holds one.
  std::optional<core::Instant> start;
  ServiceConfig service;
  bool verify_signatures = true;
  // Public keys registered like Seller Central's: (public key id, PEM).
  std::vector<std::pair<std::string, std::string>> public_keys;
  core::Duration max_clock_skew{15 * 60};
  // Real time, used only to judge x-amz-pay-date from clients that sign with wall-clock time
  // (the official SDKs). A date within the skew of either clock is accepted.
  const core::Clock* wall_clock = nullptr;
  // Realtime needs wall_clock: simulated now = start + (wall now − wall at open) + advances.
  ClockMode clock_mode = ClockMode::Simulated;
  // Where clients reach this mock: the base of the notifications' SigningCertURL. The HTTP
  // server's URL when served (Mock::set_public_base_url); a placeholder in process.
  std::string public_base_url = "http://mock-amazon.invalid";
  // Instant Payment Notifications: due this long after their change on the simulated clock.
  core::Duration notification_delay{0};
  // The merchant endpoint to set on open (main's --ipn-url); absent: keep the stored one.
  std::optional<std::string> ipn_url;
  bool ipn_signed = true;
  // When set, every /__mock/ call must carry it (`x-mock-control-token: TOKEN` or
  // `Authorization: Bearer TOKEN`), else 401 UnauthorizedAccess: required by amazon-pay-mock
  // to listen beyond loopback, where anyone could otherwise reset or steer the mock.
  std::string control_token;
  // Entries the request journal keeps (GET /__mock/requests); 0 records nothing.
  std::size_t journal_size = transport::RequestJournal::kDefaultCapacity;
};

// What the mock computed for a request whose signature did not verify.
struct SignatureLogEntry {
  std::string at;  // simulated time
  std::string method, path, public_key_id, error;
  std::string canonical_request, string_to_sign;
};

class Mock {
 public:
  static core::Result<std::unique_ptr<Mock>, std::string> open(MockOptions options);
  ~Mock();
  Mock(const Mock&) = delete;
  Mock& operator=(const Mock&) = delete;

  // Answers one request. POST /__mock/clock/advance also delivers the notifications falling
  // due on the way, each without holding the mock's lock: a receiver may call back into the
  // mock (same thread or another) while it is notified. Every exchange but a read of the
  // journal goes to the request journal (GET /__mock/requests).
  core::HttpResponse handle(const core::HttpRequest& request);

  core::Instant now();

  // Group commit's figures since open (mock_commit.cpp): transactions committed for
  // requests, and the requests they held.
  struct CommitStats {
    std::uint64_t groups = 0;
    std::uint64_t requests = 0;
  };
  CommitStats commit_stats();

  // ClockMode::Realtime: moves the simulated clock on by the wall time passed since the last
  // call (or since open), running everything due and delivering the notifications due on the
  // way, like an advance. handle() calls it first; amazon-pay-mock also calls it every second
  // so notifications go out while no request arrives. Does nothing in Simulated mode.
  void follow_wall_clock();
  const MockOptions& options() const { return options_; }

  // Replaces how notifications are sent (default: HTTP POST with core::HttpClient), e.g. to
  // hand them to an in-process receiver.
  void set_notification_sender(notifications::Sender sender);
  void set_public_base_url(std::string url);
  // Where amazonPayRedirectUrl points and the hosted pages are served (hosted_pages.hpp).
  void set_hosted_base_url(std::string url);

 private:
  Mock(MockOptions options, std::unique_ptr<Store> store);

  core::HttpResponse recorded(const core::HttpRequest& request, core::HttpResponse response);
  core::HttpResponse advance(const core::HttpRequest& request);
  // Moves the clock to `target` in steps, delivering the notifications due on the way with
  // the lock released (mock_advance.cpp). Called with `lock` held and a transaction begun;
  // returns with it committed; throws on a failure (the caller discards the transaction).
  void run_clock_to(std::unique_lock<std::mutex>& lock, core::Instant target,
                    nlohmann::json& changes, nlohmann::json& delivered);
  // After a failure: nothing of the transaction is kept.
  void discard_transaction();
  transport::MockParts parts();
  // Queues notifications for the changes the service recorded, and stores the outbox.
  void queue_notifications();
  void reload_notifications();
  void log_changes(const std::vector<Change>& changes);

  core::HttpResponse finish(core::HttpResponse response);
  // The clock and id generators' states, each written when it changed. The request-id
  // generator moves on every answer, reads included: it is written only with a request that
  // writes anyway (`with_request_ids`), and when the mock closes, so that a read writes
  // nothing. After a SIGKILL, ids already given to reads since the last write may repeat.
  void persist_runtime_state(bool with_request_ids = true);
  void reset(std::uint64_t seed, core::Instant start);

  // ---- group commit (mock_commit.cpp)
  // Requests that arrive together share one transaction, each under a savepoint of it, and
  // their answers leave once it is committed: one COMMIT, and one write of the pages they
  // share, for the lot. Nothing is answered before it is in the database file.
  struct Ticket {
    std::uint64_t group = 0;  // the transaction the request ran in
    bool savepoint = false;   // it joined one that had begun: its own part can be undone
  };
  // Called with mu_ held, before the request's work.
  Ticket join_group();
  // The request succeeded (`wrote`: it changed a row) or failed: its part of the group is
  // kept or undone.
  void keep_request(const Ticket& ticket, bool wrote);
  void undo_request(const Ticket& ticket);
  // Called with mu_ held after the request's work: waits until its group is committed, by
  // itself when no other request is working, else by the last one to finish. Answers 500
  // when the COMMIT failed.
  core::HttpResponse await_commit(std::unique_lock<std::mutex>& lock, const Ticket& ticket,
                                  core::HttpResponse response);
  void commit_group();
  void fail_group(const std::string& why);  // rolls the group back; its members answer 500
  void close_group();
  // Commits the open group, if any: before a transaction of the mock's own (advance,
  // realtime steps, closing).
  void settle_group();

  MockOptions options_;
  std::mutex mu_;
  std::unique_ptr<Store> store_;
  core::SimulatedClock clock_;
  core::Prng prng_;
  core::Prng request_ids_;
  Service service_;
  std::vector<std::pair<std::string, core::PublicKey>> keys_;
  std::deque<SignatureLogEntry> signature_log_;
  std::deque<Change> change_log_;  // the latest changes, any actor (GET /__mock/changes)
  transport::RequestJournal journal_;
  notifications::Outbox outbox_;
  notifications::Sender sender_;
  struct Persisted {
    std::optional<std::uint64_t> clock, prng, request_ids;
  } persisted_;
  std::optional<core::Instant> wall_seen_;  // Realtime: the wall clock's latest reading

  std::atomic<int> working_{0};  // API and control requests between arrival and their commit wait
  // Requests left to yield the processor before committing: a few when two requests are
  // seen at once, many while that fills groups. A lone client (the in-process runner, one
  // HTTP client) never yields, and one overlap (a client's retry) costs at most a few yields,
  // each of which may hand the processor to another process for its time slice.
  std::atomic<int> yields_left_{0};
  static constexpr int kProbeYields = 2;
  static constexpr int kYieldsAfterOverlap = 64;
  std::condition_variable group_closed_;
  struct Group {
    std::uint64_t open = 0;    // the open transaction's number (0: none yet)
    std::uint64_t closed = 0;  // the last one committed or rolled back
    std::uint64_t failed = 0;  // the last one whose COMMIT failed
    std::string failure;       // ... and why
    bool wrote = false;        // a member changed a row
    int members = 0;
  } group_;
  CommitStats commit_stats_;
};

}  // namespace mock_amazon
