// The YAML printer: every committed scenario survives parse → print → parse unchanged, and
// the printed file validates to the same scenarios (what a shrunk, generated scenario needs).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/printer.hpp"
#include "scenarios/tests/test_support.hpp"
#include "scenarios/yaml_loader.hpp"

namespace scenarios {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> out;
  fs::path root = fs::path(testing::source_root()) / "scenarios";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(e.path(), root).generic_string();
    if (e.is_regular_file() && e.path().extension() == ".yaml" && rel.rfind("tests/", 0) != 0)
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The tree with each scalar's type as YAML reads it: a plain 1 (number) and "1" (string)
// differ here, though their flow texts may not.
std::string typed(const Value& v) {
  if (v.is_scalar()) return (v.is_string() ? "s:" : "p:") + v.to_flow();
  if (v.is_list()) {
    std::string out = "[";
    for (const Value& item : v.items()) out += typed(item) + ",";
    return out + "]";
  }
  if (v.is_map()) {
    std::string out = "{";
    for (const MapEntry& e : v.entries()) out += e.key + "=" + typed(e.value) + ",";
    return out + "}";
  }
  return "null";
}

std::vector<std::string> ids_of(const LoadResult& r) {
  std::vector<std::string> ids;
  for (const auto& s : r.scenarios) ids.push_back(s.id);
  return ids;
}

TEST(Printer, EveryScenarioFileRoundTrips) {
  std::vector<fs::path> files = scenario_files();
  ASSERT_GT(files.size(), 150u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    std::string text = read(file);
    Diagnostics d1("original"), d2("printed");
    std::vector<Value> docs = load_yaml(text, d1);
    ASSERT_TRUE(d1.empty());
    ASSERT_EQ(docs.size(), 1u);
    std::string printed = print_yaml(docs[0], "printed by printer_test");
    std::vector<Value> again = load_yaml(printed, d2);
    ASSERT_TRUE(d2.empty()) << printed;
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(typed(again[0]), typed(docs[0])) << printed;
    // The printed text is a valid scenario file with the same scenarios.
    std::string name = fs::relative(file, testing::source_root()).generic_string();
    LoadResult original = testing::load(text, name);
    LoadResult reprinted = testing::load(printed, name);
    EXPECT_TRUE(reprinted.ok()) << testing::errors_of(reprinted);
    EXPECT_EQ(ids_of(reprinted), ids_of(original));
    // Printing is a fixed point: what it prints it prints again unchanged.
    EXPECT_EQ(print_yaml(again[0], "printed by printer_test"), printed);
  }
}

Value parse_one(const std::string& text) {
  Diagnostics d("t.yaml");
  std::vector<Value> docs = load_yaml(text, d);
  EXPECT_TRUE(d.empty());
  return docs.empty() ? Value() : docs[0];
}

TEST(Printer, LaysOutStepsLikeTheHandWrittenFiles) {
  Value doc = parse_one(
      "id: X-1\nrules: [ORD-001]\nsteps:\n  - customer.add_to_cart: {product: normal}\n"
      "  - clock.advance: 30d\n  - customer.log_out\n");
  EXPECT_EQ(print_yaml(doc, "seed 42\nbroke: money"),
            "# seed 42\n# broke: money\nid: X-1\nrules: [ORD-001]\nsteps:\n"
            "  - customer.add_to_cart: {product: normal}\n  - clock.advance: 30d\n"
            "  - customer.log_out\n");
}

TEST(Printer, QuotesWhatWouldReadBackAsSomethingElse) {
  Value doc = parse_one(
      "a: \"#1\"\nb: \"123\"\nc: 123\nd: \"true\"\ne: \"x: y\"\nf: \"line\\nbreak\"\ng: ''\n"
      "h: null\ni: []\nj: {}\nk: -1\nl: \"-1\"\nm: -x\n");
  std::string printed = print_yaml(doc);
  EXPECT_EQ(typed(parse_one(printed)), typed(doc)) << printed;
  EXPECT_NE(printed.find("a: \"#1\""), std::string::npos) << printed;
  EXPECT_NE(printed.find("b: \"123\""), std::string::npos) << printed;
  EXPECT_NE(printed.find("c: 123\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("k: -1\n"), std::string::npos) << printed;
}

TEST(Printer, LongValuesGoToBlocks) {
  std::string long_list = "[";
  for (int i = 0; i < 30; ++i)
    long_list += (i ? ", " : "") + std::string("RULE-") + std::to_string(100 + i);
  long_list += "]";
  Value doc = parse_one("rules: " + long_list + "\nsteps:\n  - [" + long_list.substr(1) + "\n");
  std::string printed = print_yaml(doc);
  EXPECT_NE(printed.find("rules:\n  - RULE-100\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("  - - RULE-100\n    - RULE-101\n"), std::string::npos) << printed;
  EXPECT_EQ(typed(parse_one(printed)), typed(doc)) << printed;
  for (size_t at = 0, end; at < printed.size(); at = end + 1) {
    end = printed.find('\n', at);
    EXPECT_LE(end - at, static_cast<size_t>(kPrintWidth)) << printed.substr(at, end - at);
  }
}

}  // namespace
}  // namespace scenarios
