// Amazon Pay v2 resources as the mock keeps them.
//
// Invariants. Service::apply (service/service_internal.hpp), the one way a resource changes
// state, asserts those judged on the resource alone; the property tests check them all:
//  - a Charge's captureAmount ≤ its chargeAmount;
//  - a Charge's settled refunds ≤ captureAmount + min(15 %, ¥8,400), and at most 10 refunds;
//  - a OneTime ChargePermission's captured total ≤ its amountLimit (needs its charges: the
//    property tests only);
//  - every state is one the resource's transition table can reach (states change only
//    through the table).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "mock_amazon/domain/reason_code.hpp"
#include "mock_amazon/domain/transitions.hpp"

namespace mock_amazon {

using core::Instant;
using core::Yen;

using CheckoutSessionId = core::Id<struct CheckoutSessionTag>;
using ChargePermissionId = core::Id<struct ChargePermissionTag>;
using ChargeId = core::Id<struct ChargeTag>;
using RefundId = core::Id<struct RefundTag>;

enum class PaymentIntent { Confirm, Authorize, AuthorizeWithCapture };
enum class ChargePermissionType { OneTime, Recurring };

std::string_view name(PaymentIntent p);
std::optional<PaymentIntent> parse_payment_intent(std::string_view text);
std::string_view name(ChargePermissionType t);
std::optional<ChargePermissionType> parse_charge_permission_type(std::string_view text);

struct MerchantMetadata {
  std::optional<std::string> merchant_reference_id;  // ≤ 256
  std::optional<std::string> merchant_store_name;    // ≤ 50
  std::optional<std::string> note_to_buyer;          // ≤ 255
  std::optional<std::string> custom_information;     // ≤ 4096
};

struct RecurringMetadata {
  std::optional<std::string> frequency_unit;   // Year, Month, Week, Day, Variable
  std::optional<std::string> frequency_value;  // "1"
  std::optional<Yen> amount;
};

struct WebCheckoutDetails {
  std::optional<std::string> checkout_review_return_url;
  std::optional<std::string> checkout_result_return_url;
  std::optional<std::string> checkout_cancel_url;
  std::optional<std::string> checkout_mode;
};

struct PaymentDetails {
  std::optional<PaymentIntent> payment_intent;
  bool can_handle_pending_authorization = false;
  std::optional<Yen> charge_amount;
  std::optional<Yen> total_order_amount;
  std::optional<std::string> soft_descriptor;
  std::string presentment_currency = "JPY";
  bool allow_overcharge = false;
  bool extend_expiration = false;
};

// The sandbox buyer's choices on the hosted pages, by fixture key (see sandbox.hpp).
struct BuyerSelection {
  std::string buyer;       // "taro"
  std::string address;     // "home"
  std::string instrument;  // "card-1111", "giftcard", "giftcard+card-1111"
};

struct CheckoutSession {
  CheckoutSessionId id;
  std::string store_id;
  WebCheckoutDetails web;
  std::string product_type = "PayAndShip";
  PaymentDetails payment;
  ChargePermissionType charge_permission_type = ChargePermissionType::OneTime;
  std::optional<RecurringMetadata> recurring;
  MerchantMetadata merchant_metadata;
  std::optional<std::string> platform_id;
  std::vector<std::string> scopes;
  std::optional<BuyerSelection> selection;  // set when a buyer signed in
  bool payment_page_passed = false;
  // Decided on the payment page: a pending authorization and how it will resolve.
  std::optional<ReasonCode> pending_decline;
  bool authorization_pending = false;
  CheckoutSessionState state = CheckoutSessionState::Open;
  std::optional<ReasonCode> reason;
  Instant last_updated;
  Instant created;
  Instant expires;
  std::optional<ChargePermissionId> charge_permission_id;
  std::optional<ChargeId> charge_id;
};

struct ChargePermission {
  ChargePermissionId id;
  ChargePermissionType type = ChargePermissionType::OneTime;
  std::optional<RecurringMetadata> recurring;
  std::optional<std::string> platform_id;
  std::string store_id;
  BuyerSelection selection;  // the instrument now on file (the buyer may change it)
  MerchantMetadata merchant_metadata;
  ChargePermissionState state = ChargePermissionState::Chargeable;
  std::vector<ReasonCode> reasons;
  Instant last_updated;
  // OneTime: the capture ceiling (order amount, or max(9 ×, ¥70,000) with allowOvercharge).
  // Recurring: the monthly cap.
  Yen amount_limit;
  Yen original_amount;     // chargeAmount at checkout
  bool gift_card_only = false;
  Instant created;
  Instant expires;
  int charge_count = 0;    // charges that were not declined
};

struct Charge {
  ChargeId id;
  ChargePermissionId charge_permission_id;
  Yen charge_amount;
  std::optional<Yen> capture_amount;
  Yen refunded_amount{0};  // settled refunds
  int refund_count = 0;    // refunds created (any state)
  Yen refund_requested{0}; // refunds not declined (initiated + settled), for the ceiling
  std::optional<std::string> soft_descriptor;
  MerchantMetadata merchant_metadata;
  std::optional<std::string> provider_reference_id;
  std::optional<std::string> platform_id;
  std::optional<std::string> charge_initiator;
  std::string channel = "Web";
  ChargeState state = ChargeState::Authorized;
  std::optional<ReasonCode> reason;
  Instant last_updated;
  Instant created;
  Instant expires;                      // created + 30 days: authorization validity
  std::optional<Instant> authorized_at;
  std::optional<ReasonCode> pending_decline;  // how a pending authorization/capture resolves
  bool capture_on_approval = false;           // AuthorizeWithCapture / captureNow while pending
};

// What a charge holds of its permission's limit.
inline Yen active_amount(const Charge& c) {
  switch (c.state) {
    case ChargeState::AuthorizationInitiated:
    case ChargeState::Authorized:
      return c.charge_amount;
    case ChargeState::CaptureInitiated:
    case ChargeState::Captured:
      return c.capture_amount.value_or(c.charge_amount);
    case ChargeState::Canceled:
    case ChargeState::Declined:
      return Yen{0};
  }
  return Yen{0};
}

// What a charge has captured (Captured only).
inline Yen captured_amount(const Charge& c) {
  return c.state == ChargeState::Captured ? c.capture_amount.value_or(Yen{0}) : Yen{0};
}

struct Refund {
  RefundId id;
  ChargeId charge_id;
  Yen amount;
  std::optional<std::string> soft_descriptor;
  RefundState state = RefundState::RefundInitiated;
  std::optional<ReasonCode> reason;
  Instant last_updated;
  Instant created;
  std::optional<ReasonCode> pending_decline;
};

}  // namespace mock_amazon
