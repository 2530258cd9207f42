#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "reports/writers.hpp"
#include "test_support.hpp"

namespace reports {
namespace {

using testing::check_xml;
using testing::count_of;

TEST(JunitWriter, WellFormedWithOneTestcasePerScenario) {
  const std::string xml = render_junit(testing::sample_run());
  std::map<std::string, int> counts;
  ASSERT_EQ(check_xml(xml, &counts), "") << xml;
  EXPECT_EQ(counts["testsuites"], 1);
  EXPECT_EQ(counts["testsuite"], 3);  // AMT, ENV, FLOW
  EXPECT_EQ(counts["testcase"], 5);
  EXPECT_EQ(counts["failure"], 1);
  EXPECT_EQ(counts["error"], 1);
  EXPECT_NE(xml.find("<testsuites name=\"amazon-pay-conformance\" tests=\"5\" failures=\"1\" "
                     "errors=\"1\""),
            std::string::npos);
  // Suites are sorted by area folder; classname is the folder.
  EXPECT_LT(xml.find("<testsuite name=\"AMT\" tests=\"3\" failures=\"1\" errors=\"1\""),
            xml.find("<testsuite name=\"ENV\""));
  EXPECT_NE(xml.find("<testcase classname=\"FLOW\" name=\"FLOW-capture\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"AMT-ceiling[variant=CC_NONE]\" time=\"0.003\">"), std::string::npos);
  EXPECT_EQ(counts["system-out"], 5);
}

TEST(JunitWriter, FailureCarriesTextAndStepLocation) {
  const std::string xml = render_junit(testing::sample_run());
  const auto failure =
      xml.find("<failure message=\"scenarios/AMT/ceiling.yaml:11: expected refusal");
  ASSERT_NE(failure, std::string::npos) << xml;
  const std::string body = xml.substr(failure, xml.find("</failure>", failure) - failure);
  EXPECT_NE(body.find("failing step 1 at scenarios/AMT/ceiling.yaml:11: admin.change_amount"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("variant: variant=CC_LIVE"), std::string::npos) << body;
  EXPECT_NE(
      xml.find("<error message=\"scenarios/AMT/gift.yaml:3: unknown action &apos;shop.gift&apos;\" "
               "type=\"error\">"),
      std::string::npos)
      << xml;
}

TEST(JunitWriter, RunPropertiesOnSuitesAndScenarioDetailInSystemOut) {
  const std::string xml = render_junit(testing::sample_run());
  EXPECT_EQ(count_of(xml, "<property name=\"seed\" value=\"42\"/>"), 3);  // one per suite
  EXPECT_EQ(count_of(xml, "<property name=\"transport\" value=\"inprocess\"/>"), 3);
  EXPECT_EQ(count_of(xml, "<property name=\"shard\""), 0);
  EXPECT_NE(xml.find("<system-out>file: scenarios/FLOW/capture.yaml\nseed: 42\ntransport: "
                     "inprocess\nrules: FLOW-001 AMT-001\n</system-out>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("variant: variant=CC_LIVE\n"), std::string::npos);
}

TEST(JunitWriter, FailureSystemOutCarriesTheStepTranscript) {
  RunModel run = testing::sample_run();
  StepRecord& st = run.scenarios[2].steps.front();  // AMT-ceiling[variant=CC_LIVE], failed
  st.observations = {"与信ステータス: 与信済"};
  st.exchanges.push_back({});
  st.exchanges.back().method = "PATCH";
  st.exchanges.back().path = "/v2/charges/C1";
  st.exchanges.back().status = 400;
  const std::string xml = render_junit(run);
  const auto at = xml.find("variant: variant=CC_LIVE");
  ASSERT_NE(at, std::string::npos) << xml;
  const std::string out = xml.substr(at, xml.find("</system-out>", at) - at);
  EXPECT_NE(out.find("\nsteps:\n  1. failed  scenarios/AMT/ceiling.yaml:11 admin.change_amount"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("       | 与信ステータス: 与信済\n"), std::string::npos) << out;
  EXPECT_NE(out.find("       PATCH /v2/charges/C1 -&gt; 400\n"), std::string::npos) << out;
}

TEST(JunitWriter, ShardPropertiesOnPartialAndMergedRuns) {
  RunModel run = testing::sample_run();
  run.info.shard = {2, 3};
  EXPECT_EQ(count_of(render_junit(run), "<property name=\"shard\" value=\"shard 2/3\"/>"), 3);
  run.info.shard = {};
  run.info.merged_shards = 3;
  EXPECT_EQ(count_of(render_junit(run), "<property name=\"merged_shards\" value=\"3\"/>"), 3);
}

TEST(JunitWriter, EscapesMarkupAndKeepsJapanese) {
  const std::string xml = render_junit(testing::sample_run());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;"),
            std::string::npos);
  EXPECT_NE(xml.find(testing::kJapanese), std::string::npos);
}

TEST(JunitWriter, ControlCharactersAndBadUtf8StayWellFormed) {
  RunModel run = testing::sample_run();
  run.scenarios[2].failure = std::string("bell \x07 nul ") + '\0' + " bad \xC3( end\nsecond line";
  const std::string xml = render_junit(run);
  ASSERT_EQ(check_xml(xml, nullptr), "") << xml;
  EXPECT_NE(xml.find("bell \\x07 nul \\x00 bad \xEF\xBF\xBD( end"), std::string::npos);
  // Only the first line goes into the message attribute.
  EXPECT_NE(xml.find("message=\"bell"), std::string::npos);
  EXPECT_EQ(xml.find("message=\"bell \\x07 nul \\x00 bad \xEF\xBF\xBD( end&#10;"),
            std::string::npos);
}

TEST(JunitWriter, EmptyRun) {
  const std::string xml = render_junit(RunModel{});
  std::map<std::string, int> counts;
  ASSERT_EQ(check_xml(xml, &counts), "") << xml;
  EXPECT_EQ(counts["testcase"], 0);
  EXPECT_NE(xml.find("tests=\"0\""), std::string::npos);
}

bool have_xmllint() {
  return std::system("command -v xmllint >/dev/null 2>&1") == 0;
}

// xmllint's verdict on `xml` against the Jenkins xUnit schema: "" when valid, else its output.
std::string schema_errors(const std::string& xml, const std::string& file_name) {
  const std::string path = testing::write_temp(file_name, xml);
  const std::string cmd =
      "xmllint --noout --schema '" + testing::data_path("junit-10.xsd") + "' '" + path + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "cannot run xmllint";
  std::string output;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) output += buf;
  const int status = pclose(p);
  return status == 0 ? "" : "xmllint exit " + std::to_string(status) + ":\n" + output;
}

TEST(JunitSchema, ValidAgainstJenkinsXunitJunit10) {
  if (!have_xmllint()) GTEST_SKIP() << "xmllint is not installed (Debian: libxml2-utils)";
  RunModel run = testing::sample_run();
  EXPECT_EQ(schema_errors(render_junit(run), "sample.xml"), "");
  run.info.shard = {2, 3};
  run.scenarios[2].failure = std::string("bell \x07 bad \xC3( end\nsecond line");
  EXPECT_EQ(schema_errors(render_junit(run), "shard.xml"), "");
  EXPECT_EQ(schema_errors(render_junit(RunModel{}), "empty.xml"), "");
}

TEST(JunitSchema, SchemaRejectsWhatTheWriterNoLongerWrites) {
  if (!have_xmllint()) GTEST_SKIP() << "xmllint is not installed (Debian: libxml2-utils)";
  const std::string suite_open =
      "<testsuites><testsuite name=\"A\" tests=\"1\" failures=\"0\" errors=\"0\">";
  const std::string suite_close = "</testsuite></testsuites>\n";
  EXPECT_EQ(schema_errors(suite_open + "<testcase name=\"t\"/>" + suite_close, "ok.xml"), "");
  EXPECT_NE(schema_errors(suite_open + "<testcase name=\"t\" file=\"f.yaml\"/>" + suite_close,
                          "file.xml"),
            "");
  EXPECT_NE(
      schema_errors(suite_open + "<testcase name=\"t\"><properties/></testcase>" + suite_close,
                    "props.xml"),
      "");
}

TEST(XmlChecker, RejectsBrokenDocuments) {
  EXPECT_NE(check_xml("<a><b></a></b>", nullptr), "");
  EXPECT_NE(check_xml("<a x=\"1\" x=\"2\"/>", nullptr), "");
  EXPECT_NE(check_xml("<a>&nbsp;</a>", nullptr), "");
  EXPECT_NE(check_xml("<a>x & y</a>", nullptr), "");
  EXPECT_NE(check_xml("<a/><b/>", nullptr), "");
  EXPECT_EQ(check_xml("<?xml version=\"1.0\"?>\n<a t=\"&lt;\">&amp;<b/></a>\n", nullptr), "");
}

}  // namespace
}  // namespace reports
