#include "mock_amazon/domain/transitions.hpp"

namespace mock_amazon {

std::string_view name(CheckoutSessionState s) {
  switch (s) {
    case CheckoutSessionState::Open: return "Open";
    case CheckoutSessionState::Completed: return "Completed";
    case CheckoutSessionState::Canceled: return "Canceled";
  }
  return "?";
}

std::string_view name(ChargePermissionState s) {
  switch (s) {
    case ChargePermissionState::Chargeable: return "Chargeable";
    case ChargePermissionState::NonChargeable: return "NonChargeable";
    case ChargePermissionState::Closed: return "Closed";
  }
  return "?";
}

std::string_view name(ChargeState s) {
  switch (s) {
    case ChargeState::AuthorizationInitiated: return "AuthorizationInitiated";
    case ChargeState::Authorized: return "Authorized";
    case ChargeState::CaptureInitiated: return "CaptureInitiated";
    case ChargeState::Captured: return "Captured";
    case ChargeState::Canceled: return "Canceled";
    case ChargeState::Declined: return "Declined";
  }
  return "?";
}

std::string_view name(RefundState s) {
  switch (s) {
    case RefundState::RefundInitiated: return "RefundInitiated";
    case RefundState::Refunded: return "Refunded";
    case RefundState::Declined: return "Declined";
  }
  return "?";
}

std::string_view name(CheckoutSessionTrigger t) {
  using T = CheckoutSessionTrigger;
  switch (t) {
    case T::Create: return "Create";
    case T::Update: return "Update";
    case T::SignIn: return "SignIn";
    case T::PassPaymentPage: return "PassPaymentPage";
    case T::Complete: return "Complete";
    case T::BuyerCancel: return "BuyerCancel";
    case T::Decline: return "Decline";
    case T::AmazonCancel: return "AmazonCancel";
    case T::Expire: return "Expire";
  }
  return "?";
}

std::string_view name(ChargePermissionTrigger t) {
  using T = ChargePermissionTrigger;
  switch (t) {
    case T::Create: return "Create";
    case T::Update: return "Update";
    case T::CreateCharge: return "CreateCharge";
    case T::Close: return "Close";
    case T::PaymentMethodInvalid: return "PaymentMethodInvalid";
    case T::MakeNonChargeable: return "MakeNonChargeable";
    case T::BuyerUpdatePaymentMethod: return "BuyerUpdatePaymentMethod";
    case T::BuyerCancel: return "BuyerCancel";
    case T::AmazonCancel: return "AmazonCancel";
    case T::AmountBalanceExhausted: return "AmountBalanceExhausted";
    case T::Expire: return "Expire";
  }
  return "?";
}

std::string_view name(ChargeTrigger t) {
  using T = ChargeTrigger;
  switch (t) {
    case T::CreateAuthorized: return "CreateAuthorized";
    case T::CreatePending: return "CreatePending";
    case T::CreateCaptured: return "CreateCaptured";
    case T::CreateCaptureInitiated: return "CreateCaptureInitiated";
    case T::AuthorizationApproved: return "AuthorizationApproved";
    case T::AuthorizationDeclined: return "AuthorizationDeclined";
    case T::Capture: return "Capture";
    case T::CaptureAsync: return "CaptureAsync";
    case T::CaptureSettled: return "CaptureSettled";
    case T::CaptureDeclined: return "CaptureDeclined";
    case T::Cancel: return "Cancel";
    case T::Expire: return "Expire";
    case T::ChargePermissionClosed: return "ChargePermissionClosed";
    case T::AmazonCancel: return "AmazonCancel";
    case T::BuyerCancel: return "BuyerCancel";
    case T::Refund: return "Refund";
  }
  return "?";
}

std::string_view name(RefundTrigger t) {
  switch (t) {
    case RefundTrigger::Create: return "Create";
    case RefundTrigger::Settle: return "Settle";
    case RefundTrigger::Decline: return "Decline";
  }
  return "?";
}

const CheckoutSessionTable& checkout_session_table() {
  using S = CheckoutSessionState;
  using T = CheckoutSessionTrigger;
  using R = ReasonCode;
  static const CheckoutSessionTable table{
      "CheckoutSession",
      {S::Open, S::Completed, S::Canceled},
      {T::Create, T::Update, T::SignIn, T::PassPaymentPage, T::Complete, T::BuyerCancel,
       T::Decline, T::AmazonCancel, T::Expire},
      {
          {std::nullopt, T::Create, S::Open, {}, "Create Checkout Session"},
          {S::Open, T::Update, S::Open, {}, "Update Checkout Session (partial update)"},
          {S::Open, T::SignIn, S::Open, {}, "buyer signs in, chooses address and payment method"},
          {S::Open, T::PassPaymentPage, S::Open, {},
           "buyer passes the payment page (amazonPayRedirectUrl); authorization decided"},
          {S::Open, T::Complete, S::Completed, {}, "Complete Checkout Session"},
          {S::Open, T::BuyerCancel, S::Canceled, {R::BuyerCanceled}, "buyer cancels (card 3064)"},
          {S::Open, T::Decline, S::Canceled, {R::Declined}, "payment declined (card 3434)"},
          {S::Open, T::AmazonCancel, S::Canceled, {R::AmazonCanceled}, "Amazon cancels"},
          {S::Open, T::Expire, S::Canceled, {R::Expired}, "24 h after creation"},
      },
      R::InvalidCheckoutSessionStatus};
  return table;
}

const ChargePermissionTable& charge_permission_table() {
  using S = ChargePermissionState;
  using T = ChargePermissionTrigger;
  using R = ReasonCode;
  const std::vector<R> non_chargeable = {R::PaymentMethodInvalid, R::PaymentMethodDeleted,
                                         R::BillingAddressDeleted, R::PaymentMethodExpired,
                                         R::PaymentMethodNotAllowed, R::PaymentMethodNotSet,
                                         R::ChargeInProgress, R::MFAFailed};
  static const ChargePermissionTable table{
      "ChargePermission",
      {S::Chargeable, S::NonChargeable, S::Closed},
      {T::Create, T::Update, T::CreateCharge, T::Close, T::PaymentMethodInvalid,
       T::MakeNonChargeable, T::BuyerUpdatePaymentMethod, T::BuyerCancel, T::AmazonCancel,
       T::AmountBalanceExhausted, T::Expire},
      {
          {std::nullopt, T::Create, S::Chargeable, {}, "Complete Checkout Session"},
          {S::Chargeable, T::Update, S::Chargeable, {}, "Update Charge Permission"},
          {S::NonChargeable, T::Update, S::NonChargeable, non_chargeable,
           "Update Charge Permission"},
          {S::Chargeable, T::CreateCharge, S::Chargeable, {}, "Create Charge"},
          {S::Chargeable, T::Close, S::Closed, {R::MerchantClosed, R::AmazonClosed},
           "Close Charge Permission (AmazonClosed when simulated)"},
          {S::NonChargeable, T::Close, S::Closed, {R::MerchantClosed, R::AmazonClosed},
           "Close Charge Permission (AmazonClosed when simulated)"},
          {S::Chargeable, T::PaymentMethodInvalid, S::NonChargeable, {R::PaymentMethodInvalid},
           "a charge was hard-declined"},
          {S::Chargeable, T::MakeNonChargeable, S::NonChargeable, non_chargeable,
           "instrument removed, expired, not allowed, MFA failed, ..."},
          {S::NonChargeable, T::BuyerUpdatePaymentMethod, S::Chargeable, {},
           "buyer fixes the payment method on Amazon"},
          {S::Chargeable, T::BuyerUpdatePaymentMethod, S::Chargeable, {},
           "buyer changes the payment method on Amazon"},
          {S::Chargeable, T::BuyerCancel, S::Closed, {R::BuyerCanceled},
           "buyer ends the agreement on Amazon"},
          {S::NonChargeable, T::BuyerCancel, S::Closed, {R::BuyerCanceled},
           "buyer ends the agreement on Amazon"},
          {S::Chargeable, T::AmazonCancel, S::Closed, {R::AmazonCanceled},
           "Amazon closes it (e.g. after AmazonRejected)"},
          {S::NonChargeable, T::AmazonCancel, S::Closed, {R::AmazonCanceled},
           "Amazon closes it (e.g. after AmazonRejected)"},
          {S::Chargeable, T::AmountBalanceExhausted, S::Closed, {R::AmazonClosed},
           "OneTime: the whole amountLimit was captured"},
          {S::Chargeable, T::Expire, S::Closed, {R::Expired}, "expirationTimestamp reached"},
          {S::NonChargeable, T::Expire, S::Closed, {R::Expired}, "expirationTimestamp reached"},
      },
      R::InvalidChargePermissionStatus};
  return table;
}

const ChargeTable& charge_table() {
  using S = ChargeState;
  using T = ChargeTrigger;
  using R = ReasonCode;
  const std::vector<R> auth_declines = {R::SoftDeclined, R::HardDeclined, R::AmazonRejected,
                                        R::ProcessingFailure, R::TransactionTimedOut};
  static const ChargeTable table{
      "Charge",
      {S::AuthorizationInitiated, S::Authorized, S::CaptureInitiated, S::Captured, S::Canceled,
       S::Declined},
      {T::CreateAuthorized, T::CreatePending, T::CreateCaptured, T::CreateCaptureInitiated,
       T::AuthorizationApproved, T::AuthorizationDeclined, T::Capture, T::CaptureAsync,
       T::CaptureSettled, T::CaptureDeclined, T::Cancel, T::Expire, T::ChargePermissionClosed,
       T::AmazonCancel, T::BuyerCancel, T::Refund},
      {
          {std::nullopt, T::CreateAuthorized, S::Authorized, {}, "authorization approved at once"},
          {std::nullopt, T::CreatePending, S::AuthorizationInitiated, {},
           "authorization pending (canHandlePendingAuthorization)"},
          {std::nullopt, T::CreateCaptured, S::Captured, {}, "authorized and captured at once"},
          {std::nullopt, T::CreateCaptureInitiated, S::CaptureInitiated, {},
           "authorized, capture processed later"},
          {S::AuthorizationInitiated, T::AuthorizationApproved, S::Authorized, {},
           "pending authorization approved (~30 s)"},
          {S::AuthorizationInitiated, T::AuthorizationDeclined, S::Declined, auth_declines,
           "pending authorization declined (~30 s)"},
          {S::AuthorizationInitiated, T::Cancel, S::Canceled, {R::MerchantCanceled},
           "Cancel Charge"},
          {S::AuthorizationInitiated, T::ChargePermissionClosed, S::Canceled,
           {R::ChargePermissionCanceled}, "Close Charge Permission, cancelPendingCharges"},
          {S::AuthorizationInitiated, T::AmazonCancel, S::Canceled, {R::AmazonCanceled},
           "Amazon cancels"},
          {S::Authorized, T::Capture, S::Captured, {}, "Capture Charge within 7 days"},
          {S::Authorized, T::CaptureAsync, S::CaptureInitiated, {},
           "Capture Charge after 7 days, or simulated"},
          {S::Authorized, T::Cancel, S::Canceled, {R::MerchantCanceled}, "Cancel Charge"},
          {S::Authorized, T::Expire, S::Canceled, {R::ExpiredUnused},
           "30 days authorized without capture"},
          {S::Authorized, T::ChargePermissionClosed, S::Canceled, {R::ChargePermissionCanceled},
           "Close Charge Permission, cancelPendingCharges"},
          {S::Authorized, T::AmazonCancel, S::Canceled, {R::AmazonCanceled}, "Amazon cancels"},
          {S::Authorized, T::BuyerCancel, S::Canceled, {R::BuyerCanceled}, "buyer cancels"},
          {S::CaptureInitiated, T::CaptureSettled, S::Captured, {}, "asynchronous capture done"},
          {S::CaptureInitiated, T::CaptureDeclined, S::Declined,
           {R::AmazonRejected, R::ProcessingFailure}, "asynchronous capture declined"},
          {S::Captured, T::Refund, S::Captured, {}, "Create Refund"},
      },
      R::InvalidChargeStatus};
  return table;
}

const RefundTable& refund_table() {
  using S = RefundState;
  using T = RefundTrigger;
  using R = ReasonCode;
  static const RefundTable table{
      "Refund",
      {S::RefundInitiated, S::Refunded, S::Declined},
      {T::Create, T::Settle, T::Decline},
      {
          {std::nullopt, T::Create, S::RefundInitiated, {}, "Create Refund"},
          {S::RefundInitiated, T::Settle, S::Refunded, {}, "refund processed"},
          {S::RefundInitiated, T::Decline, S::Declined, {R::AmazonRejected, R::ProcessingFailure},
           "refund declined"},
      },
      R::InvalidRequest};
  return table;
}

}  // namespace mock_amazon
