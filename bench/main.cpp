// apc_bench: Google Benchmark suites of the mock and the shop (never run by ctest or CI).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
