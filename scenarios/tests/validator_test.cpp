// The scenario language: every class of mistake is reported at its exact file:line:col,
// every error of every file is reported, and nothing is returned to run when any exists.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/app.hpp"
#include "scenarios/registry.hpp"
#include "scenarios/runner.hpp"
#include "scenarios/tests/test_support.hpp"

namespace scenarios {
namespace {

using testing::errors_of;
using testing::load;
using testing::load_fixtures;

const char* kFixtureDir = "scenarios/tests/data/invalid/";

std::string fixture_error(const std::string& name) {
  LoadResult r = load_fixtures({"invalid/" + name});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.scenarios.empty());
  return errors_of(r);
}

TEST(ValidatorFixtures, UnknownStep) {
  EXPECT_EQ(
      fixture_error("unknown_step.yaml"),
      std::string(kFixtureDir) +
          "unknown_step.yaml:7:5: unknown step 'admin.captur' (did you mean 'admin.capture'?)\n");
}

TEST(ValidatorFixtures, UnknownParameter) {
  EXPECT_EQ(fixture_error("unknown_param.yaml"),
            std::string(kFixtureDir) +
                "unknown_param.yaml:6:45: customer.add_to_cart: unknown parameter 'qty' (known: "
                "product, quantity)\n");
}

TEST(ValidatorFixtures, WrongType) {
  EXPECT_EQ(fixture_error("wrong_type.yaml"),
            std::string(kFixtureDir) +
                "wrong_type.yaml:8:17: customer.add_to_cart: 'quantity' must be an integer (got "
                "\"two\")\n");
}

TEST(ValidatorFixtures, MissingRequiredParameter) {
  EXPECT_EQ(fixture_error("missing_param.yaml"),
            std::string(kFixtureDir) +
                "missing_param.yaml:7:5: admin.capture: missing required parameter 'order'\n");
}

TEST(ValidatorFixtures, UnknownRuleId) {
  EXPECT_EQ(fixture_error("unknown_rule.yaml"),
            std::string(kFixtureDir) +
                "unknown_rule.yaml:4:19: unknown rule ID 'FLOW-999' (not in "
                "reports/catalogue/rules.yaml)\n");
}

TEST(ValidatorFixtures, BadDurationsAllReported) {
  EXPECT_EQ(fixture_error("bad_duration.yaml"),
            std::string(kFixtureDir) +
                "bad_duration.yaml:6:37: shop.charge_permission_deletion_delay must be a duration "
                "like 30m, 12h, 1d or 1d12h (no months) (got \"1mo\")\n" +
                kFixtureDir +
                "bad_duration.yaml:8:20: clock.advance: 'by' must be a time span like 30s, 15m, "
                "24h, 30d, 2w, 1d12h or 13mo (got \"3 days\")\n");
}

TEST(ValidatorFixtures, YamlSyntaxError) {
  std::string e = fixture_error("syntax_error.yaml");
  EXPECT_EQ(e.rfind(std::string(kFixtureDir) + "syntax_error.yaml:5:6: YAML syntax error: ", 0), 0u)
      << e;
}

TEST(ValidatorFixtures, DuplicateIdAcrossFiles) {
  LoadResult r = load_fixtures({"invalid/duplicate_id_a.yaml", "invalid/duplicate_id_b.yaml"});
  EXPECT_TRUE(r.scenarios.empty());
  EXPECT_EQ(errors_of(r), std::string(kFixtureDir) +
                              "duplicate_id_b.yaml:2:5: duplicate scenario id 'fixture-duplicate' "
                              "(also at scenarios/tests/data/invalid/duplicate_id_a.yaml:2:5)\n");
}

TEST(ValidatorFixtures, EveryErrorOfEveryFile) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(testing::data_path("invalid")))
    names.push_back("invalid/" + e.path().filename().string());
  std::sort(names.begin(), names.end());
  LoadResult r = load_fixtures(names);
  EXPECT_EQ(r.files, 9);
  // One per fixture, two in bad_duration.yaml.
  EXPECT_EQ(r.errors.size(), 9u) << errors_of(r);
  EXPECT_TRUE(r.scenarios.empty());
}

TEST(ValidatorFixtures, ValidFixturesLoad) {
  LoadResult r = load_fixtures({"valid/capture_basic.yaml", "valid/failing.yaml"});
  EXPECT_TRUE(r.ok()) << errors_of(r);
  ASSERT_EQ(r.scenarios.size(), 2u);
  EXPECT_EQ(r.scenarios[0].file, "scenarios/tests/data/valid/capture_basic.yaml");
}

