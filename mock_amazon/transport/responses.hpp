// Small helpers shared by the API router and the control API (internal to transport/).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/http_types.hpp"
#include "mock_amazon/domain/reason_code.hpp"
#include "mock_amazon/transport/api_codec.hpp"

namespace mock_amazon::transport {

inline core::HttpResponse json_response(int status, const nlohmann::json& body) {
  core::HttpResponse res;
  res.status = status;
  res.body = body.dump();
  res.headers.emplace_back("content-type", "application/json;charset=UTF-8");
  return res;
}

// Amazon's error body {reasonCode, message} with the code's HTTP status.
inline core::HttpResponse error_response(const AmazonError& e) {
  return json_response(e.status(), api::encode_error(e));
}

inline core::HttpResponse error_response(ReasonCode code, std::string message) {
  return error_response(AmazonError{code, std::move(message)});
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

}  // namespace mock_amazon::transport
