#include "scenarios/recording_client.hpp"

#include <algorithm>
#include <iterator>

namespace scenarios {

std::string mask_signature(const std::string& authorization) {
  size_t at = authorization.find("Signature=");
  if (at == std::string::npos) return authorization;
  size_t value = at + std::string("Signature=").size();
  size_t end = authorization.find(',', value);
  return authorization.substr(0, value) + "…" +
         (end == std::string::npos ? std::string() : authorization.substr(end));
}

RecordingClient::RecordingClient(core::AmazonPayClient& inner, const core::Clock& clock,
                                 WireMask mask, ErrorText error_text)
    : inner_(inner), clock_(clock), mask_(std::move(mask)), error_text_(std::move(error_text)) {
  inner_.set_wire_observer([this](const core::HttpRequest& sent) { wire_ = sent; });
}

core::Result<core::HttpResponse, std::string> RecordingClient::send(core::HttpRequest request) {
  reports::HttpExchange x;
  x.sim_time = core::format_iso(clock_.now());
  wire_.reset();
  core::HttpRequest original = request;
  auto result = inner_.send(std::move(request));
  // A client that reports nothing (a test double) sent the request as given.
  core::HttpRequest wire = wire_ ? std::move(*wire_) : std::move(original);
  if (mask_) mask_(wire);
  x.method = wire.method;
  x.path = wire.query.empty() ? wire.path : wire.path + "?" + wire.query;
  for (const auto& [name, value] : wire.headers)
    x.request_headers.emplace_back(
        name, core::iequals(name, "authorization") ? mask_signature(value) : value);
  x.request_body = wire.body;

  if (result) {
    x.status = result->status;
    for (const auto& [name, value] : result->headers)
      if (!core::iequals(name, "connection") && !core::iequals(name, "keep-alive"))
        x.response_headers.emplace_back(name, value);
    x.response_body = result->body;
  } else {
    x.transport_error = error_text_ ? error_text_(result.error()) : result.error();
    exchanges_.push_back(x);
    return core::fail(x.transport_error);
  }
  exchanges_.push_back(std::move(x));
  return result;
}

void RecordingClient::insert(size_t at, std::vector<reports::HttpExchange> exchanges) {
  at = std::min(at, exchanges_.size());
  exchanges_.insert(exchanges_.begin() + static_cast<std::ptrdiff_t>(at),
                    std::make_move_iterator(exchanges.begin()),
                    std::make_move_iterator(exchanges.end()));
}

std::vector<reports::HttpExchange> RecordingClient::take() {
  std::vector<reports::HttpExchange> out;
  out.swap(exchanges_);
  return out;
}

}  // namespace scenarios
