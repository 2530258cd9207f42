// Single API calls against the mock: Get Charge and Create Charge over loopback HTTP
// (one client thread, then several), and through Mock::handle in-process for comparison.
//
// "verify" is the mock checking signatures. In the timed loops the client replays requests
// signed during set-up (valid while the mock's clock stands still), so the figures measure
// the mock, not the client's RSA signing; client_signs=1 adds the signing a real shop does
// per request (BM_SignRequest measures it alone).
#include <benchmark/benchmark.h>

#include <mutex>

#include "bench/bench_support.hpp"
#include "core/http_client.hpp"

namespace bench {
namespace {

// Create Charge calls per permission: ¥1 each against the ¥70,000 over-charge limit, and a
// one-time permission takes 25 charges (its checkout charge is the first).
constexpr int kChargesPerPermission = 24;

// One mock behind a server per verification setting, shared by every thread and run; its
// charge is the one Get Charge reads.
struct Shared {
  std::unique_ptr<MockUnderTest> m;
  std::string charge_id;
  std::mutex setup_mu;  // serializes the threads' set-up checkouts
};

Shared& shared(bool verify) {
  static Shared off, on;
  static std::once_flag once_off, once_on;
  Shared& s = verify ? on : off;
  std::call_once(verify ? once_on : once_off, [&] {
    s.m = MockUnderTest::open(verify, /*http=*/true);
    s.charge_id = checkout(*s.m, 5000).charge_id;
  });
  return s;
}

// Requests for `iterations` Create Charge calls: one request per fresh permission, each used
// kChargesPerPermission times, signed once when the mock verifies.
std::vector<core::HttpRequest> create_charge_plan(MockUnderTest& m,
                                                  benchmark::IterationCount iterations, bool verify,
                                                  const std::string& host) {
  std::vector<core::HttpRequest> plan;
  auto permissions = iterations / kChargesPerPermission + 1;
  for (benchmark::IterationCount i = 0; i < permissions; ++i) {
    core::HttpRequest req = create_charge_request(checkout(m, 5000).charge_permission_id);
    if (verify) sign(req, host);
    plan.push_back(std::move(req));
  }
  return plan;
}

bool answered(benchmark::State& state, const core::Result<core::HttpResponse, std::string>& res,
              int status) {
  if (res && res->status == status) return true;
  state.SkipWithError((res ? "unexpected " + std::to_string(res->status) + ": " + res->body
                           : "transport error: " + res.error())
                          .c_str());
  return false;
}

void BM_GetCharge_Loopback(benchmark::State& state) {
  bool verify = state.range(0) != 0;
  bool client_signs = state.range(1) != 0;
  Shared& s = shared(verify);
  core::HttpClient client(core::HttpClientOptions{.base_url = s.m->base_url});
  core::HttpRequest req = get_charge_request(s.charge_id);
  if (verify) sign(req, s.m->host);
  for (auto _ : state) {
    if (client_signs) {
      req = get_charge_request(s.charge_id);
      sign(req, s.m->host);
    }
    if (!answered(state, client.send(req), 200)) break;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetCharge_Loopback)
    ->ArgNames({"verify", "client_signs"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({1, 1})
    ->UseRealTime();

// Several client threads, one keep-alive connection each; items/s is the total.
void BM_GetCharge_Loopback_Concurrent(benchmark::State& state) {
  Shared& s = shared(state.range(0) != 0);
  core::HttpClient client(core::HttpClientOptions{.base_url = s.m->base_url});
  core::HttpRequest req = get_charge_request(s.charge_id);
  if (state.range(0) != 0) sign(req, s.m->host);
  for (auto _ : state)
    if (!answered(state, client.send(req), 200)) break;
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetCharge_Loopback_Concurrent)
    ->ArgName("verify")
    ->Arg(0)
    ->Arg(1)
    ->Threads(2)
    ->Threads(4)
    ->Threads(8)
    ->UseRealTime();

void BM_CreateCharge_Loopback(benchmark::State& state) {
  bool verify = state.range(0) != 0;
  Shared& s = shared(verify);
  std::vector<core::HttpRequest> plan;
  {
    std::lock_guard lock(s.setup_mu);
    plan = create_charge_plan(*s.m, state.max_iterations, verify, s.m->host);
  }
  core::HttpClient client(core::HttpClientOptions{.base_url = s.m->base_url});
  benchmark::IterationCount i = 0;
  for (auto _ : state) {
    if (!answered(state, client.send(plan[static_cast<size_t>(i++ / kChargesPerPermission)]), 201))
      break;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CreateCharge_Loopback)->ArgName("verify")->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_CreateCharge_Loopback)
    ->Name("BM_CreateCharge_Loopback_Concurrent")
    ->ArgName("verify")
    ->Arg(0)
    ->Arg(1)
    ->Threads(4)
    ->UseRealTime();

// The transport alone: the same server and client with a handler that answers a fixed
// 603-byte Charge, as perf-baselines.md's bare cpp-httplib GET did. The mock's own cost is
// the difference to BM_GetCharge_Loopback.
void BM_HttpOnly_Loopback(benchmark::State& state) {
  static const std::string body(603, 'x');
  mock_amazon::HttpServer server(
      [](const core::HttpRequest&) {
        return core::HttpResponse{200, {{"content-type", "application/json"}}, body};
      },
      mock_amazon::HttpServerOptions{});
  auto port = server.start();
  if (!port) {
    state.SkipWithError(port.error().c_str());
    return;
  }
  core::HttpClient client(core::HttpClientOptions{.base_url = server.base_url()});
  core::HttpRequest req = get_charge_request("S03-1234567-1234567-C123456");
  for (auto _ : state)
    if (!answered(state, client.send(req), 200)) break;
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HttpOnly_Loopback)->UseRealTime();

// The same calls without sockets: the router, JSON, SQLite and (verify=1) RSA-PSS only.
void BM_GetCharge_InProcess(benchmark::State& state) {
  bool verify = state.range(0) != 0;
  auto m = MockUnderTest::open(verify, /*http=*/false);
  core::HttpRequest req = get_charge_request(checkout(*m, 5000).charge_id);
  if (verify) sign(req, "127.0.0.1");
  for (auto _ : state) {
    core::HttpResponse res = m->mock->handle(req);
    if (res.status != 200) {
      state.SkipWithError(res.body.c_str());
      break;
    }
    benchmark::DoNotOptimize(res);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetCharge_InProcess)->ArgName("verify")->Arg(0)->Arg(1);

void BM_CreateCharge_InProcess(benchmark::State& state) {
  bool verify = state.range(0) != 0;
  auto m = MockUnderTest::open(verify, /*http=*/false);
  std::vector<core::HttpRequest> plan =
      create_charge_plan(*m, state.max_iterations, verify, "127.0.0.1");
  benchmark::IterationCount i = 0;
  for (auto _ : state) {
    core::HttpResponse res =
        m->mock->handle(plan[static_cast<size_t>(i++ / kChargesPerPermission)]);
    if (res.status != 201) {
      state.SkipWithError(res.body.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CreateCharge_InProcess)->ArgName("verify")->Arg(0)->Arg(1);

}  // namespace
}  // namespace bench
