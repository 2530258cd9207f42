#!/usr/bin/env bash
# The tests: installs what is missing, builds, runs ctest (unit, property, SDK tests).
#   ./scripts/test.sh                 Release with assertions on, in build/ (or $APC_BUILD_DIR)
#   APC_CHECKED=1 ./scripts/test.sh   the checked build CI runs: Debug + AddressSanitizer +
#                                     UndefinedBehaviorSanitizer, in build-asan/ (or
#                                     $APC_ASAN_BUILD_DIR)
# Extra arguments go to ctest, e.g. -R Subscription.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${APC_CHECKED:-0}" = 1 ]; then
  build="${APC_ASAN_BUILD_DIR:-$root/build-asan}"
  # bench/ is left out here (it registers no test), and each target is compiled as a unity
  # build (16 sources per translation unit): CI's 20 minutes. A unity build instantiates the
  # JSON, GoogleTest and fmt templates once per batch instead of once per file: 650 s of CPU
  # instead of 1,560 s for this build. So file-local names must differ across a folder.
  # The Release build (./scripts/test.sh, ./scripts/conformance.sh) builds bench/ and
  # compiles file by file.
  APC_BUILD_DIR="$build" "$root/scripts/build.sh" -DCMAKE_BUILD_TYPE=Debug -DAPC_SANITIZE=ON \
    -DAPC_WERROR=ON -DAPC_BUILD_BENCH=OFF -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
else
  build="${APC_BUILD_DIR:-$root/build}"
  "$root/scripts/build.sh"
fi
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
