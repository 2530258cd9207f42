// The shop's 販売事業者様サイトURL: the endpoint Amazon posts its Instant Payment
// Notifications to (fact sheet §11; rules SYNC-005, AMT-007, AMT-014, decision 4).
//
//   envelope_verification.*  the SNS envelope is Amazon's (certificate URL, signature)
//   ipn_message.*            the inner Message
//   ipn_endpoint.cpp         the HTTP answer, de-duplication by NotificationId, the unit of work
//   ipn_apply.cpp            reading the object from Amazon and applying it to the order
//
// Answers: 404 without the merchant URL; 400 for a request that is not a notification; 403
// for one not from Amazon; 500 when Amazon could not be read (Amazon retries; nothing is
// recorded); otherwise 200 with an empty body, the NotificationId recorded with the order's
// changes in one transaction, so a redelivery answers 200 and changes nothing.
//
// Thread safety: none, like the rest of the shop.
#pragma once

#include <string>
#include <vector>

#include "core/http_types.hpp"
#include "shop_model/notifications/envelope_verification.hpp"
#include "shop_model/notifications/ipn_message.hpp"
#include "shop_model/shop_context.hpp"

namespace shop_model {

class NotificationEndpoint {
 public:
  NotificationEndpoint(ShopContext& context, CertificateFetcher fetcher)
      : ctx_(context), verifier_(std::move(fetcher)) {}

  // One delivery. Never throws: library failures become a 500.
  core::HttpResponse receive(const core::HttpRequest& request);

  // Where certificates come from (tests read the mock's certificate file); forgets the
  // certificates already fetched.
  void set_certificate_fetcher(CertificateFetcher fetcher) {
    verifier_.set_fetcher(std::move(fetcher));
  }

  // What applying one notification came to (ipn_apply.cpp).
  struct Applied {
    bool retry = false;   // Amazon could not be read: answer 500, record nothing
    std::string outcome;  // "applied" or "ignored: <why>"
    std::vector<Order> changed;
  };

 private:
  core::HttpResponse handle(const core::HttpRequest& request);
  Applied apply(const IpnMessage& message);
  Applied apply_charge(const IpnMessage& message, std::vector<Order> orders);
  Applied apply_refund(const IpnMessage& message, std::vector<Order> orders);
  Applied apply_charge_permission(const IpnMessage& message, std::vector<Order> orders);
  void record_capture(Order& order, ChargeRecord& charge);

  ShopContext& ctx_;
  EnvelopeVerifier verifier_;
};

}  // namespace shop_model
