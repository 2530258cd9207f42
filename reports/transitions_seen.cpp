// nlohmann/json for reading response bodies; see transitions_seen.hpp for what counts as seen.
#include "reports/transitions_seen.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace reports {

namespace {

using Json = nlohmann::json;

// The resource an object of a response is, from the ids it carries: a Checkout Session also
// names its Charge and Charge Permission, a Refund its Charge, a Charge its Charge Permission.
struct Kind {
  const char* resource;
  const char* id_key;
};
constexpr Kind kKinds[] = {{"Refund", "refundId"},
                           {"CheckoutSession", "checkoutSessionId"},
                           {"Charge", "chargeId"},
                           {"ChargePermission", "chargePermissionId"}};

class Collector {
 public:
  explicit Collector(TransitionsSeen& out) : out_(out) {}

  void scenario(const ScenarioResult& s) {
    last_state_.clear();
    scenario_id_ = &s.id;
    for (const StepRecord& st : s.steps)
      for (const HttpExchange& x : st.exchanges) exchange(x);
  }

 private:
  void exchange(const HttpExchange& x) {
    if (x.status < 200 || x.status >= 300 || x.response_body.empty()) return;
    const Json body = Json::parse(x.response_body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return;
    walk(body, x.method != "GET");
  }

  void walk(const Json& j, bool write) {
    if (j.is_array())
      for (const Json& item : j) walk(item, write);
    if (!j.is_object()) return;
    object(j, write);
    for (const auto& [key, value] : j.items())
      if (value.is_structured()) walk(value, write);
  }

  void object(const Json& j, bool write) {
    const auto details = j.find("statusDetails");
    if (details == j.end() || !details->is_object()) return;
    const auto state = details->find("state");
    if (state == details->end() || !state->is_string()) return;
    for (const Kind& k : kKinds) {
      const auto id = j.find(k.id_key);
      if (id == j.end() || !id->is_string()) continue;
      saw(k.resource, id->get<std::string>(), state->get<std::string>(), write);
      return;
    }
  }

  void saw(const std::string& resource, const std::string& id, const std::string& state,
           bool write) {
    const auto [it, first] = last_state_.emplace(std::make_pair(resource, id), state);
    if (first)
      add(resource, "", state);
    else if (it->second != state || write)
      add(resource, it->second, state);
    it->second = state;
  }

  void add(const std::string& resource, const std::string& from, const std::string& to) {
    std::vector<std::string>& ids = out_[{resource, from, to}];
    if (std::find(ids.begin(), ids.end(), *scenario_id_) == ids.end())
      ids.push_back(*scenario_id_);
  }

  TransitionsSeen& out_;
  const std::string* scenario_id_ = nullptr;
  std::map<std::pair<std::string, std::string>, std::string> last_state_;  // (resource, id)
};

}  // namespace

TransitionsSeen transitions_seen(const RunModel& run) {
  TransitionsSeen out;
  Collector collector(out);
  for (const ScenarioResult& s : run.scenarios) collector.scenario(s);
  return out;
}

}  // namespace reports
