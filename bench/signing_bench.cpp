// Amazon Pay request signing alone: what a shop pays per request (sign) and what the mock
// pays per request when it checks signatures (parse the authorization header + verify).
#include <benchmark/benchmark.h>

#include "bench/bench_support.hpp"

namespace bench {
namespace {

core::HttpRequest sample(bool post) {
  return post ? create_charge_request("S03-1234567-1234567")
              : get_charge_request("S03-1234567-1234567-C123456");
}

void BM_SignRequest(benchmark::State& state) {
  const core::HttpRequest unsigned_request = sample(state.range(0) != 0);
  test_private_key();  // parse the PEM outside the loop
  for (auto _ : state) {
    core::HttpRequest req = unsigned_request;
    sign(req, "127.0.0.1:8443");
    benchmark::DoNotOptimize(req);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignRequest)->ArgName("post")->Arg(0)->Arg(1);

void BM_VerifyRequest(benchmark::State& state) {
  core::HttpRequest req = sample(state.range(0) != 0);
  sign(req, "127.0.0.1:8443");
  const core::PublicKey& key = test_public_key();
  for (auto _ : state) {
    auto auth = core::parse_authorization(*req.header("authorization"));
    core::VerifyResult v = core::verify_request(req, *auth, key);
    if (!v.ok) {
      state.SkipWithError(v.error.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyRequest)->ArgName("post")->Arg(0)->Arg(1);

}  // namespace
}  // namespace bench
