#!/bin/sh
# The ctest report_browser_check: a small real report (the scenario fixtures, one of which
# fails on purpose, and the ZERO folder) opened in headless Chromium by browser_check.sh: no
# console error, the search, filters and links work, and it prints on a few A4 pages. The
# full suite's page bound (150) is checked by CI on the report it writes anyway (.ci/run).
#   small_report_check.sh CONFORMANCE SOURCE_DIR WORK_DIR
set -u
conformance=$1 src=$2 work=$3
rm -rf "$work/report"
mkdir -p "$work"
"$conformance" run "$src/scenarios/tests/data/valid" "$src/scenarios/ZERO" --seed 1 \
  --transport inprocess --report-dir "$work/report" >"$work/run.log" 2>&1
rc=$?
if [ $rc -ne 1 ]; then
  echo "small_report_check: conformance exited $rc, expected 1 (failing.yaml fails on purpose)"
  cat "$work/run.log"
  exit 1
fi
exec sh "$(dirname "$0")/browser_check.sh" "$work" "$work/report/report.html" \
  --min-pages 3 --max-pages 30 --pdf "$work/report.pdf"
