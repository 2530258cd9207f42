#include <gtest/gtest.h>

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
  EXPECT_NE(xml.find("name=\"AMT-ceiling[variant=CC_NONE]\" file=\"scenarios/AMT/ceiling.yaml\" "
                     "time=\"0.003\""),
            std::string::npos);
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

TEST(JunitWriter, PropertiesWithSeedAndTransport) {
  const std::string xml = render_junit(testing::sample_run());
  EXPECT_EQ(count_of(xml, "<property name=\"seed\" value=\"42\"/>"), 3 + 5);  // suites + cases
  EXPECT_EQ(count_of(xml, "<property name=\"transport\" value=\"inprocess\"/>"), 3 + 5);
  EXPECT_NE(xml.find("<property name=\"variant\" value=\"variant=CC_LIVE\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"rules\" value=\"FLOW-001 AMT-001\"/>"), std::string::npos);
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
