// Issue #11: the real amazon-pay-mock on a --db file, SIGKILLed several times in the middle of a
// stream of writes. After every restart on the same file each acknowledged object (an answer
// 201 was received) is still there (GET) and a replay of its create with the same idempotency
// key answers the same object. Writes cut by the kill are never checked: they may or may not
// have committed, both are correct.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/http_client.hpp"
#include "core/json.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The mock as a child process; its stdout is read until "port N".
class MockProcess {
 public:
  explicit MockProcess(const std::string& db) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test that failed half-way
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execl(APC_MOCK_BINARY, APC_MOCK_BINARY, "--db", db.c_str(), "--port", "0", "--no-verify",
              "--start", "2026-01-05T00:00:00Z", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    FILE* in = ::fdopen(out[0], "r");
    char line[512];
    while (port_ == 0 && std::fgets(line, sizeof(line), in) != nullptr)
      std::sscanf(line, "port %d", &port_);
    std::fclose(in);  // the mock writes nothing more to stdout; a closed pipe is harmless
    if (port_ == 0) throw std::runtime_error("amazon-pay-mock printed no port");
  }
  ~MockProcess() { kill(); }
  MockProcess(const MockProcess&) = delete;
  MockProcess& operator=(const MockProcess&) = delete;

  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  pid_t pid() const { return pid_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
};

// An acknowledged create: how to replay it and where to read the object.
struct Acked {
  std::string path;  // "/v2/checkoutSessions" or "/v2/charges"
  std::string key;
  std::string body;
  std::string id_field;
  std::string id;
};

class Driver {
 public:
  explicit Driver(const std::string& base_url)
      : client_({.base_url = base_url, .read_timeout = std::chrono::milliseconds(5000)}) {}

  // nullopt when the connection broke (the mock was killed).
  std::optional<core::HttpResponse> send(const std::string& method, const std::string& path,
                                         const std::string& body, const std::string& key = {}) {
    core::HttpRequest req{method, path, "", {{"content-type", "application/json"}}, body};
    if (!key.empty()) req.headers.emplace_back("x-amz-pay-idempotency-key", key);
    auto res = client_.send(req);
    if (!res) return std::nullopt;
    return *res;
  }

