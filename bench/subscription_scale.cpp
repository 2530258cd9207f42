// subscription_scale: a shop with N 定期購入 applications run through 13 monthly cycles
// in-process, as the conformance runner would (mock and shop clocks in lockstep): each cycle
// generates every application's order, authorizes it at Amazon on the application's
// Recurring Charge Permission (a share forced to SoftDeclined → 保留 + 承認失敗), and 入金処理
// (capture) of every authorized order. Reports wall and CPU time, generated orders per second
// and peak memory per size; each size runs in its own child process so its peak is its own.
//
//   subscription_scale [SIZE ...] [--cycles N] [--decline-every K] [--mock-db FILE]
//
// Not a Google Benchmark: one run of minutes is the measurement (see README.md).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "bench/bench_support.hpp"
#include "core/clock.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"
#include "shop_model/shop.hpp"

namespace bench {
namespace {

struct Options {
  std::vector<int> sizes;
  int cycles = 13;
  int decline_every = 20;  // every K-th application per cycle is declined (5 %); 0: none
  std::string mock_db = ":memory:";
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "subscription_scale: %s\n", what.c_str());
  std::exit(2);
}

// The mock and the shop on one simulated clock each, moved together (lockstep), as
// scenarios/steps/context.cpp's advance_until does.
class World {
 public:
  explicit World(const Options& o) : clock_(kStart) {
    mock_amazon::MockOptions mo;
    mo.db_path = o.mock_db;
    mo.start = kStart;
    mo.verify_signatures = false;  // in-process: nothing is signed
    auto opened = mock_amazon::Mock::open(std::move(mo));
    if (!opened) fail("cannot open the mock: " + opened.error());
    mock_ = std::move(opened).value();
    client_ = std::make_unique<mock_amazon::InProcessClient>(*mock_);
    store_ = std::move(shop_model::ShopStore::open(":memory:")).value();
    std::vector<shop_model::Product> catalog = {
        {"subscription", "定期便", core::Yen{3000}, shop_model::ProductType::Subscription}};
    shop_ = std::make_unique<shop_model::Shop>(shop_model::ShopSettings{}, catalog, *client_,
                                               *store_, clock_, 42);
    clock_.add_schedule(shop_.get());
  }
  ~World() { clock_.remove_schedule(shop_.get()); }

  shop_model::Shop& shop() { return *shop_; }
  core::Instant now() const { return clock_.now(); }
  mock_amazon::control::ControlClient control() {
    return mock_amazon::control::ControlClient(*client_);
  }

  // A guest applies (ご購入と同時に会員登録, as SUB-014 requires) and logs out.
  void apply() {
    if (!shop_->add_to_cart("subscription", 1).ok()) fail("add_to_cart failed");
    shop_model::Page pressed = shop_->press_amazon_pay();
    auto* amazon = std::get_if<shop_model::AmazonPageView>(&pressed.screen);
    if (!amazon) {
      auto* cart = std::get_if<shop_model::CartView>(&pressed.screen);
      fail("press_amazon_pay did not go to Amazon: " + (cart ? cart->error : ""));
    }
    auto control_client = control();
    auto walk = mock_amazon::control::walk_hosted_pages(
        control_client, amazon->checkout_session_id, {"taro", "home", "card-1111"},
        [&](const core::HttpResponse& signed_in) -> std::string {
          shop_->navigate(mock_amazon::control::redirect_url(signed_in));
          shop_model::PlaceOrderInput input;
          input.register_member = true;
          if (!std::holds_alternative<shop_model::AmazonPageView>(shop_->place_order(input).screen))
            return "place_order did not go to the payment page";
          return "";
        });
    if (!walk.reached_result_page()) fail("the payment page refused");
    auto done = shop_->navigate(mock_amazon::control::redirect_url(*walk.payment_page));
    if (!std::holds_alternative<shop_model::OrderCompleteView>(done.screen))
      fail("no お申込み完了 page");
    shop_->log_out();
  }

  // Moves both clocks to `target`, never letting one side pass work the other has due.
  void advance_to(core::Instant target) {
    for (;;) {
      core::Instant t = target;
      if (auto s = shop_->next_due(); s && *s < t) t = *s;
      if (mock_next_ && *mock_next_ < t) t = *mock_next_;
      if (t < clock_.now()) t = clock_.now();
      auto moved = control().advance_to(t);
      if (!moved || moved->status != 200) fail("the mock's clock did not move");
      mock_next_ = next_event(moved->body);
      clock_.advance_to(t);
      auto s = shop_->next_due();
      bool pending = (s && *s <= target) || (mock_next_ && *mock_next_ <= target);
      if (t >= target && !pending) return;
    }
  }

