// The request journal (GET /__mock/requests): the latest exchanges the mock answered, API and
// control alike, in a bounded ring in memory. Not durable: a restart starts it empty; POST
// /__mock/reset empties it and numbers from 1 again. Times are the simulated clock's.
//
// Recording is cheap on purpose (Mock::handle calls it for every request, in process too):
// bodies and header values are cut to a bound and secrets redacted as they are copied into
// the slot of the entry they replace, whose buffers are reused (once the ring is full a
// request allocates nothing); the UTF-8 repair and JSON encoding happen only when the journal
// is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "mock_amazon/domain/reason_code.hpp"

namespace mock_amazon::transport {

struct JournalEntry {
  std::uint64_t seq = 0;
  core::Instant at;
  std::string method, path, query;
  core::Headers request_headers;  // values cut to kHeaderBytes, secrets redacted
  std::string request_body;       // at most kBodyBytes
  std::size_t request_body_bytes = 0;
  int status = 0;  // kNoResponse: the connection was dropped (fault injection)
  std::string reason_code;
  core::Headers response_headers;
  std::string response_body;
  std::size_t response_body_bytes = 0;
};

// What GET /__mock/requests?method=&path=&status=&since=&limit= asks for.
struct JournalFilter {
  std::string method;                 // case-insensitive; empty: any
  std::string path_prefix;            // empty: any
  int status_lo = 0, status_hi = 0;   // inclusive; 0/0: any ("4xx" is 400-499)
  std::uint64_t after_seq = 0;        // since=N
  std::optional<core::Instant> from;  // since=TIME
  std::size_t limit = 0;              // the latest `limit` matches; 0: all
};

// The filter in a raw query string, or 400 InvalidParameterValue naming the bad parameter.
core::Result<JournalFilter, AmazonError> parse_journal_filter(std::string_view raw_query);

class RequestJournal {
 public:
  static constexpr std::size_t kDefaultCapacity = 1000;
  static constexpr std::size_t kMaxCapacity = 100'000;
  static constexpr std::size_t kBodyBytes = 8192;
  static constexpr std::size_t kHeaderBytes = 1024;

  explicit RequestJournal(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Keeps one exchange (the oldest goes when full); reads of the journal itself and
  // everything when the capacity is 0 are skipped.
  void record(const core::HttpRequest& request, const core::HttpResponse& response,
              core::Instant at);
  // DELETE /__mock/requests: empties it; numbering goes on, so a poller's `since` stays valid.
  void clear() { first_ = size_ = 0; }
  // POST /__mock/reset: empties it and numbers from 1 again.
  void restart() {
    clear();
    next_seq_ = 1;
  }

  // {requests: [...oldest first], capacity, nextSeq}.
  nlohmann::json to_json(const JournalFilter& filter) const;

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }

 private:
  JournalEntry& next_slot();

  // A ring that grows to capacity_ and then overwrites its oldest slot. While it is not full
  // first_ is 0 (clear() keeps the slots and their buffers for reuse).
  std::vector<JournalEntry> ring_;
  std::size_t first_ = 0, size_ = 0;
  std::size_t capacity_;
  std::uint64_t next_seq_ = 1;
};

// The reasonCode of an error answer's body as the mock writes it ({"message":...,
// "reasonCode":"X"}), found without parsing; "" for a status below 400 or none found.
std::string reason_code_in(int status, std::string_view body);

}  // namespace mock_amazon::transport
