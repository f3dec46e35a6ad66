#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Magnitude stress (issue 14, SPEC §9): a few hundred generated scenarios whose
# magnitudes span 1e-6 to 1e12 (tests/stress_gen.py), each solved by
# `curtail plan` under a time limit; the optimum must be glpsol's on the LP
# that `curtail export` writes.
#
#   stress.sh CLI STRESS_GEN.py
#
# Environment: STRESS_N scenarios (default 300), STRESS_FIRST first seed
# (default 1), STRESS_TIMEOUT seconds per plan (default 5), STRESS_BUDGET
# seconds for the whole run (default 150; the cases not reached fail),
# STRESS_KEEP=DIR keeps the scenarios and outputs there.
#
# Each case: exit 0 or 3 within the limit (124 = hang, 4 = solver failure,
# anything else fails too), and the JSON "objective" equal to glpsol's
# optimum within 1e-6 relative + 1e-9 absolute. When glpsol's default run
# is not optimal or disagrees, `glpsol --exact` (rational arithmetic) is the
# referee. An unmet scenario's exported LP carries a `shortfall_cap` row whose
# dual reaches 1e9..1e21, so glpsol's tolerances move its optimum by far more
# than 1e-6 (and in exact arithmetic it can be infeasible): there the
# reference is the same LP with the phase-1 result imposed by bounds instead
# (tests/stress_ref.py). Prints one line per failure and "N passed, M failed".
set -u
CLI=$1
GEN=$2
REF=$(dirname "$GEN")/stress_ref.py
N=${STRESS_N:-300}
FIRST=${STRESS_FIRST:-1}
LIMIT=${STRESS_TIMEOUT:-5}
BUDGET=${STRESS_BUDGET:-150}

if [ -n "${STRESS_KEEP:-}" ]; then
    tmp=$STRESS_KEEP
    mkdir -p "$tmp"
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
fi
python3 "$GEN" --first "$FIRST" --count "$N" --dir "$tmp" || { echo "stress: generator failed"; exit 1; }

# glpsol FILE.lp OUT -> prints the objective when OPTIMAL, else "status:..."
glpsol_obj() {
    rc=0
    timeout 20 glpsol --lp "$1" $3 -o "$2" >"$2.log" 2>&1 || rc=$?
    if [ "$rc" = 124 ]; then echo "status:timeout"; return; fi
    st=$(sed -n 's/^Status: *\([A-Z]*\).*/\1/p' "$2")
    if [ "$st" = OPTIMAL ]; then
        sed -n 's/^Objective: *[^=]*= *\([^ ]*\).*/\1/p' "$2"
    else
        echo "status:${st:-none}"
    fi
}

same() {  # a b -> exit 0 when equal within 1e-6 relative + 1e-9 absolute
    awk -v a="$1" -v b="$2" 'function abs(x) { return x < 0 ? -x : x }
        BEGIN { if (a !~ /^[-+0-9.eE]+$/ || b !~ /^[-+0-9.eE]+$/) exit 1
                m = abs(a) > abs(b) ? abs(a) : abs(b)
                exit !(abs(a - b) <= 1e-6 * m + 1e-9) }'
}

start=$(date +%s)
pass=0
fail=0
hang=0
exit4=0
other=0
wrong=0
noref=0
budget=0
failed() {  # SEED CLASS KIND MESSAGE
    echo "FAIL seed $1 ($2): $4"
    fail=$((fail + 1))
    case $3 in hang) hang=$((hang + 1)) ;; exit4) exit4=$((exit4 + 1)) ;; wrong) wrong=$((wrong + 1)) ;;
               noref) noref=$((noref + 1)) ;; budget) budget=$((budget + 1)) ;; *) other=$((other + 1)) ;; esac
}
errline() { grep -m1 ': error: ' "$1" || tail -n 1 "$1"; }

# pass 1: curtail plan and export; the cases that got this far go to $tmp/solved
: >"$tmp/solved"
: >"$tmp/unmet"
while read -r seed cls; do
    f=$tmp/s$seed.yaml
    if [ $(( $(date +%s) - start )) -ge "$BUDGET" ]; then
        failed "$seed" "$cls" budget "not run: the time budget of ${BUDGET} s is spent"
        continue
    fi
    rc=0
    timeout "$LIMIT" "$CLI" plan "$f" --format json -o "$tmp/s$seed.json" 2>"$tmp/s$seed.err" || rc=$?
    case $rc in
        0|3) ;;
        124) failed "$seed" "$cls" hang "hang, no answer within ${LIMIT} s"; continue ;;
        4)   failed "$seed" "$cls" exit4 "exit 4: $(errline "$tmp/s$seed.err")"; continue ;;
        *)   failed "$seed" "$cls" other "exit $rc: $(errline "$tmp/s$seed.err")"; continue ;;
    esac
    if ! timeout "$LIMIT" "$CLI" export "$f" -o "$tmp/s$seed.lp" 2>"$tmp/s$seed.err"; then
        failed "$seed" "$cls" other "export failed: $(errline "$tmp/s$seed.err")"
        continue
    fi
    echo "$seed $cls $rc" >>"$tmp/solved"
    if grep -q '^ shortfall_cap:' "$tmp/s$seed.lp"; then echo "$tmp/s$seed.lp" >>"$tmp/unmet"; fi
done <"$tmp/index.txt"

# pass 2: the reference LPs of the unmet cases, in one process
if [ -s "$tmp/unmet" ]; then
    # shellcheck disable=SC2046  # one path a line, no blanks in them
    python3 "$REF" --batch $(cat "$tmp/unmet") 2>"$tmp/ref.err" || true
fi

# pass 3: glpsol on each, then glpsol --exact where they differ
while read -r seed cls rc; do
    ours=$(sed -n 's/^  "objective": \([^,]*\),$/\1/p' "$tmp/s$seed.json")
    lp=$tmp/s$seed.lp
    if grep -qx "$lp" "$tmp/unmet"; then
        lp=$tmp/s$seed.ref.lp
        if [ ! -s "$lp" ]; then
            failed "$seed" "$cls" other "stress_ref.py: $(grep -m1 "s$seed.lp" "$tmp/ref.err")"
            continue
        fi
    fi
    ref=$(glpsol_obj "$lp" "$tmp/s$seed.glpsol" "")
    if same "$ours" "$ref"; then
        pass=$((pass + 1)); continue
    fi
    exact=$(glpsol_obj "$lp" "$tmp/s$seed.exact" --exact)
    if same "$ours" "$exact"; then
        pass=$((pass + 1)); continue
    fi
    case $exact in
        status:*) case $ref in
                      status:*) failed "$seed" "$cls" noref "no reference: glpsol $ref, glpsol --exact $exact (curtail $ours, exit $rc)"
                                continue ;;
                  esac ;;
        *) ref=$exact ;;
    esac
    failed "$seed" "$cls" wrong "wrong optimum: curtail $ours (exit $rc), glpsol $ref"
done <"$tmp/solved"

echo "stress: hang $hang, exit 4 $exit4, other $other, wrong optimum $wrong, no reference $noref," \
     "not run (budget) $budget ($(( $(date +%s) - start )) s)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