 private:
  core::HttpClient client_;
};

std::string session_body(int i) {
  return json{{"webCheckoutDetails",
               {{"checkoutReviewReturnUrl", "https://shop.example/review?" + std::to_string(i)}}},
              {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"}}
      .dump();
}

json yen(long long amount) {
  return {{"amount", std::to_string(amount)}, {"currencyCode", "JPY"}};
}

// One step of the stream: a session (acknowledged on 201), walked to a Confirm-only charge
// permission, then a charge on it (acknowledged on 201). False when the mock went away.
bool one_step(Driver& d, int i, std::vector<Acked>& acked) {
  const std::string sbody = session_body(i), skey = "cs-" + std::to_string(i);
  auto cs = d.send("POST", "/v2/checkoutSessions", sbody, skey);
  if (!cs) return false;
  EXPECT_EQ(cs->status, 201) << cs->body;
  const std::string sid = json::parse(cs->body)["checkoutSessionId"];
  acked.push_back({"/v2/checkoutSessions", skey, sbody, "checkoutSessionId", sid});

  const std::string base = "/__mock/checkout-sessions/" + sid;
  const json price = yen(500 + i);
  auto in = d.send("POST", base + "/sign-in",
                   R"({"buyer":"taro","address":"home","paymentMethod":"card-1111"})");
  auto upd =
      in ? d.send("PATCH", "/v2/checkoutSessions/" + sid,
                  json{{"webCheckoutDetails",
                        {{"checkoutResultReturnUrl", "https://shop.example/result"}}},
                       {"paymentDetails", {{"paymentIntent", "Confirm"}, {"chargeAmount", price}}}}
                      .dump())
         : std::nullopt;
  auto page = upd ? d.send("POST", base + "/payment-page", "{}") : std::nullopt;
  auto done = page ? d.send("POST", "/v2/checkoutSessions/" + sid + "/complete",
                            json{{"chargeAmount", price}}.dump())
                   : std::nullopt;
  if (!done) return false;
  EXPECT_EQ(done->status, 200) << done->body;
  const std::string cp = json::parse(done->body)["chargePermissionId"];

  const std::string cbody = json{{"chargePermissionId", cp}, {"chargeAmount", price}}.dump();
  const std::string ckey = "ch-" + std::to_string(i);
  auto ch = d.send("POST", "/v2/charges", cbody, ckey);
  if (!ch) return false;
  EXPECT_EQ(ch->status, 201) << ch->body;
  acked.push_back({"/v2/charges", ckey, cbody, "chargeId", json::parse(ch->body)["chargeId"]});
  return true;
}

void expect_all_there(const std::string& base_url, const std::vector<Acked>& acked, int restart) {
  Driver d(base_url);
  for (const Acked& a : acked) {
    auto got = d.send("GET", a.path + "/" + a.id, "");
    ASSERT_TRUE(got) << "restart " << restart;
    EXPECT_EQ(got->status, 200) << "restart " << restart << " " << a.id << ": " << got->body;
    auto replay = d.send("POST", a.path, a.body, a.key);
    ASSERT_TRUE(replay) << "restart " << restart;
    EXPECT_EQ(replay->status, 201) << "restart " << restart << " " << a.key << ": " << replay->body;
    EXPECT_EQ(json::parse(replay->body).value(a.id_field, ""), a.id) << "restart " << restart;
  }
}

// `clients` drivers stream at once (their steps numbered apart); with more than one, the
// mock commits their writes in shared transactions (group commit), killed mid-group too.
void stream_and_kill(int clients, unsigned seed) {
  std::signal(SIGPIPE, SIG_IGN);  // writes to a killed mock must fail, not end the test
  const fs::path dir = fs::temp_directory_path() /
                       ("apc-crash-" + std::to_string(::getpid()) + "-" + std::to_string(clients));
  fs::create_directories(dir);
  const std::string db = (dir / "mock.db").string();
  std::vector<Acked> acked;
  std::mutex acked_mu;
  std::mt19937 rng(seed);
  std::vector<int> steps(static_cast<size_t>(clients));
  for (int c = 0; c < clients; ++c) steps[static_cast<size_t>(c)] = c * 100000;
  constexpr int kKills = 4;
  for (int restart = 0; restart <= kKills; ++restart) {
    MockProcess mock(db);
    expect_all_there(mock.base_url(), acked, restart);
    if (::testing::Test::HasFatalFailure()) break;
    if (restart == kKills) {  // a last calm stretch: the restarted mock takes new writes
      Driver d(mock.base_url());
      for (int i = 0; i < 5; ++i) ASSERT_TRUE(one_step(d, steps[0]++, acked));
      break;
    }
    // The kill lands at a random point of the streams, usually inside a request.
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(40, 160)(rng));
    std::jthread killer([&mock, delay] {
      std::this_thread::sleep_for(delay);
      ::kill(mock.pid(), SIGKILL);
    });
    std::vector<std::jthread> streams;
    for (int c = 0; c < clients; ++c)
      streams.emplace_back([&, c] {
        Driver d(mock.base_url());
        int& step = steps[static_cast<size_t>(c)];
        std::vector<Acked> mine;
        while (one_step(d, step, mine)) ++step;
        ++step;  // the interrupted step's keys are not reused
        std::lock_guard lock(acked_mu);
        acked.insert(acked.end(), mine.begin(), mine.end());
      });
    streams.clear();  // joins
    killer.join();
    mock.kill();  // reaps it
  }
  std::printf(
      "[   INFO   ] %zu acknowledged objects from %d client(s) checked across %d SIGKILLs\n",
      acked.size(), clients, kKills);
  EXPECT_GE(acked.size(), static_cast<size_t>(kKills + 5));
  fs::remove_all(dir);
}

TEST(CrashRestart, AcknowledgedWritesSurviveSigkillAndReplayIdempotently) {
  stream_and_kill(1, 11);
}

TEST(CrashRestart, ConcurrentClientsAcknowledgedWritesSurviveSigkill) {
  stream_and_kill(4, 12);
}

}  // namespace
