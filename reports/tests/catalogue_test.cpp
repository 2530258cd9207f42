#include "reports/catalogue.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "test_support.hpp"

namespace reports {
namespace {

using testing::data_path;
using testing::write_temp;

TEST(Catalogue, LoadsFixture) {
  const Catalogue cat = testing::fixture_catalogue();
  EXPECT_EQ(cat.title, "Fixture catalogue");
  EXPECT_EQ(cat.source_title, "Amazon Pay対応機能の概要");
  ASSERT_EQ(cat.areas.size(), 3u);
  ASSERT_EQ(cat.rules.size(), 7u);
  ASSERT_EQ(cat.decisions.size(), 1u);
  EXPECT_EQ(cat.decisions[0].number, 2);
  EXPECT_EQ(cat.decisions[0].rules, std::vector<std::string>{"AMT-009"});

  const Rule* r = cat.find("AMT-009");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->area, "AMT");
  EXPECT_EQ(r->kind, RuleKind::Behaviour);
  EXPECT_EQ(r->source_lines, "L369-L370");
  ASSERT_EQ(r->quotes.size(), 2u);
  EXPECT_EQ(r->quotes[1], "ご注文時金額の900%または70000円のどちらか高い額まで増額できます。");
  // Block scalars lose their trailing newline.
  EXPECT_EQ(r->statement,
            "The new total may be at most max(9 × A, ¥70,000); a higher total is refused.");
  EXPECT_FALSE(r->interpretation.empty());
  EXPECT_TRUE(r->variant_dependent);
  EXPECT_TRUE(r->not_testable.empty());
  EXPECT_TRUE(r->unobservable_changes.empty());
  EXPECT_EQ(cat.find("AMT-011")->unobservable_changes,
            "Which of the two refusal texts is shown cannot be told apart <here>.");

  const Rule* info = cat.find("ENV-001");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->kind, RuleKind::Info);
  EXPECT_FALSE(info->not_testable.empty());

  EXPECT_EQ(cat.find("AMT-001")->cross_ref, std::vector<std::string>{"AMT-009"});
  EXPECT_EQ(cat.find("FLOW-002")->kind, RuleKind::Ui);
  EXPECT_EQ(cat.find("ENV-007")->kind, RuleKind::Config);
  EXPECT_EQ(cat.find("NOPE-001"), nullptr);
  ASSERT_NE(cat.find_area("FLOW"), nullptr);
  EXPECT_EQ(cat.find_area("FLOW")->name, "Basic order-processing flow");
  EXPECT_EQ(cat.find_area("XYZ"), nullptr);
}

TEST(Catalogue, KindNames) {
  EXPECT_STREQ(name(RuleKind::Behaviour), "behaviour");
  EXPECT_STREQ(name(RuleKind::Config), "config");
  EXPECT_STREQ(name(RuleKind::Ui), "ui");
  EXPECT_STREQ(name(RuleKind::Info), "info");
}

TEST(Catalogue, DefaultPath) {
  EXPECT_EQ(default_catalogue_path("/src"), "/src/reports/catalogue/rules.yaml");
}

// The project's real catalogue, once it exists: 196 rules as counted in the spec.
TEST(Catalogue, LoadsRealCatalogue) {
  const std::string path = default_catalogue_path(testing::source_root());
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " does not exist yet";
  const auto loaded = Catalogue::load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  const Catalogue& cat = loaded.value();
  EXPECT_EQ(cat.rules.size(), 196u);

  std::map<std::string, int> per_area;
  std::map<RuleKind, int> per_kind;
  for (const Rule& r : cat.rules) {
    ++per_area[r.area];
    ++per_kind[r.kind];
    EXPECT_EQ(r.kind == RuleKind::Info, !r.not_testable.empty()) << r.id;
    EXPECT_FALSE(r.statement.empty()) << r.id;
  }
  // Appendix D of /work/shared/spec/rules.md.
  const std::map<std::string, int> expected = {
      {"ENV", 8},   {"AVAIL", 10},  {"MEM", 16},    {"ORD", 16},    {"GST", 6},
      {"PTS", 6},   {"RSV", 11},    {"SUB", 19},    {"MEMO", 8},    {"SYNC", 7},
      {"FLOW", 10}, {"AUTHST", 16}, {"AMT", 14},    {"ZERO", 5},    {"REF", 5},
      {"PMC", 8},   {"CAN", 7},     {"PAYDATE", 3}, {"REAUTH", 17}, {"LIM", 4}};
  EXPECT_EQ(per_area, expected);
  EXPECT_EQ(cat.areas.size(), expected.size());
  EXPECT_EQ(per_kind[RuleKind::Behaviour], 147);
  EXPECT_EQ(per_kind[RuleKind::Config], 8);
  EXPECT_EQ(per_kind[RuleKind::Ui], 10);
  EXPECT_EQ(per_kind[RuleKind::Info], 31);
  EXPECT_FALSE(cat.decisions.empty());
}

