// Small helpers shared by the API router and the control API (internal to transport/).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/http_types.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "mock_amazon/domain/reason_code.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {

// `text`: JSON already encoded.
inline core::HttpResponse json_text_response(int status, std::string text) {
  core::HttpResponse res;
  res.status = status;
  res.body = std::move(text);
  res.headers.emplace_back("content-type", "application/json;charset=UTF-8");
  return res;
}

inline core::HttpResponse json_response(int status, const nlohmann::json& body) {
  // Texts from clients (paths, headers) are echoed in messages; bytes that are not UTF-8 are
  // replaced rather than thrown on.
  return json_text_response(status,
                            body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

inline core::HttpResponse json_response(int status, api::JsonText body) {
  return json_text_response(status, std::move(body.text));
}

// Amazon's error body {reasonCode, message} with the code's HTTP status.
inline core::HttpResponse error_response(const AmazonError& e) {
  return json_response(e.status(), api::encode_error(e));
}

inline core::HttpResponse error_response(ReasonCode code, std::string message) {
  return error_response(AmazonError{code, std::move(message)});
}

// A request body as JSON (an empty body is null), or 400 InvalidRequestFormat: the one place
// bodies are parsed. Numbers too large for a double (1e400) fail here too, not later.
inline core::Result<nlohmann::json, AmazonError> parse_body(const std::string& body) {
  if (body.empty()) return nlohmann::json(nullptr);
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {  // parse_error and out_of_range
    return core::fail(
        AmazonError{ReasonCode::InvalidRequestFormat,
                    "The request body is not valid JSON: " + core::echo_text(e.what())});
  }
}

// A control request's body: absent, or a JSON object.
inline core::Result<nlohmann::json, AmazonError> parse_control_body(const std::string& body) {
  auto parsed = parse_body(body);
  if (parsed && !parsed->is_null() && !parsed->is_object())
    return core::fail(
        AmazonError{ReasonCode::InvalidRequestFormat, "The request body must be a JSON object."});
  return parsed;
}

// An integer JSON value within [lo, hi] (lo ≤ 0 ≤ hi or lo > 0 alike); nullopt for other
// types, fractions, and values out of range — never a wrapped 18446744073709551615.
// A string member of a control body; "" when absent or not a string.
inline std::string str_field(const nlohmann::json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || !body.at(key).is_string()) return "";
  return body.at(key).get<std::string>();
}

inline std::optional<std::int64_t> bounded_int(const nlohmann::json& v, std::int64_t lo,
                                               std::int64_t hi) {
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (hi < 0 || u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo)
      return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (!v.is_number_integer()) return std::nullopt;
  auto i = v.get<std::int64_t>();
  if (i < lo || i > hi) return std::nullopt;
  return i;
}

// "/v2/charges/ID/" → {"v2", "charges", "ID"}.
inline std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The resource's view as the API's JSON: the encoder of a service answer.
inline auto as_json(MockParts& m) {
  return [&m](const auto& resource) {
    if constexpr (std::is_same_v<std::decay_t<decltype(resource)>, Charge>)
      return api::encode_text(m.service.view(resource));  // the same text, written directly
    else
      return api::encode(m.service.view(resource));
  };
}

}  // namespace mock_amazon::transport
