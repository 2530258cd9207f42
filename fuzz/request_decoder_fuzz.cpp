// libFuzzer target: the mock's request decoding. The first input byte picks an operation
// (API and control alike), the second a header variant, the rest is the body; Mock::handle
// must answer every input with JSON, never with a 500 (which would mean an exception escaped
// a decoder) — anything else aborts, and libFuzzer keeps the input. POST /__mock/faults is
// left out: the faults it queues answer 500 or nothing on purpose.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "mock_amazon/mock.hpp"

namespace {

struct Target {
  const char* method;
  const char* path;
};

constexpr Target kTargets[] = {
    {"POST", "/v2/checkoutSessions"},
    {"PATCH", "/v2/checkoutSessions/x"},
    {"POST", "/v2/checkoutSessions/x/complete"},
    {"PATCH", "/v2/chargePermissions/S03-0000000-0000000"},
    {"DELETE", "/v2/chargePermissions/S03-0000000-0000000/close"},
    {"POST", "/v2/charges"},
    {"POST", "/sandbox/v2/charges/S03-0000000-0000000-C000000/capture"},
    {"DELETE", "/v2/charges/S03-0000000-0000000-C000000/cancel"},
    {"POST", "/v2/refunds"},
    {"POST", "/__mock/clock/advance"},
    {"POST", "/__mock/reset"},
    {"POST", "/__mock/force"},
    {"POST", "/__mock/notifications/chaos"},
    {"PUT", "/__mock/notifications/retry"},
    {"POST", "/__mock/seller-central/charges/x/refund"},
};

mock_amazon::Mock& mock() {
  static std::unique_ptr<mock_amazon::Mock> m = [] {
    mock_amazon::MockOptions options;
    options.verify_signatures = false;
    options.start = core::parse_instant("2026-01-05T00:00:00Z");
    return std::move(mock_amazon::Mock::open(options)).value();
  }();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const Target& t = kTargets[data[0] % std::size(kTargets)];
  core::HttpRequest req;
  req.method = t.method;
  req.path = t.path;
  req.headers = {{"content-type", "application/json"}};
  std::string rest(reinterpret_cast<const char*>(data + 2), size - 2);
  if (data[1] & 1) req.headers.emplace_back("x-amz-pay-idempotency-key", rest.substr(0, 40));
  if (data[1] & 2) req.headers.emplace_back("x-amz-pay-simulation-code", rest.substr(0, 40));
  req.body = std::move(rest);
  core::HttpResponse res = mock().handle(req);
  if (res.status == 500 || res.status == mock_amazon::kNoResponse ||
      !nlohmann::json::accept(res.body)) {
    std::fprintf(stderr, "%s %s → %d %s\n", t.method, t.path, res.status, res.body.c_str());
    std::abort();
  }
  return 0;
}
