// A seeded mutation driver for the libFuzzer targets, for builds without libFuzzer (GCC, the
// sanitized CI build). It is not coverage-guided: it replays every seed, then feeds the target
// `--runs` inputs made by stacking a few random mutations (bit flips, byte runs, deletions,
// duplications, splices of two seeds, insertions of tokens that broke decoders before) on a
// seed. The same --seed gives the same inputs, so a failure is replayed by its command line;
// the input that failed is also written to crash-<seed>-<run> before the process dies
// (sanitizer report, abort or signal).
//
//   fuzz_request_decoder [--runs N] [--seed S] [--max-len L] [--timeout SECS] [--out DIR]
//                        SEED_DIR_OR_FILE...
// An input that runs longer than --timeout seconds (default 10) is a failure too.
#include <algorithm>
#include <array>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) && __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define APC_HAVE_DEATH_CALLBACK 1
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

struct Options {
  long runs = 2000;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::size_t max_len = 4096;
  unsigned timeout = 10;  // seconds one input may take (libFuzzer's -timeout)
  std::string out = ".";
  std::vector<std::string> inputs;
};

// Inputs that broke decoders in the hostile-request corpus and in scenario files.
constexpr std::array<std::string_view, 24> kTokens = {"1e400",
                                                      "-1",
                                                      "0",
                                                      "18446744073709551615",
                                                      "9223372036854775807",
                                                      "\xff\xfe",
                                                      "\xc3(",
                                                      "\"",
                                                      "\\u0000",
                                                      "{",
                                                      "}",
                                                      "[",
                                                      "]",
                                                      ":",
                                                      ",",
                                                      "null",
                                                      "true",
                                                      "\"amount\":",
                                                      "\"currencyCode\":\"JPY\"",
                                                      "*a",
                                                      "&a ",
                                                      "<<: ",
                                                      "\t",
                                                      "\n- "};

// The input being run, kept where a dying process can still write it out.
char g_crash_path[4096];
const std::uint8_t* g_data = nullptr;
std::size_t g_size = 0;

