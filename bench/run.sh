#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# curtail performance benchmark (SPEC.md §10): curtail beside clp and glpsol.
#
#   bench/run.sh [--sizes LIST] [--seeds LIST] [--runs N] [--cap SECONDS]
#                [--easy] [--no-build] [--no-glpsol] [--no-clp]
#                [--validate] [--schedule] [--floor] [--steps [--mip-limit S]]
#
# For each size and seed: generate the scenario (bench/gen.py --hard, cached
# in bench/out/), then, every run capped by `timeout CAP`:
#   - `curtail plan FILE --format json` end to end (median wall s, cpu s, peak RSS);
#   - curtail's solve alone, in-process (bench/phases.c: load / solve / write);
#   - `curtail export` to .lp and .mps (once each), and on that LP
#     `clp MODEL.mps -solve` (MODEL.lp when clp cannot read the MPS) and
#     `glpsol --lp MODEL.lp`: wall time and the solver's own solve time;
#   - the objectives of curtail, clp and glpsol compared to 1e-6 relative.
# Then one table, one row per size and seed. Nothing runs in parallel.
#
# LIST: comma-separated enterprise counts or names: county (100), city
# (5000), 20k, 50k, province (100000). Defaults: all five sizes, seeds
# 1,2,3, 3 runs, cap 600 s. --easy uses the old, easy scenarios (gen.py
# without --hard). --validate times `curtail validate` too (load and checks
# only); --schedule times `curtail schedule` on a 72-hour ozone episode of the
# same scenario. GLPSOL_OPTS (e.g. --dual) and CLP_OPTS are passed on.
# --floor times SPEC §10's floor beside the plan: libyaml's bare event parse
# of the file, read whole (bench/yaml_parse.c), plus writing the plan's JSON
# bytes with fsync (dd conv=fsync), and reports plan / floor.
# --steps (issue 10) instead times the MIP of whole-line steps: the same
# scenarios generated with `gen.py --hard --steps` (lines or a step on every
# fifth unit), `curtail plan` on them beside `curtail plan` on the scenario
# without steps (the LP), the MIP's status and proven gap, and glpsol
# --gomory on the exported MIP (with --no-glpsol: not); --mip-limit S passes
# --time-limit S to curtail (the best integer plan and its gap at S).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${BUILD:-$ROOT/build-bench}
OUT=$HERE/out
CURTAIL=$BUILD/curtail
PHASES=$OUT/phases

SIZES=county,city,20k,50k,province
SEEDS=1,2,3
RUNS=3
CAP=600
MODE=hard
DO_BUILD=1
DO_GLPSOL=1
DO_CLP=1
DO_VALIDATE=0
DO_SCHEDULE=0
DO_STEPS=0
DO_FLOOR=0
MIP_LIMIT=
GLPSOL_OPTS=${GLPSOL_OPTS:-}   # e.g. GLPSOL_OPTS=--dual
CLP_OPTS=${CLP_OPTS:-}

usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=$2; shift 2 ;;
        --sizes=*) SIZES=${1#*=}; shift ;;
        --seeds|--seed) SEEDS=$2; shift 2 ;;
        --seeds=*|--seed=*) SEEDS=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --cap) CAP=$2; shift 2 ;;
        --cap=*) CAP=${1#*=}; shift ;;
        --easy) MODE=easy; shift ;;
        --no-build) DO_BUILD=0; shift ;;
        --no-glpsol) DO_GLPSOL=0; shift ;;
        --no-clp) DO_CLP=0; shift ;;
        --no-solvers) DO_GLPSOL=0; DO_CLP=0; shift ;;
        --validate) DO_VALIDATE=1; shift ;;
        --schedule) DO_SCHEDULE=1; shift ;;
        --floor) DO_FLOOR=1; shift ;;
        --steps) DO_STEPS=1; shift ;;
        --mip-limit) MIP_LIMIT=$2; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage 1 >&2 ;;
    esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "run.sh: --runs must be a positive integer" >&2; exit 1 ;; esac
case "$CAP" in ''|*[!0-9]*|0) echo "run.sh: --cap must be a positive integer (seconds)" >&2; exit 1 ;; esac

