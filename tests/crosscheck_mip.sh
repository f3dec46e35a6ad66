#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole-line steps (issue 10): the MIP's optimum of `curtail plan` equals
# `glpsol` (branch-and-cut) on the model `curtail export` writes, to 1e-6
# relative, on scenarios bench/gen.py generates with --hard --steps (lines or
# a step on every fifth unit): county size (100 enterprises) seeds 1-4 and
# 1 000 enterprises seed 1; with CROSSCHECK_MIP_CITY=1 also city size (5 000
# enterprises, seed 1: about 25 s of curtail and 20 s of glpsol on an idle
# core, too long for the suite). The LP and the MPS export are both solved.
#   crosscheck_mip.sh CLI GEN_PY
set -eu
CLI=$1
GEN=$2
PY=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
cases="100:1 100:2 100:3 100:4 1000:1"
if [ "${CROSSCHECK_MIP_CITY:-0}" = 1 ]; then
    cases="$cases 5000:1"
fi
objective() { sed -n 's/^Objective: *obj = \([^ ]*\).*/\1/p' "$1"; }
for c in $cases; do
    n=${c%:*}
    seed=${c#*:}
    f=$tmp/s$n-$seed.yaml
    "$PY" "$GEN" --enterprises "$n" --seed "$seed" --hard --steps -o "$f" 2>/dev/null
    rc=0
    "$CLI" plan "$f" --format json -o "$tmp/plan.json" 2>/dev/null || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        echo "FAIL n=$n seed=$seed: curtail plan exited $rc"
        status=1
        continue
    fi
    ours=$(sed -n 's/^  "objective": \([^,]*\),$/\1/p' "$tmp/plan.json")
    mip=$(sed -n 's/^  "mip": {"status": "\([a-z]*\)".*/\1/p' "$tmp/plan.json")
    "$CLI" export "$f" -o "$tmp/model.lp" 2>/dev/null
    "$CLI" export "$f" -o "$tmp/model.mps" 2>/dev/null
    if ! grep -q '^Generals' "$tmp/model.lp" || ! grep -q "'INTORG'" "$tmp/model.mps"; then
        echo "FAIL n=$n seed=$seed: the export has no integer columns"
        status=1
        continue
    fi
    glpsol --lp "$tmp/model.lp" --gomory -o "$tmp/lp.out" >/dev/null
    glpsol --freemps "$tmp/model.mps" --gomory -o "$tmp/mps.out" >/dev/null
    a=$(objective "$tmp/lp.out")
    b=$(objective "$tmp/mps.out")
    if [ "$mip" != optimal ] || [ -z "$ours" ] || [ -z "$a" ] || [ -z "$b" ] ||
        ! grep -q '^Status: *INTEGER OPTIMAL' "$tmp/lp.out" ||
        ! grep -q '^Status: *INTEGER OPTIMAL' "$tmp/mps.out"; then
        echo "FAIL n=$n seed=$seed: curtail '$ours' ($mip), glpsol LP '$a', MPS '$b'"
        status=1
        continue
    fi
    if awk -v x="$ours" -v y="$a" -v z="$b" 'function abs(v){return v<0?-v:v}
        BEGIN { s = abs(x) > 1 ? abs(x) : 1; exit !(abs(x-y)/s <= 1e-6 && abs(x-z)/s <= 1e-6) }'; then
        echo "ok   n=$n seed=$seed: curtail $ours, glpsol --mip LP $a, MPS $b"
    else
        echo "FAIL n=$n seed=$seed: curtail $ours, glpsol --mip LP $a, MPS $b"
        status=1
    fi
done
exit $status