void save_current_input() {
  if (!g_data) return;
  int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  std::size_t done = 0;
  while (done < g_size) {
    ssize_t n = ::write(fd, g_data + done, g_size - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  static const char kMsg[] = "mutation driver: the failing input was written to ";
  (void)!::write(2, kMsg, sizeof kMsg - 1);
  (void)!::write(2, g_crash_path, std::strlen(g_crash_path));
  (void)!::write(2, "\n", 1);
  g_data = nullptr;
}

void on_timeout(int) {
  static const char kMsg[] = "mutation driver: one input ran past --timeout\n";
  (void)!::write(2, kMsg, sizeof kMsg - 1);
  save_current_input();
  std::_Exit(3);
}

void on_signal(int sig) {
  save_current_input();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--runs" && (v = value())) {
      o.runs = std::strtol(v, nullptr, 10);
    } else if (a == "--seed" && (v = value())) {
      o.seed = std::strtoull(v, nullptr, 10);
      o.seed_given = true;
    } else if (a == "--max-len" && (v = value())) {
      o.max_len = std::strtoull(v, nullptr, 10);
    } else if (a == "--timeout" && (v = value())) {
      o.timeout = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    } else if (a == "--out" && (v = value())) {
      o.out = v;
    } else if (!a.empty() && a[0] != '-') {
      o.inputs.emplace_back(a);
    } else {
      std::fprintf(
          stderr,
          "usage: %s [--runs N] [--seed S] [--max-len L] [--timeout SECS] [--out DIR] SEEDS...\n"
          "  SEEDS: files or folders of seed inputs (every file is run once first)\n",
          argv[0]);
      return false;
    }
  }
  if (o.runs < 0 || o.max_len == 0) {
    std::fprintf(stderr, "%s: --runs must be >= 0 and --max-len > 0\n", argv[0]);
    return false;
  }
  return true;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every regular file under the given paths, in a stable order (the seed's inputs depend on it).
std::vector<std::string> load_seeds(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const auto& in : inputs) {
    if (fs::is_directory(in)) {
      for (const auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(in)) {
      files.emplace_back(in);
    } else {
      std::fprintf(stderr, "mutation driver: no such seed file or folder: %s\n", in.c_str());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> seeds;
  for (const auto& f : files) seeds.push_back(read_file(f));
  if (seeds.empty()) seeds.emplace_back("{}");
  return seeds;
}

class Mutator {
 public:
  Mutator(std::uint64_t seed, const std::vector<std::string>& seeds, std::size_t max_len)
      : rng_(seed), seeds_(seeds), max_len_(max_len) {}

  std::string next() {
    std::string s = seeds_[pick(seeds_.size())];
    int rounds = 1 + static_cast<int>(pick(6));
    for (int i = 0; i < rounds; ++i) mutate(s);
    if (s.size() > max_len_) s.resize(max_len_);
    return s;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  void mutate(std::string& s) {
    std::size_t at = pick(s.size() + 1);
    switch (pick(7)) {
      case 0:
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:
        s.insert(at, 1 + pick(8), static_cast<char>(pick(256)));
        break;
      case 2:
        s.erase(at, 1 + pick(16));
        break;
      case 3: {  // duplicate a slice: long strings, deep nesting
        std::size_t from = pick(s.size() + 1);
        std::string slice = s.substr(from, 1 + pick(32));
        for (std::size_t n = 1 + pick(8); n > 0; --n) s.insert(at, slice);
        break;
      }
      case 4: {  // splice with another seed
        const std::string& other = seeds_[pick(seeds_.size())];
        s = s.substr(0, at) + other.substr(pick(other.size() + 1));
        break;
      }
      case 5:
        s.insert(at, kTokens[pick(kTokens.size())]);
        break;
      default:  // an ASCII digit run: numbers of every size
        s.insert(at, std::string(1 + pick(24), static_cast<char>('0' + pick(10))));
        break;
    }
  }

  std::mt19937_64 rng_;
  const std::vector<std::string>& seeds_;
  std::size_t max_len_;
};

void run_one(const std::string& input, std::uint64_t seed, long run, const Options& o) {
  const std::string& out = o.out;
  std::snprintf(g_crash_path, sizeof g_crash_path, "%s/crash-%llu-%ld", out.c_str(),
                static_cast<unsigned long long>(seed), run);
  g_data = reinterpret_cast<const std::uint8_t*>(input.data());
  g_size = input.size();
  ::alarm(o.timeout);
  LLVMFuzzerTestOneInput(g_data, g_size);
  ::alarm(0);
  g_data = nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) return 2;
  if (!o.seed_given)
    o.seed = std::random_device{}() * 0x9e3779b97f4a7c15ull + std::random_device{}();
#ifdef APC_HAVE_DEATH_CALLBACK
  __sanitizer_set_death_callback(save_current_input);
#endif
  std::signal(SIGALRM, on_timeout);
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_signal);

  std::vector<std::string> seeds = load_seeds(o.inputs);
  std::printf("mutation driver: %zu seeds, %ld runs, seed %llu (replay: %s --seed %llu --runs %ld",
              seeds.size(), o.runs, static_cast<unsigned long long>(o.seed), argv[0],
              static_cast<unsigned long long>(o.seed), o.runs);
  for (const auto& in : o.inputs) std::printf(" %s", in.c_str());
  std::printf(")\n");
  std::fflush(stdout);

  for (std::size_t i = 0; i < seeds.size(); ++i)
    run_one(seeds[i], o.seed, -1 - static_cast<long>(i), o);
  Mutator mutator(o.seed, seeds, o.max_len);
  for (long run = 0; run < o.runs; ++run) run_one(mutator.next(), o.seed, run, o);
  std::printf("mutation driver: %ld runs, no failure\n", o.runs);
  return 0;
}