[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
command -v timeout >/dev/null || { echo "run.sh: timeout (coreutils) is required" >&2; exit 1; }
mkdir -p "$OUT"

if [ "$DO_BUILD" = 1 ]; then
    echo "== building (Release) in $BUILD"
    { cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release && cmake --build "$BUILD" --target curtail_cli -j2; } \
        >"$OUT/build.log" 2>&1 || { echo "run.sh: build failed, see $OUT/build.log" >&2; exit 1; }
    { git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'
      git -C "$ROOT" diff --quiet HEAD -- lib cli include CMakeLists.txt 2>/dev/null || echo ' + uncommitted changes'
      date '+built %Y-%m-%d %H:%M'; } | tr '\n' ' ' >"$OUT/build-rev.txt"
fi
[ -x "$CURTAIL" ] || { echo "run.sh: $CURTAIL not built" >&2; exit 1; }

# the phase timer links the static library of the same build (Clp, where
# built with it, is dlopen()ed on use: -ldl, not Clp)
HAVE_PHASES=0
# shellcheck disable=SC2046  # pkg-config output is meant to split
if [ -f "$BUILD/libcurtail.a" ] && ${CC:-cc} -O2 -std=c11 -DCURTAIL_STATIC -I"$ROOT/include" \
        "$HERE/phases.c" "$BUILD/libcurtail.a" $(pkg-config --libs yaml-0.1 xlsxwriter) \
        -lglpk -lm -lpthread -ldl -o "$PHASES" 2>"$OUT/phases.build.log"; then
    HAVE_PHASES=1
else
    echo "run.sh: could not build bench/phases.c (see $OUT/phases.build.log); in-process solve times skipped" >&2
fi

# the floor's parse: libyaml alone (bench/yaml_parse.c)
YAML_PARSE=$OUT/yaml_parse
if [ "$DO_FLOOR" = 1 ] && ! ${CC:-cc} -O2 -std=c11 "$HERE/yaml_parse.c" $(pkg-config --cflags --libs yaml-0.1) \
        -o "$YAML_PARSE" 2>"$OUT/yaml_parse.build.log"; then
    echo "run.sh: could not build bench/yaml_parse.c (see $OUT/yaml_parse.build.log); --floor skipped" >&2
    DO_FLOOR=0
fi

HAVE_GLPSOL=0; [ "$DO_GLPSOL" = 1 ] && command -v glpsol >/dev/null 2>&1 && HAVE_GLPSOL=1
HAVE_CLP=0; [ "$DO_CLP" = 1 ] && command -v clp >/dev/null 2>&1 && HAVE_CLP=1
HAVE_SCHEDULE=0
if "$CURTAIL" --help 2>&1 | grep -Eq '^[[:space:]]+schedule[[:space:]]'; then HAVE_SCHEDULE=1; fi

# ---------------------------------------------------------------- helpers

median() {  # numbers on stdin, one a line -> median
    sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit}
        if (NR%2) printf "%.3f\n", a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}

# timed LABEL OKCODES CMD...: runs CMD once under GNU time and `timeout CAP`;
# appends "wall rss_kb cpu capped" to $TIMES; sets LAST_RC. CMD's stdout and
# stderr go to $OUT/last.stdout / .stderr.
timed() {
    local label=$1 ok=$2; shift 2
    local tf=$OUT/.time.$$ rc=0 t0 t1
    # wall time from bash's microsecond clock (GNU time's %e has 10 ms steps:
    # a county plan read 0.00 s); it includes starting `time` and `timeout`
    t0=${EPOCHREALTIME/,/.}
    /usr/bin/time -f "%e %M %U %S" -o "$tf" timeout "$CAP" "$@" >"$OUT/last.stdout" 2>"$OUT/last.stderr" || rc=$?
    t1=${EPOCHREALTIME/,/.}
    LAST_RC=$rc
    # GNU time prepends "Command exited with non-zero status N" on failure
    tail -n 1 "$tf" | awk -v c="$([ "$rc" = 124 ] && echo 1 || echo 0)" -v t0="$t0" -v t1="$t1" \
        '{printf "%.4f %s %s %s\n", t1 - t0, $2, $3 + $4, c}' >>"$TIMES"
    rm -f "$tf"
    [ "$rc" = 124 ] && return 0
    case " $ok " in *" $rc "*) ;; *)
        echo "   $label failed (exit $rc): $(tail -n 1 "$OUT/last.stderr")" >&2
        return 1 ;;
    esac
}

