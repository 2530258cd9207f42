#!/bin/sh
# `conformance show` on the report of a real failing run, the replay line of the failed
# scenario (run again, it runs that scenario alone), and the partial-run marker of a run given
# explicit paths.
#   show_cli.sh CONFORMANCE WORK_DIR   (APC_SOURCE_DIR: the source tree)
set -u
conformance="$1" work="$2"
fixture="$APC_SOURCE_DIR/scenarios/tests/data/valid"
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$conformance" run "$fixture/failing.yaml" "$fixture/capture_basic.yaml" --seed 1 \
  --transport inprocess --report-dir "$work/all" >"$work/run.txt"
test $? -eq 1 || fail "the failing fixture run should exit 1"
replay=$(grep '^    replay: ' "$work/run.txt" | sed 's/^    replay: conformance //')
echo "replay line: $replay"
echo "$replay" | grep -q -- "--seed 1 --transport inprocess --id fixture-failing$" ||
  fail "no one-scenario replay line in the run output"

# Partial run: explicit paths.
grep -q '"complete": false' "$work/all/report.json" || fail "run.selection.complete is not false"
grep -q 'Partial run' "$work/all/report.html" || fail "no Partial run banner"
grep -q 'not in this run' "$work/all/report.html" || fail "no 'not in this run'"
grep -q 'no scenario names them' "$work/all/report.html" && fail "partial run says 'no scenario names them'"
grep -q '"scenarios_sha256": "[0-9a-f]\{64\}"' "$work/all/report.json" || fail "no scenarios_sha256"

# The replay runs exactly the failed scenario, and fails again.
eval "\"\$conformance\" $replay --report-dir \"\$work/one\"" >"$work/one.txt"
test $? -eq 1 || fail "the replay should fail again"
grep -q '^1 scenario(s)' "$work/one.txt" || fail "the replay ran more than the one scenario"

out=$("$conformance" show fixture-failing --report "$work/all") || fail "show by exact id"
echo "$out" | head -20
echo "$out" | grep -q '^fixture-failing — failed' || fail "no header line"
echo "$out" | grep -q '^ *1\. passed  ' || fail "no step line"
echo "$out" | grep -q ' → [0-9]' || fail "no exchange line"
"$conformance" show capture-basic --report "$work/all/report.json" | grep -q '^fixture-capture-basic — passed' ||
  fail "show by a unique part of the id"
err=$("$conformance" show fixture --report "$work/all" 2>&1)
test $? -eq 2 || fail "an ambiguous id should exit 2"
echo "$err" | grep -q '^  fixture-capture-basic$' || fail "ambiguous: candidates not listed"
err=$("$conformance" show no-such-scenario --report "$work/all" 2>&1)
test $? -eq 2 || fail "an unknown id should exit 2"
echo "$err" | grep -q '^  fixture-failing$' || fail "unknown: candidates not listed"
echo "show, replay line and partial-run marker: ok"
