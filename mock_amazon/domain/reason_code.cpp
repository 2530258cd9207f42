#include "mock_amazon/domain/reason_code.hpp"

#include <array>

namespace mock_amazon {
namespace {

constexpr std::string_view kNames[] = {
#define X(name) #name,
    MOCK_AMAZON_REASON_CODES(X)
#undef X
};

}  // namespace

std::string_view name(ReasonCode code) { return kNames[static_cast<size_t>(code)]; }

std::optional<ReasonCode> parse_reason_code(std::string_view text) {
  for (size_t i = 0; i < std::size(kNames); ++i)
    if (kNames[i] == text) return static_cast<ReasonCode>(i);
  return std::nullopt;
}

int http_status(ReasonCode code) {
  using R = ReasonCode;
  switch (code) {
    case R::UnauthorizedAccess:
      return 401;
    case R::InvalidAuthentication:
    case R::InvalidAccountStatus:
    case R::InvalidRequestSignature:
    case R::InvalidAuthorizationToken:
      return 403;
    case R::ResourceNotFound:
      return 404;
    case R::UnsupportedOperation:
    case R::RequestNotSupported:
      return 405;
    case R::RequestTimeout:
      return 408;
    case R::AmountMismatch:
      return 409;
    case R::TooManyRequests:
      return 429;
    case R::InternalServerError:
    case R::ProcessingFailure:
      return 500;
    case R::ServiceUnavailable:
      return 503;
    case R::InvalidCheckoutSessionStatus:
    case R::CheckoutSessionCanceled:  // fact sheet §4.3: 422 vs 400 conflicts; 422 chosen
    case R::InvalidChargePermissionStatus:
    case R::ChargePermissionNotModifiable:
    case R::InvalidChargeStatus:
    case R::TransactionCountExceeded:
    case R::PaymentMethodNotAllowed:
    case R::MFANotCompleted:
    case R::SoftDeclined:
    case R::HardDeclined:
    case R::AmazonRejected:
    case R::TransactionTimedOut:
      return 422;
    default:
      return 400;
  }
}

}  // namespace mock_amazon
