// Amazon's hosted pages as HTML, for a person or a browser test (documented in
// mock_amazon/README.md, "Hosted pages"). They live under the path of --hosted-base-url
// (ServiceConfig::hosted_base_url), so the amazonPayRedirectUrl the mock hands out opens
// them when that URL points at the mock:
//   GET  …/checkout/signin?amazonCheckoutSessionId=ID[&buyer=KEY]  pick a buyer, then an
//        address and a payment method (stands in for the page the Amazon Pay button opens)
//   POST …/checkout/signin   303 to checkoutReviewReturnUrl?amazonCheckoutSessionId=ID
//   GET  …/checkout/payment?amazonCheckoutSessionId=ID  the payment page (amazonPayRedirectUrl)
//   POST …/checkout/payment  303 to checkoutResultReturnUrl?amazonCheckoutSessionId=ID
//   POST …/checkout/cancel   303 to checkoutCancelUrl, or a page saying the buyer cancelled
// The forms call the same Service functions as the control API's hosted-page routes
// (control.cpp); errors are HTML pages with the reason code's 4xx status.
#pragma once

#include <string>

#include "core/http_types.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {

bool is_hosted_page_path(const std::string& hosted_base_url, const std::string& path);
core::HttpResponse handle_hosted_page(MockParts& mock, const core::HttpRequest& request);

}  // namespace mock_amazon::transport
