#include "mock_amazon/transport/api_codec.hpp"

#include <cmath>
#include <set>

#include "core/json.hpp"

namespace mock_amazon::api {
namespace {

using R = ReasonCode;

// Reads a JSON object field by field, keeping the first validation error in Amazon's terms.
class Reader {
 public:
  Reader(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

  bool ok() const { return !error_; }
  const AmazonError& error() const { return *error_; }

  // Fails with UnrecognizedField for any key not in `allowed`.
  void only(std::initializer_list<const char*> allowed) {
    if (!ok() || !obj_.is_object()) return;
    std::set<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [key, _] : obj_.items())
      if (!names.count(key)) {
        fail(R::UnrecognizedField, "The field '" + full(key) + "' is invalid for this API.");
        return;
      }
  }

  bool has(const char* key) const {
    return obj_.is_object() && obj_.contains(key) && !obj_.at(key).is_null();
  }

  std::optional<std::string> str(const char* key, size_t max_len = 0) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_string()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be a string.");
      return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (max_len && utf8_length(s) > max_len) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' is longer than " +
                                         std::to_string(max_len) + " characters.");
      return std::nullopt;
    }
    return s;
  }

  std::string required_str(const char* key, size_t max_len = 0) {
    if (ok() && !has(key)) missing(key);
    return str(key, max_len).value_or("");
  }

  std::optional<bool> boolean(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_boolean()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be true or false.");
      return std::nullopt;
    }
    return v.get<bool>();
  }

  // A Price object {amount, currencyCode}; amounts may arrive as strings or numbers.
  std::optional<Yen> price(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_object()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be an object.");
      return std::nullopt;
    }
    Reader p(v, full(key));
    p.only({"amount", "currencyCode"});
    if (p.ok() && !p.has("amount")) p.missing("amount");
    if (p.ok() && !p.has("currencyCode")) p.missing("currencyCode");
    if (!p.ok()) return absorb(p), std::nullopt;
    const json& amount = v.at("amount");
    std::optional<Yen> yen;
    if (amount.is_string()) {
      yen = Yen::parse(amount.get<std::string>());
    } else if (amount.is_number_integer()) {
      yen = Yen{amount.get<std::int64_t>()};
    } else if (amount.is_number_float()) {
      double d = amount.get<double>();
      if (std::floor(d) == d && std::fabs(d) < 1e15) yen = Yen{static_cast<std::int64_t>(d)};
    }
    if (!yen) {
      fail(R::InvalidParameterValue,
           "The value for '" + full(key) + ".amount' is not a valid JPY amount (JPY has no "
           "decimal places).");
      return std::nullopt;
    }
    const json& currency = v.at("currencyCode");
    if (!currency.is_string()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + ".currencyCode' must be a string.");
      return std::nullopt;
    }
    std::string code = currency.get<std::string>();
    if (code != "JPY") {
      bool looks_like_currency = code.size() == 3 && std::isupper(static_cast<unsigned char>(code[0])) &&
                                 std::isupper(static_cast<unsigned char>(code[1])) &&
                                 std::isupper(static_cast<unsigned char>(code[2]));
      if (looks_like_currency)
        fail(R::CurrencyMismatch, "Currency " + code + " does not match the ledger currency JPY.");
      else
        fail(R::InvalidParameterValue, "'" + code + "' is not a valid currency code.");
      return std::nullopt;
    }
    return yen;
  }

  Yen required_price(const char* key) {
    if (ok() && !has(key)) missing(key);
    return price(key).value_or(Yen{0});
  }

  // A nested object; nullopt (and no error) when absent or null.
  std::optional<Reader> object(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    if (!obj_.at(key).is_object()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be an object.");
      return std::nullopt;
    }
    return Reader(obj_.at(key), full(key));
  }

  void absorb(const Reader& nested) {
    if (ok() && !nested.ok()) error_ = nested.error();
  }

  void missing(const char* key) {
    fail(R::MissingParameterValue, "Value is missing for the required parameter " + full(key));
  }

  void fail(ReasonCode code, std::string message) {
    if (ok()) error_ = AmazonError{code, std::move(message)};
  }

  const json& raw(const char* key) const { return obj_.at(key); }

 private:
  static size_t utf8_length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }
  std::string full(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
  }

  const json& obj_;
  std::string prefix_;
  std::optional<AmazonError> error_;
};

template <class T>
Outcome<T> finish(const Reader& r, T value) {
  if (!r.ok()) return core::fail(r.error());
  return value;
}

Outcome<void> require_object(const json& body) {
  if (!body.is_object())
    return core::fail(AmazonError{R::InvalidRequestFormat, "The request body must be a JSON object."});
  return {};
}

