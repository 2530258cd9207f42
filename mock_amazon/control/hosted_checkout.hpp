// The sandbox buyer's trip through Amazon's hosted pages for a checkout session the merchant
// created: sign in and choose (Amazon sends the buyer to the merchant's review page), the
// merchant's review page (which updates the session and sends the buyer to
// amazonPayRedirectUrl), then the payment page (Amazon sends the buyer to the merchant's
// result page, where the merchant completes the session).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "mock_amazon/control/control_client.hpp"

namespace mock_amazon::control {

struct HostedCheckout {
  Answer signed_in;     // {redirectUrl: the review page, outcome}
  Answer payment_page;  // {redirectUrl: the result page, outcome}, or why it was not reached
  bool reached_result_page() const;
};

// The merchant's review page, given Amazon's sign-in answer: "" sends the buyer on to the
// payment page, anything else is why the merchant stopped.
using ReviewPage = std::function<std::string(const core::HttpResponse& signed_in)>;

// Stops at the first page that does not answer 2xx.
HostedCheckout walk_hosted_pages(ControlClient& control, std::string_view checkout_session_id,
                                 const BuyerSelection& buyer, const ReviewPage& review);

// The redirectUrl of a hosted page's answer; "" when it has none.
std::string redirect_url(const core::HttpResponse& page);

}  // namespace mock_amazon::control
