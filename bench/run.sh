#!/usr/bin/env bash
# curtail performance benchmark (SPEC.md §10).
#
#   bench/run.sh [--sizes county,city,province] [--runs N] [--cap SECONDS]
#                [--seed S] [--no-build] [--no-solvers]
#
# For each size: generate the scenario (bench/gen.py, cached in bench/out/),
# time `curtail validate` (load only) and `curtail plan --format json` (median
# wall seconds, CPU seconds and peak RSS over N runs), time the phases
# load / solve / write in-process (bench/phases.c), export the LP (`curtail
# export` to .lp and .mps), time `glpsol --lp` and `clp -solve` on it (each
# run capped by `timeout CAP`), and check that the three objectives agree to
# 1e-6 relative. At province size, `curtail schedule` on a 72-hour ozone
# episode is timed too when the CLI has that command. Nothing runs in parallel.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${BUILD:-$ROOT/build-bench}
OUT=$HERE/out
CURTAIL=$BUILD/curtail
PHASES=$OUT/phases

SIZES=county,city,province
RUNS=5
RUNS_SET=0
CAP=600
SEED=1
DO_BUILD=1
DO_SOLVERS=1
GLPSOL_OPTS=${GLPSOL_OPTS:-}   # e.g. GLPSOL_OPTS=--dual

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=$2; shift 2 ;;
        --sizes=*) SIZES=${1#*=}; shift ;;
        --runs) RUNS=$2; RUNS_SET=1; shift 2 ;;
        --runs=*) RUNS=${1#*=}; RUNS_SET=1; shift ;;
        --cap) CAP=$2; shift 2 ;;
        --cap=*) CAP=${1#*=}; shift ;;
        --seed) SEED=$2; shift 2 ;;
        --seed=*) SEED=${1#*=}; shift ;;
        --no-build) DO_BUILD=0; shift ;;
        --no-solvers) DO_SOLVERS=0; shift ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage 1 >&2 ;;
    esac
done

[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
mkdir -p "$OUT"

if [ "$DO_BUILD" = 1 ]; then
    echo "== building (Release) in $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD" --target curtail_cli -j2 >/dev/null
    { git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'
      git -C "$ROOT" diff --quiet HEAD -- lib cli include CMakeLists.txt 2>/dev/null || echo ' + uncommitted changes'
      date '+built %Y-%m-%d %H:%M'; } | tr '\n' ' ' >"$OUT/build-rev.txt"
fi
[ -x "$CURTAIL" ] || { echo "run.sh: $CURTAIL not built" >&2; exit 1; }

# the phase timer links the static library of the same build
HAVE_PHASES=0
# shellcheck disable=SC2046  # pkg-config output is meant to split
if [ -f "$BUILD/libcurtail.a" ] && ${CC:-cc} -O2 -std=c11 -DCURTAIL_STATIC -I"$ROOT/include" \
        "$HERE/phases.c" "$BUILD/libcurtail.a" $(pkg-config --libs yaml-0.1) -lglpk \
        $(pkg-config --libs clp 2>/dev/null) -lm -lpthread \
        -o "$PHASES" 2>"$OUT/phases.build.log"; then
    HAVE_PHASES=1
else
    echo "run.sh: could not build bench/phases.c (see $OUT/phases.build.log); phase timing skipped" >&2
fi

HAVE_SCHEDULE=0
if "$CURTAIL" --help 2>&1 | grep -Eq '^[[:space:]]+schedule[[:space:]]'; then HAVE_SCHEDULE=1; fi
HAVE_GLPSOL=0; command -v glpsol >/dev/null 2>&1 && HAVE_GLPSOL=1
HAVE_CLP=0; command -v clp >/dev/null 2>&1 && HAVE_CLP=1

# ---------------------------------------------------------------- helpers

median() {  # numbers on stdin, one a line -> median
    sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit}
        if (NR%2) printf "%.3f\n", a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}

# timed LABEL CAPSECS OKCODES CMD...: runs CMD once under GNU time (and under
# `timeout CAPSECS` when CAPSECS > 0); appends "wall rss_kb cpu capped" to
# $TIMES; sets LAST_RC. CMD's stdout/stderr go to $OUT/last.stdout/.stderr.
timed() {
    local label=$1 cap=$2 ok=$3; shift 3
    local tf=$OUT/.time.$$
    local rc=0
    if [ "$cap" -gt 0 ]; then
        /usr/bin/time -f "%e %M %U %S" -o "$tf" timeout "$cap" "$@" >"$OUT/last.stdout" 2>"$OUT/last.stderr" || rc=$?
    else
        /usr/bin/time -f "%e %M %U %S" -o "$tf" "$@" >"$OUT/last.stdout" 2>"$OUT/last.stderr" || rc=$?
    fi
    LAST_RC=$rc
    # GNU time prepends "Command exited with non-zero status N" on failure
    tail -n 1 "$tf" | awk -v c="$([ "$rc" = 124 ] && echo 1 || echo 0)" '{print $1, $2, $3 + $4, c}' >>"$TIMES"
    rm -f "$tf"
    if [ "$rc" = 124 ]; then return 0; fi
    case " $ok " in *" $rc "*) ;; *)
        echo "run.sh: $label failed (exit $rc):" >&2
        tail -n 5 "$OUT/last.stderr" >&2
        return 1 ;;
    esac
}

