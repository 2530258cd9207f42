#include "scenarios/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/core.h>

#include "scenarios/validator.hpp"
#include "scenarios/yaml_loader.hpp"

namespace scenarios {
namespace fs = std::filesystem;

namespace {

bool is_scenario_file(const fs::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

fs::path normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

struct IdSeen {
  std::string file;
  Mark mark;
};

// Loads and validates one file's documents into `result`; records scenario ids for the
// duplicate check.
void load_one(const std::string& text, const std::string& display, const LoadOptions& options,
              LoadResult& result, std::map<std::string, IdSeen>& ids) {
  Diagnostics d(display);
  std::vector<Value> docs = load_yaml(text, d);
  if (d.empty() && docs.empty()) d.error({}, "the file holds no scenario");
  for (const Value& doc : docs) {
    ValidatedDocument v = validate_document(doc, display, options.catalogue, d);
    if (!v.id.empty()) {
      auto [it, fresh] = ids.emplace(v.id, IdSeen{display, v.id_mark});
      if (!fresh)
        d.error(v.id_mark,
                fmt::format("duplicate scenario id '{}' (also at {}:{}:{})", v.id, it->second.file,
                            it->second.mark.line, it->second.mark.column));
    }
    for (Scenario& s : v.scenarios) result.scenarios.push_back(std::move(s));
  }
  // In file order: that is how people fix them.
  std::vector<Diagnostic> errors = d.list();
  std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.mark.line, a.mark.column) < std::pair(b.mark.line, b.mark.column);
  });
  if (d.dropped() > 0)
    errors.push_back(Diagnostic{display, {}, fmt::format("… and {} more error(s) in this file "
                                                         "(the first {} are shown)",
                                                         d.dropped(), Diagnostics::kMaxErrors)});
  result.errors.insert(result.errors.end(), errors.begin(), errors.end());
  ++result.files;
}

}  // namespace

std::string display_path(const std::string& path, const std::string& source_root) {
  if (!source_root.empty()) {
    fs::path p = normal(fs::absolute(path));
    fs::path root = normal(fs::absolute(source_root));
    fs::path rel = p.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return fs::path(path).generic_string();
}

std::vector<std::string> collect_scenario_files(const std::vector<std::string>& paths,
                                                const std::string& source_root,
                                                std::vector<Diagnostic>& errors) {
  fs::path scenarios_dir = fs::path(source_root) / "scenarios";
  fs::path fixtures = normal(fs::absolute(scenarios_dir / "tests"));
  std::vector<std::string> roots = paths;
  if (roots.empty()) roots.push_back(scenarios_dir.string());

  std::vector<std::string> out;
  for (const std::string& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      out.push_back(root);
      continue;
    }
    if (!fs::is_directory(root, ec)) {
      errors.push_back(Diagnostic{root, {}, "no such file or directory"});
      continue;
    }
    std::vector<std::string> found;
    fs::path root_norm = normal(fs::absolute(root));
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
        end;
    for (; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec) && root_norm != fixtures &&
          normal(fs::absolute(it->path())) == fixtures) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_scenario_file(it->path()))
        found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  std::vector<std::string> unique;
  std::vector<fs::path> seen;
  for (const std::string& f : out) {
    fs::path n = normal(fs::absolute(f));
    if (std::find(seen.begin(), seen.end(), n) != seen.end()) continue;
    seen.push_back(n);
    unique.push_back(f);
  }
  return unique;
}

LoadResult load_files(const std::vector<std::string>& files, const LoadOptions& options) {
  LoadResult result;
  std::map<std::string, IdSeen> ids;
  for (const std::string& file : files) {
    std::string display = display_path(file, options.source_root);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      result.errors.push_back(Diagnostic{display, {}, "cannot read the file"});
      continue;
    }
    // Bounded memory: yaml-cpp takes about 60 bytes per byte of a file; the largest real
    // scenario is a few kilobytes.
    std::error_code ec;
    if (auto size = fs::file_size(file, ec); !ec && size > kMaxScenarioFileBytes) {
      result.errors.push_back(Diagnostic{
          display, {},
          fmt::format("the file has {} bytes; a scenario file may have at most {} (4 MiB)", size,
                      kMaxScenarioFileBytes)});
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    load_one(text.str(), display, options, result, ids);
  }
  // Nothing runs unless everything is valid.
  if (!result.errors.empty()) result.scenarios.clear();
  return result;
}

LoadResult load_text(const std::string& text, const std::string& display_file,
                     const LoadOptions& options) {
  LoadResult result;
  std::map<std::string, IdSeen> ids;
  load_one(text, display_file, options, result, ids);
  if (!result.errors.empty()) result.scenarios.clear();
  return result;
}

}  // namespace scenarios
