// `conformance compare`: do two runs (e.g. over HTTP and in-process) give the same verdicts?
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenarios/app.hpp"

namespace scenarios {
namespace {

using nlohmann::json;

core::Result<json, std::string> read_report(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    json j = json::parse(buf.str());
    if (!j.contains("scenarios") || !j.contains("rules"))
      return core::fail(path + " is not a conformance report.json");
    return j;
  } catch (const json::exception& e) {
    return core::fail(path + ": " + e.what());
  }
}

// id → status for one array of the report.
std::map<std::string, std::string> verdicts(const json& items) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) out[item.value("id", "")] = item.value("status", "");
  return out;
}

int diff(const char* what, const std::map<std::string, std::string>& a,
         const std::map<std::string, std::string>& b, std::ostream& out) {
  int differences = 0;
  for (const auto& [id, status] : a) {
    auto it = b.find(id);
    std::string other = it == b.end() ? "(absent)" : it->second;
    if (other != status) {
      out << what << " " << id << ": " << status << " vs " << other << "\n";
      ++differences;
    }
  }
  for (const auto& [id, status] : b)
    if (!a.count(id)) {
      out << what << " " << id << ": (absent) vs " << status << "\n";
      ++differences;
    }
  return differences;
}

}  // namespace

int compare_command(const std::string& first, const std::string& second, std::ostream& out,
                    std::ostream& err) {
  auto a = read_report(first);
  auto b = read_report(second);
  if (!a || !b) {
    err << "conformance: " << (!a ? a.error() : b.error()) << "\n";
    return kExitInvalid;
  }
  int differences = diff("scenario", verdicts(a->at("scenarios")), verdicts(b->at("scenarios")), out) +
                    diff("rule", verdicts(a->at("rules")), verdicts(b->at("rules")), out);
  if (differences == 0) {
    out << "same verdicts: " << a->at("scenarios").size() << " scenarios, "
        << a->at("rules").size() << " rules\n";
    return kExitOk;
  }
  out << differences << " verdict(s) differ\n";
  return kExitFailed;
}

}  // namespace scenarios
