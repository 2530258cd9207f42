#include "scenarios/tests/test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace scenarios::testing {

std::string source_root() {
  const char* env = std::getenv("APC_SOURCE_DIR");
  return env && *env ? env : APC_SOURCE_DIR_DEFAULT;
}

std::string data_path(const std::string& name) {
  return (std::filesystem::path(source_root()) / "scenarios" / "tests" / "data" / name).string();
}

const reports::Catalogue& catalogue() {
  static const reports::Catalogue c = [] {
    auto loaded = reports::Catalogue::load(reports::default_catalogue_path(source_root()));
    EXPECT_TRUE(loaded.ok()) << (loaded ? "" : loaded.error());
    return loaded ? loaded.value() : reports::Catalogue{};
  }();
  return c;
}

LoadResult load(const std::string& yaml, const std::string& file) {
  LoadOptions options;
  options.catalogue = &catalogue();
  options.source_root = source_root();
  return load_text(yaml, file, options);
}

LoadResult load_fixtures(const std::vector<std::string>& names) {
  std::vector<std::string> files;
  for (const std::string& n : names) files.push_back(data_path(n));
  LoadOptions options;
  options.catalogue = &catalogue();
  options.source_root = source_root();
  return load_files(files, options);
}

std::string errors_of(const LoadResult& result) {
  std::string out;
  for (const Diagnostic& d : result.errors) out += d.str() + "\n";
  return out;
}

}  // namespace scenarios::testing
