// `conformance fuzz` (issue 10): RapidCheck generates whole scenarios — shop settings,
// checkouts with every sandbox payment method, 受注管理 operations, Seller Central, Amazon's
// own events, forced outcomes, notification chaos, faults and clock jumps to the deadlines —
// runs them with the world properties (properties.hpp) checked after every step, and shrinks
// a failing one to a scenario file that `conformance run FILE` fails on again.
//
// A case is generated as a list of intents (a kind and three choices); the scenario is made
// from them in one pass that knows only how many checkouts came before, so a shrunk list (an
// intent removed, a choice made smaller) still reads as a sensible scenario.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/properties.hpp"
#include "scenarios/value.hpp"

namespace scenarios {

enum class IntentKind {
  OpenOrder,  // first: a choice shrinks toward it, the step that changes least
  Checkout,
  Capture,
  Reauthorize,
  ChangeAmount,
  CancelOrder,
  ChangePaymentMethod,
  PaymentNotRequired,
  SellerCentralCapture,
  SellerCentralRefund,
  SellerCentralCancel,
  SellerCentralIncrease,
  SellerCentralChangeAmount,
  SellerCentralClose,
  AmazonCancelCharge,
  AmazonNonChargeable,
  AmazonClosePermission,
  Force,
  NotificationChaos,
  Fault,
  ClearFaults,
  Advance,
  ToggleAutoLink,
  ToggleMerchantUrl,
  SkipDelivery,
  Restart,  // the embedded mock restarted on its database file (amazon.restart)
};

struct Intent {
  IntentKind kind = IntentKind::OpenOrder;
  int a = 0, b = 0, c = 0;  // choices, each 0..999; what they pick depends on the kind
};

// A generated world: the shop's settings and what happens to it.
struct WorldCase {
  int variant = 0;  // 0 CC_LIVE, 1 CC_MIGRATING, 2 CC_NONE
  bool auto_link = true;
  bool merchant_url = true;
  std::vector<Intent> intents;
};

// The scenario document of a case: a first checkout, the intents, then the drain (faults and
// chaos cleared, the clock moved on, every order opened).
Value world_document(const WorldCase& world, const std::string& id, const std::string& title,
                     const std::vector<std::string>& rules);

struct FuzzOptions {
  int cases = 100;                      // stop after this many (0: only --minutes counts)
  std::optional<std::uint64_t> seed;    // random when absent (always printed)
  double minutes = 0;                   // stop after this much wall time (0: no limit)
  std::string out_dir = "fuzz-findings";
  int max_size = 30;                    // RapidCheck size: intents per case up to about this
  int http_every = 10;                  // every n-th case also runs over HTTP (0: never)
  int max_shrink_runs = 1500;
  int max_findings = 1;                 // stop after this many (each shrunk and written)
  PropertyFlaw flaw = PropertyFlaw::None;  // self-checks only
  bool write_files = true;
};

struct FuzzFinding {
  std::string property;  // a WorldProperty's name, internal_error, determinism or transports
  std::string message;
  std::string file;      // the scenario file written ("" when not written)
  std::string yaml;
  int case_index = 0;
  int shrink_runs = 0;
  std::size_t intents = 0;  // after shrinking
  bool over_http = false;   // found on the HTTP transport (reproduce with --transport http)
};

struct FuzzSummary {
  std::uint64_t seed = 0;
  int cases = 0, passed = 0, stopped = 0, http_cases = 0;
  long steps = 0;
  WorldTally tally;  // of the first in-process run of each case
  std::vector<FuzzFinding> findings;
  // Why cases stopped early: the step's action and the start of its message → how often.
  std::map<std::string, int> stop_reasons;
};

// Runs a campaign; `progress` (may be null) gets a line now and then and each finding.
// Invalid generated documents are a bug of the generator and are reported as findings too.
FuzzSummary run_fuzz(const FuzzOptions& options, std::ostream* progress);

int fuzz_command(const FuzzOptions& options, std::ostream& out, std::ostream& err);

}  // namespace scenarios