TEST(Validator, PropertiesAreKnownWorldProperties) {
  LoadResult r = load(
      "id: x\ntitle: t\nrules: [FLOW-003]\nproperties: [money, nope]\nsteps: [customer.view_cart]\n");
  EXPECT_EQ(errors_of(r),
            "t.yaml:4:21: unknown property 'nope' (known: authorization_status, money, "
            "forbidden_calls)\n");
  LoadResult ok = load(
      "id: x\ntitle: t\nrules: [FLOW-003]\nproperties: [money]\nsteps: [customer.view_cart]\n");
  ASSERT_TRUE(ok.ok()) << errors_of(ok);
  EXPECT_EQ(ok.scenarios.front().properties, std::vector<std::string>{"money"});
}

TEST(Validator, UnknownTopLevelKeyAndMissingKeys) {
  LoadResult r = load("id: x\ntitel: oops\nsteps: [customer.view_cart]\n");
  EXPECT_EQ(errors_of(r),
            "t.yaml:1:1: missing required key 'title'\n"
            "t.yaml:1:1: missing required key 'rules'\n"
            "t.yaml:2:1: unknown top-level key 'titel' (known: id, title, rules, assumes, start, "
            "matrix, charge_table, properties, shop, products, steps)\n");
}

TEST(Validator, ScalarFormsDefaultsAndStepText) {
  LoadResult r = load(R"(id: s
title: t
rules: [FLOW-004]
steps:
  - customer.add_to_cart: {product: normal}
  - clock.advance: 1d12h
  - customer.open_url: "https://shop.example/cart"
  - admin.capture: {order: "#1"}
  - customer.view_cart
)");
  ASSERT_TRUE(r.ok()) << errors_of(r);
  const Scenario& s = r.scenarios.at(0);
  ASSERT_EQ(s.steps.size(), 5u);
  // Defaults are not written into the parsed step; the typed parameters supply them.
  EXPECT_FALSE(s.steps[0].params.has("quantity"));
  EXPECT_EQ(s.steps[0].text, "customer.add_to_cart {product: normal}");
  EXPECT_EQ(s.steps[1].params.str("by"), "1d12h");
  EXPECT_EQ(s.steps[1].text, "clock.advance 1d12h");
  EXPECT_EQ(s.steps[2].params.str("url"), "https://shop.example/cart");
  EXPECT_EQ(s.steps[3].text, "admin.capture {order: \"#1\"}");
  EXPECT_EQ(s.steps[3].mark.line, 8);
  EXPECT_EQ(s.steps[4].text, "customer.view_cart");
  EXPECT_EQ(core::format_iso(s.start), "2026-01-05T00:00:00Z");
  EXPECT_EQ(s.result_id, "s");
}

TEST(Validator, StepShapesAndParameterChecks) {
  LoadResult r = load(R"(id: s
title: t
rules: [FLOW-004]
start: yesterday
steps:
  - {customer.view_cart: {}, customer.log_out: {}}
  - customer.view_cart: {x: 1}
  - customer.add_to_cart: {product: nothing}
  - clock.advance: [1d]
  - admin.capture: 1
  - expect.error: {}
  - amazon.force: {operation: CaptureCharge, outcome: HardDeclined}
  - amazon.fault: {path: /charges, kind: drop, status: 500}
  - admin.capture: {order: "#0"}
  - expect.screen: {screen: cart, total: {$contain: 1}}
)");
  EXPECT_EQ(errors_of(r),
            "t.yaml:4:8: 'start' must be a timestamp like 2026-01-05T10:00:00+09:00 or "
            "2026-01-05T01:00:00Z (got \"yesterday\")\n"
            "t.yaml:6:5: a step is a one-key mapping `actor.action: {params}` (got a mapping with "
            "2 keys)\n"
            "t.yaml:7:26: customer.view_cart takes no parameters (got 'x')\n"
            "t.yaml:8:37: customer.add_to_cart: 'product': unknown product 'nothing' (catalogue: "
            "normal, reservation, subscription, ten-million, over-ten-million, one-yen)\n"
            "t.yaml:9:20: clock.advance takes a mapping of parameters, not a list\n"
            "t.yaml:10:20: admin.capture takes a mapping of parameters, not a scalar (got \"1\")\n"
            "t.yaml:11:5: expect.error: give exactly one of contains, equals\n"
            "t.yaml:12:55: amazon.force: outcome 'HardDeclined' is not valid for CaptureCharge "
            "(valid: CaptureInitiated, AmazonRejected, ProcessingFailure)\n"
            "t.yaml:13:5: amazon.fault: reason_code, status and retry_after only apply to kind: "
            "error\n"
            "t.yaml:13:26: amazon.fault: 'path' must start with /v2/ (e.g. /v2/charges)\n"
            "t.yaml:14:28: admin.capture: 'order' must be \"#N\" (N ≥ 1), \"last\" or an order "
            "number (got \"#0\")\n"
            "t.yaml:15:43: unknown matcher '$contain' (known: $contains, $not, $empty, $any_of, "
            "$absent, $present)\n");
}

