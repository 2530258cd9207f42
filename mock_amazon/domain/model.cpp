#include "mock_amazon/domain/model.hpp"

namespace mock_amazon {

std::string_view name(PaymentIntent p) {
  switch (p) {
    case PaymentIntent::Confirm: return "Confirm";
    case PaymentIntent::Authorize: return "Authorize";
    case PaymentIntent::AuthorizeWithCapture: return "AuthorizeWithCapture";
  }
  return "?";
}

std::optional<PaymentIntent> parse_payment_intent(std::string_view text) {
  if (text == "Confirm") return PaymentIntent::Confirm;
  if (text == "Authorize") return PaymentIntent::Authorize;
  if (text == "AuthorizeWithCapture") return PaymentIntent::AuthorizeWithCapture;
  return std::nullopt;
}

std::string_view name(ChargePermissionType t) {
  return t == ChargePermissionType::OneTime ? "OneTime" : "Recurring";
}

std::optional<ChargePermissionType> parse_charge_permission_type(std::string_view text) {
  if (text == "OneTime") return ChargePermissionType::OneTime;
  if (text == "Recurring") return ChargePermissionType::Recurring;
  return std::nullopt;
}

}  // namespace mock_amazon
