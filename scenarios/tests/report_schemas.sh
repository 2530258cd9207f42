#!/bin/sh
# The published formats of real reports (passing and failing scenarios, a shard, a merge; made
# by conformance_shard_merge_same_verdicts): report.json against reports/report.schema.json,
# junit.xml against the Jenkins xUnit plugin's junit-10.xsd. Offline; exits 77 (skipped) when
# python3-jsonschema or xmllint (libxml2-utils) is missing.
#   report_schemas.sh SOURCE_DIR REPORTS_DIR
set -u
src="$1" reports="$2"
skipped=""
status=0
if command -v xmllint >/dev/null 2>&1; then
  for r in whole shard2 merged; do
    xmllint --noout --schema "$src/reports/tests/data/junit-10.xsd" "$reports/$r/junit.xml" || status=1
  done
else
  skipped="xmllint (libxml2-utils)"
fi
python3 "$src/reports/tests/check_report_schema.py" "$src/reports/report.schema.json" \
  "$reports/whole/report.json" "$reports/shard2/report.json" "$reports/merged/report.json"
rc=$?
[ $rc -eq 77 ] && skipped="$skipped python3-jsonschema"
[ $rc -eq 77 ] || [ $rc -eq 0 ] || status=1
[ $status -eq 0 ] || exit 1
[ -z "$skipped" ] || { echo "SKIP: not installed: $skipped"; exit 77; }
