#include "mock_amazon/transport/hosted_html.hpp"

#include <algorithm>

#include "core/signing.hpp"
#include "core/text.hpp"

namespace mock_amazon::transport::html {

std::string esc(std::string_view text) {
  return core::escape_html(text);
}

std::string form_value(std::string_view encoded, std::string_view name) {
  while (!encoded.empty()) {
    std::string_view pair = encoded.substr(0, encoded.find('&'));
    encoded.remove_prefix(std::min(encoded.size(), pair.size() + 1));
    std::string_view key = pair.substr(0, pair.find('='));
    if (key != name) continue;
    std::string value(pair.substr(std::min(pair.size(), key.size() + 1)));
    std::replace(value.begin(), value.end(), '+', ' ');
    return core::percent_decode(value);
  }
  return "";
}

std::string path_prefix(std::string_view base_url) {
  auto scheme = base_url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? base_url : base_url.substr(scheme + 3);
  auto slash = rest.find('/');
  std::string path(slash == std::string_view::npos ? "" : rest.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

bool is_web_url(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    return url.size() > scheme.size() && core::iequals(url.substr(0, scheme.size()), scheme);
  };
  return starts("http://") || starts("https://");
}

core::HttpResponse page(int status, std::string_view title, std::string_view body) {
  core::HttpResponse res;
  res.status = status;
  res.headers.emplace_back("content-type", "text/html; charset=UTF-8");
  // No script, no external resource: the pages work without JavaScript and offline.
  res.headers.emplace_back("content-security-policy",
                           "default-src 'none'; style-src 'unsafe-inline'");
  res.headers.emplace_back("cache-control", "no-store");
  res.body =
      "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\"><title>" +
      esc(title) +
      "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto;"
      "padding:0 1em}fieldset{margin:1em 0}label{display:block;margin:.3em 0}"
      ".error{color:#b00}.note{color:#666;font-size:90%}</style></head><body>"
      "<p class=\"note\">amazon-pay-mock: a stand-in for Amazon Pay's hosted pages "
      "(sandbox)</p><h1>" +
      esc(title) + "</h1>\n" + std::string(body) + "\n</body></html>\n";
  return res;
}

core::HttpResponse see_other(const std::string& url) {
  core::HttpResponse res;
  res.status = 303;
  res.headers.emplace_back("location", url);
  res.headers.emplace_back("cache-control", "no-store");
  return res;
}

}  // namespace mock_amazon::transport::html
