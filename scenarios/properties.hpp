// World properties (issue 10): invariants of the shop and Amazon checked after every step of a
// scenario that lists them under `properties:`. The scenarios `conformance fuzz` generates list
// them all, so a shrunk counterexample written as a file fails again with `conformance run FILE`.
// Hand-written scenarios may list them too.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "reports/run_model.hpp"
#include "scenarios/scenario.hpp"
#include "shop_model/domain/model.hpp"

namespace scenarios {

class ScenarioContext;

enum class WorldProperty {
  // The 与信ステータス of every Charge the shop shows after 受注詳細 (a status read) is the label
  // the seed's table (L318-L330) gives for the state of its Amazon Charge and Refunds.
  AuthorizationStatus,
  // Per Charge at Amazon: captured ≤ authorized, refunds ≤ captured + min(15 %, ¥8,400). Once
  // nothing is in flight (no notification pending, no fault armed), 受注詳細 shows what Amazon
  // holds: captured and refunded per Charge, and (without dropped notifications and with the
  // merchant URL) every Charge of the order's permission.
  Money,
  // Nothing the rules forbid is sent: no Amazon call from 受注管理 with 自動連携 off (SYNC-003),
  // no capture of an expired authorization (FLOW-003), no new Charge on a permission the shop
  // closed (refunds and reads stay allowed, as at Amazon).
  ForbiddenCalls,
};
std::string_view name(WorldProperty property);
std::optional<WorldProperty> parse_world_property(std::string_view text);
std::span<const WorldProperty> world_properties();
// The catalogue rules a property checks (a generated file's `rules:`).
std::vector<std::string> rules_checked(WorldProperty property);

// A deliberately wrong expectation, for the self-checks: the property must catch it.
enum class PropertyFlaw {
  None,
  // Expects 承認済 for an authorization that expired unused (as if 30 days changed nothing).
  ExpiryIgnored,
};

// The checks of one scenario run; it keeps what earlier steps showed (settings, faults, the
// permissions the shop closed).
// How often the checks that need a particular moment had one, so a campaign can show that it
// exercised them.
struct WorldTally {
  long charge_labels = 0;   // Charges whose 与信ステータス was compared
  long settled_orders = 0;  // orders compared with Amazon while nothing was in flight
  long api_calls = 0;       // Amazon API calls examined for forbidden ones
  WorldTally& operator+=(const WorldTally& o) {
    charge_labels += o.charge_labels;
    settled_orders += o.settled_orders;
    api_calls += o.api_calls;
    return *this;
  }
};

class WorldChecker {
 public:
  WorldChecker(std::vector<WorldProperty> properties, PropertyFlaw flaw = PropertyFlaw::None);

  // "" or "<property>: what is wrong".
  std::string check(ScenarioContext& c, const Step& step, const reports::StepRecord& rec);
  // The mock's objects after the last step checked (GET /__mock/objects).
  const nlohmann::json& last_objects() const { return objects_; }
  const WorldTally& tally() const { return tally_; }

 private:
  bool on(WorldProperty p) const;
  void note_step(const Step& step, const reports::StepRecord& rec);
  std::vector<std::string> expected_labels(const nlohmann::json& charge) const;
  std::string authorization_status(ScenarioContext& c, const Step& step);
  // `opened`: the step that opened 受注詳細, when this one did.
  std::string money(ScenarioContext& c, const Step* opened);
  std::string money_of_order(const shop_model::Order& order,
                             const std::string& ref);
  std::string forbidden_calls(ScenarioContext& c, const Step& step,
                              const reports::StepRecord& rec);
  bool settled(ScenarioContext& c);

  std::vector<WorldProperty> properties_;
  PropertyFlaw flaw_;
  WorldTally tally_;
  nlohmann::json objects_ = nlohmann::json::object();
  bool fault_armed_ = false;     // an amazon.fault since the last amazon.clear_faults
  // A notification may never have arrived: amazon.ipn drop, or a time without the merchant URL.
  bool notification_lost_ = false;
  std::set<std::string> closed_permissions_;  // closed by the shop (answered 2xx)
  std::set<std::string> capture_sent_;        // Charges the shop asked Amazon to capture
  std::set<std::string> capture_refused_;     // … and Amazon refused the last time
  std::set<std::string> shop_refunds_;        // Refunds the shop created
};

}  // namespace scenarios