MerchantMetadata read_merchant_metadata(Reader& r) {
  MerchantMetadata m;
  r.only({"merchantReferenceId", "merchantStoreName", "noteToBuyer", "customInformation"});
  m.merchant_reference_id = r.str("merchantReferenceId", 256);
  m.merchant_store_name = r.str("merchantStoreName", 50);
  m.note_to_buyer = r.str("noteToBuyer", 255);
  m.custom_information = r.str("customInformation", 4096);
  return m;
}

RecurringMetadata read_recurring(Reader& r) {
  RecurringMetadata m;
  r.only({"frequency", "amount"});
  if (auto f = r.object("frequency")) {
    f->only({"unit", "value"});
    m.frequency_unit = f->str("unit");
    if (f->has("value")) {
      const json& v = f->raw("value");
      if (v.is_string()) m.frequency_value = v.get<std::string>();
      else if (v.is_number_integer()) m.frequency_value = std::to_string(v.get<long long>());
      else f->fail(R::InvalidParameterValue, "recurringMetadata.frequency.value must be a number");
    }
    static const std::set<std::string> units = {"Year", "Month", "Week", "Day", "Variable"};
    if (f->ok() && m.frequency_unit && !units.count(*m.frequency_unit))
      f->fail(R::InvalidParameterValue,
              "recurringMetadata.frequency.unit must be Year, Month, Week, Day or Variable");
    r.absorb(*f);
  }
  m.amount = r.price("amount");
  return m;
}

json price(Yen y) { return json{{"amount", y.to_string()}, {"currencyCode", "JPY"}}; }
json opt_price(const std::optional<Yen>& y) { return y ? price(*y) : json(nullptr); }
json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json ts(Instant t) { return core::format_amazon(t); }

json merchant_metadata(const MerchantMetadata& m) {
  return json{{"merchantReferenceId", opt(m.merchant_reference_id)},
              {"merchantStoreName", opt(m.merchant_store_name)},
              {"noteToBuyer", opt(m.note_to_buyer)},
              {"customInformation", opt(m.custom_information)}};
}

json recurring(const std::optional<RecurringMetadata>& m) {
  if (!m) return nullptr;
  json freq = nullptr;
  if (m->frequency_unit || m->frequency_value)
    freq = json{{"unit", opt(m->frequency_unit)}, {"value", opt(m->frequency_value)}};
  return json{{"frequency", freq}, {"amount", opt_price(m->amount)}};
}

json address(const Address& a) {
  return json{{"name", a.name},
              {"addressLine1", a.address_line1},
              {"addressLine2", opt(a.address_line2)},
              {"addressLine3", opt(a.address_line3)},
              {"city", opt(a.city)},
              {"county", opt(a.county)},
              {"district", opt(a.district)},
              {"stateOrRegion", a.state_or_region},
              {"postalCode", a.postal_code},
              {"countryCode", a.country_code},
              {"phoneNumber", a.phone_number}};
}

struct BuyerView {
  json buyer = nullptr, shipping = nullptr, billing = nullptr, preferences = nullptr;
};

BuyerView buyer_view(const BuyerSelection& sel) {
  BuyerView v;
  const SandboxBuyer* b = find_sandbox_buyer(sel.buyer);
  if (!b) return v;
  v.buyer = json{{"buyerId", b->buyer_id},
                 {"name", b->name},
                 {"email", b->email},
                 {"phoneNumber", opt(b->phone_number)},
                 {"primeMembershipTypes", nullptr}};
  if (const SandboxAddress* a = b->find_address(sel.address)) {
    v.shipping = address(a->address);
    v.billing = address(a->address);
  }
  if (const SandboxInstrument* i = b->find_instrument(sel.instrument))
    v.preferences = json::array({json{{"paymentDescriptor", payment_descriptor(*i)}}});
  return v;
}

json status_details(std::string_view state, const std::optional<ReasonCode>& reason,
                    Instant updated) {
  return json{{"state", std::string(state)},
              {"reasonCode", reason ? json(std::string(name(*reason))) : json(nullptr)},
              {"reasonDescription", nullptr},
              {"lastUpdatedTimestamp", ts(updated)}};
}

}  // namespace

// ---------------------------------------------------------------- decoding

