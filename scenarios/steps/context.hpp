// What the steps of one scenario share: the shop under test, its simulated clock, the client
// that records every exchange with Amazon, the browser's current page, and the errors and
// calls of the previous action step. The handlers (scenarios/steps/<actor>.cpp) act through
// it; it owns nothing a scenario outlives.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "reports/run_model.hpp"
#include "scenarios/environment.hpp"
#include "scenarios/recording_client.hpp"
#include "scenarios/scenario.hpp"
#include "shop_model/shop.hpp"

namespace scenarios {

using nlohmann::json;

// What a step did: failed or not, a one-line message and what it saw.
struct StepOutcome {
  bool failed = false;
  bool internal = false;  // an exception: the scenario ends as Error, not Failed
  std::string message;
  std::vector<std::string> observations;
};
StepOutcome failure(std::string message);
StepOutcome note(std::string message);

class ScenarioContext {
 public:
  ScenarioContext(const Scenario& scenario, Environment& environment, std::uint64_t seed);
  ~ScenarioContext();
  ScenarioContext(const ScenarioContext&) = delete;
  ScenarioContext& operator=(const ScenarioContext&) = delete;

  // A fresh shop and a reset mock; "" or what went wrong.
  std::string setup();

  const Scenario& scenario() const { return s_; }
  shop_model::Shop& shop() { return *shop_; }
  core::SimulatedClock& clock() { return clock_; }
  RecordingClient& client() { return *client_; }
  Environment& environment() { return env_; }

  // ---- Amazon, through the recording client
  // A JSON call; a non-2xx answer or no answer is the error text.
  core::Result<json, std::string> call(const std::string& method, const std::string& path,
                                       const json& body = nullptr);
  // The mock's control API, through the same recording client.
  mock_amazon::control::ControlClient control() {
    return mock_amazon::control::ControlClient(*client_);
  }
  // A control call that is bookkeeping, not part of any step's transcript (reading the mock's
  // objects for the report, registering the notification URL).
  template <class Call>
  core::Result<json, std::string> quietly(Call call) {
    mock_amazon::control::ControlClient quiet(*clock_client_);
    auto answer = json_answer(call(quiet));
    clock_client_->take();
    return answer;
  }
  // The Charges of the order's Charge Permission at Amazon, oldest first (including those made
  // in Seller Central, which the shop may not know), as Amazon's JSON.
  core::Result<std::vector<json>, std::string> amazon_charges(const std::string& order_ref);
  // The id of the n-th (1-based) of them.
  core::Result<std::string, std::string> amazon_charge_id(const std::string& order_ref,
                                                         std::int64_t n);
  // The order's Charge Permission id and the mock's objects (GET /__mock/objects), quietly.
  core::Result<std::pair<std::string, json>, std::string> permission_objects(
      const std::string& order_ref);
  // Amazon's answer as JSON; a non-2xx answer or no answer is the error text.
  static core::Result<json, std::string> json_answer(const mock_amazon::control::Answer& answer);

  // ---- references of the scenario
  core::Result<std::string, std::string> order_number(const std::string& ref);
  core::Result<shop_model::Order, std::string> order(const std::string& ref);
  // The id of charge #n (1-based) of the order.
  core::Result<std::string, std::string> charge_id(const std::string& order_ref, std::int64_t n);
  core::Result<std::string, std::string> permission_id(const std::string& order_ref);
  core::Result<std::string, std::string> member_id(const std::string& ref);
  core::Result<std::string, std::string> subscription_id(const std::string& ref);

  // ---- the browser
  const shop_model::AmazonPageView* amazon_page() const;
  std::string not_on(const std::string& what) const;
  const std::optional<shop_model::Page>& page() const { return page_; }
  StepOutcome show(shop_model::Page page);
  StepOutcome show(shop_model::ShopResult<shop_model::Page> page);
  StepOutcome show(shop_model::ShopResult<shop_model::OrderDetailView> detail);
  StepOutcome show(shop_model::ShopResult<shop_model::SubscriptionView> detail);
  // Follows a hosted page's {redirectUrl, outcome} answer back to the shop.
  StepOutcome follow_hosted(core::Result<json, std::string> answer);
  const std::string& checkout_session_id() const { return checkout_session_id_; }

