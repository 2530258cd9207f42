// A whole shop checkout and 入金処理 per iteration: cart → [amazon pay] → sign-in at Amazon →
// dedicated screen → payment page → ご注文完了 → 入金処理 (capture) → 受注詳細 (open_order).
//
// InProcess: the shop talks to the mock through mock_amazon::InProcessClient (no signing,
// no verification). Http: the mock runs behind HttpServer on 127.0.0.1:0 with signature
// verification on, and the shop signs every API call with the test key through
// core::HttpAmazonPayClient, as in the conformance runner's default transport.
#include <benchmark/benchmark.h>

#include <variant>

#include "bench/bench_support.hpp"
#include "core/amazon_pay_client.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "shop_model/shop.hpp"

namespace bench {
namespace {

// Both stores grow by one order per iteration; start afresh this often (outside the timing)
// so late iterations do not pay for early ones.
constexpr int kResetEvery = 250;

// Counts the Amazon Pay API calls the shop makes (control calls to /__mock are not).
class CountingClient final : public core::AmazonPayClient {
 public:
  explicit CountingClient(core::AmazonPayClient& inner) : inner_(inner) {}
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    if (!mock_amazon::control::is_control_path(request.path)) ++api_calls_;
    return inner_.send(std::move(request));
  }
  long long api_calls() const { return api_calls_; }

 private:
  core::AmazonPayClient& inner_;
  long long api_calls_ = 0;
};

class World {
 public:
  explicit World(bool http) : clock_(kStart) {
    m_ = MockUnderTest::open(/*verify_signatures=*/http, http);
    if (http) {
      core::SignerOptions signer;
      signer.public_key_id = kPublicKeyId;
      signer.region = "jp";
      signer.host = m_->host;
      transport_ = std::make_unique<core::HttpAmazonPayClient>(
          core::HttpClientOptions{.base_url = m_->base_url},
          core::SigningConfig{test_private_key(), signer}, clock_);
    } else {
      transport_ = std::make_unique<mock_amazon::InProcessClient>(*m_->mock);
    }
    client_ = std::make_unique<CountingClient>(*transport_);
    new_shop();
  }

  long long api_calls() const { return client_->api_calls(); }

  // POST /__mock/reset through the shop's own transport, then a fresh shop store.
  void reset() {
    must(control().reset(1, kStart), "reset");
    new_shop();
  }

  // One checkout and capture; "" or what went wrong.
  std::string run_once() {
    if (!shop_->add_to_cart("normal", 1).ok()) return "add_to_cart failed";
    shop_model::Page pressed = shop_->press_amazon_pay();
    auto* amazon = std::get_if<shop_model::AmazonPageView>(&pressed.screen);
    if (!amazon) return "press_amazon_pay did not go to Amazon";
    std::string cs = amazon->checkout_session_id;
    auto control_client = control();
    auto walk = mock_amazon::control::walk_hosted_pages(
        control_client, cs, {"taro", "home", "card-1111"},
        [&](const core::HttpResponse& signed_in) -> std::string {
          auto screen = shop_->navigate(mock_amazon::control::redirect_url(signed_in));
          auto* order_screen = std::get_if<shop_model::AmazonPayOrderView>(&screen.screen);
          if (!order_screen || !order_screen->can_place_order)
            return "dedicated screen refused the order";
          if (!std::holds_alternative<shop_model::AmazonPageView>(shop_->place_order({}).screen))
            return "place_order did not go to the payment page";
          return "";
        });
    if (!walk.reached_result_page())
      return walk.payment_page ? "the payment page refused" : walk.payment_page.error();
    auto done = shop_->navigate(mock_amazon::control::redirect_url(*walk.payment_page));
    auto* complete = std::get_if<shop_model::OrderCompleteView>(&done.screen);
    if (!complete) return "no ご注文完了 page";
    auto captured = shop_->capture(complete->order_number);
    if (!captured.ok() || !captured->error.empty())
      return "入金処理 failed: " + (captured.ok() ? captured->error : captured.error());
    auto opened = shop_->open_order(complete->order_number);
    if (!opened.ok()) return "open_order failed: " + opened.error();
    benchmark::DoNotOptimize(opened);
    return "";
  }

 private:
  void new_shop() {
    shop_.reset();
    store_ = std::move(shop_model::ShopStore::open(":memory:")).value();
    std::vector<shop_model::Product> catalog = {
        {"normal", "通常商品", core::Yen{5000}, shop_model::ProductType::Normal}};
    shop_ = std::make_unique<shop_model::Shop>(shop_model::ShopSettings{}, catalog, *client_,
                                               *store_, clock_, 42);
  }

  // The control API through the shop's own transport (not counted as API calls).
  mock_amazon::control::ControlClient control() {
    return mock_amazon::control::ControlClient(*client_);
  }

  core::SimulatedClock clock_;
  std::unique_ptr<MockUnderTest> m_;
  std::unique_ptr<core::AmazonPayClient> transport_;
  std::unique_ptr<CountingClient> client_;
  std::unique_ptr<shop_model::ShopStore> store_;
  std::unique_ptr<shop_model::Shop> shop_;
};

void run_scenarios(benchmark::State& state, bool http) {
  World world(http);
  long long calls_before = world.api_calls();
  int since_reset = 0;
  for (auto _ : state) {
    if (++since_reset > kResetEvery) {
      state.PauseTiming();
      world.reset();
      since_reset = 1;
      state.ResumeTiming();
    }
    if (std::string error = world.run_once(); !error.empty()) {
      state.SkipWithError(error.c_str());
      break;
    }
  }
  long long calls = world.api_calls() - calls_before;
  state.SetItemsProcessed(state.iterations());  // scenarios/s
  state.counters["api_calls_per_scenario"] =
      state.iterations() ? static_cast<double>(calls) / static_cast<double>(state.iterations()) : 0;
  state.counters["api_calls_per_s"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

void BM_ScenarioEndToEnd_InProcess(benchmark::State& state) {
  run_scenarios(state, false);
}
BENCHMARK(BM_ScenarioEndToEnd_InProcess)->UseRealTime();

void BM_ScenarioEndToEnd_Http(benchmark::State& state) {
  run_scenarios(state, true);
}
BENCHMARK(BM_ScenarioEndToEnd_Http)->UseRealTime();

}  // namespace
}  // namespace bench
