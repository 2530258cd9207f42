#!/usr/bin/env bash
# clang-tidy over our sources with the committed .clang-tidy (a small set of bug-finding
# checks, warnings are errors). Needs a configured build (compile_commands.json); run after
# scripts/build.sh. Extra arguments: file regexes to limit the run (default: our sources
# outside tests/ — test files are many large gtest TUs and would triple the time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${APC_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" clang-tidy
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json; run scripts/build.sh first" >&2; exit 2; }
if grep -q '/Unity/unity_' "$build/compile_commands.json"; then
  echo "tidy: $build is a unity build; give a tree configured without CMAKE_UNITY_BUILD" >&2
  exit 2
fi
filter=("$@")
[ ${#filter[@]} -gt 0 ] || filter=("$root/(core|mock_amazon|shop_model|scenarios|reports|property_tests|bench)/(?!(.*/)?tests/)")
# GCC-only warning flags in the compile commands are unknown to clang: not our finding.
run-clang-tidy -quiet -p "$build" -j "$(nproc)" \
  -extra-arg=-Wno-unknown-warning-option "${filter[@]}"
