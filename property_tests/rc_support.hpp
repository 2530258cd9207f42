// What the properties share around RapidCheck: our bounds, the printed seed and replay line,
// a quiet listener for the self-checks, and the counterexample of an expected failure.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace property_tests {

// Our bounds (100 cases of size ≤ 30), unless RC_PARAMS sets them explicitly.
inline rc::detail::TestParams bounded_params() {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  std::string given = env ? env : "";
  if (given.find("max_success") == std::string::npos) params.maxSuccess = 100;
  if (given.find("max_size") == std::string::npos) params.maxSize = 30;
  return params;
}

// Swallows progress output: a self-check's failure is expected, not news.
class QuietListener final : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

// Runs `property` under our bounds, printing the seed first; the replay line for a failure.
template <class Property>
rc::detail::TestResult check_bounded(const char* id, const char* description, Property property,
                                     std::string& replay) {
  rc::detail::TestParams params = bounded_params();
  replay = "RC_PARAMS=\"seed=" + std::to_string(params.seed) + "\"";
  std::cout << "RapidCheck seed " << params.seed << " (" << params.maxSuccess
            << " cases, size <= " << params.maxSize << "); replay with " << replay << "\n";
  ::testing::Test::RecordProperty("rapidcheck_seed", std::to_string(params.seed));
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = description;
  return rc::detail::checkTestable(property, metadata, params);
}

// RapidCheck's report of a failed run, for FAIL().
inline std::string failure_text(const rc::detail::TestResult& result, const std::string& replay) {
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  return message.str() + "\nreplay with " + replay + " (same binary, same test filter)";
}

// A self-check: runs a deliberately flawed `property` with a fixed seed, quietly. Returns the
// failure (nullptr when RapidCheck did not catch the flaw) and prints its counterexample.
template <class Property>
std::optional<rc::detail::FailureResult> expect_caught(const char* id, int cases,
                                                       Property property, std::string& shown) {
  rc::detail::TestParams params;
  params.seed = 20260105;  // fixed: the outcome must not depend on luck
  params.maxSuccess = cases;
  params.maxSize = 30;
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  QuietListener quiet;
  auto result = rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params,
                                          quiet, {});
  if (!result.template is<rc::detail::FailureResult>()) return std::nullopt;
  const auto& failure = result.template get<rc::detail::FailureResult>();
  std::ostringstream out;
  for (const auto& [type, value] : failure.counterExample) out << value << "\n";
  shown = out.str();
  std::cout << "shrunk counterexample (expected failure):\n" << shown << failure.description << "\n";
  return failure;
}

}  // namespace property_tests
