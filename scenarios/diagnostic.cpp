#include "scenarios/diagnostic.hpp"

#include <fmt/core.h>

namespace scenarios {

std::string Diagnostic::str() const {
  if (mark.line <= 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, mark.line, mark.column, message);
}

void Diagnostics::error(Mark mark, std::string message) {
  // The same error reached twice (e.g. through a matrix) is said once; found in constant time,
  // since a hostile file can hold hundreds of thousands of errors.
  std::string key = fmt::format("{}:{}:{}", mark.line, mark.column, message);
  if (!seen_.insert(std::move(key)).second) return;
  if (list_.size() >= kMaxErrors) {
    ++dropped_;
    return;
  }
  list_.push_back(Diagnostic{file_, mark, std::move(message)});
}

}  // namespace scenarios