Outcome<CreateCheckoutSessionInput> decode_create_checkout_session(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"webCheckoutDetails", "storeId", "scopes", "chargePermissionType", "recurringMetadata",
          "paymentDetails", "merchantMetadata", "platformId", "productType", "providerMetadata",
          "deliverySpecifications", "addressDetails"});
  CreateCheckoutSessionInput in;
  in.store_id = r.required_str("storeId");
  if (auto w = r.object("webCheckoutDetails")) {
    w->only({"checkoutReviewReturnUrl", "checkoutResultReturnUrl", "checkoutCancelUrl",
             "checkoutMode"});
    in.web.checkout_review_return_url = w->str("checkoutReviewReturnUrl");
    in.web.checkout_result_return_url = w->str("checkoutResultReturnUrl");
    in.web.checkout_cancel_url = w->str("checkoutCancelUrl");
    in.web.checkout_mode = w->str("checkoutMode");
    if (w->ok() && in.web.checkout_mode && *in.web.checkout_mode != "ProcessOrder")
      w->fail(R::InvalidParameterValue, "webCheckoutDetails.checkoutMode must be ProcessOrder");
    r.absorb(*w);
  } else if (r.ok()) {
    r.missing("webCheckoutDetails");
  }
  in.product_type = r.str("productType");
  if (r.ok() && in.product_type && *in.product_type != "PayAndShip" && *in.product_type != "PayOnly")
    r.fail(R::InvalidParameterValue, "productType must be PayAndShip or PayOnly");
  if (r.ok() && r.has("scopes")) {
    const json& s = r.raw("scopes");
    static const std::set<std::string> known = {"name", "email", "phoneNumber", "billingAddress",
                                                "postalCode", "shippingAddress", "primeStatus"};
    if (!s.is_array()) r.fail(R::InvalidParameterValue, "scopes must be an array");
    else
      for (const auto& e : s) {
        if (!e.is_string() || !known.count(e.get<std::string>())) {
          r.fail(R::InvalidParameterValue, "scopes contains an unknown scope");
          break;
        }
        in.scopes.push_back(e.get<std::string>());
      }
  }
  if (auto t = r.str("chargePermissionType")) {
    auto type = parse_charge_permission_type(*t);
    if (!type) r.fail(R::InvalidParameterValue, "chargePermissionType must be OneTime or Recurring");
    else in.charge_permission_type = *type;
  }
  if (auto m = r.object("recurringMetadata")) {
    in.recurring = read_recurring(*m);
    r.absorb(*m);
  }
  if (auto p = r.object("paymentDetails")) {
    p->only({"paymentIntent", "canHandlePendingAuthorization", "chargeAmount", "totalOrderAmount",
             "softDescriptor", "presentmentCurrency", "allowOvercharge", "extendExpiration"});
    if (auto intent = p->str("paymentIntent")) {
      in.payment.payment_intent = parse_payment_intent(*intent);
      if (!in.payment.payment_intent)
        p->fail(R::InvalidParameterValue,
                "paymentDetails.paymentIntent must be Confirm, Authorize or AuthorizeWithCapture");
    }
    in.payment.can_handle_pending_authorization =
        p->boolean("canHandlePendingAuthorization").value_or(false);
    in.payment.charge_amount = p->price("chargeAmount");
    in.payment.total_order_amount = p->price("totalOrderAmount");
    in.payment.soft_descriptor = p->str("softDescriptor", 16);
    if (auto c = p->str("presentmentCurrency"); c && *c != "JPY")
      p->fail(R::CurrencyMismatch, "presentmentCurrency must be JPY");
    in.payment.allow_overcharge = p->boolean("allowOvercharge").value_or(false);
    in.payment.extend_expiration = p->boolean("extendExpiration").value_or(false);
    r.absorb(*p);
  }
  if (auto m = r.object("merchantMetadata")) {
    in.merchant_metadata = read_merchant_metadata(*m);
    r.absorb(*m);
  }
  in.platform_id = r.str("platformId");
  if (r.ok() && in.charge_permission_type == ChargePermissionType::OneTime && in.recurring)
    r.fail(R::InvalidParameterCombination, "recurringMetadata needs chargePermissionType Recurring");
  return finish(r, in);
}

