#include "scenarios/run_environment.hpp"

#include <sys/utsname.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/core.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "core/versions.hpp"

namespace scenarios {
namespace {

std::string os_name() {
  utsname u{};
  if (uname(&u) != 0) return "";
  return fmt::format("{} {} {}", u.sysname, u.release, u.machine);
}

std::string compiler() {
#if defined(__clang__)
  return std::string("clang ") + __VERSION__;
#elif defined(__GNUC__)
  return std::string("g++ ") + __VERSION__;
#else
  return __VERSION__;
#endif
}

// Sorted by name so the JSON object's key order does not depend on who wrote it (run or merge).
std::vector<std::pair<std::string, std::string>> libraries() {
  return {
      {"cpp-httplib", core::httplib_version()},
      {"fmt",
       fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
      {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR,
                                    NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
      {"openssl", OpenSSL_version(OPENSSL_VERSION)},
      {"sqlite", core::sqlite_version()},
      // yaml-cpp has no version macro; CMake's package version is compiled in instead.
      {"yaml-cpp", APC_YAML_CPP_VERSION},
  };
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Streams the files through one digest rather than holding all of them in memory.
std::string sha256_of(const std::vector<std::string>& files) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
  for (size_t i = 0; ok && i < files.size(); ++i) {
    std::optional<std::string> text = read_file(files[i]);
    ok = text && EVP_DigestUpdate(ctx, text->data(), text->size()) == 1;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ok = ok && EVP_DigestFinal_ex(ctx, digest, &length) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return "";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace

std::string files_sha256(std::vector<std::string> files) {
  std::sort(files.begin(), files.end());
  return sha256_of(files);
}

reports::RunEnvironment run_environment(const std::string& catalogue_file,
                                        std::vector<std::string> scenario_files) {
  reports::RunEnvironment e;
  e.os = os_name();
  e.compiler = compiler();
  e.libraries = libraries();
  e.catalogue_sha256 = files_sha256({catalogue_file});
  e.scenario_files = static_cast<int>(scenario_files.size());
  e.scenarios_sha256 = files_sha256(std::move(scenario_files));
  return e;
}

}  // namespace scenarios
