#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/core.h>

#include "reports/writers.hpp"

namespace reports {

namespace {

core::Result<void, std::string> write_file(const std::filesystem::path& path,
                                           const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return core::fail(fmt::format("cannot open {} for writing", path.string()));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return core::fail(fmt::format("cannot write {}", path.string()));
  return {};
}

}  // namespace

core::Result<void, std::string> write_reports(const std::string& dir, const Catalogue& catalogue,
                                              const RunModel& run) {
  try {
    const std::filesystem::path root(dir);
    std::error_code ec;
    std::filesystem::create_directories(root, ec);
    if (ec)
      return core::fail(fmt::format("cannot create report directory {}: {}", dir, ec.message()));
    if (!std::filesystem::is_directory(root, ec))
      return core::fail(fmt::format("cannot create report directory {}: not a directory", dir));
    if (auto r = write_file(root / "report.html", render_html(catalogue, run)); !r) return r;
    if (auto r = write_file(root / "report.json", render_json(catalogue, run)); !r) return r;
    if (auto r = write_file(root / "junit.xml", render_junit(run)); !r) return r;
    return {};
  } catch (const std::exception& e) {
    // std::filesystem::path and allocation can still throw; keep the no-exception contract.
    return core::fail(fmt::format("cannot write reports into {}: {}", dir, e.what()));
  }
}

}  // namespace reports
