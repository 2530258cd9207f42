// What goes on the wire for one notification (fact sheet §11.2-11.3): the SNS envelope
// around Amazon Pay's Message, its SNS headers, and the SignatureVersion 1 signature made
// with the mock's test key (mock_amazon/testdata/sns/, embedded at build time). The matching
// certificate is served at certificate_path(), the envelope's SigningCertURL.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/sns.hpp"
#include "mock_amazon/notifications/outbox.hpp"

namespace mock_amazon::notifications {

// The merchant id in every Message (the sandbox merchant the mock stands for).
inline constexpr std::string_view kMerchantId = "A1MOCKMERCHANT0";
// Sent with every delivery besides Amazon's SNS headers: the simulated instant of the delivery
// (ISO-8601 UTC), so a receiver that shares the mock's timeline can move its clock there.
inline constexpr std::string_view kDeliveredAtHeader = "x-mock-delivered-at";
inline constexpr std::string_view kTopicArn = "arn:aws:sns:us-west-2:000000000000:amazon-pay-mock-ipn";

std::string_view signing_key_pem();
std::string_view signing_certificate_pem();
// "/__mock/sns/SimpleNotificationService-mock.pem"
std::string certificate_path();
// The signer of signing_key_pem(), parsed once.
const core::SnsSigner& signer();

// The envelope of `n` (Timestamp: its creation on the simulated clock, with milliseconds),
// signed unless the endpoint asked for unsigned notifications.
core::SnsEnvelope envelope(const Notification& n, std::string_view public_base_url);
// The POST to the endpoint: path and query from n.url, SNS headers, the envelope as body.
core::HttpRequest request(const Notification& n, std::string_view public_base_url);

// How notifications leave the mock: POST `request` to `url`. The answer, or the transport's
// failure ("connection refused", "timeout", ...).
using Sender = std::function<core::Result<core::HttpResponse, std::string>(
    const std::string& url, const core::HttpRequest& request)>;
// The default: core::HttpClient to the URL's host (5 s timeouts, TCP_NODELAY).
Sender http_sender();

}  // namespace mock_amazon::notifications
