// Checkout Session bodies: Create, Update and Complete requests; the resource.
#include "mock_amazon/transport/codec_support.hpp"

namespace mock_amazon::api {

using namespace detail;  // NOLINT: the shared pieces of every resource's codec

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

// ---------------------------------------------------------------- encoding

json encode(const CheckoutSessionView& view) {
  const CheckoutSession& cs = view.session;
  json constraints = json::array();
  for (const auto& c : view.constraints) {
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
  json j;
  j["checkoutSessionId"] = cs.id.str();
  j["webCheckoutDetails"] = json{{"checkoutReviewReturnUrl", opt(cs.web.checkout_review_return_url)},
                                 {"checkoutResultReturnUrl", opt(cs.web.checkout_result_return_url)},
                                 {"checkoutCancelUrl", opt(cs.web.checkout_cancel_url)},
                                 {"amazonPayRedirectUrl", opt(view.amazon_pay_redirect_url)},
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
  j["releaseEnvironment"] = view.release_environment;
  return j;
}

}  // namespace mock_amazon::api
