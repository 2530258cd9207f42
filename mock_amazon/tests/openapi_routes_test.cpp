// mock_amazon/openapi/*.yaml against the route tables the mock really dispatches on: every
// route is an operation of the description with the same method and path, and every
// operation is a route. Read from the tables themselves, so neither side can drift.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "mock_amazon/tests/mock_test_support.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::testing {
namespace {

using Operations = std::set<std::string>;  // "GET /v2/charges/*"

YAML::Node load(const std::string& file) {
  const char* root = std::getenv("APC_SOURCE_DIR");
  return YAML::LoadFile(std::string(root ? root : ".") + "/mock_amazon/openapi/" + file);
}

// "/v2/charges/{chargeId}/capture" → "/v2/charges/*/capture".
std::string as_pattern(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      out += '*';
      i = path.find('}', i);
      if (i == std::string::npos) break;
    } else {
      out += path[i];
    }
  }
  return out;
}

Operations spec_operations(const YAML::Node& doc) {
  static const std::set<std::string> kMethods = {"get",   "put",  "post",   "delete",
                                                 "patch", "head", "options", "trace"};
  Operations out;
  for (const auto& path : doc["paths"])
    for (const auto& item : path.second) {
      std::string key = item.first.as<std::string>();
      if (!kMethods.count(key)) continue;
      std::string method;
      for (char c : key) method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + as_pattern(path.first.as<std::string>()));
    }
  return out;
}

Operations table_operations(std::string_view prefix,
                            const std::vector<std::span<const transport::Route>>& tables) {
  Operations out;
  for (auto table : tables)
    for (const auto& route : table)
      out.insert(std::string(route.method) + " " +
                 as_pattern(transport::route_path(prefix, route)));
  return out;
}

// What keeps the two from being equal, one line each; empty when they agree.
std::vector<std::string> route_differences(const Operations& routes, const Operations& spec) {
  std::vector<std::string> out;
  for (const auto& r : routes)
    if (!spec.count(r)) out.push_back("route without an OpenAPI operation: " + r);
  for (const auto& s : spec)
    if (!routes.count(s)) out.push_back("OpenAPI operation without a route: " + s);
  return out;
}

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

TEST(OpenApiRoutes, ComparisonReportsMissingAndExtraOperations) {
  Operations routes = {"GET /v2/charges/*", "POST /v2/charges"};
  EXPECT_TRUE(route_differences(routes, routes).empty());
  EXPECT_EQ(route_differences(routes, {"GET /v2/charges/*"}),
            (std::vector<std::string>{"route without an OpenAPI operation: POST /v2/charges"}));
  EXPECT_EQ(route_differences(routes, {"GET /v2/charges/*", "POST /v2/charges", "PUT /v2/x"}),
            (std::vector<std::string>{"OpenAPI operation without a route: PUT /v2/x"}));
  // Same path, other method: both sides are reported.
  EXPECT_EQ(route_differences({"GET /v2/refunds/*"}, {"DELETE /v2/refunds/*"}).size(), 2u);
  EXPECT_EQ(as_pattern("/v2/charges/{chargeId}/capture"), "/v2/charges/*/capture");
}

TEST(OpenApiRoutes, ApiDescriptionIsExactlyTheApiRouteTable) {
  YAML::Node doc = load("amazon-pay-api.yaml");
  EXPECT_EQ(doc["openapi"].as<std::string>(), "3.1.0");
  Operations routes = table_operations("/v2", {transport::api_routes()});
  ASSERT_EQ(routes.size(), transport::api_routes().size());
  auto diff = route_differences(routes, spec_operations(doc));
  EXPECT_TRUE(diff.empty()) << lines(diff);
}

TEST(OpenApiRoutes, ControlDescriptionIsExactlyTheControlRouteTables) {
  YAML::Node doc = load("control-api.yaml");
  EXPECT_EQ(doc["openapi"].as<std::string>(), "3.1.0");
  auto diff = route_differences(table_operations("/__mock/", transport::control_tables()),
                                spec_operations(doc));
  EXPECT_TRUE(diff.empty()) << lines(diff);
}

// The description's environment prefixes are the ones the mock routes (router.cpp strips
// them in code, not in the table), and another prefix is not.
TEST(OpenApiRoutes, ApiPrefixesAreTheOnesTheMockServes) {
  YAML::Node env = load("amazon-pay-api.yaml")["servers"][0]["variables"]["environment"]["enum"];
  std::set<std::string> prefixes;
  for (const auto& p : env) prefixes.insert(p.as<std::string>());
  EXPECT_EQ(prefixes, (std::set<std::string>{"", "/sandbox", "/live"}));
  MockHarness h;
  auto routed = [&](const std::string& prefix) {
    Reply r = h.call("GET", prefix + "/v2/charges/S03-0000000-0000000-C000001");
    return r.reason() == "ResourceNotFound" &&
           r.body["message"].get<std::string>().rfind("No resource at", 0) != 0;
  };
  for (const auto& p : prefixes) EXPECT_TRUE(routed(p)) << p;
  EXPECT_FALSE(routed("/other"));
}

}  // namespace
}  // namespace mock_amazon::testing