TEST(Validator, MoneyAndNotificationStepsCheckTheirParameters) {
  LoadResult r = load(R"(id: s
title: t
rules: [REF-004]
charge_table: "#0"
steps:
  - seller_central.refund: {order: "#1", amount: 0}
  - seller_central.increase: {order: "#1", amount: -5, capture: maybe}
  - admin.change_amount: {order: "#1", total: 100, kind: tip}
  - amazon.ipn: {mode: reorder}
  - amazon.ipn: {mode: delay}
  - amazon.ipn: {mode: lose}
  - expect.notifications: {deliverd: 1}
  - expect.amazon.charges: {order: "#1"}
)");
  std::string errors = errors_of(r);
  for (const char* expected : {
           "t.yaml:4:15: 'charge_table' must be \"#N\"",
           "t.yaml:6:50: seller_central.refund: 'amount' must be a positive number of yen",
           "seller_central.increase: 'capture' must be true or false",
           "admin.change_amount: 'kind'",
           "t.yaml:9:5: amazon.ipn: reorder needs 'count' of 2 or more",
           "t.yaml:10:5: amazon.ipn: mode delay needs 'delay' (e.g. 2h)",
           "amazon.ipn: 'mode'",
           "unknown field 'deliverd'",
           "t.yaml:13:5: expect.amazon.charges: missing required parameter 'charges'",
       })
    EXPECT_NE(errors.find(expected), std::string::npos) << expected << "\nin:\n" << errors;
  EXPECT_TRUE(r.scenarios.empty());
}

TEST(Validator, SandboxKeysAreChecked) {
  LoadResult r = load(R"(id: s
title: t
rules: [FLOW-004]
steps:
  - amazon_buyer.sign_in: {buyer: jiro}
  - amazon_buyer.sign_in: {buyer: hanako, address: office, payment_method: card-0701}
  - amazon_buyer.sign_in: {address: short-phone, payment_method: giftcard+card-1111}
  - amazon_buyer.update_payment_method: {order: "#1", payment_method: card-9999}
)");
  EXPECT_EQ(
      errors_of(r),
      "t.yaml:5:35: amazon_buyer.sign_in: unknown sandbox buyer 'jiro' (known: taro, hanako)\n"
      "t.yaml:6:52: amazon_buyer.sign_in: hanako has no address 'office' (known: home)\n"
      "t.yaml:6:76: amazon_buyer.sign_in: hanako has no payment method 'card-0701' (known: "
      "card-1111, card-4444, giftcard, giftcard+card-4444)\n"
      "t.yaml:8:71: amazon_buyer.update_payment_method: no sandbox buyer has a payment method "
      "'card-9999'\n");
}

TEST(Validator, SettingsAndProducts) {
  LoadResult r = load(R"(id: s
title: t
rules: [FLOW-004]
shop:
  variant: CC_OLD
  options: {amazon_pay: yes}
  auto_link: {use: true, configur: false}
products:
  - {code: a, name: A, price: 100}
  - {code: a, name: B, price: cheap, type: gift}
steps:
  - customer.add_to_cart: {product: a}
)");
  EXPECT_EQ(
      errors_of(r),
      "t.yaml:5:12: shop.variant must be one of CC_NONE, CC_MIGRATING, CC_LIVE (got \"CC_OLD\")\n"
      "t.yaml:6:25: shop.options.amazon_pay must be true or false (got \"yes\")\n"
      "t.yaml:7:26: shop.auto_link: unknown key 'configur' (known: use, configure)\n"
      "t.yaml:10:12: product code 'a' appears twice\n"
      "t.yaml:10:31: products[2].price must be an integer (got \"cheap\")\n"
      "t.yaml:10:44: products[2].type must be one of normal, reservation, subscription (got "
      "\"gift\")\n");
}

