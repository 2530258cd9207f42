// The committed JSON Schema is the one the registry generates, and it describes the format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/registry.hpp"
#include "scenarios/schema.hpp"
#include "scenarios/tests/test_support.hpp"

namespace scenarios {
namespace {

using nlohmann::json;

TEST(Schema, CommittedFileIsUpToDate) {
  std::filesystem::path file =
      std::filesystem::path(testing::source_root()) / "scenarios" / "scenario.schema.json";
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file << " is missing; generate it with: conformance schema > " << file;
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(text.str() == scenario_schema())
      << file
      << " differs from the registry; regenerate it with: conformance schema > "
         "scenarios/scenario.schema.json";
}

TEST(Schema, DescribesEveryStepAndTopLevelKey) {
  json s = json::parse(scenario_schema());
  EXPECT_EQ(s.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  const json& steps = s.at("$defs").at("step").at("oneOf").at(1).at("properties");
  for (const StepSpec& step : step_specs()) {
    ASSERT_TRUE(steps.contains(step.name)) << step.name;
  }
  EXPECT_EQ(steps.size(), step_specs().size());
  for (const ParamSpec& k : top_level_keys())
    EXPECT_TRUE(s.at("properties").contains(k.name)) << k.name;
  EXPECT_EQ(s.at("required"), json({"id", "title", "rules", "steps"}));
  EXPECT_FALSE(s.at("additionalProperties").get<bool>());
  // Required parameters are required; bare names only for steps that need none.
  const json& capture = steps.at("admin.capture");
  EXPECT_EQ(capture.at("required"), json({"order"}));
  const json& bare = s.at("$defs").at("step").at("oneOf").at(0).at("enum");
  EXPECT_NE(std::find(bare.begin(), bare.end(), "customer.view_cart"), bare.end());
  EXPECT_EQ(std::find(bare.begin(), bare.end(), "admin.capture"), bare.end());
  // Scalar forms are offered where the language has them.
  EXPECT_TRUE(steps.at("clock.advance").contains("anyOf"));
}

}  // namespace
}  // namespace scenarios
