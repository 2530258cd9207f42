#include "mock_amazon/control/hosted_checkout.hpp"

#include "core/json.hpp"

namespace mock_amazon::control {
namespace {

bool is_2xx(const Answer& a) {
  return a && a->status / 100 == 2;
}

std::string why_not(const char* page, const Answer& a) {
  if (!a) return std::string(page) + ": no answer (" + a.error() + ")";
  return std::string(page) + " answered " + std::to_string(a->status) + ": " + a->body;
}

}  // namespace

bool HostedCheckout::reached_result_page() const {
  return is_2xx(signed_in) && is_2xx(payment_page);
}

HostedCheckout walk_hosted_pages(ControlClient& control, std::string_view checkout_session_id,
                                 const BuyerSelection& buyer, const ReviewPage& review) {
  HostedCheckout walk{control.sign_in(checkout_session_id, buyer), core::fail(std::string())};
  if (!is_2xx(walk.signed_in)) {
    walk.payment_page = core::fail("not reached: " + why_not("sign-in", walk.signed_in));
    return walk;
  }
  if (std::string stopped = review(*walk.signed_in); !stopped.empty()) {
    walk.payment_page = core::fail("not reached: the review page stopped: " + stopped);
    return walk;
  }
  walk.payment_page = control.pass_payment_page(checkout_session_id);
  return walk;
}

std::string redirect_url(const core::HttpResponse& page) {
  auto j = nlohmann::json::parse(page.body, nullptr, false);
  if (!j.is_object() || !j.contains("redirectUrl") || !j["redirectUrl"].is_string()) return "";
  return j["redirectUrl"].get<std::string>();
}

}  // namespace mock_amazon::control