# bench_cmd LABEL RUNS CAP OKCODES CMD... -> MED_S, MED_CPU, MED_MIB, CAPPED
# Every run is made; a run stopped by the cap counts as CAP, and when the
# median run is a capped one the median is reported as ">CAP". After each
# successful run the function named in $ON_OK (if any) is called.
bench_cmd() {
    local label=$1 runs=$2 cap=$3 ok=$4; shift 4
    TIMES=$OUT/.times.$$
    : >"$TIMES"
    local i
    for ((i = 1; i <= runs; i++)); do
        timed "$label" "$cap" "$ok" "$@" || { MED_S=fail; MED_CPU=fail; MED_MIB=fail; CAPPED=0; rm -f "$TIMES"; return 1; }
        if [ "$LAST_RC" != 124 ] && [ -n "${ON_OK:-}" ]; then "$ON_OK"; fi
    done
    read -r MED_S CAPPED < <(awk '{print ($4 ? 1e12 : $1), $4}' "$TIMES" | sort -g | awk -v cap="$cap" '
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

# phases FILE ARGS... -> PH_LOAD PH_SOLVE PH_WRITE PH_TOTAL (medians over $runs)
# shellcheck disable=SC2034  # PH_TOTAL is there for callers
phases() {
    local f=$1; shift
    PH_LOAD=n/a; PH_SOLVE=n/a; PH_WRITE=n/a; PH_TOTAL=n/a
    [ "$HAVE_PHASES" = 1 ] || return 0
    if ! "$PHASES" "$f" --runs "$runs" "$@" >"$OUT/phases.txt" 2>"$OUT/phases.err"; then
        echo "   phases $*: failed: $(tail -n 1 "$OUT/phases.err")"
        return 0
    fi
    local key
    for key in load solve write total; do
        local v
        v=$(sed -n "s/.*${key}_s=\([0-9.]*\).*/\1/p" "$OUT/phases.txt" | median)
        case $key in load) PH_LOAD=$v ;; solve) PH_SOLVE=$v ;; write) PH_WRITE=$v ;; total) PH_TOTAL=$v ;; esac
    done
    echo "   phases $*: load $(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' "$OUT/phases.txt" | tr '\n' ' ')| solve $(sed -n 's/.*solve_s=\([0-9.]*\).*/\1/p' "$OUT/phases.txt" | tr '\n' ' ')| write $(sed -n 's/.*write_s=\([0-9.]*\).*/\1/p' "$OUT/phases.txt" | tr '\n' ' ')s -> medians $PH_LOAD / $PH_SOLVE / $PH_WRITE s"
}

ratio() {  # solver_time curtail_time
    awk -v s="$1" -v c="$2" 'BEGIN {
        if (s == "n/a" || s == "fail" || c == "fail") { print "n/a"; exit }
        lb = 0; if (substr(s,1,1) == ">") { lb = 1; s = substr(s,2) }
        if (c <= 0) c = 0.005;            # below /usr/bin/time resolution
        printf "%s%.1f", (lb ? ">=" : ""), s / c }'
}

agree() {  # a b -> yes/no (1e-6 relative)
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a ~ /^n\/a/ || b ~ /^n\/a/) { print "n/a"; exit }
        d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); if (m < 1) m = 1
        print (d / m <= 1e-6 ? "yes" : "NO") }'
}

gen() {  # name enterprises [flags...]
    local name=$1 n=$2; shift 2
    local f=$OUT/$name.yaml
    if [ ! -s "$f" ] || [ "$HERE/gen.py" -nt "$f" ] || ! head -n 1 "$f" | grep -q -- "--seed ${SEED}[ (]"; then
        echo "== generating $f"
        python3 "$HERE/gen.py" --enterprises "$n" --seed "$SEED" "$@" -o "$f"
    fi
}

