#include "shop_model/notifications/envelope_verification.hpp"

#include "core/http_types.hpp"

namespace shop_model {

CertificateFetcher amazon_client_certificate_fetcher(core::AmazonPayClient& client) {
  return [&client](const std::string& url) -> core::Result<std::string, std::string> {
    std::string::size_type scheme = url.find("://");
    std::string::size_type slash =
        scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
    if (slash == std::string::npos) return core::fail("no path in '" + url + "'");
    core::HttpRequest request;
    request.method = "GET";
    request.path = url.substr(slash);
    auto got = client.send(std::move(request));
    if (!got) return core::fail("certificate not fetched: " + got.error());
    if (got->status != 200)
      return core::fail("certificate not fetched: HTTP " + std::to_string(got->status));
    return got->body;
  };
}

core::Result<std::string, std::string> trusted_certificate_path(const std::string& url,
                                                                const std::string& trusted_host) {
  std::string rest;
  for (const char* scheme : {"https://", "http://"})
    if (url.rfind(scheme, 0) == 0) rest = url.substr(std::string(scheme).size());
  if (rest.empty()) return core::fail("SigningCertURL '" + url + "' is not http(s)");
  std::string::size_type slash = rest.find('/');
  std::string host = rest.substr(0, slash);
  if (!core::iequals(host, trusted_host))
    return core::fail("SigningCertURL host '" + host + "' is not " + trusted_host);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  if (path.find_first_of("?#") != std::string::npos)
    return core::fail("SigningCertURL '" + url + "' has a query or fragment");
  const std::string pem = ".pem";
  if (path.size() <= pem.size() || path.compare(path.size() - pem.size(), pem.size(), pem) != 0)
    return core::fail("SigningCertURL '" + url + "' is not a .pem file");
  return path;
}

void EnvelopeVerifier::set_fetcher(CertificateFetcher fetcher) {
  fetcher_ = std::move(fetcher);
  certificates_.clear();
}

core::Result<void, EnvelopeRefusal> EnvelopeVerifier::verify(const core::SnsEnvelope& e,
                                                             const ShopSettings& settings) {
  if (e.signature.empty()) {
    if (settings.notification_signature_required)
      return core::fail(EnvelopeRefusal{403, "the notification is not signed"});
    return {};  // the test switch: unsigned envelopes accepted
  }
  auto path = trusted_certificate_path(e.signing_cert_url, settings.amazon_notification_host);
  if (!path) return core::fail(EnvelopeRefusal{403, path.error()});
  auto cached = certificates_.find(e.signing_cert_url);
  if (cached == certificates_.end()) {
    if (!fetcher_) return core::fail(EnvelopeRefusal{500, "no certificate fetcher"});
    auto pem = fetcher_(e.signing_cert_url);
    // Not a verdict on the sender: the shop could not check now, so Amazon should retry.
    if (!pem) return core::fail(EnvelopeRefusal{500, pem.error()});
    auto certificate = core::SnsCertificate::from_pem(pem.value());
    if (!certificate) return core::fail(EnvelopeRefusal{403, certificate.error()});
    cached = certificates_.emplace(e.signing_cert_url, std::move(certificate).value()).first;
  }
  if (auto verified = cached->second.verify(e); !verified)
    return core::fail(EnvelopeRefusal{403, verified.error()});
  return {};
}

}  // namespace shop_model