  // ---- errors, calls and mail of the steps
  // The error of the step being run (what `expect.error` will see after it).
  void set_error(std::string error) { current_error_ = std::move(error); }
  const std::string& last_error() const { return last_error_; }
  const std::vector<reports::HttpExchange>& last_exchanges() const { return last_exchanges_; }
  // Every answered call of the scenario's action steps that carried an idempotency key, oldest
  // first (expect.amazon.idempotent_replay sends one again).
  const std::vector<reports::HttpExchange>& keyed_calls() const { return keyed_calls_; }
  const std::optional<std::string>& mail() const { return mail_; }
  void set_mail(std::string mail) { mail_ = std::move(mail); }
  // The last member download (admin.export_members), as the CSV text.
  const std::optional<std::string>& member_export() const { return member_export_; }
  void set_member_export(std::string csv) { member_export_ = std::move(csv); }
  // Called by the runner around each step.
  void begin_step(const Step& step) {
    step_ = &step;
    current_error_.clear();
  }
  // The step being run, as the scenario file wrote it.
  const Step& current_step() const { return *step_; }
  void end_step(const Step& step, const std::vector<reports::HttpExchange>& exchanges);

  // ---- notifications (steps/notifications.cpp)
  // Registers the shop's endpoint with the mock when 販売事業者様サイトURL is set, removes it
  // otherwise; bookkeeping, not part of any step's transcript. "" or what went wrong.
  std::string sync_notification_endpoint();
  const std::string& notification_url() const { return env_.notification_url(); }
  // The shop's endpoint as the environment calls it while the mock delivers: the shop's clock
  // first moves to the delivery instant, then the shop answers; the delivery is noted for the
  // step that moved the clock.
  core::HttpResponse receive_notification(const core::HttpRequest& request);

  // ---- time: moves the mock and the shop in lockstep to `target`
  // `mock_clock`: the mock's GET /__mock/clock answer when the caller already has it.
  StepOutcome advance_until(core::Instant target, std::optional<json> mock_clock = std::nullopt);
  // What the clock moves the shop asked for between attempts of a call (retry.hpp) saw, for
  // the step that made the call; cleared.
  std::vector<std::string> take_wait_observations();

  // ---- the report's per-Charge table (charge_table.cpp): every Charge of the order's
  // permission at Amazon, or why it cannot be read (no such order yet). Not recorded in the
  // transcript.
  core::Result<std::vector<reports::ChargeAmounts>, std::string> charge_table(
      const std::string& order_ref);

  // ---- expectations
  StepOutcome expect_json(const Value& expected, const json& actual, const std::string& what);
  // `contains` or `equals` (exactly one given) against a text.
  StepOutcome expect_text(const std::optional<std::string>& contains,
                          const std::optional<std::string>& equals, const std::string& actual,
                          const std::string& noun);

 private:
  const Scenario& s_;
  Environment& env_;
  std::uint64_t seed_;
  // Declared in dependency order: the shop (last) goes first on destruction.
  core::SimulatedClock clock_;
  std::unique_ptr<core::AmazonPayClient> transport_;
  std::unique_ptr<RecordingClient> client_;
  // Clock moves go through their own client: while the mock delivers notifications during a
  // move, the shop calls Amazon through client_ (from another thread over HTTP).
  std::unique_ptr<core::AmazonPayClient> clock_transport_;
  std::unique_ptr<RecordingClient> clock_client_;
  // The shop's waits between attempts move both clocks in lockstep (advance_until).
  class ShopWaiter;
  std::unique_ptr<ShopWaiter> waiter_;
  std::vector<std::string> wait_observations_;
  bool moving_ = false;  // advance_until is running due work
  StepOutcome move_until(core::Instant target, std::optional<json> mock_clock);
  std::unique_ptr<shop_model::ShopStore> store_;
  std::unique_ptr<shop_model::Shop> shop_;

  const Step* step_ = nullptr;                         // the step being run
  std::optional<shop_model::Page> page_;               // what the browser shows
  std::string current_error_;                          // the error of the step being run
  std::string last_error_;                             // the error of the previous action step
  std::vector<reports::HttpExchange> last_exchanges_;  // of the previous action step
  std::vector<reports::HttpExchange> keyed_calls_;     // answered, with an idempotency key
  std::optional<std::string> mail_;                    // the last rendered thanks mail
  std::optional<std::string> member_export_;           // the last member download (CSV)
  std::string checkout_session_id_;                    // the checkout in progress, as last seen
  core::Instant delivery_time_;                        // where the clock is moving to
  std::vector<std::string> deliveries_;                // notifications received during a move
};

// ---- Amazon's and the shop's JSON, as scenarios read it
std::string dump(const json& j);
using core::join;  // "a, b, c": the choices listed in a step's error
json field(const json& j, const char* key);
json friendly_charge(const json& charge);
json friendly_permission(const json& permission);
json friendly_session(const json& session);
json member_json(const shop_model::Member& member);
// The mock's notification journal as `expect.notifications` matches it: counts by state and
// one friendly row per notification.
json notification_journal_view(const json& journal);
// "2026-01-05T00:00:30Z Charge X: AuthorizationInitiated → Authorized"
std::string describe_change(const json& change);
// "/sandbox/v2/charges/X?y" → "/v2/charges/X".
std::string api_path(const std::string& path);

}  // namespace scenarios
