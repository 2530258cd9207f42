#!/usr/bin/env bash
# The main job: installs what is missing, builds, runs the whole conformance suite against the
# embedded mock and writes the report (HTML, JSON, JUnit) to reports/out/ (or --report-dir).
# Extra arguments go to `conformance run`, e.g. --transport inprocess or --seed 42.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${APC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
exec "$build/scenarios/conformance" run --report-dir "$root/reports/out" "$@"
