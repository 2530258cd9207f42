#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

namespace reports::testing {

std::string data_path(const std::string& name) {
  return std::string(REPORTS_TEST_DATA_DIR) + "/" + name;
}

std::string source_root() {
  if (const char* env = std::getenv("APC_SOURCE_DIR"); env && *env) return env;
  return APC_SOURCE_DIR_DEFAULT;
}

Catalogue fixture_catalogue() {
  auto loaded = Catalogue::load(data_path("catalogue_fixture.yaml"));
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error());
  return loaded.ok() ? std::move(loaded).value() : Catalogue{};
}

namespace {

HttpExchange exchange(std::string method, std::string path, int status, std::string response) {
  HttpExchange x;
  x.sim_time = "2024-04-01T10:00:00Z";
  x.method = std::move(method);
  x.path = std::move(path);
  x.request_headers = {{"content-type", "application/json"}, {"x-amz-pay-signature", "****"}};
  x.request_body =
      R"({"chargePermissionId":"S01-1","chargeAmount":{"amount":"10000","currencyCode":"JPY"}})";
  x.status = status;
  x.response_headers = {{"content-type", "application/json"}};
  x.response_body = std::move(response);
  return x;
}

StepRecord step(int index, std::string file, std::string text, StepStatus status) {
  StepRecord s;
  s.index = index;
  s.location = file + ":" + std::to_string(10 + index);
  s.action = text.substr(0, text.find(' '));
  s.text = std::move(text);
  s.sim_time = "2024-04-01T10:00:0" + std::to_string(index) + "Z";
  s.status = status;
  return s;
}

ScenarioResult capture_scenario() {
  ScenarioResult s;
  s.id = "FLOW-capture";
  s.title = "Capture after authorization";
  s.file = "scenarios/FLOW/capture.yaml";
  s.rules = {"FLOW-001", "AMT-001"};
  s.transport = "inprocess";
  s.seed = 42;
  s.wall_ms = 12.5;
  StepRecord order = step(1, s.file, "shop.checkout {amount: 10000}", StepStatus::Passed);
  order.message = "order #1 created";
  order.exchanges.push_back(
      exchange("POST", "/v2/charges", 201,
               R"({"chargeId":"S01-1-C1","statusDetails":{"state":"Authorized"}})"));
  StepRecord capture = step(2, s.file, "admin.capture {order: \"#1\"}", StepStatus::Passed);
  capture.observations = {"与信ステータス: 請求済"};
  capture.exchanges.push_back(exchange("POST", "/v2/charges/S01-1-C1/capture", 200, "not json"));
  s.steps = {order, capture};
  return s;
}

ScenarioResult ceiling_variant(const std::string& variant, bool pass) {
  ScenarioResult s;
  s.id = "AMT-ceiling[variant=" + variant + "]";
  s.title = "Increase ceiling";
  s.file = "scenarios/AMT/ceiling.yaml";
  s.rules = {"AMT-009"};
  s.assumes = {"AMT-009"};
  s.variant = "variant=" + variant;
  s.transport = "inprocess";
  s.seed = 42;
  s.wall_ms = 3.25;
  s.steps.push_back(step(1, s.file, "admin.change_amount {total: 70001}",
                         pass ? StepStatus::Passed : StepStatus::Failed));
  if (!pass) {
    s.status = ScenarioStatus::Failed;
    s.failure = "scenarios/AMT/ceiling.yaml:11: expected refusal, got " + std::string(kHostile);
    s.steps[0].message = std::string(kJapanese) + " " + kHostile;
    HttpExchange timeout = exchange("PATCH", "/v2/charges/S01-1-C1", 0, "");
    timeout.transport_error = "timeout";
    s.steps[0].exchanges.push_back(timeout);
    s.steps.push_back(step(2, s.file, "expect.label 承認済", StepStatus::NotRun));
  }
  return s;
}

ScenarioResult env_scenario() {
  ScenarioResult s;
  s.id = "ENV-browsers";
  s.title = "Browser matrix is documented";
  s.file = "scenarios/ENV/browsers.yaml";
  s.rules = {"ENV-001"};
  s.transport = "inprocess";
  s.seed = 42;
  s.steps.push_back(step(1, s.file, "docs.check browsers", StepStatus::Passed));
  return s;
}

ScenarioResult error_scenario() {
  ScenarioResult s;
  s.id = "AMT-gift";
  s.title = "Gift-card-only increase";
  s.file = "scenarios/AMT/gift.yaml";
  s.rules = {"AMT-011"};
  s.transport = "inprocess";
  s.seed = 42;
  s.status = ScenarioStatus::Error;
  s.failure = "scenarios/AMT/gift.yaml:3: unknown action 'shop.gift'";
  return s;
}

StateMachineView charge_machine() {
  StateMachineView m;
  m.resource = "Charge";
  m.states = {"Authorized", "CaptureInitiated", "Captured", "Canceled"};
  m.rows = {
      {"", "createCharge", "Authorized", {}, "authorization succeeded"},
      {"Authorized", "capture", "CaptureInitiated", {}, "capture accepted"},
      {"CaptureInitiated", "settle", "Captured", {}, "capture confirmed"},
      {"CaptureInitiated", "decline", "Authorized", {"Declined"}, "capture declined"},
      {"Authorized", "cancel", "Canceled", {"MerchantCanceled"}, "merchant cancels"},
      {"Authorized", "expire", "Canceled", {"ExpiredUnused"}, "30 days passed"},
      {"Captured", "refund", "Captured", {}, "refund keeps the state"},
  };
  m.denied_reason = "InvalidChargeStatus";
  return m;
}

}  // namespace