save_glpsol_obj() {
    sed -n 's/^Time used: *\([0-9.]*\) secs.*/\1/p' "$OUT/last.stdout" | head -n 1 >>"$OUT/.solvetimes.$$"
    # glpsol exits 0 also when it finds no optimum: read the status first
    local st
    st=$(awk '/^Status:/ {print $2; exit}' "$OUT/$size.glpsol.txt")
    if [ "$st" = OPTIMAL ]; then
        OBJ_G=$(awk '/^Objective:/ {for (i=1;i<=NF;i++) if ($i=="=") {print $(i+1); exit}}' "$OUT/$size.glpsol.txt")
        [ -n "$OBJ_G" ] || OBJ_G=n/a
    elif [ "$OBJ_G" = n/a ] || [ -z "$OBJ_G" ]; then  # keep an optimum found by an earlier run
        OBJ_G="n/a(status:${st:-none};$(grep -m1 -E 'NO (PRIMAL|DUAL) FEASIBLE|UNBOUNDED' "$OUT/last.stdout" | tr ' ' '_'))"
    fi
}
save_clp_obj() {
    sed -n 's/^Optimal objective .* time \([0-9.]*\).*/\1/p' "$OUT/last.stdout" | head -n 1 >>"$OUT/.solvetimes.$$"
    OBJ_L=$(awk '/^Optimal objective/ {print $3; exit}' "$OUT/last.stdout")
    [ -n "$OBJ_L" ] || OBJ_L=n/a
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
echo "== runs: $RUNS (province: $([ $RUNS_SET = 1 ] && echo "$RUNS" || echo 3)), solver cap: ${CAP}s, seed $SEED, glpsol options: ${GLPSOL_OPTS:-(none)}"

SUMMARY=$OUT/summary.$$
: >"$SUMMARY"

IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
    case "$size" in
        county) n=100 ;;
        city) n=5000 ;;
        province) n=100000 ;;
        *) echo "run.sh: unknown size $size (county, city, province)" >&2; exit 1 ;;
    esac
    runs=$RUNS
    if [ "$size" = province ] && [ "$RUNS_SET" = 0 ]; then runs=3; fi
    gen "$size" "$n"
    f=$OUT/$size.yaml
    echo
    echo "== $size: $n enterprises, $(head -n 1 "$f" | sed -n 's/.*units: \([0-9]*\).*/\1/p') units, $(du -m "$f" | cut -f1) MiB YAML; load average $(cut -d' ' -f1-3 /proc/loadavg)"

    ON_OK=
    bench_cmd "validate" "$runs" 0 "0" "$CURTAIL" validate "$f" || true
    v_s=$MED_S; v_cpu=$MED_CPU; v_mib=$MED_MIB
    bench_cmd "plan" "$runs" 0 "0 3" "$CURTAIL" plan "$f" --format json -o "$OUT/$size.plan.json" || true
    p_s=$MED_S; p_cpu=$MED_CPU; p_mib=$MED_MIB
    p_rc=$LAST_RC
    obj_c=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(repr(d["objective"]), d["status"])' "$OUT/$size.plan.json" 2>/dev/null || echo "n/a n/a")
    status=${obj_c#* }; obj_c=${obj_c%% *}
    phases "$f" -o "$OUT/$size.phases.json"
    cp "$OUT/phases.txt" "$OUT/$size.phases.cols" 2>/dev/null || true
    ph_load=$PH_LOAD; ph_solve=$PH_SOLVE; ph_write=$PH_WRITE
    plain_solve=n/a
    if [ "$size" != province ]; then
        phases "$f" --plain
        plain_solve=$PH_SOLVE
    fi

    g_s=n/a; c_s=n/a; OBJ_G=n/a; OBJ_L=n/a; g_r=n/a; c_r=n/a; e_s=n/a; g_cpu=n/a; c_cpu=n/a; g_own=n/a; c_own=n/a
    if [ "$DO_SOLVERS" = 1 ]; then
        bench_cmd "export .lp" 1 0 "0" "$CURTAIL" export "$f" -o "$OUT/$size.lp" || true
        e_s=$MED_S
        bench_cmd "export .mps" 1 0 "0" "$CURTAIL" export "$f" -o "$OUT/$size.mps" || true
        if [ "$HAVE_GLPSOL" = 1 ]; then
            rm -f "$OUT/$size.glpsol.txt"
            ON_OK=save_glpsol_obj
            : >"$OUT/.solvetimes.$$"
            # shellcheck disable=SC2086
            bench_cmd "glpsol" "$runs" "$CAP" "0" glpsol --lp "$OUT/$size.lp" $GLPSOL_OPTS -o "$OUT/$size.glpsol.txt" || true
            g_s=$MED_S; g_cpu=$MED_CPU
            g_own=$( [ "$CAPPED" = 1 ] && echo ">$CAP" || median <"$OUT/.solvetimes.$$")
            rm -f "$OUT/.solvetimes.$$"
            g_r=$(ratio "$g_s" "$p_s")
        fi
        if [ "$HAVE_CLP" = 1 ]; then
            ON_OK=save_clp_obj
            : >"$OUT/.solvetimes.$$"
            bench_cmd "clp" "$runs" "$CAP" "0" clp "$OUT/$size.mps" -solve || true
            c_s=$MED_S; c_cpu=$MED_CPU
            c_own=$( [ "$CAPPED" = 1 ] && echo ">$CAP" || median <"$OUT/.solvetimes.$$")
            rm -f "$OUT/.solvetimes.$$"
            c_r=$(ratio "$c_s" "$p_s")
        fi
        ON_OK=
    fi
    ag_g=$(agree "$obj_c" "$OBJ_G"); ag_l=$(agree "$obj_c" "$OBJ_L")

    echo "   | metric | value |"
    echo "   |---|---|"
    echo "   | curtail plan, wall (median s) | $p_s |"
    echo "   | curtail plan, cpu user+sys (median s) | $p_cpu |"
    echo "   | curtail plan, peak RSS (MiB) | $p_mib |"
    echo "   | curtail validate, wall (median s) | $v_s (cpu $v_cpu, peak $v_mib MiB) |"
    echo "   | in-process load / solve / write JSON (median s) | $ph_load / $ph_solve / $ph_write |"
    echo "   | in-process solve, plain LP without sifting (median s) | $plain_solve |"
    echo "   | plan status / exit | $status / $p_rc |"
    echo "   | curtail export .lp (s) | $e_s |"
    echo "   | glpsol --lp, wall (median s) | $g_s (cpu $g_cpu) |"
    echo "   | clp -solve, wall (median s) | $c_s (cpu $c_cpu) |"
    echo "   | glpsol / clp own solve time, excl. reading the file (median s) | $g_own / $c_own |"
    echo "   | glpsol / curtail plan (end to end) | $g_r |"
    echo "   | clp / curtail plan (end to end) | $c_r |"
    echo "   | glpsol own solve / curtail in-process solve | $(ratio "$g_own" "$ph_solve") |"
    echo "   | clp own solve / curtail in-process solve | $(ratio "$c_own" "$ph_solve") |"
    echo "   | objective curtail | $obj_c |"
    echo "   | objective glpsol | $OBJ_G (agrees: $ag_g) |"
    echo "   | objective clp | $OBJ_L (agrees: $ag_l) |"
    echo "$size plan=$p_s cpu=$p_cpu mib=$p_mib validate=$v_s load=$ph_load solve=$ph_solve write=$ph_write plain_solve=$plain_solve glpsol=$g_s clp=$c_s glpsol_own=$g_own clp_own=$c_own glpsol/plan=$g_r clp/plan=$c_r agree_glpsol=$ag_g agree_clp=$ag_l" >>"$SUMMARY"

    if [ "$size" = province ]; then
        if [ "$HAVE_SCHEDULE" = 1 ]; then
            gen province-episode "$n" --episode --ozone
            fe=$OUT/province-episode.yaml
            echo "== province schedule: 72 h episode with ozone window ($fe)"
            bench_cmd "schedule" "$runs" 0 "0 3" "$CURTAIL" schedule "$fe" --format json -o "$OUT/province.schedule.json" || true
            s_s=$MED_S; s_cpu=$MED_CPU; s_mib=$MED_MIB
            phases "$fe" --schedule -o "$OUT/province.schedule.phases.json"
            echo "   | curtail schedule, wall (median s) | $s_s (cpu $s_cpu) |"
            echo "   | curtail schedule, peak RSS (MiB) | $s_mib |"
            echo "   | in-process load / solve / write JSON (median s) | $PH_LOAD / $PH_SOLVE / $PH_WRITE |"
            # the LP's size scales with blocks, not hours: one variable per group
            # per block of identical hours (groups = the plan's columns / 3)
            s_cols=$(sed -n 's/.*columns=\([0-9]*\).*/\1/p' "$OUT/phases.txt" | head -n 1)
            p_cols=$(sed -n 's/.*columns=\([0-9]*\).*/\1/p' "$OUT/province.phases.cols" 2>/dev/null | head -n 1)
            if [ -n "$s_cols" ] && [ -n "$p_cols" ]; then
                echo "   | schedule LP columns (blocks) / one per group and hour | $s_cols / $((p_cols / 3 * 72)) (72 hours, $((p_cols / 3)) groups) |"
            fi
            echo "province-schedule schedule=$s_s cpu=$s_cpu mib=$s_mib load=$PH_LOAD solve=$PH_SOLVE write=$PH_WRITE" >>"$SUMMARY"
        else
            echo "== province schedule: skipped (this curtail has no 'schedule' command)"
            echo "province-schedule skipped" >>"$SUMMARY"
        fi
    fi
done

echo
echo "== summary ($(date '+%H:%M'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$SUMMARY"
rm -f "$SUMMARY" "$OUT/last.stdout" "$OUT/last.stderr"
