#include "core/amazon_pay_client.hpp"

namespace core {

HttpAmazonPayClient::HttpAmazonPayClient(HttpClientOptions http,
                                         std::optional<SigningConfig> signing, const Clock& clock,
                                         std::string environment_prefix)
    : http_(std::move(http)),
      signing_(std::move(signing)),
      clock_(clock),
      prefix_(std::move(environment_prefix)) {}

Result<HttpResponse, std::string> HttpAmazonPayClient::send(HttpRequest request) {
  bool control = request.path.rfind("/__mock", 0) == 0;
  if (!control) {
    request.path = prefix_ + request.path;
    if (signing_) sign_request(request, signing_->key, signing_->signer, clock_.now());
  }
  if (!request.header("content-type")) set_header(request.headers, "content-type", "application/json");
  observe(request);
  return http_.send(request);
}

}  // namespace core
