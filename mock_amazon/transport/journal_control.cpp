// The control API about the control API and the traffic: GET /__mock/ lists every control
// route (from the route tables, so it cannot drift), GET/DELETE /__mock/requests read and
// clear the request journal (request_journal.hpp).
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;

core::HttpResponse requests(MockParts& m, const Routed& r) {
  auto filter = parse_journal_filter(r.http.query);
  if (!filter) return error_response(filter.error());
  return json_response(200, m.journal.to_json(filter.value()));
}

core::HttpResponse clear_requests(MockParts& m, const Routed&) {
  m.journal.clear();
  return json_response(200, m.journal.to_json(JournalFilter{}));
}

core::HttpResponse index(MockParts&, const Routed&) {
  return json_response(200, json{{"controlApi", control_listing()},
                                 {"documentation", "mock_amazon/README.md"},
                                 {"openapi", "mock_amazon/openapi/control-api.yaml"}});
}

const std::vector<Route> kJournalRoutes = {
    {"GET", {}, &index, "this list of the control calls (also GET /__mock)"},
    {"GET",
     {"requests"},
     &requests,
     "the request journal: the latest answered requests, filtered by "
     "?method=&path=&status=&since=&limit="},
    {"DELETE", {"requests"}, &clear_requests, "empties the request journal"},
};

}  // namespace

std::span<const Route> journal_routes() {
  return kJournalRoutes;
}

std::string route_path(std::string_view prefix, const Route& route) {
  std::string path(prefix);
  for (const char* s : route.pattern) {
    if (path.empty() || path.back() != '/') path += '/';
    path += std::string_view(s) == "*" ? "{id}" : s;
  }
  return path;
}

json control_listing() {
  json list = json::array();
  for (auto table : control_tables())
    for (const Route& row : table)
      list.push_back(json{{"method", row.method},
                          {"path", route_path("/__mock/", row)},
                          {"description", row.description ? row.description : ""}});
  return list;
}

}  // namespace mock_amazon::transport
