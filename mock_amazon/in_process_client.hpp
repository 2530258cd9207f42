// The in-process AmazonPayClient: hands each request straight to the mock's router, with no
// sockets and no signing (the mock it talks to is opened with verify_signatures off).
#pragma once

#include "core/amazon_pay_client.hpp"
#include "mock_amazon/mock.hpp"

namespace mock_amazon {

class InProcessClient final : public core::AmazonPayClient {
 public:
  explicit InProcessClient(Mock& mock) : mock_(mock) {}
  core::Result<core::HttpResponse, std::string> send(core::HttpRequest request) override {
    if (!request.header("content-type"))
      core::set_header(request.headers, "content-type", "application/json");
    observe(request);
    core::HttpResponse res = mock_.handle(request);
    // A dropped connection looks like it does over HTTP: no answer at all.
    if (res.status == kNoResponse) return core::fail(res.body);
    return res;
  }

 private:
  Mock& mock_;
};

}  // namespace mock_amazon
