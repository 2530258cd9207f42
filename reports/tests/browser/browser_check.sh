#!/bin/sh
# Runs browser_check.mjs (see there) with playwright-core installed by `npm ci` into WORK_DIR,
# never into the source tree; reinstalls only when package-lock.json changed. Used by the
# ctest report_browser_check and by CI (.ci/run) on the full suite's report.
#   browser_check.sh WORK_DIR REPORT.html [browser_check.mjs options: --max-pages N ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: browser_check.sh WORK_DIR REPORT.html [options]" >&2; exit 2; }
work=$1 report=$2
shift 2
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "browser_check: '$tool' not found; scripts/install-deps.sh installs Node.js and npm" >&2
    exit 1
  }
done
mkdir -p "$work"
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" ||
   [ ! -d "$work/node_modules/playwright-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "browser_check: 'npm ci' failed in $work; the npm registry must be reachable" >&2
    exit 1
  }
fi
cp "$here/browser_check.mjs" "$work/browser_check.mjs"
exec node "$work/browser_check.mjs" --report "$report" "$@"