// A valid head (lines 1-6) followed by the given rules from line 7 on.
std::string with_rules(const std::string& rules) {
  return "catalogue:\n"        // 1
         "  title: T\n"        // 2
         "areas:\n"            // 3
         "  - code: AMT\n"     // 4
         "    name: Amount\n"  // 5
         "rules:\n"            // 6
         + rules;
}

// A six-line rule; `extra` lines are appended to it.
std::string rule(const std::string& id, const std::string& kind, const std::string& extra = "") {
  return "  - id: " + id +
         "\n"
         "    area: AMT\n"
         "    title: A rule\n"
         "    kind: " +
         kind +
         "\n"
         "    source: {lines: L1, quotes: [引用]}\n"
         "    statement: S\n" +
         extra;
}

core::Result<Catalogue, std::string> load_text(const std::string& file, const std::string& text) {
  return Catalogue::load(write_temp(file, text));
}

TEST(CatalogueErrors, DuplicateIdNamesFileAndLine) {
  const auto r = load_text("dup.yaml",
                           with_rules(rule("AMT-001", "behaviour") + rule("AMT-001", "behaviour")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("dup.yaml:13: duplicate rule ID 'AMT-001'"), std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, UnknownKindNamesFileAndLine) {
  const auto r = load_text("kind.yaml",
                           with_rules(rule("AMT-001", "behaviour") + rule("AMT-002", "behavior")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("kind.yaml:16: rule AMT-002: unknown kind 'behavior'"),
            std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, InfoWithoutNotTestable) {
  const auto r = load_text("info.yaml", with_rules(rule("AMT-001", "info")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("info.yaml:7: rule AMT-001: kind info needs a 'not_testable' reason"),
            std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, NotTestableOnlyForInfo) {
  const auto r = load_text("nt.yaml", with_rules(rule("AMT-001", "ui", "    not_testable: why\n")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("nt.yaml:13: rule AMT-001: 'not_testable' is only for kind info"),
            std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, UnknownAreaAndMismatchedId) {
  std::string bad = rule("AMT-001", "behaviour");
  bad.replace(bad.find("area: AMT"), 9, "area: XYZ");
  const auto r = load_text("area.yaml", with_rules(bad + rule("FLOW-001", "behaviour")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("area.yaml:8: rule AMT-001: unknown area 'XYZ'"), std::string::npos)
      << r.error();
  EXPECT_NE(r.error().find("area.yaml:14: rule FLOW-001: ID does not match area 'AMT'"),
            std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, UnknownCrossReferences) {
  const auto r = load_text(
      "xref.yaml", with_rules(rule("AMT-001", "behaviour", "    cross_ref: [AMT-001, AMT-404]\n")) +
                       "decisions:\n"                       // 14
                       "  - number: 1\n"                    // 15
                       "    title: D\n"                     // 16
                       "    text: T\n"                      // 17
                       "    rules: [AMT-001, AMT-405]\n");  // 18
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("xref.yaml:13: rule AMT-001 cross_ref: unknown rule ID 'AMT-404'"),
            std::string::npos)
      << r.error();
  EXPECT_NE(r.error().find("xref.yaml:18: decision 1: unknown rule ID 'AMT-405'"),
            std::string::npos)
      << r.error();
}

TEST(CatalogueErrors, MissingFieldsAndBadId) {
  const auto r = load_text("fields.yaml", with_rules("  - id: amt-1\n"
                                                     "    area: AMT\n"
                                                     "    kind: behaviour\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("fields.yaml:7: rule amt-1: ID must look like AREA-NNN"),
            std::string::npos)
      << r.error();
  EXPECT_NE(r.error().find("rule amt-1: missing 'title'"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("rule amt-1: missing 'statement'"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("rule amt-1: missing 'source' mapping"), std::string::npos) << r.error();
}

TEST(CatalogueErrors, SyntaxErrorCarriesLine) {
  const auto r =
      load_text("syntax.yaml", with_rules(rule("AMT-001", "behaviour")) + "  - id: [unclosed\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("syntax.yaml:"), std::string::npos) << r.error();
  EXPECT_EQ(r.error().find("syntax.yaml: "), std::string::npos) << "no line: " << r.error();
}

TEST(CatalogueErrors, MissingFile) {
  const auto r = Catalogue::load(data_path("does-not-exist.yaml"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("does-not-exist.yaml"), std::string::npos) << r.error();
}

TEST(CatalogueErrors, NotAMapping) {
  const auto r = load_text("list.yaml", "- 1\n- 2\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("list.yaml:1:"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace reports
