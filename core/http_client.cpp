#include "core/http_client.hpp"

#include <httplib.h>

#include "core/versions.hpp"

#include <optional>

namespace core {
namespace {

struct ParsedUrl {
  bool tls = false;
  std::string authority;  // host[:port] as written
};

std::optional<ParsedUrl> parse_base_url(std::string_view url) {
  ParsedUrl out;
  if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else if (url.starts_with("https://")) {
    out.tls = true;
    url.remove_prefix(8);
  } else {
    return std::nullopt;
  }
  while (url.ends_with('/')) url.remove_suffix(1);
  if (url.empty() || url.find_first_of("/?#@ ") != std::string_view::npos) return std::nullopt;
  out.authority = std::string(url);
  return out;
}

std::string describe(httplib::Error error, std::chrono::steady_clock::duration elapsed,
                     const HttpClientOptions& options) {
  using std::chrono::milliseconds;
  const auto ms = std::chrono::duration_cast<milliseconds>(elapsed).count();
  switch (error) {
    case httplib::Error::Connection:
      return "connection refused: cannot connect to " + options.base_url;
    case httplib::Error::ConnectionTimeout:
      return "timeout: no connection to " + options.base_url + " within " +
             std::to_string(options.connect_timeout.count()) + " ms";
    case httplib::Error::Read:
      // httplib reports a read timeout and a peer that closed the connection the same way; the
      // time spent tells them apart.
      if (elapsed + milliseconds(50) >= options.read_timeout) {
        return "timeout: no response from " + options.base_url + " within " +
               std::to_string(options.read_timeout.count()) + " ms";
      }
      return "connection closed: " + options.base_url + " closed the connection without a " +
             "complete response (after " + std::to_string(ms) + " ms)";
    case httplib::Error::Write:
      return "write failed: connection to " + options.base_url + " broke while sending";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed with " + options.base_url;
    case httplib::Error::SSLServerVerification:
      return "TLS certificate verification failed for " + options.base_url;
    default:
      return "transport error: " + httplib::to_string(error);
  }
}

}  // namespace

struct HttpClient::Impl {
  explicit Impl(HttpClientOptions o) : options(std::move(o)) {
    auto parsed = parse_base_url(options.base_url);
    if (!parsed) {
      setup_error = "invalid base_url '" + options.base_url +
                    "': expected http://host[:port] or https://host[:port]";
      return;
    }
    client = std::make_unique<httplib::Client>((parsed->tls ? "https://" : "http://") +
                                               parsed->authority);
    if (!client->is_valid()) {
      setup_error = "invalid base_url '" + options.base_url + "'";
      client.reset();
      return;
    }
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    client->set_url_encode(false);  // the path is signed exactly as sent
    client->set_decompress(false);  // no Accept-Encoding; bodies arrive as sent
    client->set_compress(false);
    client->set_follow_location(false);
    client->set_connection_timeout(options.connect_timeout);
    client->set_read_timeout(options.read_timeout);
    client->set_write_timeout(options.read_timeout);
    if (parsed->tls) client->enable_server_certificate_verification(options.verify_tls);
  }

  HttpClientOptions options;
  std::string setup_error;
  std::unique_ptr<httplib::Client> client;
};

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

const HttpClientOptions& HttpClient::options() const {
  return impl_->options;
}

Result<HttpResponse, std::string> HttpClient::send(const HttpRequest& request) {
  if (!impl_->client) return fail(impl_->setup_error);

  httplib::Request req;
  req.method = request.method;
  req.path = request.path.empty() ? std::string("/") : request.path;
  if (!request.query.empty()) {
    req.path += '?';
    req.path += request.query;
  }
  for (const auto& [name, value] : request.headers) {
    if (iequals(name, "content-length")) continue;  // framing is the library's job
    req.headers.emplace(name, value);
  }
  req.body = request.body;

  const auto started = std::chrono::steady_clock::now();
  httplib::Result result = impl_->client->send(req);
  if (!result) {
    return fail(
        describe(result.error(), std::chrono::steady_clock::now() - started, impl_->options));
  }

  HttpResponse response;
  response.status = result->status;
  response.headers.reserve(result->headers.size());
  for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
  response.body = std::move(result->body);
  return response;
}

const char* httplib_version() {
  return CPPHTTPLIB_VERSION;
}

}  // namespace core
