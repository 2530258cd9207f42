#include <gtest/gtest.h>

#include <filesystem>

#include "reports/html_parts.hpp"
#include "reports/writers.hpp"
#include "test_support.hpp"

namespace reports {
namespace {

using testing::count_of;

std::string report_js_text() {
  return std::string(html::report_js());
}

// Independent of the writer's escaping code on purpose.
std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class HtmlWriter : public ::testing::Test {
 protected:
  Catalogue cat = testing::fixture_catalogue();
  RunModel run = testing::sample_run();
  std::string html = render_html(cat, run);

  // The HTML of one scenario's section.
  std::string scenario_section(const std::string& id) const {
    const auto id_at = html.find("id=\"scenario-" + id + "\"");
    if (id_at == std::string::npos) return {};
    const auto start = html.rfind("<section", id_at);
    return html.substr(start, html.find("</section>", start) - start);
  }
};

TEST_F(HtmlWriter, SelfContainedUtf8Page) {
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  // The only URL is the SVG namespace.
  EXPECT_EQ(count_of(html, "http://") + count_of(html, "https://"),
            count_of(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  for (const char* tag : {"section", "article", "details", "table", "svg", "dl", "ul"})
    EXPECT_EQ(
        count_of(html, std::string("<") + tag + ">") + count_of(html, std::string("<") + tag + " "),
        count_of(html, std::string("</") + tag + ">"))
        << tag;
}

TEST_F(HtmlWriter, UnobservableChangesAreShownEscaped) {
  EXPECT_NE(html.find("<dt>Not observable</dt>"), std::string::npos);
  EXPECT_NE(html.find(escaped("cannot be told apart <here>.")), std::string::npos);
  EXPECT_EQ(count_of(html, "<dt>Not observable</dt>"), 1u);
}

TEST_F(HtmlWriter, HeaderRunInfoCardsAndCoverage) {
  EXPECT_NE(html.find("Run FAILED"), std::string::npos);
  EXPECT_NE(html.find("<code>abc1234</code>"), std::string::npos);
  EXPECT_NE(html.find("apc-conformance --seed 42 --transport inprocess"), std::string::npos);
  EXPECT_NE(html.find("rules not yet checked"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#area-AMT\">AMT</a>"), std::string::npos);
  EXPECT_NE(html.find("id=\"coverage\""), std::string::npos);
  EXPECT_NE(html.find("id=\"decision-2\""), std::string::npos);
}

TEST_F(HtmlWriter, PartialRunSaysSoAndNotInThisRun) {
  EXPECT_EQ(html.find("Partial run"), std::string::npos);
  EXPECT_EQ(html.find("not in this run"), std::string::npos);
  EXPECT_NE(html.find("no scenario names them"), std::string::npos);
  run.info.selection.ids = {"FLOW-<1>"};
  const std::string partial = render_html(cat, run);
  EXPECT_NE(partial.find("Partial run: only the scenarios chosen by <code>--id FLOW-&lt;1&gt;"),
            std::string::npos);
  EXPECT_NE(partial.find("not in this run"), std::string::npos);
  EXPECT_EQ(partial.find("no scenario names them"), std::string::npos);
}

TEST_F(HtmlWriter, EnvironmentInRunInfo) {
  run.info.environment = {
      "Linux 6 x86_64",     "g++ 12", {{"fmt", "9.1.0"}, {"sqlite", "3.40"}}, std::string(64, 'c'),
      std::string(64, 'd'), 4};
  const std::string with_env = render_html(cat, run);
  EXPECT_NE(with_env.find("<dt>OS</dt><dd>Linux 6 x86_64</dd>"), std::string::npos);
  EXPECT_NE(with_env.find("fmt 9.1.0 · sqlite 3.40"), std::string::npos);
  EXPECT_NE(with_env.find(std::string(64, 'd') + " (4 files)"), std::string::npos);
}

TEST_F(HtmlWriter, EveryRuleWithAnchorQuotesAndStatus) {
  for (const Rule& r : cat.rules) {
    EXPECT_EQ(count_of(html, "id=\"rule-" + r.id + "\""), 1) << r.id;
    for (const std::string& q : r.quotes)
      EXPECT_NE(html.find("「" + q + "」"), std::string::npos) << r.id << ": " << q;
  }
  const auto amt = html.find("id=\"rule-AMT-009\"");
  const std::string rule = html.substr(amt, html.find("</article>", amt) - amt);
  EXPECT_NE(rule.find("✗ failed"), std::string::npos);
  EXPECT_NE(rule.find("Adopted interpretation"), std::string::npos);
  EXPECT_NE(rule.find(cat.find("AMT-009")->interpretation), std::string::npos);
  EXPECT_NE(rule.find("lines L369-L370"), std::string::npos);
  EXPECT_NE(rule.find("href=\"#decision-2\""), std::string::npos);
  EXPECT_NE(rule.find("href=\"#scenario-AMT-ceiling[variant=CC_NONE]\""), std::string::npos);
  EXPECT_NE(rule.find("href=\"#scenario-AMT-ceiling[variant=CC_LIVE]\""), std::string::npos);

  const auto env = html.find("id=\"rule-ENV-001\"");
  const std::string info = html.substr(env, html.find("</article>", env) - env);
  EXPECT_NE(info.find("not testable"), std::string::npos);
  EXPECT_NE(info.find(cat.find("ENV-001")->not_testable.substr(0, 15)), std::string::npos);
  EXPECT_NE(html.find("No scenario checks this rule yet."), std::string::npos);
}

TEST_F(HtmlWriter, EveryScenarioWithStepsAndLinksBack) {
  for (const ScenarioResult& s : run.scenarios)
    EXPECT_EQ(count_of(html, "id=\"scenario-" + s.id + "\""), 1) << s.id;
  const std::string passed = scenario_section("FLOW-capture");
  EXPECT_NE(passed.find("<details class=\"steps\"><summary>Steps (2)"), std::string::npos);
  EXPECT_NE(passed.find("href=\"#rule-FLOW-001\""), std::string::npos);
  EXPECT_NE(passed.find("2024-04-01T10:00:01Z"), std::string::npos);
  EXPECT_NE(passed.find("与信ステータス: 請求済"), std::string::npos);
  // HTTP exchanges collapsed; JSON bodies re-indented.
  EXPECT_NE(passed.find("<details class=\"http-exchanges\"><summary>1 HTTP exchange</summary>"),
            std::string::npos);
  EXPECT_NE(passed.find("&quot;chargeId&quot;: &quot;S01-1-C1&quot;"), std::string::npos);
  EXPECT_NE(passed.find("<pre class=\"body\">not json</pre>"), std::string::npos);

  const std::string failed = scenario_section("AMT-ceiling[variant=CC_LIVE]");
  EXPECT_NE(failed.find("class=\"scenario st-failed\""), std::string::npos);
  EXPECT_NE(failed.find("<details class=\"steps\" open><summary>Steps (2, 1 failed, 1 not run)"),
            std::string::npos);
  EXPECT_NE(failed.find("transport error: timeout"), std::string::npos);
  EXPECT_NE(failed.find("(relies on the adopted interpretation"), std::string::npos);
  EXPECT_NE(scenario_section("AMT-gift").find("<details class=\"steps\" open>"), std::string::npos);
}

TEST_F(HtmlWriter, EscapesHostileTextAndKeepsJapanese) {
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(count_of(html, "<script>"), 1);  // the page's own filter script
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("Gift-card-only orders &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find(testing::kJapanese), std::string::npos);
}

TEST_F(HtmlWriter, StateMachineDiagramAndTable) {
  EXPECT_EQ(count_of(html, "<svg class=\"state-machine\""), 1);
  const auto start = html.find("id=\"machine-Charge\"");
  ASSERT_NE(start, std::string::npos);
  const std::string machine = html.substr(start, html.find("</section>", start) - start);
  for (const char* state : {"Authorized", "CaptureInitiated", "Captured", "Canceled"})
    EXPECT_NE(machine.find(std::string(">") + state + "</text>"), std::string::npos) << state;
  // Triggers are in the table and the arrows' tooltips, never as text over the arrows.
  for (const char* trigger : {"createCharge", "capture", "settle", "decline", "refund"})
    EXPECT_NE(machine.find(std::string("<code>") + trigger + "</code>"), std::string::npos)
        << trigger;
  EXPECT_EQ(machine.find("<tspan"), std::string::npos);
  EXPECT_NE(machine.find("<title>Authorized → CaptureInitiated: capture"), std::string::npos);
  EXPECT_EQ(count_of(machine, "<tr>"), 1);  // header
  EXPECT_EQ(count_of(machine, "<tr class=\""), 7);
  EXPECT_NE(machine.find("<code>MerchantCanceled</code>"), std::string::npos);
  EXPECT_NE(machine.find("Any other operation → <code>InvalidChargeStatus</code>"),
            std::string::npos);
  EXPECT_NE(machine.find("(created)"), std::string::npos);
}

// The sample's only Amazon object is a Charge created Authorized (FLOW-capture's first
// response): that creation, and nothing else, is marked as exercised.
TEST_F(HtmlWriter, StateMachineMarksTheTransitionsThisRunExercised) {
  const auto start = html.find("id=\"machine-Charge\"");
  const std::string machine = html.substr(start, html.find("</section>", start) - start);
  EXPECT_EQ(count_of(machine, "<tr class=\"seen\">"), 1);
  EXPECT_EQ(count_of(machine, "<tr class=\"unseen\">"), 6);
  EXPECT_NE(machine.find("✓ 1 scenario, e.g. <a class=\"scenario-ref\" href=\"#scenario-FLOW-capture\""),
            std::string::npos);
  EXPECT_EQ(count_of(machine, "class=\"edge seen\""), 1);
  EXPECT_NE(machine.find("(created) → Authorized: createCharge (exercised in this run)"),
            std::string::npos);
  EXPECT_NE(machine.find("stroke-dasharray=\"5 3\""), std::string::npos);  // the unseen arrows
}

TEST_F(HtmlWriter, AnchorsOnEveryStepAndExchange) {
  for (const ScenarioResult& s : run.scenarios)
    for (const StepRecord& st : s.steps) {
      const std::string step = "scenario-" + s.id + "-step-" + std::to_string(st.index);
      EXPECT_EQ(count_of(html, "id=\"" + step + "\""), 1) << step;
      EXPECT_NE(html.find("href=\"#" + step + "\""), std::string::npos) << step;
      for (std::size_t x = 1; x <= st.exchanges.size(); ++x)
        EXPECT_EQ(count_of(html, "id=\"" + step + "-x-" + std::to_string(x) + "\""), 1)
            << step << " exchange " << x;
    }
  EXPECT_EQ(html::exchange_anchor("FLOW-capture", 2, 1), "scenario-FLOW-capture-step-2-x-1");
}

TEST_F(HtmlWriter, FailuresPanelFirstWithLinksToTheFailedStep) {
  const auto panel_at = html.find("<section id=\"failures\"");
  ASSERT_NE(panel_at, std::string::npos);
  EXPECT_LT(panel_at, html.find("id=\"coverage\""));
  const std::string panel = html.substr(panel_at, html.find("</section>", panel_at) - panel_at);
  EXPECT_NE(panel.find("2 of 5 scenarios did not pass"), std::string::npos);
  EXPECT_NE(panel.find("href=\"#scenario-AMT-ceiling[variant=CC_LIVE]-step-1\">step 1</a>"),
            std::string::npos);
  EXPECT_NE(panel.find("no failed step"), std::string::npos);  // AMT-gift: error before a step
  EXPECT_NE(panel.find("unknown action &#39;shop.gift&#39;"), std::string::npos);
  EXPECT_NE(panel.find("Failed rules (2)"), std::string::npos);
  EXPECT_NE(panel.find("href=\"#rule-AMT-009\""), std::string::npos);

  for (ScenarioResult& s : run.scenarios) {
    s.status = ScenarioStatus::Passed;
    for (StepRecord& st : s.steps) st.status = StepStatus::Passed;
  }
  EXPECT_NE(render_html(cat, run).find("No failures: all 5 scenarios passed."), std::string::npos);
}

TEST_F(HtmlWriter, FailedStepsShowTheirExchangesPassedOnesCollapse) {
  EXPECT_NE(scenario_section("AMT-ceiling[variant=CC_LIVE]")
                .find("<details class=\"http-exchanges of-failed\" open>"),
            std::string::npos);
  EXPECT_EQ(scenario_section("FLOW-capture").find("of-failed"), std::string::npos);
}

TEST_F(HtmlWriter, SummaryCardsAreLinks) {
  EXPECT_EQ(count_of(html, "<a class=\"card "), 6);
  EXPECT_NE(html.find("<a class=\"card st-failed\" href=\"#failures\">"), std::string::npos);
  for (const char* status : {"passed", "failed", "not yet checked", "not testable"})
    EXPECT_NE(html.find(std::string("href=\"#rules\" data-rule-filter=\"") + status + "\""),
              std::string::npos)
        << status;
}

TEST_F(HtmlWriter, SearchBoxAndFilters) {
  EXPECT_EQ(count_of(html, "<input type=\"search\" id=\"search\""), 1);
  EXPECT_NE(html.find("data-filter=\"rule\""), std::string::npos);
  EXPECT_NE(report_js_text().find("blockquote.quote"), std::string::npos);  // searches quotes
  EXPECT_NE(report_js_text().find("section.area"), std::string::npos);  // hides empty areas
}

TEST_F(HtmlWriter, A4PrintLayout) {
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("details.http-exchanges:not(.of-failed) { display: none; }"),
            std::string::npos);
  // Printing is CSS alone: no script opens every <details> before printing.
  EXPECT_EQ(html.find("beforeprint"), std::string::npos);
  // The printed rule table: one row per rule, with its verdict and linked scenarios.
  const auto at = html.find("<table class=\"rule-table print-only\">");
  ASSERT_NE(at, std::string::npos);
  const std::string table = html.substr(at, html.find("</table>", at) - at);
  EXPECT_EQ(count_of(table, "<tr class=\"st-"), static_cast<int>(cat.rules.size()));
  EXPECT_NE(table.find("href=\"#scenario-AMT-ceiling[variant=CC_LIVE]\""), std::string::npos);
  EXPECT_EQ(count_of(html, "<section class=\"area screen-only\""),
            static_cast<int>(cat.areas.size()));
}

TEST_F(HtmlWriter, WarnsAboutUnknownReferences) {
  run.scenarios[0].rules.push_back("NOPE-404");
  run.scenarios[0].assumes.push_back("FLOW-001");  // no interpretation recorded
  const std::string page = render_html(cat, run);
  EXPECT_NE(page.find("id=\"warnings\""), std::string::npos);
  EXPECT_NE(page.find("names rule <code>NOPE-404</code>, which is not in the catalogue"),
            std::string::npos);
  EXPECT_NE(page.find("but the catalogue records no interpretation"), std::string::npos);
  EXPECT_EQ(html.find("id=\"warnings\""), std::string::npos);
}

TEST_F(HtmlWriter, Deterministic) {
  EXPECT_EQ(render_html(cat, run), html);
}

TEST(HtmlWriterReal, EveryRealRuleHasAnAnchor) {
  const std::string path = default_catalogue_path(testing::source_root());
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " does not exist yet";
  const auto loaded = Catalogue::load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  const std::string page = render_html(loaded.value(), RunModel{});
  for (const Rule& r : loaded.value().rules) {
    EXPECT_EQ(count_of(page, "id=\"rule-" + r.id + "\""), 1) << r.id;
    for (const std::string& q : r.quotes)
      EXPECT_NE(page.find("「" + escaped(q) + "」"), std::string::npos) << r.id << ": " << q;
  }
  EXPECT_EQ(count_of(page, "<article class=\"rule "), 196);
}

}  // namespace
}  // namespace reports

namespace reports {
namespace {

// The diagram must stay well-formed XML whatever the table holds: cycles, unreachable
// states, states missing from `states`, markup and Japanese in names, long trigger lists.
TEST(StateMachineSvg, WellFormedForAwkwardTables) {
  StateMachineView m;
  m.resource = "Odd & <ugly>";
  m.states = {"A", "B & <b>", "承認済", "Orphan"};
  m.rows = {{"", "create", "A", {}, ""},
            {"A", "go", "B & <b>", {}, ""},
            {"B & <b>", "back \"quoted\"", "A", {}, ""},
            {"B & <b>", "to JP", "承認済", {}, ""},
            {"承認済", "loop", "承認済", {}, ""},
            {"A", "skip", "承認済", {}, ""},
            {"Orphan", "t1", "NotListed", {}, ""}};
  for (int i = 0; i < 6; ++i)
    m.rows.push_back({"A", "many-" + std::to_string(i), "Orphan", {}, ""});
  const std::string svg = html::state_machine_svg(m, 3);
  std::map<std::string, int> counts;
  ASSERT_EQ(testing::check_xml(svg, &counts), "") << svg;
  EXPECT_EQ(counts["svg"], 1);
  EXPECT_EQ(counts["rect"], 5);  // every state, NotListed included
  EXPECT_NE(svg.find(">B &amp; &lt;b&gt;</text>"), std::string::npos);
  EXPECT_NE(svg.find(">承認済</text>"), std::string::npos);
  EXPECT_NE(svg.find("A → Orphan: many-0 many-1 many-2 many-3 many-4 many-5"), std::string::npos);
  EXPECT_NE(svg.find("id=\"sm3-arrow\""), std::string::npos);
  EXPECT_EQ(svg.find("class=\"edge seen"), std::string::npos);  // nothing seen
  const TransitionsSeen seen = {{{m.resource, "A", "B & <b>"}, {"S1"}},
                                {{m.resource, "承認済", "承認済"}, {"S1"}},
                                {{"Other", "A", "Orphan"}, {"S1"}}};
  const std::string marked = html::state_machine_svg(m, 3, seen);
  ASSERT_EQ(testing::check_xml(marked, nullptr), "") << marked;
  EXPECT_EQ(count_of(marked, "class=\"edge seen\""), 1);
  EXPECT_EQ(count_of(marked, "class=\"edge loop seen\""), 1);
  EXPECT_NE(marked.find("id=\"sm3-arrow-seen\""), std::string::npos);
  for (const char* bad : {"\"nan", ",nan", " nan", "-nan", "Mnan", "inf\""})
    EXPECT_EQ(svg.find(bad), std::string::npos) << bad;
}

TEST(StateMachineSvg, EmptyAndCreationlessMachines) {
  StateMachineView empty;
  empty.resource = "Nothing";
  EXPECT_EQ(testing::check_xml(html::state_machine_svg(empty, 0), nullptr), "");
  StateMachineView plain;
  plain.resource = "Refund";
  plain.states = {"RefundInitiated", "Refunded", "Declined"};
  plain.rows = {{"RefundInitiated", "settle", "Refunded", {}, ""},
                {"RefundInitiated", "decline", "Declined", {"AmazonRejected"}, ""}};
  const std::string svg = html::state_machine_svg(plain, 1);
  EXPECT_EQ(testing::check_xml(svg, nullptr), "");
  EXPECT_EQ(svg.find("<circle"), std::string::npos);  // no creation row, no creation dot
}

}  // namespace
}  // namespace reports
