// libFuzzer target: the scenario loader (YAML → checked scenarios). Any text must give
// scenarios or diagnostics (file:line), never a crash or an escaped exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenarios/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  scenarios::LoadResult r = scenarios::load_text(text, "fuzz.yaml", scenarios::LoadOptions{});
  (void)r;
  return 0;
}
