// apc_bare_server: the bare cpp-httplib servers of ../shared/guide/perf-baselines.md ("srv"),
// rebuilt here so that bench/ratios.sh can run them beside the mock in one session and
// report the mock's throughput as ratios of them. Tuned like the baseline: ThreadPool(64),
// keep-alive 1000, TCP_NODELAY.
//
//   apc_bare_server MODE PORT [PUBLIC_KEY_PEM] [DB]
//
//   get            any GET: a fixed 603-byte Charge body (the baseline's bodies/get.json)
//   verify-get     any GET: checks its Amazon-Pay V2 signature as the mock does
//                  (core::parse_authorization + core::verify_request, key loaded once), then
//                  the fixed body; 401 when it does not verify
//   verify-insert  any POST: verify, nlohmann parse, set chargeId, INSERT into SQLite (file DB,
//                  WAL, synchronous=NORMAL, one connection behind a mutex), echo (201)
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "core/json.hpp"
#include "core/signing.hpp"

namespace {

const char* const kGetBody =
    R"({"chargeId":"S01-5105180-3221187-C056351","chargePermissionId":"S01-5105180-3221187","chargeAmount":{"amount":"14.00","currencyCode":"USD"},"captureAmount":{"amount":"14.00","currencyCode":"USD"},"refundedAmount":{"amount":"0.00","currencyCode":"USD"},"convertedAmount":null,"merchantMetadata":{"merchantReferenceId":"order-000123456","merchantStoreName":"My Store","noteToBuyer":null,"customInformation":null},"statusDetails":{"state":"Captured","reasonCode":null,"reasonDescription":null,"lastUpdatedTimestamp":"20240714T155300Z"},"creationTimestamp":"20240714T155300Z","releaseEnvironment":"Sandbox"})";

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "apc_bare_server: %s\nusage: apc_bare_server get|verify-get|verify-insert "
               "PORT [PUBLIC_KEY_PEM] [DB]\n", why.c_str());
  std::exit(2);
}

// The request as the mock's transport hands it on (http_server.cpp's to_core, without the
// pseudo-headers' filtering, which verification does not look at).
bool verified(const httplib::Request& req, const core::PublicKey& key) {
  core::HttpRequest r;
  r.method = req.method;
  const std::string& target = req.target.empty() ? req.path : req.target;
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  for (const auto& [name, value] : req.headers) r.headers.emplace_back(name, value);
  r.body = req.body;
  const std::string* header = r.header("authorization");
  if (!header) return false;
  auto auth = core::parse_authorization(*header);
  return auth && core::verify_request(r, *auth, key).ok;
}

struct Db {
  sqlite3* db = nullptr;
  sqlite3_stmt* insert = nullptr;
  std::mutex mu;
  std::atomic<long> seq{0};

  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) die("cannot open " + path);
    char* err = nullptr;
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; DROP TABLE IF EXISTS "
                     "charges; CREATE TABLE charges(id TEXT PRIMARY KEY, state TEXT, amount "
                     "INTEGER, json TEXT);",
                     nullptr, nullptr, &err) != SQLITE_OK)
      die(std::string("sqlite: ") + (err ? err : "?"));
    sqlite3_prepare_v2(db, "INSERT INTO charges VALUES(?,?,?,?)", -1, &insert, nullptr);
  }
  bool put(const std::string& id, const std::string& json) {
    std::lock_guard lock(mu);
    sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, "Authorized", -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 3, 1);
    sqlite3_bind_text(insert, 4, json.c_str(), -1, SQLITE_TRANSIENT);
    bool ok = sqlite3_step(insert) == SQLITE_DONE;
    sqlite3_reset(insert);
    return ok;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) die("missing arguments");
  const std::string mode = argv[1];
  const int port = std::atoi(argv[2]);
  if (mode != "get" && mode != "verify-get" && mode != "verify-insert") die("unknown mode " + mode);
  std::optional<core::PublicKey> key;
  if (mode != "get") {
    if (argc < 4) die(mode + " needs PUBLIC_KEY_PEM");
    auto k = core::PublicKey::from_pem_file(argv[3]);
    if (!k) die("public key: " + k.error());
    key = std::move(k).value();
  }
  std::unique_ptr<Db> db;
  if (mode == "verify-insert") {
    if (argc < 5) die("verify-insert needs DB");
    db = std::make_unique<Db>(argv[4]);
  }

  httplib::Server svr;
  svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  svr.set_keep_alive_max_count(1000);
  svr.set_tcp_nodelay(true);
  const bool check = mode != "get";
  svr.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    if (check && !verified(req, *key)) {
      res.status = 401;
      return;
    }
    res.set_content(kGetBody, "application/json");
  });
  svr.Post(".*", [&](const httplib::Request& req, httplib::Response& res) {
    if (!db || !verified(req, *key)) {
      res.status = 401;
      return;
    }
    nlohmann::json j = nlohmann::json::parse(req.body, nullptr, false);
    if (!j.is_object()) {
      res.status = 400;
      return;
    }
    std::string id = "S01-5105180-3221187-C" + std::to_string(++db->seq);
    j["chargeId"] = id;
    std::string out = j.dump();
    if (!db->put(id, out)) res.status = 500;
    else res.status = 201;
    res.set_content(out, "application/json");
  });
  if (!svr.listen("127.0.0.1", port)) die("cannot listen on 127.0.0.1:" + std::to_string(port));
  return 0;
}
