// A target that fails on purpose, for the driver's self-check (ctest fuzz.driver_self_check):
// any input holding the token "1e400" aborts. The driver must reach it from a seed without
// it, report the failure and leave the input in a crash file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.find("1e400") != std::string_view::npos) std::abort();
  return 0;
}
