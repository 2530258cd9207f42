#include "scenarios/terminal.hpp"

#include <string>

#include <gtest/gtest.h>

namespace scenarios {
namespace {

TEST(Terminal, ColourOnATerminalUnlessNoColorIsSetAndNotEmpty) {
  EXPECT_TRUE(use_colour(ColourChoice::Auto, true, nullptr));
  EXPECT_TRUE(use_colour(ColourChoice::Auto, true, ""));  // no-color.org: empty means unset
  EXPECT_FALSE(use_colour(ColourChoice::Auto, true, "1"));
  EXPECT_FALSE(use_colour(ColourChoice::Auto, false, nullptr));
  EXPECT_TRUE(use_colour(ColourChoice::Always, false, "1"));
  EXPECT_FALSE(use_colour(ColourChoice::Never, true, nullptr));
}

TEST(Terminal, ColourChoicesHaveOneNameTable) {
  for (ColourChoice c : {ColourChoice::Auto, ColourChoice::Always, ColourChoice::Never})
    EXPECT_EQ(parse_colour_choice(name(c)), c);
  EXPECT_FALSE(parse_colour_choice("yes"));
}

TEST(Terminal, PaintAddsEscapesOnlyWhenAsked) {
  EXPECT_EQ(paint("FAIL", Tone::Fail, false), "FAIL");
  EXPECT_EQ(paint("PASS", Tone::Pass, true), "\033[32mPASS\033[0m");
}

TEST(Terminal, ShortFailuresAreUnchanged) {
  std::string f = "a.yaml:3: expect.order: status: expected \"x\", got \"y\"\nactual: {\"a\":1}";
  EXPECT_EQ(failure_for_terminal(f), f);
}

TEST(Terminal, LongJsonIsPrettyPrintedAndCutToTheKeysTheMismatchNames) {
  std::string padding(200, 'p');
  std::string f = "a.yaml:9: expect.amazon.charge: statusDetails.state: expected \"Captured\", "
                  "got \"Authorized\"\nAmazon's JSON: {\"chargeId\":\"C1\",\"padding\":\"" +
                  padding + "\",\"statusDetails\":{\"reasonCode\":null,\"state\":\"Authorized\"}}";
  std::string shown = failure_for_terminal(f);
  EXPECT_NE(shown.find("Amazon's JSON:\n  {\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("\n    \"statusDetails\": {\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("\n      \"state\": \"Authorized\"\n"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(padding), std::string::npos) << "an unnamed key was kept: " << shown;
  EXPECT_EQ(shown.find("reasonCode"), std::string::npos) << shown;
  EXPECT_NE(shown.find("…"), std::string::npos) << shown;
  EXPECT_NE(shown.find("the whole value is in the report"), std::string::npos) << shown;
}

TEST(Terminal, ListIndexesInThePathAreNotKeys) {
  std::string f = "charges[1].amount: expected 5, got 6\nactual: {\"charges\":[{\"amount\":5},"
                  "{\"amount\":6}],\"x\":\"" + std::string(200, 'x') + "\"}";
  std::string shown = failure_for_terminal(f);
  EXPECT_NE(shown.find("\"charges\": ["), std::string::npos) << shown;
  EXPECT_NE(shown.find("\"amount\": 6"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(std::string(200, 'x')), std::string::npos) << shown;
}

TEST(Terminal, OtherLongLinesAreCutOnACharacterBoundary) {
  std::string line(150, 'a');
  for (int i = 0; i < 40; ++i) line += "円";
  std::string shown = failure_for_terminal(line, 160);
  EXPECT_EQ(shown.substr(0, 150), std::string(150, 'a'));
  EXPECT_NE(shown.find("more bytes in the report)"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(" … ("), 159u) << shown;  // 150 + three characters of 3 bytes
}

}  // namespace
}  // namespace scenarios
