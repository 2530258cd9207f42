// Whether an SNS envelope really comes from Amazon (fact sheet §11.3): its SigningCertURL must
// name the Amazon host the shop trusts (ShopSettings::amazon_notification_host) and a .pem
// file, and its SignatureVersion 1 signature must verify against that certificate. Each
// certificate is fetched once and kept by URL, in memory only.
//
// Thread safety: none (the cache is unguarded), like the rest of the shop.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/amazon_pay_client.hpp"
#include "core/result.hpp"
#include "core/sns.hpp"
#include "shop_model/domain/model.hpp"

namespace shop_model {

// The PEM text of the certificate at a (trusted) SigningCertURL, or why it could not be had.
using CertificateFetcher =
    std::function<core::Result<std::string, std::string>(const std::string& url)>;

// The default: an unsigned GET of the URL's path through the shop's Amazon Pay client (the
// client sends /__mock/… paths unsigned and unprefixed; the mock serves its certificate at
// /__mock/sns/SimpleNotificationService-mock.pem). Only an answer 200 is a certificate.
CertificateFetcher amazon_client_certificate_fetcher(core::AmazonPayClient& client);

// The path of `url` when it is http(s)://<trusted_host><path ending in .pem> (host compared
// case-insensitively, no query or fragment); otherwise why it is not trusted.
core::Result<std::string, std::string> trusted_certificate_path(const std::string& url,
                                                                const std::string& trusted_host);

// Why an envelope is refused: 403 (not from Amazon) or 500 (could not be checked now).
struct EnvelopeRefusal {
  int status = 403;
  std::string message;
};

class EnvelopeVerifier {
 public:
  explicit EnvelopeVerifier(CertificateFetcher fetcher) : fetcher_(std::move(fetcher)) {}

  // Replaces the fetcher and forgets the certificates already fetched.
  void set_fetcher(CertificateFetcher fetcher);

  // Unsigned envelopes pass only when settings.notification_signature_required is false; a
  // signature that is present is always checked.
  core::Result<void, EnvelopeRefusal> verify(const core::SnsEnvelope& envelope,
                                             const ShopSettings& settings);

 private:
  CertificateFetcher fetcher_;
  std::map<std::string, core::SnsCertificate> certificates_;  // by SigningCertURL
};

}  // namespace shop_model
