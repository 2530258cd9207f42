#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/writers.hpp"
#include "test_support.hpp"

namespace reports {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / "reports_write" / name;
  fs::remove_all(dir);
  return dir;
}

TEST(WriteReports, WritesThreeFilesIntoANewDirectory) {
  const Catalogue cat = testing::fixture_catalogue();
  const RunModel run = testing::sample_run();
  const fs::path dir = fresh_dir("ok") / "nested" / "out";
  const auto r = write_reports(dir.string(), cat, run);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(slurp(dir / "report.html"), render_html(cat, run));
  EXPECT_EQ(slurp(dir / "report.json"), render_json(cat, run));
  EXPECT_EQ(slurp(dir / "junit.xml"), render_junit(run));
}

TEST(WriteReports, ErrorNamesTheFile) {
  const Catalogue cat = testing::fixture_catalogue();
  const fs::path dir = fresh_dir("blocked");
  fs::create_directories(dir / "report.json");  // a directory where the file should go
  const auto r = write_reports(dir.string(), cat, RunModel{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find((dir / "report.json").string()), std::string::npos) << r.error();
}

TEST(WriteReports, ErrorWhenTheDirectoryIsAFile) {
  const fs::path dir = fresh_dir("file");
  fs::create_directories(dir);
  std::ofstream(dir / "plain") << "x";
  const auto r = write_reports((dir / "plain").string(), testing::fixture_catalogue(), RunModel{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find((dir / "plain").string()), std::string::npos) << r.error();
}

}  // namespace
}  // namespace reports
