// A problem found in a scenario file, located at file:LINE:COL.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "scenarios/value.hpp"

namespace scenarios {

struct Diagnostic {
  std::string file;  // as displayed (relative to the source root when inside it)
  Mark mark;
  std::string message;

  // "scenarios/FLOW/capture.yaml:12:5: unknown step 'admin.captur'"
  std::string str() const;
};

// Diagnostics of one scope, kept in the order found and without repeats (a matrix scenario
// is validated once per combination and would otherwise report the same mistake N times).
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  // At most this many are kept per file; the rest are only counted.
  static constexpr std::size_t kMaxErrors = 200;

  void error(Mark mark, std::string message);
  const std::vector<Diagnostic>& list() const { return list_; }
  std::size_t dropped() const { return dropped_; }
  bool empty() const { return list_.empty(); }
  const std::string& file() const { return file_; }
  size_t size() const { return list_.size(); }

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
  std::unordered_set<std::string> seen_;
  std::size_t dropped_ = 0;
};

}  // namespace scenarios
