#include "property_tests/mock_driver.hpp"

#include <sstream>
#include <stdexcept>

#include "core/json.hpp"
#include "mock_amazon/control/hosted_checkout.hpp"
#include "mock_amazon/domain/limits.hpp"

namespace property_tests {
namespace {

using nlohmann::json;

json yen(Yen amount) {
  return json{{"amount", amount.to_string()}, {"currencyCode", "JPY"}};
}

std::optional<Yen> amount_of(const json& price) {
  if (!price.is_object() || !price.contains("amount") || !price["amount"].is_string())
    return std::nullopt;
  return Yen::parse(price["amount"].get<std::string>());
}

std::string text(const std::optional<Yen>& y) {
  return y ? y->to_string() : "null";
}
std::string text(const std::optional<ReasonCode>& r) {
  return r ? std::string(mock_amazon::name(*r)) : "null";
}
std::string text_of(const json& j) {
  return j.is_string() ? j.get<std::string>() : "null";
}

// The answer reduced to what the property compares.
Answer reduce(const mock_amazon::control::Answer& sent) {
  Answer a;
  if (!sent) {
    a.status = mock_amazon::kNoResponse;
    a.body = sent.error();
    return a;
  }
  const core::HttpResponse& res = *sent;
  a.status = res.status;
  a.body = res.body;
  if (res.body.empty()) return a;
  json j = json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return a;
  if (j.contains("reasonCode") && j["reasonCode"].is_string()) a.reason_code = j["reasonCode"];
  if (j.contains("statusDetails") && j["statusDetails"].contains("state"))
    a.state = text_of(j["statusDetails"]["state"]);
  for (const char* key : {"refundId", "chargeId"})
    if (a.id.empty() && j.contains(key) && j[key].is_string()) a.id = j[key];
  return a;
}

}  // namespace

MockDriver::MockDriver(Instant start) {
  mock_amazon::MockOptions o;
  o.verify_signatures = false;
  o.db_path = ":memory:";
  o.start = start;
  auto m = mock_amazon::Mock::open(std::move(o));
  if (!m) throw std::runtime_error("cannot open the mock: " + m.error());
  mock_ = std::move(m).value();
  client_ = std::make_unique<mock_amazon::InProcessClient>(*mock_);
  control_ = std::make_unique<mock_amazon::control::ControlClient>(*client_);
}

Answer MockDriver::call(const std::string& method, const std::string& path,
                        const std::string& body) {
  return reduce(client_->send(core::HttpRequest{method, path, "", {}, body}));
}

// ---------------------------------------------------------------- operations

Answer MockDriver::checkout(Yen amount, bool allow_overcharge, bool extend_expiration) {
  json create = {
      {"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/review"}}},
      {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"},
      {"chargePermissionType", "OneTime"}};
  Answer cs = call("POST", "/v2/checkoutSessions", create.dump());
  if (cs.status != 201) return cs;
  std::string id = json::parse(cs.body)["checkoutSessionId"];
  Answer updated;
  auto walk = mock_amazon::control::walk_hosted_pages(
      *control_, id, {"taro", "home", "card-1111"}, [&](const core::HttpResponse&) {
        json update = {
            {"webCheckoutDetails", {{"checkoutResultReturnUrl", "https://shop.example/result"}}},
            {"paymentDetails",
             {{"paymentIntent", "Authorize"},
              {"canHandlePendingAuthorization", false},
              {"chargeAmount", yen(amount)},
              {"allowOvercharge", allow_overcharge},
              {"extendExpiration", extend_expiration}}}};
        updated = call("PATCH", "/v2/checkoutSessions/" + id, update.dump());
        return updated.status == 200 ? std::string() : updated.body;
      });
  if (!walk.signed_in || walk.signed_in->status != 200) return reduce(walk.signed_in);
  if (updated.status != 200) return updated;
  if (!walk.payment_page || walk.payment_page->status != 200) return reduce(walk.payment_page);
  Answer done = call("POST", "/v2/checkoutSessions/" + id + "/complete",
                     json{{"chargeAmount", yen(amount)}}.dump());
  if (done.status == 200) {
    json j = json::parse(done.body);
    permission_ids_.push_back(text_of(j["chargePermissionId"]));
    charge_ids_.push_back(text_of(j["chargeId"]));
    refunds_created_.push_back(0);
  }
  return done;
}

