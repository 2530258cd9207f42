// The system under test: a fresh in-memory Mock driven through Mock::handle (the router every
// transport uses), with the model's entity numbers mapped to the mock's random ids.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/time.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "mock_amazon/mock.hpp"
#include "property_tests/charge_model.hpp"

namespace property_tests {

// The mock's answer, reduced to what the property compares.
struct Answer {
  int status = 0;
  std::string reason_code;  // error body's reasonCode
  std::string state;        // statusDetails.state
  std::string id;           // chargeId / refundId / chargePermissionId when created
  std::string body;         // raw, for failure messages
};

class MockDriver {
 public:
  explicit MockDriver(Instant start);

  Answer checkout(Yen amount, bool allow_overcharge, bool extend_expiration);
  Answer create_charge(int permission, Yen amount, bool capture_now, bool can_handle_pending);
  Answer capture(int charge, Yen amount);
  Answer cancel(int charge);
  Answer refund(int charge, Yen amount);
  Answer force(SimulatedOperation op, int index, const std::string& outcome,
               const std::string& then);
  Answer advance(Duration by);

  // Compares every charge, permission and refund the mock holds with the model, and checks
  // the money invariants on the mock's own figures. Returns "" or what is wrong.
  std::string verify(const Model& model);

  const std::string& charge_id(int i) const { return charge_ids_[static_cast<size_t>(i)]; }

 private:
  Answer call(const std::string& method, const std::string& path, const std::string& body);

  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::InProcessClient> client_;
  std::unique_ptr<mock_amazon::control::ControlClient> control_;
  std::vector<std::string> permission_ids_;
  std::vector<std::string> charge_ids_;
  std::vector<std::string> refund_ids_;
  std::vector<int> refunds_created_;  // per charge, from the mock's 201s
};

// "" when the answer is the expected one; otherwise a one-line explanation.
std::string compare(const Expected& expected, const Answer& actual);

}  // namespace property_tests