 private:
  static std::optional<core::Instant> next_event(const std::string& clock_body) {
    std::string at = json_field(clock_body, "nextEventAt");
    if (at.empty()) return std::nullopt;
    return core::parse_instant(at);
  }

  core::SimulatedClock clock_;
  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::InProcessClient> client_;
  std::unique_ptr<shop_model::ShopStore> store_;
  std::unique_ptr<shop_model::Shop> shop_;
  std::optional<core::Instant> mock_next_;
};

struct Tally {
  long long generated = 0, declined = 0, captured = 0;
};

// One month: force this cycle's declines, move to the cycle's generation (first one a day
// after the applications, then monthly), 入金処理 of every order authorized.
void run_cycle(World& w, const std::vector<std::string>& ids, std::vector<size_t>& seen, int cycle,
               const Options& o, Tally& tally) {
  for (size_t i = 0; o.decline_every > 0 && i < ids.size(); ++i) {
    if ((i + static_cast<size_t>(cycle)) % static_cast<size_t>(o.decline_every) != 0) continue;
    auto s = w.shop().subscription(ids[i]);
    mock_amazon::ForceRequest force{mock_amazon::SimulatedOperation::CreateCharge,
                                    s->charge_permission_id, "SoftDeclined", ""};
    must(w.control().force(force), "force a decline");
  }
  core::TimeSpan to_generation{cycle, core::kDay + core::kHour};
  w.advance_to(to_generation.after(kStart));
  for (size_t i = 0; i < ids.size(); ++i) {
    auto s = w.shop().subscription(ids[i]);
    if (s->order_numbers.size() == seen[i]) fail("no order generated for " + ids[i]);
    for (; seen[i] < s->order_numbers.size(); ++seen[i]) {
      const std::string& n = s->order_numbers[seen[i]];
      ++tally.generated;
      auto status = shop_model::order_authorization_status(*w.shop().order(n));
      if (status == shop_model::AuthorizationStatus::AuthorizationFailed) {
        ++tally.declined;
        continue;
      }
      if (status != shop_model::AuthorizationStatus::Authorized) fail(n + " is not 承認済");
      auto captured = w.shop().capture(n);
      if (!captured.ok() || !captured->error.empty()) fail("入金処理 of " + n + " failed");
      ++tally.captured;
    }
  }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Runs one size in this process and prints its line (the parent adds CPU and memory).
void run_size(int size, const Options& o) {
  World w(o);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < size; ++i) w.apply();
  std::vector<std::string> ids = w.shop().subscription_ids();
  if (ids.size() != static_cast<size_t>(size)) fail("applications missing");
  double setup = seconds_since(t0);
  Tally tally;
  std::vector<size_t> seen(ids.size(), 0);
  auto t1 = std::chrono::steady_clock::now();
  for (int cycle = 0; cycle < o.cycles; ++cycle) run_cycle(w, ids, seen, cycle, o, tally);
  double wall = seconds_since(t1);
  std::printf("%8d %6d %9lld %9lld %8lld %9.2f %12.0f %9.2f", size, o.cycles, tally.generated,
              tally.captured, tally.declined, wall, static_cast<double>(tally.generated) / wall,
              setup);
  std::fflush(stdout);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    auto number = [&](const std::string& text) {
      char* end = nullptr;
      long v = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || v < 0 || v > 10'000'000) fail("not a count: " + text);
      return static_cast<int>(v);
    };
    if (a == "--cycles")
      o.cycles = number(value());
    else if (a == "--decline-every")
      o.decline_every = number(value());
    else if (a == "--mock-db")
      o.mock_db = value();
    else if (a == "--version") {
      std::printf("subscription_scale %s\n", APC_VERSION);
      std::exit(0);
    } else if (a == "-h" || a == "--help") {
      std::puts(
          "usage: subscription_scale [SIZE ...] [--cycles N] [--decline-every K] "
          "[--mock-db FILE] [--version]");
      std::exit(0);
    } else
      o.sizes.push_back(number(a));
  }
  if (o.sizes.empty()) o.sizes = {1000, 10000};
  if (o.cycles < 1) fail("--cycles must be at least 1");
  return o;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bench::Options o = bench::parse(argc, argv);
  std::printf("%8s %6s %9s %9s %8s %9s %12s %9s %9s %9s\n", "subs", "cycles", "orders", "captured",
              "declined", "wall_s", "orders_per_s", "setup_s", "cpu_s", "peak_MiB");
  for (int size : o.sizes) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) bench::fail("fork failed");
    if (pid == 0) {
      bench::run_size(size, o);
      std::_Exit(0);
    }
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
      bench::fail("the run of " + std::to_string(size) + " failed");
    double cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                 static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    std::printf(" %9.2f %9.0f\n", cpu, static_cast<double>(ru.ru_maxrss) / 1024.0);
  }
  return 0;
}
