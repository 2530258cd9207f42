#!/bin/sh
# `run --shard K/N` + `merge` must give what one unsharded run gives: the same scenario and rule
# verdicts, the same transcripts, the same exit status. Shard reports say they are partial;
# merge refuses an incomplete set of shards.
#   shard_merge.sh CONFORMANCE WORK_DIR SCENARIO_PATH...
set -u
conformance="$1" work="$2"
shift 2
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
run() {  # run NAME ARGS...: the exit status goes into $work/NAME.rc; 2 (bad input) stops the test
  name="$1"; shift
  "$conformance" run "$@" --seed 5 --transport inprocess --report-dir "$work/$name" \
    >"$work/$name.txt" 2>&1
  rc=$?
  echo $rc >"$work/$name.rc"
  [ $rc -ne 2 ] || { cat "$work/$name.txt"; fail "conformance run $name: invalid input"; }
}
run whole "$@"
for k in 1 2 3; do run "shard$k" "$@" --shard "$k/3"; done

for k in 1 2 3; do
  grep -q "\"shard\": {" "$work/shard$k/report.json" || fail "shard $k: report.json is not partial"
  grep -q "Partial report: shard $k/3" "$work/shard$k/report.html" || fail "shard $k: no HTML banner"
  grep -q "<property name=\"shard\" value=\"shard $k/3\"/>" "$work/shard$k/junit.xml" ||
    fail "shard $k: no shard property in junit.xml"
  [ "$(grep -c '"position":' "$work/shard$k/report.json")" -gt 0 ] || fail "shard $k is empty"
done

"$conformance" merge "$work/shard2" "$work/shard1/report.json" "$work/shard3" \
  --report-dir "$work/merged" >"$work/merged.txt" 2>&1
merged_rc=$?
cat "$work/merged.txt"
[ "$merged_rc" = "$(cat "$work/whole.rc")" ] ||
  fail "merge exited $merged_rc, the unsharded run $(cat "$work/whole.rc")"
"$conformance" compare --transcripts "$work/whole/report.json" "$work/merged/report.json" ||
  fail "merged shards differ from the unsharded run"
grep -q '"merged_shards": 3' "$work/merged/report.json" || fail "merged report does not say so"

"$conformance" merge "$work/shard1" "$work/shard3" --report-dir "$work/incomplete" \
  >"$work/incomplete.txt" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "2 of 3 shards given" "$work/incomplete.txt" ||
  { cat "$work/incomplete.txt"; fail "merge of 2 of 3 shards exited $rc"; }
echo "3 shards + merge = the unsharded run"
