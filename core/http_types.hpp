// Transport-neutral HTTP messages. The mock's router consumes HttpRequest and produces
// HttpResponse; the HTTP server and the in-process client only carry them, so both
// transports exercise exactly the same decoding, validation and error mapping.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup; nullptr when absent.
const std::string* find_header(const Headers& headers, std::string_view name);
void set_header(Headers& headers, std::string name, std::string value);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

struct HttpRequest {
  std::string method;  // GET, POST, PATCH, DELETE
  std::string path;    // as sent, without the query
  std::string query;   // raw, without '?'
  Headers headers;
  std::string body;

  const std::string* header(std::string_view name) const { return find_header(headers, name); }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;

  const std::string* header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace core
