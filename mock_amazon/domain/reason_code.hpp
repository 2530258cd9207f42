// Amazon Pay's reasonCode vocabulary: state reasons (statusDetails.reasonCode / reasons[])
// and error codes (error body {reasonCode, message}) share one namespace, as in Amazon's API.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mock_amazon {

#define MOCK_AMAZON_REASON_CODES(X)   \
  /* generic request errors */        \
  X(InvalidHeaderValue)               \
  X(InvalidRequest)                   \
  X(InvalidParameterValue)            \
  X(InvalidRequestFormat)             \
  X(MissingHeader)                    \
  X(MissingHeaderValue)               \
  X(MissingParameterValue)            \
  X(UnrecognizedField)                \
  X(InvalidSandboxSimulationSpecified) \
  X(DuplicateIdempotencyKey)          \
  X(InvalidParameterCombination)      \
  X(CurrencyMismatch)                 \
  X(InvalidAPIVersion)                \
  X(UnauthorizedAccess)               \
  X(InvalidAuthentication)            \
  X(InvalidAccountStatus)             \
  X(InvalidRequestSignature)          \
  X(InvalidAuthorizationToken)        \
  X(ResourceNotFound)                 \
  X(UnsupportedOperation)             \
  X(RequestNotSupported)              \
  X(RequestTimeout)                   \
  X(TooManyRequests)                  \
  X(InternalServerError)              \
  X(ServiceUnavailable)               \
  /* business and state errors */     \
  X(AmountMismatch)                   \
  X(InvalidCheckoutSessionStatus)     \
  X(CheckoutSessionCanceled)          \
  X(InvalidChargePermissionStatus)    \
  X(ChargePermissionNotModifiable)    \
  X(InvalidChargeStatus)              \
  X(TransactionAmountExceeded)        \
  X(TransactionCountExceeded)         \
  X(PeriodicAmountExceeded)           \
  X(PaymentMethodNotAllowed)          \
  X(MFANotCompleted)                  \
  /* declines (errors on Create Charge; Charge/Refund state reasons) */ \
  X(SoftDeclined)                     \
  X(HardDeclined)                     \
  X(AmazonRejected)                   \
  X(ProcessingFailure)                \
  X(TransactionTimedOut)              \
  /* CheckoutSession / Charge Canceled reasons */ \
  X(BuyerCanceled)                    \
  X(Expired)                          \
  X(Declined)                         \
  X(AmazonCanceled)                   \
  X(ExpiredUnused)                    \
  X(MerchantCanceled)                 \
  X(ChargePermissionCanceled)         \
  /* ChargePermission NonChargeable reasons */ \
  X(PaymentMethodInvalid)             \
  X(PaymentMethodDeleted)             \
  X(BillingAddressDeleted)            \
  X(PaymentMethodExpired)             \
  X(PaymentMethodNotSet)              \
  X(ChargeInProgress)                 \
  X(MFAFailed)                        \
  /* ChargePermission Closed reasons */ \
  X(MerchantClosed)                   \
  X(AmazonClosed)

enum class ReasonCode {
#define X(name) name,
  MOCK_AMAZON_REASON_CODES(X)
#undef X
};

std::string_view name(ReasonCode code);
std::optional<ReasonCode> parse_reason_code(std::string_view text);

// HTTP status Amazon uses when `code` is returned as an error (fact sheet §4).
int http_status(ReasonCode code);

// An expected failure of an Amazon Pay operation: what the API answers with.
struct AmazonError {
  ReasonCode code;
  std::string message;
  int status() const { return http_status(code); }
};

inline AmazonError error(ReasonCode code, std::string message) {
  return AmazonError{code, std::move(message)};
}

}  // namespace mock_amazon