Answer MockDriver::create_charge(int permission, Yen amount, bool capture_now,
                                 bool can_handle_pending) {
  json body = {{"chargePermissionId", permission_ids_[static_cast<size_t>(permission)]},
               {"chargeAmount", yen(amount)},
               {"captureNow", capture_now},
               {"canHandlePendingAuthorization", can_handle_pending}};
  Answer a = call("POST", "/v2/charges", body.dump());
  if (a.status == 201) {
    charge_ids_.push_back(a.id);
    refunds_created_.push_back(0);
  }
  return a;
}

Answer MockDriver::capture(int charge, Yen amount) {
  return call("POST", "/v2/charges/" + charge_id(charge) + "/capture",
              json{{"captureAmount", yen(amount)}}.dump());
}

Answer MockDriver::cancel(int charge) {
  return call("DELETE", "/v2/charges/" + charge_id(charge) + "/cancel",
              json{{"cancellationReason", "property test"}}.dump());
}

Answer MockDriver::refund(int charge, Yen amount) {
  json body = {{"chargeId", charge_id(charge)}, {"refundAmount", yen(amount)}};
  Answer a = call("POST", "/v2/refunds", body.dump());
  if (a.status == 201) {
    refund_ids_.push_back(a.id);
    ++refunds_created_[static_cast<size_t>(charge)];
  }
  return a;
}

Answer MockDriver::force(SimulatedOperation op, int index, const std::string& outcome,
                         const std::string& then) {
  const std::string& object = op == SimulatedOperation::CreateCharge
                                  ? permission_ids_[static_cast<size_t>(index)]
                                  : charge_ids_[static_cast<size_t>(index)];
  return reduce(control_->force({op, object, outcome, then}));
}

Answer MockDriver::advance(Duration by) {
  return reduce(control_->advance_by(core::format_duration(by)));
}

// ---------------------------------------------------------------- checking

std::string compare(const Expected& expected, const Answer& actual) {
  std::ostringstream out;
  if (expected.ok()) {
    if (actual.status != expected.status ||
        (!expected.state.empty() && actual.state != expected.state))
      out << "expected " << expected.status << " " << expected.state << ", mock answered "
          << actual.status << " " << (actual.state.empty() ? actual.reason_code : actual.state)
          << ": " << actual.body;
  } else {
    std::string code(mock_amazon::name(*expected.error));
    if (actual.status != expected.status || actual.reason_code != code)
      out << "expected " << expected.status << " " << code << ", mock answered " << actual.status
          << " " << (actual.reason_code.empty() ? actual.state : actual.reason_code) << ": "
          << actual.body;
  }
  return out.str();
}