# bench_cmd LABEL RUNS OKCODES CMD... -> MED_S, MED_CPU, MED_MIB, CAPPED
# Every run is made; a run stopped by the cap counts as CAP, and when the
# median falls on a capped run it is reported as ">CAP". After each run that
# ended (not capped, exit accepted) the function named in $ON_OK is called.
bench_cmd() {
    local label=$1 runs=$2 ok=$3; shift 3
    TIMES=$OUT/.times.$$
    : >"$TIMES"
    local i
    for ((i = 1; i <= runs; i++)); do
        timed "$label" "$ok" "$@" || { MED_S=fail; MED_CPU=fail; MED_MIB=fail; CAPPED=0; rm -f "$TIMES"; return 1; }
        if [ "$LAST_RC" != 124 ] && [ -n "${ON_OK:-}" ]; then "$ON_OK"; fi
    done
    read -r MED_S CAPPED < <(awk '{print ($4 ? 1e12 : $1), $4}' "$TIMES" | sort -g | awk -v cap="$CAP" '
        {w[NR]=$1; c[NR]=$2}
        END {
            if (NR % 2) { m = (NR+1)/2; if (c[m]) print ">" cap, 1; else printf "%.3f 0\n", w[m] }
            else { a = NR/2; b = a+1
                   if (c[a] || c[b]) print ">" cap, 1; else printf "%.3f 0\n", (w[a]+w[b])/2 } }')
    MED_CPU=$(awk '!$4 {print $3}' "$TIMES" | median)
    MED_MIB=$(awk '{print $2/1024}' "$TIMES" | median | awk '{printf "%.0f", $1}')
    echo "   $label: wall $(awk '{printf "%s%s ", $1, ($4 ? "(capped)" : "")}' "$TIMES")s -> median ${MED_S} s (cpu ${MED_CPU} s), peak ${MED_MIB} MiB"
    rm -f "$TIMES"
}

# phases FILE ARGS... -> PH_LOAD PH_SOLVE PH_WRITE (medians over $RUNS runs,
# one process each so that a capped run costs one run, not all)
phases() {
    local f=$1; shift
    PH_LOAD=n/a; PH_SOLVE=n/a; PH_WRITE=n/a
    [ "$HAVE_PHASES" = 1 ] || return 0
    : >"$OUT/phases.txt"
    local i rc capped=0
    for ((i = 1; i <= RUNS; i++)); do
        rc=0
        timeout "$CAP" "$PHASES" "$f" --runs 1 "$@" >>"$OUT/phases.txt" 2>"$OUT/phases.err" || rc=$?
        if [ "$rc" = 124 ]; then
            echo "load_s=nan solve_s=$CAP write_s=nan capped" >>"$OUT/phases.txt"; capped=$((capped + 1))
        elif [ "$rc" != 0 ]; then
            echo "   phases $*: failed (exit $rc): $(tail -n 1 "$OUT/phases.err")"
            return 0
        fi
    done
    PH_LOAD=$(sed -n 's/.*load_s=\([0-9.]*\) .*/\1/p' "$OUT/phases.txt" | median)
    PH_SOLVE=$(sed -n 's/.*solve_s=\([0-9.]*\) .*/\1/p' "$OUT/phases.txt" | median)
    PH_WRITE=$(sed -n 's/.*write_s=\([0-9.]*\) .*/\1/p' "$OUT/phases.txt" | median)
    if [ $((2 * capped)) -ge "$RUNS" ]; then PH_SOLVE=">$CAP"; fi
    echo "   in-process: solve $(sed -n 's/.*solve_s=\([0-9.]*\) .*/\1/p' "$OUT/phases.txt" | tr '\n' ' ')s" \
         "-> medians load $PH_LOAD / solve $PH_SOLVE / write $PH_WRITE s"
}

ratio() {  # solver_time curtail_time -> solver / curtail
    awk -v s="$1" -v c="$2" 'BEGIN {
        if (s == "n/a" || s == "fail" || c == "fail" || c == "n/a" || substr(c,1,1) == ">") { print "n/a"; exit }
        lb = 0; if (substr(s,1,1) == ">") { lb = 1; s = substr(s,2) }
        if (c <= 0) c = 0.005;            # below /usr/bin/time resolution
        printf "%s%.3g", (lb ? ">=" : ""), s / c }'
}

