#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An independent route to the optimum: for each scenario given, the LP that
# `curtail export` writes is solved by glpsol (CPLEX LP) and by clp (free MPS),
# and both optima must equal the objective of `curtail plan` to 1e-6 relative.
# With `--hand DIR` first, every hand-written DIR/*.lp is solved by glpsol as
# well, its optimum checked against its row of DIR/expected.tsv (1e-6 relative).
set -eu
CLI=$1
shift
hand=
if [ "${1:-}" = "--hand" ]; then
    hand=$2
    shift 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
if [ -n "$hand" ]; then
    for lp in "$hand"/*.lp; do
        name=$(basename "$lp" .lp)
        want=$(awk -F '\t' -v n="$name" '$1 == n { print $3 }' "$hand/expected.tsv")
        if [ -z "$want" ]; then
            echo "FAIL $lp: no row in $hand/expected.tsv"
            status=1
            continue
        fi
        glpsol --lp "$lp" -o "$tmp/hand.out" >/dev/null || true
        got=$(sed -n 's/^Objective: *[A-Za-z_0-9]* = \([^ ]*\).*/\1/p' "$tmp/hand.out")
        if [ -n "$got" ] && grep -q '^Status: *OPTIMAL' "$tmp/hand.out" &&
            awk -v a="$want" -v b="$got" 'function abs(x){return x<0?-x:x}
                BEGIN { s = abs(a) > 1 ? abs(a) : 1; exit !(abs(a-b)/s <= 1e-6) }'; then
            echo "ok   $lp: expected $want, glpsol $got"
        else
            echo "FAIL $lp: expected $want, glpsol '$got'"
            status=1
        fi
    done
fi
for f in "$@"; do
    rc=0
    "$CLI" plan "$f" --format json -o "$tmp/plan.json" 2>/dev/null || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        echo "FAIL $f: curtail plan exited $rc"
        status=1
        continue
    fi
    ours=$(sed -n 's/^  "objective": \([^,]*\),$/\1/p' "$tmp/plan.json")
    "$CLI" export "$f" -o "$tmp/model.lp" 2>/dev/null
    "$CLI" export "$f" -o "$tmp/model.mps" 2>/dev/null
    glpsol --lp "$tmp/model.lp" -o "$tmp/glpsol.out" >/dev/null
    glp=$(sed -n 's/^Objective: *obj = \([^ ]*\).*/\1/p' "$tmp/glpsol.out")
    if grep -q '^Generals' "$tmp/model.lp"; then
        clpv=$glp # a MIP (whole-line steps): clp solves LPs only
    else
        clp "$tmp/model.mps" -solve >"$tmp/clp.out" 2>&1 || true
        clpv=$(sed -n 's/^Optimal objective *\([^ ]*\).*/\1/p' "$tmp/clp.out" | tail -n 1)
    fi
    if [ -z "$ours" ] || [ -z "$glp" ] || [ -z "$clpv" ]; then
        echo "FAIL $f: could not read an objective (curtail '$ours', glpsol '$glp', clp '$clpv')"
        status=1
        continue
    fi
    if awk -v a="$ours" -v b="$glp" -v c="$clpv" 'function abs(x){return x<0?-x:x}
        BEGIN { s = abs(a) > 1 ? abs(a) : 1; exit !(abs(a-b)/s <= 1e-6 && abs(a-c)/s <= 1e-6) }'; then
        echo "ok   $f: curtail $ours, glpsol $glp, clp $clpv"
    else
        echo "FAIL $f: curtail $ours, glpsol $glp, clp $clpv"
        status=1
    fi
done
exit $status