TEST(Validator, CommaInAFlowMappingValue) {
  LoadResult r = load(R"(id: s
title: t
rules: [FLOW-004]
steps:
  - expect.screen: {screen: cart, error: 金額は1,000万円までです。}
  - expect.screen: {screen: cart, error: "金額は1,000万円までです。", total: }
  - expect.screen:
      total:
)");
  EXPECT_EQ(errors_of(r),
            "t.yaml:5:47: '000万円までです。' has no value: in a flow mapping {…} a comma ends the "
            "value before it; quote text with commas\n");
}

TEST(Validator, ColumnsCountCharactersNotBytes) {
  LoadResult r = load(
      "id: s\ntitle: 日本語\nrules: [FLOW-004]\nsteps:\n  - admin.change_status: {status: 保留, "
      "order: \"#0\"}\n");
  EXPECT_EQ(
      errors_of(r),
      "t.yaml:5:46: admin.change_status: 'order' must be \"#N\" (N ≥ 1), \"last\" or an order "
      "number (got \"#0\")\n");
}

TEST(Validator, RepeatedKeyAndEmptyFile) {
  LoadResult r = load("id: a\nid: b\n");
  EXPECT_NE(errors_of(r).find("t.yaml:2:1: key 'id' appears twice in this mapping"),
            std::string::npos)
      << errors_of(r);
  EXPECT_EQ(errors_of(load("")), "t.yaml: the file holds no scenario\n");
}

TEST(Registry, EveryStepHasAHandlerAndAnActor) {
  std::vector<std::string> actors;
  for (const ActorSpec& a : actor_specs()) actors.push_back(a.name);
  for (const StepSpec& s : step_specs()) {
    EXPECT_TRUE(static_cast<bool>(s.run)) << s.name;
    EXPECT_NE(std::find(actors.begin(), actors.end(), s.actor()), actors.end()) << s.name;
  }
}

TEST(Registry, ReadmeStepTablesAreGeneratedFromTheRegistry) {
  std::ifstream in(std::filesystem::path(testing::source_root()) / "scenarios" / "README.md");
  ASSERT_TRUE(in) << "scenarios/README.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  auto regenerated = with_step_tables(text.str(), steps_markdown());
  ASSERT_TRUE(regenerated) << "README lacks the steps:begin/steps:end markers";
  EXPECT_EQ(*regenerated, text.str())
      << "stale step tables: run `build/scenarios/conformance docs --readme scenarios/README.md`";
}

TEST(Registry, ReadmeDocumentsEveryStepAndParameter) {
  std::ifstream in(std::filesystem::path(testing::source_root()) / "scenarios" / "README.md");
  ASSERT_TRUE(in) << "scenarios/README.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::string readme = text.str();
  for (const StepSpec& s : step_specs()) {
    EXPECT_NE(readme.find("`" + s.name), std::string::npos) << "README lacks step " << s.name;
    for (const ParamSpec& p : s.params)
      EXPECT_NE(readme.find(p.name), std::string::npos)
          << "README lacks " << s.name << "." << p.name;
  }
  for (const ParamSpec& k : top_level_keys())
    EXPECT_NE(readme.find("`" + k.name + "`"), std::string::npos) << "README lacks key " << k.name;
  for (const ParamSpec& k : settings_fields())
    EXPECT_NE(readme.find("`" + k.name), std::string::npos) << "README lacks setting " << k.name;
  for (const MatcherSpec& m : matcher_specs())
    EXPECT_NE(readme.find("{" + m.name + ":"), std::string::npos)
        << "README lacks matcher " << m.name;
}

// ---------------------------------------------------------------- hostile files (issue 11)

TEST(HostileFiles, AnAliasThatRefersToItselfIsAnErrorNotARecursion) {
  LoadResult r = load("id: &a [*a]\ntitle: t\nrules: [FLOW-003]\nsteps: [customer.view_cart]\n");
  EXPECT_NE(errors_of(r).find("t.yaml:1:5: nesting deeper than 64 levels (an alias that refers "
                              "to itself?)"),
            std::string::npos)
      << errors_of(r);
}

TEST(HostileFiles, AnAliasBombIsStoppedAtABudgetOfNodesPerByte) {
  // Ten levels of ten aliases each: 10^10 values from a few hundred bytes.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  LoadResult r = load(text);
  EXPECT_NE(errors_of(r).find("(an alias bomb?)"), std::string::npos) << errors_of(r);
}