agree() {  # a b -> yes/NO (1e-6 relative, 1e-9 absolute)
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a !~ /^[-+0-9.eE]+$/ || b !~ /^[-+0-9.eE]+$/) { print "n/a"; exit }
        d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); n = (b < 0 ? -b : b); if (n > m) m = n
        print (d <= 1e-6 * m + 1e-9 ? "yes" : "NO") }'
}

size_n() {  # size name or number -> enterprises
    case "$1" in
        county) echo 100 ;;
        city) echo 5000 ;;
        province) echo 100000 ;;
        *[0-9]k) echo $(( ${1%k} * 1000 )) ;;
        *[!0-9]*|'') echo "run.sh: unknown size $1 (county, city, 20k, 50k, province or a number)" >&2; return 1 ;;
        *) echo "$1" ;;
    esac
}

gen() {  # file enterprises seed [flags...]: (re)generate when missing, stale or other arguments
    local f=$1 n=$2 seed=$3; shift 3
    if [ ! -s "$f" ] || [ "$HERE/gen.py" -nt "$f" ] || \
       ! head -n 1 "$f" | grep -q -- "--enterprises $n --seed ${seed}$([ "$MODE" = hard ] && echo ' --hard')[ (]"; then
        echo "== generating $f"
        python3 "$HERE/gen.py" --enterprises "$n" --seed "$seed" "$@" -o "$f"
    fi
}

save_glpsol() {
    sed -n 's/^Time used: *\([0-9.]*\) secs.*/\1/p' "$OUT/last.stdout" | head -n 1 >>"$OUT/.solvetimes.$$"
    # glpsol exits 0 also when it finds no optimum: read the status first
    local st
    st=$(awk '/^Status:/ {print $2; exit}' "$OUT/$base.glpsol.txt")
    if [ "$st" = OPTIMAL ]; then
        OBJ_G=$(awk '/^Objective:/ {for (i=1;i<=NF;i++) if ($i=="=") {print $(i+1); exit}}' "$OUT/$base.glpsol.txt")
        [ -n "$OBJ_G" ] || OBJ_G=n/a
    elif [ "$OBJ_G" = n/a ]; then  # keep an optimum found by an earlier run
        OBJ_G="n/a(${st:-no-status})"
    fi
}
save_clp() {
    sed -n 's/^Optimal objective .* time \([0-9.]*\).*/\1/p' "$OUT/last.stdout" | head -n 1 >>"$OUT/.solvetimes.$$"
    local o
    o=$(awk '/^Optimal objective/ {print $3; exit}' "$OUT/last.stdout")
    if [ -n "$o" ]; then OBJ_L=$o; elif [ "$OBJ_L" = n/a ]; then OBJ_L="n/a(not-optimal)"; fi
}

# ---------------------------------------------------------------- machine

CLP_VER=none
if [ "$HAVE_CLP" = 1 ]; then
    CLP_VER=$( (echo quit | clp 2>/dev/null || true) | sed -n 's/^\(Coin LP version [^,]*\).*/\1/p' | head -n 1)
    [ -n "$CLP_VER" ] || CLP_VER=present
fi
echo "== $(date '+%Y-%m-%d %H:%M') machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== curtail: $("$CURTAIL" --version 2>&1 | head -n 1) (source $(cat "$OUT/build-rev.txt" 2>/dev/null || echo unknown));"\
     "glpsol: $( [ $HAVE_GLPSOL = 1 ] && glpsol --version | head -n 1 || echo none); clp: $CLP_VER"
