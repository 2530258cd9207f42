// apc_bench_seed: prepares what bench/ratios.sh loads the mock with. It writes a mock
// database in-process (the clock at bench::kStart, which then stands still) and wrk Lua
// scripts whose requests are signed once with the test key: the mock's clock does not move
// during a load run, so a request signed at set-up stays valid for the whole run.
//
//   apc_bench_seed DB OUTDIR [--charges N]
//
// DB (must not exist) gets: one OneTime checkout (its Charge is the Get Charge target), one
// Recurring permission without Charges and one with N ¥1 Charges (default 5000), both
// Recurring because a OneTime permission stops at 25 Charges. OUTDIR gets:
//   get_charge.lua          signed GET /sandbox/v2/charges/ID
//   create_charge.lua       signed POST /sandbox/v2/charges (¥1) on the empty permission
//   create_charge_many.lua  the same on the permission with N Charges
//   get_charge.path         the unsigned path, for plain wrk runs
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/bench_support.hpp"

namespace {

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr, "apc_bench_seed: %s\nusage: apc_bench_seed DB OUTDIR [--charges N]\n",
               why.c_str());
  std::exit(2);
}

// A Lua long string that cannot be closed by the text inside it.
std::string lua_string(const std::string& text) {
  std::string eq = "=";
  while (text.find("]" + eq + "]") != std::string::npos) eq += "=";
  return "[" + eq + "[" + text + "]" + eq + "]";
}

void write_lua(const std::filesystem::path& file, const core::HttpRequest& req) {
  std::ofstream out(file);
  out << "-- written by apc_bench_seed: one request, signed once at set-up\n";
  out << "wrk.method = " << lua_string(req.method) << "\n";
  out << "wrk.path = " << lua_string(req.path) << "\n";
  if (!req.body.empty()) out << "wrk.body = " << lua_string(req.body) << "\n";
  for (const auto& [name, value] : req.headers)
    out << "wrk.headers[ " << lua_string(name) << " ] = " << lua_string(value) << "\n";
  if (!out) usage("cannot write " + file.string());
}

core::HttpRequest signed_request(core::HttpRequest req) {
  bench::sign(req, "127.0.0.1");
  return req;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) usage("missing arguments");
  std::string db = argv[1];
  std::filesystem::path outdir = argv[2];
  long charges = 5000;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--charges" && i + 1 < argc) {
      charges = std::strtol(argv[++i], nullptr, 10);
      if (charges < 0 || charges > 90'000) usage("--charges must be 0..90000 (¥1 each, ¥100,000 a month)");
    } else {
      usage("unknown argument " + a);
    }
  }
  if (std::filesystem::exists(db)) usage(db + " exists: give a new file");
  std::filesystem::create_directories(outdir);

  auto m = bench::MockUnderTest::open(/*verify_signatures=*/true, /*http=*/false, db);
  std::string charge_id = bench::checkout(*m, 5000).charge_id;
  std::string empty_cp = bench::checkout(*m, 1000, false, /*recurring=*/true).charge_permission_id;
  std::string full_cp = bench::checkout(*m, 1000, false, /*recurring=*/true).charge_permission_id;
  core::HttpRequest fill = signed_request(bench::create_charge_request(full_cp));
  for (long i = 0; i < charges; ++i) {
    core::HttpResponse res = m->mock->handle(fill);
    if (res.status != 201) usage("seeding Create Charge answered " + std::to_string(res.status) + ": " + res.body);
  }

  core::HttpRequest get = bench::get_charge_request(charge_id);
  write_lua(outdir / "get_charge.lua", signed_request(get));
  write_lua(outdir / "create_charge.lua", signed_request(bench::create_charge_request(empty_cp)));
  write_lua(outdir / "create_charge_many.lua", signed_request(bench::create_charge_request(full_cp)));
  std::ofstream(outdir / "get_charge.path") << get.path << "\n";
  std::printf("seeded %s: charge %s, permissions %s (0 charges) and %s (%ld charges)\n",
              db.c_str(), charge_id.c_str(), empty_cp.c_str(), full_cp.c_str(), charges);
  return 0;
}
