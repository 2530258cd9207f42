// The control API's Seller Central routes (/__mock/seller-central/…, documented in
// mock_amazon/README.md): the merchant by hand in Amazon's console. Bodies are JSON with
// amounts in integer yen (api::decode_amount); answers are the resource as the API encodes it,
// errors Amazon's error body.
#include "core/json.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

// The resource's id: /__mock/seller-central/<resource>/{id}/<action>.
const std::string& target(const Routed& r) {
  return r.seg.at(2);
}

// A positive number of yen under `key` (api::decode_amount); absent is nullopt when optional.
core::Result<std::optional<Yen>, core::HttpResponse> amount_field(const json& body, const char* key,
                                                                  bool required) {
  if (!body.is_object() || !body.contains(key)) {
    if (!required) return std::optional<Yen>{};
    return core::fail(
        error_response(R::MissingParameterValue, std::string("give '") + key + "' in integer yen"));
  }
  auto amount = api::decode_amount(body.at(key), key);
  if (!amount) return core::fail(error_response(amount.error()));
  return std::optional<Yen>{amount.value()};
}

core::Result<bool, core::HttpResponse> bool_field(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key)) return false;
  if (!body.at(key).is_boolean())
    return core::fail(error_response(R::InvalidParameterValue,
                                     std::string("'") + key + "' must be true or false"));
  return body.at(key).get<bool>();
}

template <class T>
core::HttpResponse answer(MockParts& m, const Outcome<T>& outcome) {
  if (!outcome) return error_response(outcome.error());
  return json_response(200, api::encode(m.service.view(outcome.value())));
}

core::HttpResponse capture(MockParts& m, const Routed& r) {
  auto amount = amount_field(r.body, "amount", false);
  if (!amount) return amount.error();
  return answer(m, m.service.sc_capture(ChargeId{target(r)}, *amount));
}

core::HttpResponse refund(MockParts& m, const Routed& r) {
  auto amount = amount_field(r.body, "amount", true);
  if (!amount) return amount.error();
  return answer(m, m.service.sc_refund(ChargeId{target(r)}, **amount));
}

core::HttpResponse cancel(MockParts& m, const Routed& r) {
  return answer(m, m.service.sc_cancel(ChargeId{target(r)}));
}

core::HttpResponse change_amount(MockParts& m, const Routed& r) {
  auto amount = amount_field(r.body, "amount", true);
  if (!amount) return amount.error();
  return answer(m, m.service.sc_change_amount(ChargeId{target(r)}, **amount));
}

core::HttpResponse close(MockParts& m, const Routed& r) {
  auto cancel_pending = bool_field(r.body, "cancelPendingCharges");
  if (!cancel_pending) return cancel_pending.error();
  return answer(m, m.service.sc_close(ChargePermissionId{target(r)}, *cancel_pending));
}

core::HttpResponse increase(MockParts& m, const Routed& r) {
  auto amount = amount_field(r.body, "amount", true);
  if (!amount) return amount.error();
  auto capture_now = bool_field(r.body, "capture");
  if (!capture_now) return capture_now.error();
  return answer(m, m.service.sc_increase(ChargePermissionId{target(r)}, **amount, *capture_now));
}

const std::vector<Route> kSellerCentralRoutes = {
    {"POST",
     {"seller-central", "charges", "*", "capture"},
     &capture,
     "Seller Central capture, in full unless {amount}"},
    {"POST",
     {"seller-central", "charges", "*", "refund"},
     &refund,
     "Seller Central refund {amount}"},
    {"POST",
     {"seller-central", "charges", "*", "cancel"},
     &cancel,
     "Seller Central cancel (Canceled/MerchantCanceled)"},
    {"POST",
     {"seller-central", "charges", "*", "change-amount"},
     &change_amount,
     "cancels the charge and authorizes a new one for {amount}"},
    {"POST",
     {"seller-central", "charge-permissions", "*", "close"},
     &close,
     "Seller Central close {cancelPendingCharges?}"},
    {"POST",
     {"seller-central", "charge-permissions", "*", "increase"},
     &increase,
     "an additional charge for {amount, capture?}"},
};

}  // namespace

std::span<const Route> seller_central_routes() {
  return kSellerCentralRoutes;
}

}  // namespace mock_amazon::transport
