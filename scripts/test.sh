#!/usr/bin/env bash
# The tests: installs what is missing, builds, runs ctest (unit, property, SDK tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${APC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
