// Amazon Pay v2 JSON shapes: request bodies into typed service inputs (with Amazon's
// validation errors) and the service's resource views into response bodies (field names,
// string amounts, compact UTC timestamps, nulls for unset fields, statusDetails). One file
// per resource (<resource>_codec.cpp); the shared pieces are in codec_support.
// Encoding reads only the view: no service, no storage.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "mock_amazon/service/service.hpp"

namespace mock_amazon::api {

using nlohmann::json;

Outcome<CreateCheckoutSessionInput> decode_create_checkout_session(const json& body);
Outcome<CheckoutSessionPatch> decode_update_checkout_session(const json& body);
Outcome<CompleteCheckoutSessionInput> decode_complete_checkout_session(const json& body);
Outcome<ChargePermissionPatch> decode_update_charge_permission(const json& body);
Outcome<CloseChargePermissionInput> decode_close_charge_permission(const json& body);
Outcome<CreateChargeInput> decode_create_charge(const json& body);
Outcome<CaptureInput> decode_capture_charge(const json& body);
Outcome<std::optional<std::string>> decode_cancel_charge(const json& body);
Outcome<CreateRefundInput> decode_create_refund(const json& body);

// The one way a request amount becomes yen, for the API and Seller Central alike: a JSON
// string ("5980", "5980.00") or number (5980), whole yen, greater than zero and at most
// core::Yen::kMaxParsed (far above Amazon's ¥10,000,000 per charge, which the service
// answers with TransactionAmountExceeded; the bound keeps every limit's arithmetic in range).
// Anything else is 400 InvalidParameterValue naming `field`.
Outcome<Yen> decode_amount(const json& value, const std::string& field);

json encode(const CheckoutSessionView& view);
json encode(const ChargePermissionView& view);
json encode(const ChargeView& view);
// JSON already written as text (json_response answers it as it is).
struct JsonText {
  std::string text;
};
// encode(view).dump() as an answer writes it, without building the tree (every Charge answer:
// Create Charge's was ≈ 5 % of its CPU through nlohmann). Tests hold the two equal.
JsonText encode_text(const ChargeView& view);
json encode(const RefundView& view);
json encode_buyer(const SandboxBuyer& buyer);
// Get Buyer's answer (fact sheet §6.18): the buyer and their first address.
json encode_buyer_profile(const SandboxBuyer& buyer);
json encode_error(const AmazonError& e);
json encode_change(const Change& c);

}  // namespace mock_amazon::api