Outcome<CheckoutSessionPatch> decode_update_checkout_session(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"webCheckoutDetails", "paymentDetails", "merchantMetadata", "recurringMetadata",
          "platformId", "providerMetadata"});
  CheckoutSessionPatch p;
  if (auto w = r.object("webCheckoutDetails")) {
    w->only({"checkoutReviewReturnUrl", "checkoutResultReturnUrl", "checkoutCancelUrl"});
    p.checkout_review_return_url = w->str("checkoutReviewReturnUrl");
    p.checkout_result_return_url = w->str("checkoutResultReturnUrl");
    p.checkout_cancel_url = w->str("checkoutCancelUrl");
    r.absorb(*w);
  }
  if (auto d = r.object("paymentDetails")) {
    d->only({"paymentIntent", "canHandlePendingAuthorization", "chargeAmount", "totalOrderAmount",
             "softDescriptor", "presentmentCurrency", "allowOvercharge", "extendExpiration"});
    if (auto intent = d->str("paymentIntent")) {
      p.payment_intent = parse_payment_intent(*intent);
      if (!p.payment_intent)
        d->fail(R::InvalidParameterValue,
                "paymentDetails.paymentIntent must be Confirm, Authorize or AuthorizeWithCapture");
    }
    p.can_handle_pending_authorization = d->boolean("canHandlePendingAuthorization");
    p.charge_amount = d->price("chargeAmount");
    p.total_order_amount = d->price("totalOrderAmount");
    if (d->has("softDescriptor")) p.soft_descriptor = d->str("softDescriptor", 16);
    if (auto c = d->str("presentmentCurrency"); c && *c != "JPY")
      d->fail(R::CurrencyMismatch, "presentmentCurrency must be JPY");
    p.allow_overcharge = d->boolean("allowOvercharge");
    p.extend_expiration = d->boolean("extendExpiration");
    r.absorb(*d);
  }
  if (auto m = r.object("merchantMetadata")) {
    p.merchant_metadata = read_merchant_metadata(*m);
    r.absorb(*m);
  }
  if (auto m = r.object("recurringMetadata")) {
    p.recurring = read_recurring(*m);
    r.absorb(*m);
  }
  if (r.has("platformId")) p.platform_id = r.str("platformId");
  if (auto pm = r.object("providerMetadata")) {
    pm->only({"providerReferenceId"});
    pm->str("providerReferenceId");
    r.absorb(*pm);
  }
  return finish(r, p);
}

Outcome<CompleteCheckoutSessionInput> decode_complete_checkout_session(const json& body) {
  if (auto o = require_object(body); !o) return core::fail(o.error());
  Reader r(body, "");
  r.only({"chargeAmount", "totalOrderAmount"});
  CompleteCheckoutSessionInput in;
  in.charge_amount = r.required_price("chargeAmount");
  in.total_order_amount = r.price("totalOrderAmount");
  return finish(r, in);
}

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

json encode(const CheckoutSession& cs, Service& service) {
  json constraints = json::array();
  for (const auto& c : service.constraints(cs)) {
    std::string description = c == "BuyerNotAssociated"  ? "There is no buyer associated with the Checkout Session. Return the checkout session id to the Amazon Pay Button to allow buyer to login."
                              : c == "ChargeAmountNotSet" ? "chargeAmount is not set."
                              : c == "CheckoutResultReturnUrlNotSet" ? "checkoutResultReturnUrl is not set."
                              : c == "PaymentIntentNotSet" ? "paymentIntent is not set."
                                                           : "recurringMetadata.frequency is not set.";
    constraints.push_back(json{{"constraintId", c}, {"description", description}});
  }
  // Buyer data is shown only while the session is Open (fact sheet §6.4).
  BuyerView bv;
  if (cs.selection && cs.state == CheckoutSessionState::Open) bv = buyer_view(*cs.selection);
  auto redirect = service.amazon_pay_redirect_url(cs);
  json j;
  j["checkoutSessionId"] = cs.id.str();
  j["webCheckoutDetails"] = json{{"checkoutReviewReturnUrl", opt(cs.web.checkout_review_return_url)},
                                 {"checkoutResultReturnUrl", opt(cs.web.checkout_result_return_url)},
                                 {"checkoutCancelUrl", opt(cs.web.checkout_cancel_url)},
                                 {"amazonPayRedirectUrl", opt(redirect)},
                                 {"checkoutMode", opt(cs.web.checkout_mode)}};
  j["productType"] = cs.product_type;
  j["paymentDetails"] = json{
      {"paymentIntent", cs.payment.payment_intent
                            ? json(std::string(name(*cs.payment.payment_intent)))
                            : json(nullptr)},
      {"canHandlePendingAuthorization", cs.payment.can_handle_pending_authorization},
      {"chargeAmount", opt_price(cs.payment.charge_amount)},
      {"totalOrderAmount", opt_price(cs.payment.total_order_amount)},
      {"softDescriptor", opt(cs.payment.soft_descriptor)},
      {"presentmentCurrency", cs.payment.presentment_currency},
      {"allowOvercharge", cs.payment.allow_overcharge},
      {"extendExpiration", cs.payment.extend_expiration}};
  j["chargePermissionType"] = std::string(name(cs.charge_permission_type));
  j["recurringMetadata"] = recurring(cs.recurring);
  j["merchantMetadata"] = merchant_metadata(cs.merchant_metadata);
  j["supplementaryData"] = nullptr;
  j["buyer"] = bv.buyer;
  j["billingAddress"] = bv.billing;
  j["paymentPreferences"] = bv.preferences;
  j["statusDetails"] = status_details(name(cs.state), cs.reason, cs.last_updated);
  j["shippingAddress"] = bv.shipping;
  j["platformId"] = opt(cs.platform_id);
  j["chargePermissionId"] = cs.charge_permission_id ? json(cs.charge_permission_id->str()) : json(nullptr);
  j["chargeId"] = cs.charge_id ? json(cs.charge_id->str()) : json(nullptr);
  j["constraints"] = constraints;
  j["creationTimestamp"] = ts(cs.created);
  j["expirationTimestamp"] = cs.state == CheckoutSessionState::Open ? ts(cs.expires) : json(nullptr);
  j["storeId"] = cs.store_id;
  j["providerMetadata"] = json{{"providerReferenceId", nullptr}};
  j["releaseEnvironment"] = service.config().release_environment;
  return j;
}

