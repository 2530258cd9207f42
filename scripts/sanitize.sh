#!/usr/bin/env bash
# The checked build: Debug + AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/
# (or $APC_ASAN_BUILD_DIR). Runs every unit, property and SDK test (scripts/test.sh with
# APC_CHECKED=1), then the whole conformance suite in-process (the transport that keeps the
# mock and the shop in one sanitized process). Extra arguments go to `conformance run`,
# e.g. --seed 42.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${APC_ASAN_BUILD_DIR:-$root/build-asan}"
APC_CHECKED=1 "$root/scripts/test.sh"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
"$build/scenarios/conformance" run --transport inprocess --report-dir "$build/report" "$@"
