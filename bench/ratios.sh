#!/bin/bash
# ratios.sh - issue #11's speed ratios in one run (README.md "Speed ratios"): the mock against
# bare cpp-httplib servers, perf-baselines.md's method (server on CPU 0, wrk on CPU 1,
# interleaved repetitions, ratio per repetition then the median), plus 1 core against 2.
#   bench/ratios.sh [BUILD_DIR] [-- ratios.py options: --reps 3 --duration 5 --only TEXT]
# Needs wrk and taskset; builds nothing: ninja -C build amazon-pay-mock apc_bench_seed apc_bare_server
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}; shift || true
[ "${1:-}" = "--" ] && shift
for t in mock_amazon/amazon-pay-mock bench/apc_bench_seed bench/apc_bare_server; do
  [ -x "$build/$t" ] || { echo "ratios.sh: $build/$t missing (ninja -C $build ${t##*/})" >&2; exit 2; }
done
command -v wrk > /dev/null || { echo "ratios.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
seed=$(mktemp -d /tmp/apc-ratios.XXXXXX)
trap 'rm -rf "$seed"' EXIT
"$build/bench/apc_bench_seed" "$seed/seed.db" "$seed" --charges "${CHARGES:-5000}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ)"
python3 "$here/ratios.py" --build "$build" --seed-dir "$seed" \
  --key "$here/../mock_amazon/testdata/keys/shop-sandbox.public.pem" "$@"