// Found by the fuzz.scenario_loader test: yaml-cpp's LoadAll returns empty documents
// forever for a stray ',' at the top level (memory grew until the test timed out).
TEST(HostileFiles, AStrayCommaThatYamlCppNeverFinishesIsAnError) {
  LoadResult r = load(",# a comment\nid: x\ntitle: t\nrules: [FLOW-003]\n");
  EXPECT_NE(errors_of(r).find("t.yaml:1:1: YAML syntax error: the YAML parser finds document "
                              "after document here"),
            std::string::npos)
      << errors_of(r);
}

TEST(HostileFiles, ManyRepeatedKeysGiveTheFirst200ErrorsAndACount) {
  std::string text = "id: d\ntitle: t\nrules: [FLOW-003]\nsteps: [customer.view_cart]\nshop:\n";
  for (int i = 0; i < 20'000; ++i) text += "  variant: CC_LIVE\n";
  LoadResult r = load(text);
  ASSERT_EQ(r.errors.size(), Diagnostics::kMaxErrors + 1);
  EXPECT_EQ(r.errors[0].str(), "t.yaml:7:3: key 'variant' appears twice in this mapping");
  EXPECT_EQ(r.errors.back().str(),
            "t.yaml: … and 19799 more error(s) in this file (the first 200 are shown)");
}

TEST(HostileFiles, AFileOverFourMebibytesIsRefusedBeforeParsing) {
  std::string path = ::testing::TempDir() + "/big-scenario.yaml";
  {
    std::ofstream out(path);
    out << "id: big\ntitle: t\nrules: [FLOW-003]\nsteps: [customer.view_cart]\n#";
    out << std::string(kMaxScenarioFileBytes, 'x') << "\n";
  }
  LoadResult r = load_files({path}, LoadOptions{});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("a scenario file may have at most 4194304 (4 MiB)"),
            std::string::npos)
      << r.errors[0].message;
  std::remove(path.c_str());
}


TEST(YamlMistakes, AnUnquotedHashInAFlowMappingIsReportedOnItsOwnLine) {
  LoadResult r = load("id: t\ntitle: t\nrules: [FLOW-003]\nsteps:\n  - admin.capture: {order: #1}\n"
                      "  - customer.view_cart: {}\n");
  EXPECT_EQ(errors_of(r),
            "t.yaml:5:28: YAML syntax error: the '#' here starts a YAML comment, which cuts off "
            "the {…} or […] before it: quote the value (\"#1\") (reported at 6:3: illegal block "
            "entry)\n");
}

TEST(YamlMistakes, AnUnquotedHashAfterAKeyIsReportedOnTheKeysLine) {
  LoadResult r = load("id: t\ntitle: t\nrules: [FLOW-003]\nsteps:\n  - admin.capture:\n"
                      "      order: #1\n  - customer.view_cart: {}\n");
  EXPECT_NE(errors_of(r).find("t.yaml:6:14: 'order' has no value: '#' after a space starts a YAML "
                              "comment; quote the value (\"#1\")"),
            std::string::npos)
      << errors_of(r);
  EXPECT_EQ(errors_of(r).find("t.yaml:7:"), std::string::npos) << errors_of(r);
}

TEST(YamlMistakes, ATabInTheIndentationGetsAHint) {
  LoadResult r = load("id: t\ntitle: t\nrules: [FLOW-003]\nsteps:\n\t- customer.view_cart: {}\n");
  EXPECT_EQ(errors_of(r),
            "t.yaml:5:1: YAML syntax error: a tab in the indentation: YAML indents with spaces "
            "only (reported at 5:2: illegal block entry)\n");
}

TEST(EditorSupport, EveryScenarioFileNamesTheSchemaInItsFirstLine) {
  // The YAML language server reads this modeline; .vscode/settings.json maps the same files.
  const std::string modeline = "# yaml-language-server: $schema=../scenario.schema.json";
  int files = 0;
  for (const auto& area : std::filesystem::directory_iterator(source_root() + "/scenarios")) {
    if (!area.is_directory() || area.path().filename() == "tests") continue;
    for (const auto& f : std::filesystem::directory_iterator(area.path())) {
      if (f.path().extension() != ".yaml") continue;
      std::ifstream in(f.path());
      std::string first;
      std::getline(in, first);
      EXPECT_EQ(first, modeline) << f.path();
      ++files;
    }
  }
  EXPECT_GT(files, 100);
}

}  // namespace
}  // namespace scenarios
