// Group commit: requests that arrive together share one store transaction.
//
// A request still runs alone under the mock's lock, but inside the open transaction (under a
// SAVEPOINT once that transaction has written, so a failing request undoes only its own
// part), and its answer waits until the transaction is committed. The request that finds no
// other request working commits, for every member at once: on a busy server one COMMIT and
// one write of the pages they all touch (the permission's row, the end of the event queue,
// the mock's state rows) serve several requests. A lone client's requests are each
// committed at once, as before; none is answered before it is in the database file.
//
// On one processor, the requests that have arrived are runnable but not running while one
// works, so none would overlap it. A request about to commit therefore first yields the
// processor once, when two requests were seen at once lately: the runnable ones come in and
// join the group. A group that has run no SQL (GETs the caches answer) is closed at once.
#include <chrono>
#include <string>
#include <thread>

#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/responses.hpp"

namespace mock_amazon {
namespace {

constexpr const char* kSavepoint = "request";
// A member waits this long at most for the others before committing the group itself (they
// are then all outside the lock, e.g. checking a signature).
constexpr auto kMaxWait = std::chrono::milliseconds(2);

}  // namespace

Mock::Ticket Mock::join_group() {
  Ticket ticket;
  if (!store_->in_transaction()) {
    store_->begin();
    group_.open = group_.closed + 1;
    group_.wrote = false;
    group_.members = 0;
  } else if (store_->begun()) {
    try {
      store_->savepoint(kSavepoint);
      ticket.savepoint = true;
    } catch (const std::exception& e) {
      fail_group(e.what());  // a storage failure: the members so far answer 500
      return join_group();
    }
  }
  ticket.group = group_.open;
  ++group_.members;
  return ticket;
}

void Mock::keep_request(const Ticket& ticket, bool wrote) {
  if (ticket.savepoint) store_->release(kSavepoint);
  group_.wrote = group_.wrote || wrote;
}

void Mock::undo_request(const Ticket& ticket) {
  if (ticket.savepoint) {
    store_->rollback_to(kSavepoint);
  } else {
    // The group had not written before this request: the others only read.
    store_->rollback();
    close_group();
  }
  persisted_ = {};
  service_.take_changes();
  reload_notifications();
}

core::HttpResponse Mock::await_commit(std::unique_lock<std::mutex>& lock, const Ticket& ticket,
                                      core::HttpResponse response) {
  const bool last = working_.fetch_sub(1) == 1;
  if (!store_->begun()) {
    // The group has run no SQL (reads the caches answered): nothing to make durable, nothing
    // to wait for.
    if (group_.closed < ticket.group) commit_group();
  } else if (last && yields_left_.load() > 0) {
    yields_left_.fetch_sub(1);
    lock.unlock();
    std::this_thread::yield();
    lock.lock();
  }
  while (group_.closed < ticket.group) {
    if (working_.load() == 0) {
      commit_group();
      break;
    }
    if (group_closed_.wait_for(lock, kMaxWait) == std::cv_status::timeout &&
        group_.closed < ticket.group) {
      commit_group();
      break;
    }
  }
  if (group_.failed != ticket.group) return response;
  return finish(transport::error_response(ReasonCode::InternalServerError,
                                          "mock failure: " + group_.failure));
}

void Mock::commit_group() {
  if (!store_->in_transaction()) return;
  if (group_.members > 1 && store_->begun()) yields_left_.store(kYieldsAfterOverlap);
  try {
    persist_runtime_state(group_.wrote);
    store_->commit();
  } catch (const std::exception& e) {
    fail_group(e.what());
    return;
  }
  ++commit_stats_.groups;
  commit_stats_.requests += static_cast<std::uint64_t>(group_.members);
  close_group();
}

void Mock::fail_group(const std::string& why) {
  discard_transaction();
  group_.failed = group_.open;
  group_.failure = why;
  close_group();
}

void Mock::close_group() {
  group_.closed = group_.open;
  group_closed_.notify_all();
}

Mock::CommitStats Mock::commit_stats() {
  std::lock_guard lock(mu_);
  return commit_stats_;
}

void Mock::settle_group() {
  if (store_->in_transaction()) commit_group();
}

}  // namespace mock_amazon