echo "== scenarios: $MODE; sizes $SIZES; seeds $SEEDS; runs $RUNS; cap ${CAP}s on every run;"\
     "glpsol options: ${GLPSOL_OPTS:-(none)}; clp options: ${CLP_OPTS:-(none)}"

TABLE=$OUT/table.$$
: >"$TABLE"

# ---------------------------------------------------------------- --steps: the MIP
if [ "$DO_STEPS" = 1 ]; then
    trap 'rm -f "$TABLE" "$OUT/.times.$$" "$OUT/.time.$$"' EXIT
    IFS=, read -r -a SIZE_LIST <<<"$SIZES"
    IFS=, read -r -a SEED_LIST <<<"$SEEDS"
    limit_args=()
    [ -n "$MIP_LIMIT" ] && limit_args=(--time-limit "$MIP_LIMIT")
    for size in "${SIZE_LIST[@]}"; do
        n=$(size_n "$size") || exit 1
        for seed in "${SEED_LIST[@]}"; do
            lpf=$OUT/hard-$n-s$seed.yaml
            f=$OUT/steps-$n-s$seed.yaml
            gen "$lpf" "$n" "$seed" --hard
            if [ ! -s "$f" ] || [ "$HERE/gen.py" -nt "$f" ] || ! head -n 1 "$f" | grep -q -- ' --steps '; then
                echo "== generating $f"
                python3 "$HERE/gen.py" --enterprises "$n" --seed "$seed" --hard --steps -o "$f"
            fi
            echo
            echo "== steps-$n-s$seed: $n enterprises, $(grep -cE '^        (lines|step):' "$f") stepped units;" \
                 "load average $(cut -d' ' -f1-3 /proc/loadavg)"
            bench_cmd "curtail plan, no steps (LP)" "$RUNS" "0 3" "$CURTAIL" plan "$lpf" --format json -o "$OUT/steps-lp.json" || true
            lp_s=$MED_S
            rm -f "$OUT/steps-$n-s$seed.plan.json"
            bench_cmd "curtail plan, steps (MIP)" "$RUNS" "0 3" "$CURTAIL" plan "$f" "${limit_args[@]}" --format json \
                -o "$OUT/steps-$n-s$seed.plan.json" || true
            mip_s=$MED_S; mip_cpu=$MED_CPU; mip_mib=$MED_MIB
            read -r obj_c mst gap groups < <(python3 -c 'import json,sys
d = json.load(open(sys.argv[1])); m = d.get("mip", {})
print(repr(d["objective"]), m.get("status", "n/a"), "%.3g" % m.get("gap", float("nan")), m.get("stepped_groups", 0))' \
                "$OUT/steps-$n-s$seed.plan.json" 2>/dev/null || echo "n/a n/a n/a n/a")
            g_s=n/a; OBJ_G=n/a
            if [ "$HAVE_GLPSOL" = 1 ]; then
                bench_cmd "export .lp" 1 "0" "$CURTAIL" export "$f" -o "$OUT/steps-$n-s$seed.lp" || true
                bench_cmd "glpsol --gomory (MIP)" 1 "0" glpsol --lp "$OUT/steps-$n-s$seed.lp" --gomory \
                    -o "$OUT/steps-$n-s$seed.glpsol.txt" || true
                g_s=$MED_S
                if grep -q '^Status: *INTEGER OPTIMAL' "$OUT/steps-$n-s$seed.glpsol.txt" 2>/dev/null; then
                    OBJ_G=$(awk '/^Objective:/ {for (i=1;i<=NF;i++) if ($i=="=") {print $(i+1); exit}}' \
                        "$OUT/steps-$n-s$seed.glpsol.txt")
                fi
            fi
            echo "   MIP: $mst, gap $gap, $groups stepped groups; objective curtail $obj_c, glpsol $OBJ_G (agrees: $(agree "$obj_c" "$OBJ_G"))"
            echo "| $n | $seed | $groups | $lp_s | $mip_s | $mip_cpu | $mip_mib | $mst | $gap | $g_s | $(agree "$obj_c" "$OBJ_G") |" >>"$TABLE"
        done
    done
    echo
    echo "| enterprises | seed | stepped groups | plan without steps (LP) s | plan with steps (MIP) s | MIP cpu s | peak MiB | MIP status | proven gap | glpsol --gomory s | optima agree |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"
    cat "$TABLE"
    exit 0
fi
trap 'rm -f "$TABLE" "$OUT/.solvetimes.$$" "$OUT/.times.$$" "$OUT/.time.$$"' EXIT

IFS=, read -r -a SIZE_LIST <<<"$SIZES"
IFS=, read -r -a SEED_LIST <<<"$SEEDS"
for size in "${SIZE_LIST[@]}"; do
    n=$(size_n "$size") || exit 1
    for seed in "${SEED_LIST[@]}"; do
        base=$MODE-$n-s$seed
        f=$OUT/$base.yaml
        if [ "$MODE" = hard ]; then gen "$f" "$n" "$seed" --hard; else gen "$f" "$n" "$seed"; fi
        echo
        echo "== $base: $n enterprises, $(head -n 1 "$f" | sed -n 's/.*units: \([0-9]*\).*/\1/p') units," \
             "$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.1f", b / 1048576}') MiB YAML; load average $(cut -d' ' -f1-3 /proc/loadavg)"

        ON_OK=
        v_s=n/a
        if [ "$DO_VALIDATE" = 1 ]; then
            bench_cmd "validate" "$RUNS" "0" "$CURTAIL" validate "$f" || true
            v_s=$MED_S
        fi
        rm -f "$OUT/$base.plan.json"
        bench_cmd "curtail plan" "$RUNS" "0 3" "$CURTAIL" plan "$f" --format json -o "$OUT/$base.plan.json" || true
        p_s=$MED_S; p_cpu=$MED_CPU; p_mib=$MED_MIB
        obj_c=n/a; status=n/a
        if [ -s "$OUT/$base.plan.json" ]; then
            read -r obj_c status < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(repr(d["objective"]), d["status"])' \
                "$OUT/$base.plan.json" 2>/dev/null || echo "n/a n/a")
        fi
        phases "$f" -o "$OUT/$base.phases.json"
        ph_solve=$PH_SOLVE

        fl_s=-; fl_r=-
        if [ "$DO_FLOOR" = 1 ] && [ -s "$OUT/$base.plan.json" ]; then
            fl_parse=$("$YAML_PARSE" "$f" --runs "$RUNS" | sed -n 's/.*parse_s=\([0-9.]*\).*/\1/p' | median)
            bench_cmd "floor: write the JSON with fsync" "$RUNS" "0" \
                dd if="$OUT/$base.plan.json" of="$OUT/$base.floor.out" bs=8M conv=fsync status=none || true
            rm -f "$OUT/$base.floor.out"
            fl_s=$(awk -v a="$fl_parse" -v b="$MED_S" 'BEGIN {printf "%.3f", a + b}')
            fl_r=$(awk -v p="$p_s" -v f="$fl_s" 'BEGIN {if (p ~ /^[0-9.]+$/ && f > 0) printf "%.2f", p / f; else print "n/a"}')
            echo "   floor: libyaml parse ${fl_parse} s + write ${MED_S} s = ${fl_s} s; plan / floor ${fl_r}"
        fi

        g_s=n/a; g_own=n/a; l_s=n/a; l_own=n/a; l_fmt=-; OBJ_G=n/a; OBJ_L=n/a
        if [ "$HAVE_GLPSOL" = 1 ] || [ "$HAVE_CLP" = 1 ]; then
            bench_cmd "export .lp" 1 "0" "$CURTAIL" export "$f" -o "$OUT/$base.lp" || true
            bench_cmd "export .mps" 1 "0" "$CURTAIL" export "$f" -o "$OUT/$base.mps" || true
        fi
        if [ "$HAVE_CLP" = 1 ] && [ -s "$OUT/$base.mps" ]; then
            # clp reads free MPS; if it cannot (issue 15: long decimals in
            # unmet scenarios), it gets the CPLEX LP file instead
            l_fmt=mps
            rc=0
            # shellcheck disable=SC2086
            timeout "$CAP" clp "$OUT/$base.mps" $CLP_OPTS -solve >"$OUT/$base.clp-probe.txt" 2>&1 || rc=$?
            if [ "$rc" != 124 ] && { grep -qE 'Bad image|errors (when importing|on input)' "$OUT/$base.clp-probe.txt" ||
                                     ! grep -qE '^(Optimal|Primal|Dual|Stopped)' "$OUT/$base.clp-probe.txt"; }; then
                echo "   clp could not read the MPS (exit $rc: $(grep -m1 -E 'Bad image|errors' "$OUT/$base.clp-probe.txt" || tail -n 1 "$OUT/$base.clp-probe.txt")); it gets the LP file"
                l_fmt=lp
            fi
            ON_OK=save_clp
            : >"$OUT/.solvetimes.$$"
            # shellcheck disable=SC2086
            bench_cmd "clp ($l_fmt)" "$RUNS" "0" clp "$OUT/$base.$l_fmt" $CLP_OPTS -solve || true
            l_s=$MED_S
            l_own=$( [ "$CAPPED" = 1 ] && echo ">$CAP" || median <"$OUT/.solvetimes.$$")
        fi
        if [ "$HAVE_GLPSOL" = 1 ] && [ -s "$OUT/$base.lp" ]; then
            rm -f "$OUT/$base.glpsol.txt"
            ON_OK=save_glpsol
            : >"$OUT/.solvetimes.$$"
            # shellcheck disable=SC2086
            bench_cmd "glpsol" "$RUNS" "0" glpsol --lp "$OUT/$base.lp" $GLPSOL_OPTS -o "$OUT/$base.glpsol.txt" || true
            g_s=$MED_S
            g_own=$( [ "$CAPPED" = 1 ] && echo ">$CAP" || median <"$OUT/.solvetimes.$$")
        fi
        ON_OK=
        ag_l=$(agree "$obj_c" "$OBJ_L"); ag_g=$(agree "$obj_c" "$OBJ_G")
        echo "   objectives: curtail $obj_c ($status), clp $OBJ_L (agrees: $ag_l), glpsol $OBJ_G (agrees: $ag_g)"

        s_s=-
        if [ "$DO_SCHEDULE" = 1 ] && [ "$HAVE_SCHEDULE" = 1 ]; then
            fe=$OUT/$base-episode.yaml
            if [ ! -s "$fe" ] || [ "$f" -nt "$fe" ]; then
                if [ "$MODE" = hard ]; then
                    python3 "$HERE/gen.py" --enterprises "$n" --seed "$seed" --hard --ozone -o "$fe"
                else
                    python3 "$HERE/gen.py" --enterprises "$n" --seed "$seed" --ozone -o "$fe"
                fi
            fi
            bench_cmd "curtail schedule (72 h, ozone)" "$RUNS" "0 3" "$CURTAIL" schedule "$fe" --format json \
                -o "$OUT/$base.schedule.json" || true
            s_s=$MED_S
        fi

        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$n" "$seed" "$status" "$ph_solve" "$p_s" "$p_mib" "$l_own" "$l_s" "$g_own" "$g_s" \
            "$(ratio "$l_own" "$p_s")" "$(ratio "$g_own" "$p_s")" "$ag_l/$ag_g" "$v_s" "$s_s" "$fl_s" "$fl_r" >>"$TABLE"
    done
done

echo
echo "== results ($(date '+%Y-%m-%d %H:%M'), load average $(cut -d' ' -f1-3 /proc/loadavg)); times in s, medians of $RUNS runs, cap ${CAP} s"
echo
echo "| enterprises | seed | status | curtail solve | curtail plan | peak MiB | clp solve | clp wall | glpsol solve | glpsol wall | clp solve / plan | glpsol solve / plan | objective = clp/glpsol | validate | schedule | floor | plan / floor |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
cat "$TABLE"
echo
echo "curtail solve: in-process (bench/phases.c); curtail plan: end to end, JSON written;"
echo "clp/glpsol solve: the solver's own time without reading the file; ratios > 1: curtail plan is faster."
rm -f "$OUT/last.stdout" "$OUT/last.stderr"
