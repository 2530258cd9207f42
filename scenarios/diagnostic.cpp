#include "scenarios/diagnostic.hpp"

#include <fmt/core.h>

namespace scenarios {

std::string Diagnostic::str() const {
  if (mark.line <= 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, mark.line, mark.column, message);
}

void Diagnostics::error(Mark mark, std::string message) {
  for (const Diagnostic& d : list_)
    if (d.mark.line == mark.line && d.mark.column == mark.column && d.message == message) return;
  list_.push_back(Diagnostic{file_, mark, std::move(message)});
}

}  // namespace scenarios
