#!/bin/sh
# Two runs with one seed over HTTP (the embedded mock on a port the OS picks) must write the
# same JSON report, byte for byte, except the run's wall-clock start, finish and durations;
# no report may carry the port itself.
#   same_seed_same_report.sh CONFORMANCE SCENARIO_DIR WORK_DIR
set -eu
conformance="$1" scenarios="$2" work="$3"
rm -rf "$work" && mkdir -p "$work"
strip() { grep -v -E '"(started_at|finished_at|wall_ms)":' "$1"; }
for run in 1 2; do
  "$conformance" run "$scenarios" --seed 7 --report-dir "$work/report" >"$work/out$run.txt"
  strip "$work/report/report.json" >"$work/report$run.json"
  if grep -E -l '127\.0\.0\.1:[0-9]' "$work/report/report.json" "$work/report/report.html" \
    "$work/report/junit.xml"; then
    echo "the embedded mock's port is in the report (above)"; exit 1
  fi
done
if ! cmp "$work/report1.json" "$work/report2.json"; then
  diff "$work/report1.json" "$work/report2.json" | head -20
  exit 1
fi
echo "same report from two runs with seed 7 ($(wc -l <"$work/report1.json") lines compared)"
