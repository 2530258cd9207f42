// The campaign of `conformance fuzz`: generate, run, check, shrink, write (see fuzz.hpp).
#include "scenarios/fuzz.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include <fmt/core.h>
#include <rapidcheck.h>

#include "core/prng.hpp"
#include "scenarios/app.hpp"
#include "scenarios/printer.hpp"
#include "scenarios/runner.hpp"
#include "scenarios/validator.hpp"

namespace scenarios {
namespace {

// ---------------------------------------------------------------- generators

rc::Gen<Intent> intent_gen() {
  using K = IntentKind;
  auto kind = rc::gen::weightedElement<K>({
      {6, K::OpenOrder},          {4, K::Checkout},          {6, K::Capture},
      {3, K::Reauthorize},        {3, K::ChangeAmount},      {2, K::CancelOrder},
      {2, K::ChangePaymentMethod}, {1, K::PaymentNotRequired}, {3, K::SellerCentralCapture},
      {3, K::SellerCentralRefund}, {2, K::SellerCentralCancel}, {2, K::SellerCentralIncrease},
      {2, K::SellerCentralChangeAmount}, {1, K::SellerCentralClose}, {1, K::AmazonCancelCharge},
      {1, K::AmazonNonChargeable}, {1, K::AmazonClosePermission}, {3, K::Force},
      {2, K::NotificationChaos},  {2, K::Fault},             {2, K::ClearFaults},
      {7, K::Advance},            {1, K::ToggleAutoLink},    {1, K::ToggleMerchantUrl},
      {1, K::SkipDelivery},      {1, K::Restart},
  });
  auto choice = rc::gen::inRange(0, 1000);
  return rc::gen::apply([](K k, int a, int b, int c) { return Intent{k, a, b, c}; }, kind, choice,
                        choice, choice);
}

rc::Gen<WorldCase> world_gen() {
  return rc::gen::apply(
      [](int variant, int auto_link, int merchant_url, std::vector<Intent> intents) {
        // Mostly the settings under which most happens: 自動連携 and notifications on.
        return WorldCase{variant, auto_link < 8, merchant_url < 8, std::move(intents)};
      },
      rc::gen::inRange(0, 3), rc::gen::inRange(0, 10), rc::gen::inRange(0, 10),
      rc::gen::container<std::vector<Intent>>(intent_gen()));
}

// ---------------------------------------------------------------- one run of one case

enum class Verdict { Passed, Stopped, Violation };

struct CaseRun {
  Verdict verdict = Verdict::Passed;
  std::string property, message;
  reports::ScenarioResult result;
  nlohmann::json objects;
  WorldTally tally;
  bool over_http = false;  // found by the HTTP run (the in-process one passed)
};

std::string case_id(std::uint64_t seed, int index) { return fmt::format("FUZZ-{:016x}-{}", seed, index); }

std::vector<std::string> all_rules() {
  std::vector<std::string> out;
  for (WorldProperty p : world_properties())
    for (const auto& r : rules_checked(p)) out.push_back(r);
  return out;
}

CaseRun run_document(const Value& document, Environment& environment, std::uint64_t run_seed,
                     PropertyFlaw flaw) {
  CaseRun out;
  Diagnostics diagnostics("<generated>");
  ValidatedDocument v = validate_document(document, "<generated>", nullptr, diagnostics);
  if (v.scenarios.size() != 1 || !diagnostics.empty()) {
    out.verdict = Verdict::Violation;
    out.property = "generator";
    out.message = "the generated document is invalid: " +
                  (diagnostics.empty() ? std::string("no scenario") : diagnostics.list().front().str());
    return out;
  }
  Runner runner(environment, run_seed);
  runner.set_property_flaw(flaw);
  out.result = runner.run(v.scenarios.front());
  out.objects = runner.last_objects();
  out.tally = runner.last_tally();
  if (out.result.status == reports::ScenarioStatus::Error) {
    out.verdict = Verdict::Violation;
    out.property = "internal_error";
    out.message = out.result.failure;
  } else if (out.result.status == reports::ScenarioStatus::Failed) {
    std::string::size_type at = out.result.failure.find("property: ");
    if (at == std::string::npos) {
      out.verdict = Verdict::Stopped;  // a step's precondition (e.g. no such Charge yet)
    } else {
      out.verdict = Verdict::Violation;
      out.message = out.result.failure.substr(at + 10);
      out.property = out.message.substr(0, out.message.find(':'));
    }
  }
  return out;
}

// Everything of a transcript but wall-clock time.
std::string transcript(const reports::ScenarioResult& r) {
  std::ostringstream s;
  s << static_cast<int>(r.status) << " " << r.failure << "\n";
  for (const auto& step : r.steps) {
    s << step.index << " " << static_cast<int>(step.status) << " " << step.sim_time << " "
      << step.message << "\n";
    for (const auto& o : step.observations) s << "  " << o << "\n";
    for (const auto& x : step.exchanges)
      s << "  " << x.method << " " << x.path << " " << x.status << " " << x.transport_error << " "
        << x.request_body << " -> " << x.response_body << "\n";
  }
  return s.str();
}

std::string masked(const nlohmann::json& objects) {
  static const std::regex port(R"(127\.0\.0\.1:[0-9]+)");
  return std::regex_replace(objects.dump(), port, "127.0.0.1:<port>");
}

// ---------------------------------------------------------------- the campaign

class Campaign {
 public:
  Campaign(const FuzzOptions& o, std::ostream* progress) : o_(o), progress_(progress) {}
  FuzzSummary run();

