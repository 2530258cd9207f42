// Charge Permission bodies: Update and Close requests; the resource.
#include "mock_amazon/transport/codec_support.hpp"

namespace mock_amazon::api {

using namespace detail;  // NOLINT: the shared pieces of every resource's codec

// ---------------------------------------------------------------- decoding

Outcome<ChargePermissionPatch> decode_update_charge_permission(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"merchantMetadata", "recurringMetadata"});
  ChargePermissionPatch p;
  if (auto m = r.object("merchantMetadata")) {
    p.merchant_metadata = read_merchant_metadata(*m);
    r.absorb(*m);
  }
  if (auto m = r.object("recurringMetadata")) {
    p.recurring = read_recurring(*m);
    r.absorb(*m);
  }
  return finish(r, p);
}

Outcome<CloseChargePermissionInput> decode_close_charge_permission(const json& body) {
  if (body.is_null()) return CloseChargePermissionInput{};
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"closureReason", "cancelPendingCharges"});
  CloseChargePermissionInput in;
  in.closure_reason = r.str("closureReason");
  in.cancel_pending_charges = r.boolean("cancelPendingCharges").value_or(false);
  return finish(r, in);
}

// ---------------------------------------------------------------- encoding

json encode(const ChargePermissionView& view) {
  const ChargePermission& cp = view.permission;
  // Personal data is withheld after the retention period; the payment descriptor is not
  // personal data and stays.
  BuyerView bv = buyer_view(cp.selection);
  if (!view.buyer_data_available) bv.buyer = bv.shipping = bv.billing = nullptr;
  json reasons = nullptr;
  if (!cp.reasons.empty()) {
    reasons = json::array();
    for (ReasonCode r : cp.reasons)
      reasons.push_back(json{{"reasonCode", std::string(name(r))}, {"reasonDescription", nullptr}});
  }
  json j;
  j["chargePermissionId"] = cp.id.str();
  j["chargePermissionReferenceId"] = nullptr;
  j["chargePermissionType"] = std::string(name(cp.type));
  j["recurringMetadata"] = recurring(cp.recurring);
  j["platformId"] = opt(cp.platform_id);
  j["presentmentCurrency"] = "JPY";
  j["buyer"] = bv.buyer;
  j["shippingAddress"] = bv.shipping;
  j["billingAddress"] = bv.billing;
  j["paymentPreferences"] = bv.preferences;
  j["statusDetails"] = json{{"state", std::string(name(cp.state))},
                            {"reasons", reasons},
                            {"lastUpdatedTimestamp", ts(cp.last_updated)}};
  j["limits"] = json{{"amountLimit", price(cp.amount_limit)},
                     {"amountBalance", price(view.amount_balance)}};
  j["merchantMetadata"] = merchant_metadata(cp.merchant_metadata);
  j["creationTimestamp"] = ts(cp.created);
  j["expirationTimestamp"] = ts(cp.expires);
  j["releaseEnvironment"] = view.release_environment;
  return j;
}

}  // namespace mock_amazon::api
