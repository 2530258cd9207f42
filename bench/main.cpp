// apc_bench: Google Benchmark suites of the mock and the shop (never run by ctest or CI).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  // Google Benchmark has no --version of its own; answer it before it parses its flags.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--version") {
      std::printf("apc_bench %s\n", APC_VERSION);
      return 0;
    }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