std::string MockDriver::verify(const Model& model) {
  std::ostringstream bad;
  auto get = [&](const std::string& path) {
    core::HttpRequest req{"GET", path, "", {}, ""};
    core::HttpResponse res = mock_->handle(req);
    return json::parse(res.body, nullptr, false);
  };

  auto clock_answer = control_->clock();
  json clock = clock_answer ? json::parse(clock_answer->body, nullptr, false) : json();
  if (text_of(clock["now"]) != core::format_iso(model.now()))
    bad << "clock: mock " << text_of(clock["now"]) << ", model " << core::format_iso(model.now())
        << "\n";
  if (model.charges().size() != charge_ids_.size())
    return bad.str() + "the mock holds " + std::to_string(charge_ids_.size()) +
           " charges, the model " + std::to_string(model.charges().size());

  std::vector<Yen> captured_per_permission(permission_ids_.size(), Yen{0});
  for (size_t i = 0; i < charge_ids_.size(); ++i) {
    const ChargeModel& m = model.charges()[i];
    json c = get("/v2/charges/" + charge_ids_[i]);
    std::string who = "charge #" + std::to_string(i) + " (" + charge_ids_[i] + ")";
    std::string state = text_of(c["statusDetails"]["state"]);
    std::string reason = text_of(c["statusDetails"]["reasonCode"]);
    auto charge_amount = amount_of(c["chargeAmount"]);
    auto capture_amount = amount_of(c["captureAmount"]);
    Yen refunded = amount_of(c["refundedAmount"]).value_or(Yen{0});

    // The mock agrees with the model ...
    if (state != mock_amazon::name(m.state) || reason != text(m.reason))
      bad << who << ": mock " << state << "/" << reason << ", model " << mock_amazon::name(m.state)
          << "/" << text(m.reason) << "\n";
    if (charge_amount != m.amount || capture_amount != m.capture_amount || refunded != m.refunded)
      bad << who << ": mock charge/capture/refunded " << text(charge_amount) << "/"
          << text(capture_amount) << "/" << refunded.to_string() << ", model "
          << m.amount.to_string() << "/" << text(m.capture_amount) << "/" << m.refunded.to_string()
          << "\n";

    // ... and the money invariants hold on the mock's own figures.
    if (capture_amount && charge_amount && *capture_amount > *charge_amount)
      bad << who << ": captureAmount " << capture_amount->to_string() << " > chargeAmount "
          << charge_amount->to_string() << "\n";
    Yen ceiling = mock_amazon::limits::refund_ceiling(capture_amount.value_or(Yen{0}));
    if (refunded > ceiling)
      bad << who << ": refunded " << refunded.to_string() << " > ceiling " << ceiling.to_string()
          << "\n";
    if (refunds_created_[i] > mock_amazon::limits::kMaxRefundsPerCharge)
      bad << who << ": " << refunds_created_[i] << " refunds created (max 10)\n";
    if (state == "Authorized" && m.authorized_at &&
        model.now() >= *m.authorized_at + mock_amazon::limits::kAuthorizationValidity)
      bad << who << ": still Authorized 30 days after its authorization at "
          << core::format_iso(*m.authorized_at) << "\n";
    if (state == "Captured" && capture_amount)
      captured_per_permission[static_cast<size_t>(m.permission)] += *capture_amount;
  }

  for (size_t p = 0; p < permission_ids_.size(); ++p) {
    const PermissionModel& m = model.permissions()[p];
    json cp = get("/v2/chargePermissions/" + permission_ids_[p]);
    std::string who = "permission P" + std::to_string(p) + " (" + permission_ids_[p] + ")";
    std::string state = text_of(cp["statusDetails"]["state"]);
    const json& reasons = cp["statusDetails"]["reasons"];
    std::string reason =
        reasons.is_array() && !reasons.empty() ? text_of(reasons[0]["reasonCode"]) : "null";
    auto limit = amount_of(cp["limits"]["amountLimit"]);
    if (state != mock_amazon::name(m.state) || reason != text(m.reason))
      bad << who << ": mock " << state << "/" << reason << ", model " << mock_amazon::name(m.state)
          << "/" << text(m.reason) << "\n";
    if (limit != m.amount_limit)
      bad << who << ": amountLimit mock " << text(limit) << ", model " << m.amount_limit.to_string()
          << "\n";
    if (limit && captured_per_permission[p] > *limit)
      bad << who << ": captured " << captured_per_permission[p].to_string() << " > amountLimit "
          << limit->to_string() << "\n";
  }

  for (size_t r = 0; r < refund_ids_.size() && r < model.refunds().size(); ++r) {
    const RefundModel& m = model.refunds()[r];
    json got = get("/v2/refunds/" + refund_ids_[r]);
    std::string state = text_of(got["statusDetails"]["state"]);
    std::string reason = text_of(got["statusDetails"]["reasonCode"]);
    if (state != mock_amazon::name(m.state) || reason != text(m.reason))
      bad << "refund " << r << " of charge #" << m.charge << " (" << refund_ids_[r] << "): mock "
          << state << "/" << reason << ", model " << mock_amazon::name(m.state) << "/"
          << text(m.reason) << "\n";
  }
  if (refund_ids_.size() != model.refunds().size())
    bad << "the mock holds " << refund_ids_.size() << " refunds, the model "
        << model.refunds().size() << "\n";
  return bad.str();
}

}  // namespace property_tests