 private:
  std::string open();
  CaseRun check_case(const WorldCase& world, int index, bool http);
  CaseRun isolated(const WorldCase& world, int index, const CaseRun& first);
  void shrink_and_report(rc::Shrinkable<WorldCase> failing, CaseRun first, int index);
  void write(FuzzFinding& f, const WorldCase& world, int index);
  bool time_left() const;
  // A case's run seed (the one its file's comment names) and its document as generated.
  std::uint64_t case_seed(int index) const {
    return core::derive_seed(summary_.seed, case_id(summary_.seed, index));
  }
  Value case_document(const WorldCase& world, int index) const {
    return world_document(world, case_id(summary_.seed, index), "generated by conformance fuzz",
                          all_rules());
  }
  void say(const std::string& line) {
    if (progress_) *progress_ << line << std::endl;
  }

  const FuzzOptions& o_;
  std::ostream* progress_;
  std::unique_ptr<Environment> inprocess_, http_;
  FuzzSummary summary_;
  WorldTally tally_;  // of the last case's first run
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::string Campaign::open() {
  auto env = Environment::open({Transport::InProcess, "", source_root()});
  if (!env) return env.error();
  inprocess_ = std::move(*env);
  if (o_.http_every > 0) {
    auto h = Environment::open({Transport::Http, "", source_root()});
    if (!h) return h.error();
    http_ = std::move(*h);
  }
  return "";
}

bool Campaign::time_left() const {
  if (o_.minutes <= 0) return true;
  auto spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return spent < o_.minutes * 60;
}

CaseRun Campaign::check_case(const WorldCase& world, int index, bool http) {
  std::uint64_t run_seed = case_seed(index);
  Value doc = case_document(world, index);
  CaseRun first = run_document(doc, *inprocess_, run_seed, o_.flaw);
  tally_ = first.tally;
  if (first.verdict == Verdict::Violation) return first;
  // Determinism: the same scenario and seed give the same transcript.
  CaseRun again = run_document(doc, *inprocess_, run_seed, o_.flaw);
  if (transcript(again.result) != transcript(first.result)) {
    again.verdict = Verdict::Violation;
    again.property = "determinism";
    again.message = "determinism: two in-process runs with one seed gave different transcripts";
    return again;
  }
  if (!http || !http_) return first;
  ++summary_.http_cases;
  // The transports: the same verdict and the same Amazon objects at the end.
  CaseRun wire = run_document(doc, *http_, run_seed, o_.flaw);
  wire.over_http = true;
  if (wire.verdict == Verdict::Violation) return wire;
  if (wire.result.status != first.result.status || masked(wire.objects) != masked(first.objects)) {
    wire.verdict = Verdict::Violation;
    wire.property = "transports";
    wire.message = fmt::format("transports: in-process {} ({}), HTTP {} ({}); Amazon's objects {}",
                               static_cast<int>(first.result.status), first.result.failure,
                               static_cast<int>(wire.result.status), wire.result.failure,
                               masked(wire.objects) == masked(first.objects) ? "equal" : "differ");
  }
  return wire;
}

std::string steps_of(const std::string& transcript) {
  return transcript.substr(std::min(transcript.size(), transcript.find('\n') + 1));
}

// The first line where two transcripts differ, for messages.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string l1, l2;
  while (true) {
    bool more1 = static_cast<bool>(std::getline(x, l1)), more2 = static_cast<bool>(std::getline(y, l2));
    if (!more1 && !more2) return "";
    if (l1 != l2 || more1 != more2) return "«" + l1.substr(0, 300) + "» vs «" + l2.substr(0, 300) + "»";
  }
}

// Isolation: a case must fail the same way on a mock that ran nothing before; if it does not,
// what ran earlier leaked into it, and that is the finding.
CaseRun Campaign::isolated(const WorldCase& world, int index, const CaseRun& first) {
  auto env = Environment::open({Transport::InProcess, "", source_root()});
  if (!env) return first;
  CaseRun fresh = run_document(case_document(world, index), **env, case_seed(index), o_.flaw);
  if (fresh.verdict == Verdict::Violation && fresh.property == first.property) return first;
  CaseRun out = first;
  out.property = "isolation";
  out.message = fmt::format(
      "isolation: the case fails ({}) after earlier cases on the same mock but not on a fresh one; "
      "first difference: {}",
      first.message, first_difference(steps_of(transcript(first.result)), steps_of(transcript(fresh.result))));
  return out;
}

void Campaign::shrink_and_report(rc::Shrinkable<WorldCase> failing, CaseRun first, int index) {
  if (!first.over_http && first.property != "determinism")
    first = isolated(failing.value(), index, first);
  if (first.property == "isolation") {
    FuzzFinding f;
    f.property = first.property;
    f.message = first.message;
    f.case_index = index;
    f.intents = failing.value().intents.size();
    write(f, failing.value(), index);
    say(fmt::format("case {}: {}{}", index, f.message, f.file.empty() ? "" : "\n  written: " + f.file));
    summary_.findings.push_back(std::move(f));
    return;
  }
  bool http = first.over_http;
  FuzzFinding f;
  f.over_http = http;
  f.property = first.property;
  f.message = first.message;
  f.case_index = index;
  say(fmt::format("case {}: {} — shrinking ({} intents)", index, first.message,
                  failing.value().intents.size()));
  for (bool improved = true; improved && f.shrink_runs < o_.max_shrink_runs;) {
    improved = false;
    auto shrinks = failing.shrinks();
    while (auto next = shrinks.next()) {
      if (++f.shrink_runs > o_.max_shrink_runs) break;
      CaseRun r = check_case(next->value(), index, http);
      if (r.verdict != Verdict::Violation || r.property != f.property || r.over_http != http)
        continue;
      failing = *next;
      f.message = r.message;
      improved = true;
      break;
    }
  }
  f.intents = failing.value().intents.size();
  write(f, failing.value(), index);
  say(fmt::format("case {}: shrunk to {} intents in {} runs: {}{}", index, f.intents,
                  f.shrink_runs, f.message, f.file.empty() ? "" : "\n  written: " + f.file));
  summary_.findings.push_back(std::move(f));
}

void Campaign::write(FuzzFinding& f, const WorldCase& world, int index) {
  std::string id = case_id(summary_.seed, index);
  std::vector<std::string> rules;
  if (auto p = parse_world_property(f.property)) rules = rules_checked(*p);
  if (rules.empty()) rules = all_rules();
  std::string title = fmt::format("generated by conformance fuzz: {}", f.property);
  std::string how = f.property == "transports"
                        ? "--transport http, then --transport inprocess, and compare"
                        : f.over_http ? "--transport http" : "--transport inprocess";
  std::string comment = fmt::format(
      "Found by `conformance fuzz --seed {}` (case {}), shrunk in {} runs to {} intents.\n"
      "Property broken: {}\n"
      "Reproduce: conformance run THIS_FILE --seed {} {}",
      summary_.seed, index, f.shrink_runs, world.intents.size(), f.message,
      case_seed(index), how);
  f.yaml = print_yaml(world_document(world, id, title, rules), comment);
  if (!o_.write_files) return;
  std::filesystem::create_directories(o_.out_dir);
  f.file = (std::filesystem::path(o_.out_dir) / (id + ".yaml")).string();
  std::ofstream(f.file) << f.yaml;
}

FuzzSummary Campaign::run() {
  summary_.seed = o_.seed ? *o_.seed : std::random_device{}() * 0x100000001ull + std::random_device{}();
  say(fmt::format("conformance fuzz: seed {} (replay with --seed {}), up to {} cases{}", summary_.seed,
                  summary_.seed, o_.cases, o_.minutes > 0 ? fmt::format(", {} min", o_.minutes) : ""));
  if (std::string e = open(); !e.empty()) {
    FuzzFinding f{"environment", e, "", "", 0, 0, 0};
    summary_.findings.push_back(f);
    return summary_;
  }
  auto gen = world_gen();
  auto last_report = std::chrono::steady_clock::now();
  for (int i = 0; (o_.cases <= 0 || i < o_.cases) && time_left(); ++i) {
    // Sizes cycle 0..max so short and long cases alternate (RapidCheck's own habit).
    int size = o_.max_size <= 0 ? 0 : i % (o_.max_size + 1);
    rc::Random random(core::derive_seed(summary_.seed, fmt::format("case {}", i)));
    rc::Shrinkable<WorldCase> world = gen(random, size);
    bool http = o_.http_every > 0 && i % o_.http_every == 0;
    CaseRun r = check_case(world.value(), i, http);
    ++summary_.cases;
    summary_.tally += tally_;
    summary_.steps += static_cast<long>(r.result.steps.size());
    if (r.verdict == Verdict::Passed) ++summary_.passed;
    if (r.verdict == Verdict::Stopped) {
      ++summary_.stopped;
      std::string why = r.result.failure.substr(r.result.failure.find(": ") + 2);
      ++summary_.stop_reasons[why.substr(0, std::min<std::size_t>(why.size(), 90))];
    }
    if (r.verdict == Verdict::Violation) {
      shrink_and_report(world, r, i);
      if (static_cast<int>(summary_.findings.size()) >= o_.max_findings) break;
    }
    if (std::chrono::steady_clock::now() - last_report > std::chrono::seconds(10)) {
      last_report = std::chrono::steady_clock::now();
      say(fmt::format("  {} cases: {} passed, {} stopped early by a step, {} findings, {} steps",
                      summary_.cases, summary_.passed, summary_.stopped, summary_.findings.size(),
                      summary_.steps));
    }
  }
  return summary_;
}

}  // namespace

FuzzSummary run_fuzz(const FuzzOptions& options, std::ostream* progress) {
  return Campaign(options, progress).run();
}

int fuzz_command(const FuzzOptions& options, std::ostream& out, std::ostream& err) {
  FuzzSummary s = run_fuzz(options, &out);
  out << fmt::format(
      "conformance fuzz: seed {}: {} cases ({} also over HTTP), {} passed, {} stopped early by a "
      "step's precondition, {} steps, {} finding(s)\n",
      s.seed, s.cases, s.http_cases, s.passed, s.stopped, s.steps, s.findings.size());
  out << fmt::format("  checked: {} 与信ステータス of a Charge, {} orders against Amazon with nothing in "
                     "flight, {} Amazon API calls\n",
                     s.tally.charge_labels, s.tally.settled_orders, s.tally.api_calls);
  std::vector<std::pair<int, std::string>> reasons;
  for (const auto& [why, n] : s.stop_reasons) reasons.emplace_back(-n, why);
  std::sort(reasons.begin(), reasons.end());
  for (std::size_t i = 0; i < std::min<std::size_t>(reasons.size(), 5); ++i)
    out << fmt::format("  stopped {}×: {}\n", -reasons[i].first, reasons[i].second);
  for (const auto& f : s.findings) {
    if (f.property == "environment") {
      err << "conformance fuzz: " << f.message << "\n";
      return kExitInvalid;
    }
    out << fmt::format("  {}{}\n", f.message, f.file.empty() ? "" : " → " + f.file);
  }
  return s.findings.empty() ? kExitOk : kExitFailed;
}

}  // namespace scenarios
