// `conformance compare`: do two runs (e.g. over HTTP and in-process) give the same verdicts?
// With --transcripts, also the same steps: what each step did, saw and sent (everything a
// scenario result holds except wall-clock time). Two runs of the same commit, seed and
// transport must agree byte for byte; so must a refactoring that changes no behaviour.
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

// The first difference between two JSON values, as a path ("steps[3].message"), or "".
std::string first_difference(const json& a, const json& b, const std::string& path) {
  if (a.type() != b.type()) return path;
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return path + "." + it.key();
      std::string d = first_difference(it.value(), b.at(it.key()), path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) return path + "." + it.key();
    return "";
  }
  if (a.is_array()) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      std::string d = first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return a.size() == b.size() ? "" : path + ".size";
  }
  return a == b ? "" : path;
}

std::string excerpt(const json& j) {
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 300 ? text.substr(0, 300) + "…" : text;
}

// The value at a path produced by first_difference, or null.
json at_path(const json& root, const std::string& path) {
  json::json_pointer pointer;
  std::string token;
  auto flush = [&] {
    if (!token.empty()) pointer /= token;
    token.clear();
  };
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') flush();
    else token += c;
  }
  flush();
  try {
    return root.at(pointer);
  } catch (const json::exception&) {
    return nullptr;
  }
}

int diff_transcripts(const json& a, const json& b, std::ostream& out) {
  std::map<std::string, const json*> second;
  for (const auto& s : b) second[s.value("id", "")] = &s;
  int differences = 0;
  for (const auto& s : a) {
    auto it = second.find(s.value("id", ""));
    if (it == second.end()) continue;  // reported as a verdict difference
    json x = s, y = *it->second;
    x.erase("wall_ms");
    y.erase("wall_ms");
    std::string d = first_difference(x, y, "");
    if (d.empty()) continue;
    ++differences;
    out << "transcript " << s.value("id", "") << ": first difference at " << d.substr(1) << "\n"
        << "  first:  " << excerpt(at_path(x, d)) << "\n"
        << "  second: " << excerpt(at_path(y, d)) << "\n";
  }
  return differences;
}

}  // namespace

int compare_command(const std::string& first, const std::string& second, bool transcripts,
                    std::ostream& out, std::ostream& err) {
  auto a = read_report(first);
  auto b = read_report(second);
  if (!a || !b) {
    err << "conformance: " << (!a ? a.error() : b.error()) << "\n";
    return kExitInvalid;
  }
  int differences = diff("scenario", verdicts(a->at("scenarios")), verdicts(b->at("scenarios")), out) +
                    diff("rule", verdicts(a->at("rules")), verdicts(b->at("rules")), out);
  if (transcripts) differences += diff_transcripts(a->at("scenarios"), b->at("scenarios"), out);
  if (differences == 0) {
    out << (transcripts ? "same verdicts and transcripts: " : "same verdicts: ")
        << a->at("scenarios").size() << " scenarios, " << a->at("rules").size() << " rules\n";
    return kExitOk;
  }
  out << differences << (transcripts ? " verdict(s) or transcript(s) differ\n" : " verdict(s) differ\n");
  return kExitFailed;
}

}  // namespace scenarios