json encode(const ChargePermission& cp, Service& service) {
  // Personal data is withheld after the retention period; the payment descriptor is not
  // personal data and stays.
  BuyerView bv = buyer_view(cp.selection);
  if (!service.buyer_data_available(cp)) bv.buyer = bv.shipping = bv.billing = nullptr;
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
                     {"amountBalance", price(service.amount_balance(cp))}};
  j["merchantMetadata"] = merchant_metadata(cp.merchant_metadata);
  j["creationTimestamp"] = ts(cp.created);
  j["expirationTimestamp"] = ts(cp.expires);
  j["releaseEnvironment"] = service.config().release_environment;
  return j;
}

json encode(const Charge& c, const Service& service) {
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
  j["releaseEnvironment"] = service.config().release_environment;
  return j;
}

json encode(const Refund& r, const Service& service) {
  json j;
  j["refundId"] = r.id.str();
  j["chargeId"] = r.charge_id.str();
  j["refundAmount"] = price(r.amount);
  j["softDescriptor"] = opt(r.soft_descriptor);
  j["creationTimestamp"] = ts(r.created);
  j["statusDetails"] = status_details(name(r.state), r.reason, r.last_updated);
  j["releaseEnvironment"] = service.config().release_environment;
  return j;
}

json encode_buyer(const SandboxBuyer& b) {
  json addresses = json::array();
  for (const auto& a : b.addresses) addresses.push_back(json{{"key", a.key}, {"note", a.note}, {"address", address(a.address)}});
  json instruments = json::array();
  for (const auto& i : b.instruments) {
    const char* behaviour = "succeeds";
    switch (i.behaviour) {
      case CardBehaviour::Succeed: behaviour = "succeeds"; break;
      case CardBehaviour::BuyerCancel: behaviour = "checkout canceled by the buyer (BuyerCanceled)"; break;
      case CardBehaviour::Decline: behaviour = "declined (checkout Canceled/Declined)"; break;
      case CardBehaviour::PendingThenAuthorized: behaviour = "pending, then Authorized"; break;
      case CardBehaviour::PendingThenHardDeclined: behaviour = "pending, then Declined/HardDeclined"; break;
    }
    instruments.push_back(json{{"key", i.key},
                               {"paymentDescriptor", payment_descriptor(i)},
                               {"behaviour", behaviour}});
  }
  return json{{"key", b.key},
              {"buyerId", b.buyer_id},
              {"name", b.name},
              {"email", b.email},
              {"giftCardBalance", price(b.gift_card_balance)},
              {"addresses", addresses},
              {"paymentMethods", instruments}};
}

json encode_buyer_profile(const SandboxBuyer& b) {
  const Address& a = b.addresses.front().address;
  return json{{"buyerId", b.buyer_id},
              {"name", b.name},
              {"email", b.email},
              {"postalCode", a.postal_code},
              {"countryCode", a.country_code},
              {"phoneNumber", opt(b.phone_number)},
              {"shippingAddress", address(a)},
              {"billingAddress", nullptr},
              {"primeMembershipTypes", nullptr}};
}

json encode_error(const AmazonError& e) {
  return json{{"reasonCode", std::string(name(e.code))}, {"message", e.message}};
}

json encode_change(const Change& c) {
  return json{{"at", core::format_iso(c.at)},
              {"resource", c.resource},
              {"id", c.id},
              {"from", c.from.empty() ? json(nullptr) : json(c.from)},
              {"to", c.to},
              {"reason", c.reason.empty() ? json(nullptr) : json(c.reason)}};
}

}  // namespace mock_amazon::api