RunModel sample_run() {
  RunModel run;
  run.info.tool_version = "0.1.0";
  run.info.git_commit = "abc1234";
  run.info.seed = 42;
  run.info.transport = "inprocess";
  run.info.mock_url = "embedded";
  run.info.started_at = "2024-04-01T09:00:00Z";
  run.info.finished_at = "2024-04-01T09:00:03Z";
  run.info.command_line = "apc-conformance --seed 42";
  run.info.replay_command = "apc-conformance --seed 42 --transport inprocess";
  run.scenarios = {capture_scenario(), ceiling_variant("CC_NONE", true),
                   ceiling_variant("CC_LIVE", false), env_scenario(), error_scenario()};
  run.state_machines = {charge_machine()};
  return run;
}

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++n;
  return n;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "reports_tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path.string();
}

namespace {

bool name_char(char c, bool first) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80 || c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return true;
  return !first && (c == '-' || c == '.' || (c >= '0' && c <= '9'));
}

// Checks character data (text or attribute value) for raw '<' and bad entity references.
std::string check_chars(const std::string& s, bool attribute) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') return "raw '<' in " + std::string(attribute ? "attribute" : "text");
    if (static_cast<unsigned char>(s[i]) < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return "control character in character data";
    if (s[i] != '&') continue;
    const auto semi = s.find(';', i);
    if (semi == std::string::npos) return "unterminated entity reference";
    const std::string ent = s.substr(i + 1, semi - i - 1);
    static const std::set<std::string> named = {"amp", "lt", "gt", "quot", "apos"};
    const bool numeric = ent.size() > 1 && ent[0] == '#';
    if (!named.count(ent) && !numeric) return "unknown entity &" + ent + ";";
    i = semi;
  }
  return "";
}

}  // namespace

std::string check_xml(const std::string& xml, std::map<std::string, int>* counts) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  int roots = 0;
  if (xml.rfind("<?xml", 0) == 0) {
    i = xml.find("?>");
    if (i == std::string::npos) return "unterminated XML declaration";
    i += 2;
  }
  while (i < xml.size()) {
    const auto lt = xml.find('<', i);
    const std::string text = xml.substr(i, lt == std::string::npos ? std::string::npos : lt - i);
    if (stack.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos)
      return "text outside the root element";
    if (auto err = check_chars(text, false); !err.empty()) return err;
    if (lt == std::string::npos) break;
    if (xml.compare(lt, 4, "<!--") == 0) {
      const auto end = xml.find("-->", lt);
      if (end == std::string::npos) return "unterminated comment";
      i = end + 3;
      continue;
    }
    const auto gt = xml.find('>', lt);
    if (gt == std::string::npos) return "unterminated tag";
    std::string tag = xml.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (!tag.empty() && tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) return "mismatched closing tag </" + name + ">";
      stack.pop_back();
      continue;
    }
    const bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.pop_back();
    std::size_t p = 0;
    if (tag.empty() || !name_char(tag[0], true)) return "bad element name in <" + tag + ">";
    while (p < tag.size() && name_char(tag[p], false)) ++p;
    const std::string name = tag.substr(0, p);
    std::set<std::string> attrs;
    // Attributes: whitespace name="value" (values may not contain the quote or '<').
    while (p < tag.size()) {
      const auto q = tag.find_first_not_of(" \t\r\n", p);
      if (q == std::string::npos) break;
      if (q == p) return "missing whitespace before attribute in <" + name + ">";
      auto eq = tag.find('=', q);
      if (eq == std::string::npos) return "attribute without value in <" + name + ">";
      const std::string attr = tag.substr(q, eq - q);
      if (!attrs.insert(attr).second) return "duplicate attribute " + attr;
      if (eq + 1 >= tag.size() || (tag[eq + 1] != '"' && tag[eq + 1] != '\''))
        return "unquoted attribute " + attr;
      const auto close = tag.find(tag[eq + 1], eq + 2);
      if (close == std::string::npos) return "unterminated attribute " + attr;
      if (auto err = check_chars(tag.substr(eq + 2, close - eq - 2), true); !err.empty())
        return err + " (" + attr + ")";
      p = close + 1;
    }
    if (stack.empty() && ++roots > 1) return "more than one root element";
    if (counts) ++(*counts)[name];
    if (!self_closing) stack.push_back(name);
  }
  if (!stack.empty()) return "unclosed element <" + stack.back() + ">";
  if (roots != 1) return "no root element";
  return "";
}

}  // namespace reports::testing
