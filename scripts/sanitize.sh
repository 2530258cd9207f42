#!/usr/bin/env bash
# The checked build: Debug + AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/
# (or $APC_ASAN_BUILD_DIR). Runs every unit, property and SDK test, then the whole conformance
# suite in-process (the transport that keeps the mock and the shop in one sanitized process).
# Extra arguments go to `conformance run`, e.g. --seed 42.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${APC_ASAN_BUILD_DIR:-$root/build-asan}"
APC_BUILD_DIR="$build" "$root/scripts/build.sh" -DCMAKE_BUILD_TYPE=Debug -DAPC_SANITIZE=ON \
  -DAPC_BUILD_BENCH=OFF -DAPC_WERROR=ON
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
"$build/scenarios/conformance" run --transport inprocess --report-dir "$build/report" "$@"
