// The access log (amazon-pay-mock --access-log FILE|-): one JSON object a line for every request
// the HTTP server answered or dropped, written after the answer. The HTTP layer's own record:
// wall-clock time and duration (the request journal keeps simulated time instead).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.hpp"

namespace mock_amazon {

// One exchange as the HTTP server saw it.
struct AccessRecord {
  std::chrono::system_clock::time_point time;  // when the answer was written
  std::string remote;                          // "127.0.0.1:54321"
  std::string method, path, query;             // path and query as sent
  int status = 0;                              // 0: dropped without an answer
  std::size_t bytes = 0;                       // response body
  std::chrono::microseconds duration{0};       // request head read → answer written
  std::string request_id;                      // x-amz-pay-request-id, if any
  std::string reason_code;                     // of an error answer, if any
};

// {"time":"2026-12-07T18:30:03.123Z","remote":...,"method":...,"path":...,"query":...,
// "status":201,"bytes":812,"durationMs":0.412,"requestId":...,"reasonCode":...} (the last
// two only when present; status null for a dropped connection), without a newline.
std::string access_log_line(const AccessRecord& record);

class AccessLog {
 public:
  // "-" is standard output; any other text a file, appended to.
  static core::Result<std::unique_ptr<AccessLog>, std::string> open(const std::string& target);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Writes one line and flushes it (the log is read while the mock runs); thread-safe.
  void write(const AccessRecord& record);

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::mutex mu_;
  std::FILE* file_;
  bool owned_;
};

}  // namespace mock_amazon
