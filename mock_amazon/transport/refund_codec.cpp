// Refund bodies: the Create request; the resource.
#include "mock_amazon/transport/codec_support.hpp"

namespace mock_amazon::api {

using namespace detail;  // NOLINT: the shared pieces of every resource's codec

// ---------------------------------------------------------------- decoding

Outcome<CreateRefundInput> decode_create_refund(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"chargeId", "refundAmount", "softDescriptor"});
  CreateRefundInput in;
  in.charge_id = ChargeId{r.required_str("chargeId")};
  in.refund_amount = r.required_price("refundAmount");
  in.soft_descriptor = r.str("softDescriptor");
  return finish(r, in);
}

// ---------------------------------------------------------------- encoding

json encode(const RefundView& view) {
  const Refund& r = view.refund;
  json j;
  j["refundId"] = r.id.str();
  j["chargeId"] = r.charge_id.str();
  j["refundAmount"] = price(r.amount);
  j["softDescriptor"] = opt(r.soft_descriptor);
  j["creationTimestamp"] = ts(r.created);
  j["statusDetails"] = status_details(name(r.state), r.reason, r.last_updated);
  j["releaseEnvironment"] = view.release_environment;
  return j;
}

}  // namespace mock_amazon::api
