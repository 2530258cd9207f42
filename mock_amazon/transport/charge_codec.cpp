// Charge bodies: Create, Capture and Cancel requests; the resource.
#include "mock_amazon/transport/codec_support.hpp"

namespace mock_amazon::api {

using namespace detail;  // NOLINT: the shared pieces of every resource's codec

// ---------------------------------------------------------------- decoding

Outcome<CreateChargeInput> decode_create_charge(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"chargePermissionId", "chargeAmount", "captureNow", "canHandlePendingAuthorization",
          "softDescriptor", "merchantMetadata", "providerMetadata", "platformId",
          "chargeInitiator", "channel"});
  CreateChargeInput in;
  in.charge_permission_id = ChargePermissionId{r.required_str("chargePermissionId")};
  in.charge_amount = r.required_price("chargeAmount");
  in.capture_now = r.boolean("captureNow").value_or(false);
  in.can_handle_pending_authorization = r.boolean("canHandlePendingAuthorization").value_or(false);
  in.soft_descriptor = r.str("softDescriptor");
  if (auto m = r.object("merchantMetadata")) {
    in.merchant_metadata = read_merchant_metadata(*m);
    r.absorb(*m);
  }
  if (auto pm = r.object("providerMetadata")) {
    pm->only({"providerReferenceId"});
    in.provider_reference_id = pm->str("providerReferenceId");
    r.absorb(*pm);
  }
  in.platform_id = r.str("platformId");
  in.charge_initiator = r.str("chargeInitiator");
  static const std::set<std::string> initiators = {"CITU", "MITU", "CITR", "MITR"};
  if (r.ok() && in.charge_initiator && !initiators.count(*in.charge_initiator))
    r.fail(R::InvalidParameterValue, "chargeInitiator must be CITU, MITU, CITR or MITR");
  in.channel = r.str("channel");
  return finish(r, in);
}

Outcome<CaptureInput> decode_capture_charge(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"captureAmount", "softDescriptor"});
  CaptureInput in;
  in.capture_amount = r.required_price("captureAmount");
  in.soft_descriptor = r.str("softDescriptor");
  return finish(r, in);
}

Outcome<std::optional<std::string>> decode_cancel_charge(const json& body) {
  if (body.is_null()) return std::optional<std::string>();
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"cancellationReason"});
  auto reason = r.str("cancellationReason");
  return finish(r, reason);
}

// ---------------------------------------------------------------- encoding

json encode(const ChargeView& view) {
  const Charge& c = view.charge;
  json j;
  j["chargeId"] = c.id.str();
  j["chargePermissionId"] = c.charge_permission_id.str();
  j["chargeAmount"] = price(c.charge_amount);
  j["captureAmount"] = opt_price(c.capture_amount);
  j["refundedAmount"] = c.refunded_amount > Yen{0} ? price(c.refunded_amount) : json(nullptr);
  j["convertedAmount"] = nullptr;
  j["conversionRate"] = nullptr;
  j["softDescriptor"] = opt(c.soft_descriptor);
  j["merchantMetadata"] = merchant_metadata(c.merchant_metadata);
  j["providerMetadata"] = json{{"providerReferenceId", opt(c.provider_reference_id)}};
  j["platformId"] = opt(c.platform_id);
  j["channel"] = c.channel;
  j["chargeInitiator"] = opt(c.charge_initiator);
  j["statusDetails"] = status_details(name(c.state), c.reason, c.last_updated);
  j["creationTimestamp"] = ts(c.created);
  j["expirationTimestamp"] = ts(c.expires);
  j["releaseEnvironment"] = view.release_environment;
  return j;
}

// ---------------------------------------------------------------- encoding, as text

namespace {

// Texts as answers write them: invalid UTF-8 replaced.
void answer_string(std::string& out, std::string_view s) {
  core::append_json_string(out, s, core::InvalidUtf8::Replace);
}
void answer_opt(std::string& out, const std::optional<std::string>& s) {
  core::append_json_string(out, s, core::InvalidUtf8::Replace);
}

void append_price(std::string& out, Yen y) {
  out += R"({"amount":")";
  out += y.to_string();
  out += R"(","currencyCode":"JPY"})";
}

void append_ts(std::string& out, Instant t) {
  answer_string(out, core::format_amazon(t));
}

}  // namespace

// Keys in the order dump() writes an object's (its std::map sorts them).
JsonText encode_text(const ChargeView& view) {
  const Charge& c = view.charge;
  const MerchantMetadata& m = c.merchant_metadata;
  std::string out;
  out.reserve(768);
  out += R"({"captureAmount":)";
  if (c.capture_amount)
    append_price(out, *c.capture_amount);
  else
    out += "null";
  out += R"(,"channel":)";
  answer_string(out, c.channel);
  out += R"(,"chargeAmount":)";
  append_price(out, c.charge_amount);
  out += R"(,"chargeId":)";
  answer_string(out, c.id.str());
  out += R"(,"chargeInitiator":)";
  answer_opt(out, c.charge_initiator);
  out += R"(,"chargePermissionId":)";
  answer_string(out, c.charge_permission_id.str());
  out += R"(,"conversionRate":null,"convertedAmount":null,"creationTimestamp":)";
  append_ts(out, c.created);
  out += R"(,"expirationTimestamp":)";
  append_ts(out, c.expires);
  out += R"(,"merchantMetadata":{"customInformation":)";
  answer_opt(out, m.custom_information);
  out += R"(,"merchantReferenceId":)";
  answer_opt(out, m.merchant_reference_id);
  out += R"(,"merchantStoreName":)";
  answer_opt(out, m.merchant_store_name);
  out += R"(,"noteToBuyer":)";
  answer_opt(out, m.note_to_buyer);
  out += R"(},"platformId":)";
  answer_opt(out, c.platform_id);
  out += R"(,"providerMetadata":{"providerReferenceId":)";
  answer_opt(out, c.provider_reference_id);
  out += R"(},"refundedAmount":)";
  if (c.refunded_amount > Yen{0})
    append_price(out, c.refunded_amount);
  else
    out += "null";
  out += R"(,"releaseEnvironment":)";
  answer_string(out, view.release_environment);
  out += R"(,"softDescriptor":)";
  answer_opt(out, c.soft_descriptor);
  out += R"(,"statusDetails":{"lastUpdatedTimestamp":)";
  append_ts(out, c.last_updated);
  out += R"(,"reasonCode":)";
  if (c.reason)
    answer_string(out, name(*c.reason));
  else
    out += "null";
  out += R"(,"reasonDescription":null,"state":)";
  answer_string(out, name(c.state));
  out += "}}";
  return {std::move(out)};
}

}  // namespace mock_amazon::api
