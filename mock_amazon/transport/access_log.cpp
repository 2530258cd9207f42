// The access log's line format and its file.
#include "mock_amazon/transport/access_log.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace mock_amazon {
namespace {

// 2026-12-07T18:30:03.123Z
std::string format_wall_time(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms % 1000));
  return text;
}

}  // namespace

std::string access_log_line(const AccessRecord& r) {
  nlohmann::json line{{"time", format_wall_time(r.time)},
                      {"remote", core::valid_utf8(r.remote)},
                      {"method", core::valid_utf8(r.method)},
                      {"path", core::valid_utf8(r.path)},
                      {"query", core::valid_utf8(r.query)},
                      {"status", r.status > 0 ? nlohmann::json(r.status) : nlohmann::json()},
                      {"bytes", r.bytes},
                      {"durationMs", static_cast<double>(r.duration.count()) / 1000.0}};
  if (!r.request_id.empty()) line["requestId"] = core::valid_utf8(r.request_id);
  if (!r.reason_code.empty()) line["reasonCode"] = core::valid_utf8(r.reason_code);
  return line.dump();
}

core::Result<std::unique_ptr<AccessLog>, std::string> AccessLog::open(const std::string& target) {
  if (target.empty()) return core::fail(std::string("--access-log needs a file name or -"));
  if (target == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  std::FILE* file = std::fopen(target.c_str(), "a");
  if (!file)
    return core::fail("cannot open access log " + target + ": " + std::strerror(errno));
  return std::unique_ptr<AccessLog>(new AccessLog(file, true));
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

void AccessLog::write(const AccessRecord& record) {
  std::string line = access_log_line(record);
  line += '\n';
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace mock_amazon
