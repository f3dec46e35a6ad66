#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# layering.sh SRC BUILD — the one-way pipeline of docs/ARCHITECTURE.md, checked.
#
# Every file of lib/ has a level (the table below, lowest first). A file may
# call (nm: an undefined symbol another object defines) and include (#include
# "x.h") only files of its own level or below. Writers (write_*, measure_text,
# svg, report) in addition may not touch the model's internals: no symbol of
# policy, episode, lp, solve*, decomp, plan or schedule, and none of their
# headers; and of the scenario only the public accessors (curtail_scenario_*),
# never its cu_* internals or scenario.h. The CLI includes curtail.h only
# (and its own headers in cli/). A lib/*.c or lib/*.h missing from
# the table fails too, so a new file gets a place in the order.
set -u
SRC=$1
BUILD=$2
OBJ=$BUILD/CMakeFiles/curtail_objects.dir/lib

# level module... (modules are lib/<module>.c, headers lib/<module>.h)
LEVELS='
0 numfmt numfmt_fast
1 mem error names timeutil internal output output_kick
2 yaml_scalar yaml_tree yaml_anchor yaml_fast
3 yaml_read rule_schema
4 scenario scenario_copy scenario_check scenario_scope scenario_steps episode policy transport
5 load load_rules load_units load_episode load_yaml load_transport override override_apply override_more variants
6 lp
7 solve solve_glpk solve_clp
8 result
9 decomp_dual decomp plan plan_model mip schedule
10 write write_text measure_text measure_words summary sched_summary svg report write_csv write_json write_md write_html write_html_charts write_xlsx write_xlsx_schedule write_public write_xlsx_public write_explain write_explain_json
11 export write_file sweep write_sweep write_sweep_xlsx write_sweep_html
12 version
'
# what a writer may not use
WRITER_FILES='write_text measure_text measure_words summary sched_summary svg report write_csv write_json write_md write_html write_html_charts write_xlsx write_xlsx_schedule write_public write_xlsx_public write_explain write_explain_json'
MODEL_FILES='policy episode lp solve solve_glpk solve_clp decomp plan plan_model schedule'
# ... and of these only the public API (curtail_*), not a cu_* symbol or the header
PUBLIC_ONLY='scenario scenario_copy scenario_check scenario_scope'

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
echo "$LEVELS" | awk 'NF { for (i = 2; i <= NF; i++) print $i, $1 }' | sort > "$tmp/level"

level_of() { awk -v m="$1" '$1 == m { print $2 }' "$tmp/level"; }
fail=0

# every file of lib/ has a level
for f in "$SRC"/lib/*.c "$SRC"/lib/*.h; do
    m=$(basename "$f"); m=${m%.*}
    if [ -z "$(level_of "$m")" ]; then
        echo "layering: lib/$(basename "$f") has no level in tests/layering.sh"
        fail=1
    fi
done

# ---- calls: nm over the objects ------------------------------------------------
if [ ! -d "$OBJ" ]; then
    echo "layering: no objects in $OBJ (build first)"
    exit 2
fi
for o in "$OBJ"/*.c.o; do
    m=$(basename "$o" .c.o)
    nm -g --defined-only "$o" | awk -v m="$m" 'NF == 3 { print $3, m }'
done | sort > "$tmp/defs"
for o in "$OBJ"/*.c.o; do
    m=$(basename "$o" .c.o)
    nm -u "$o" | awk -v m="$m" '{ print $NF, m }'
done | sort > "$tmp/uses"
# user symbol definer
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $1, $3 }' | sort -u > "$tmp/calls"
while read -r user sym definer; do
    lu=$(level_of "$user")
    ld=$(level_of "$definer")
    [ -n "$lu" ] && [ -n "$ld" ] || continue
    if [ "$ld" -gt "$lu" ]; then
        echo "layering: $user.c (level $lu) calls $sym of $definer.c (level $ld): up the pipeline"
        fail=1
    fi
    for w in $WRITER_FILES; do
        [ "$user" = "$w" ] || continue
        for x in $MODEL_FILES; do
            if [ "$definer" = "$x" ]; then
                echo "layering: writer $user.c uses $sym of $definer.c (read the result instead)"
                fail=1
            fi
        done
        for x in $PUBLIC_ONLY; do
            if [ "$definer" = "$x" ] && [ "${sym#curtail_}" = "$sym" ]; then
                echo "layering: writer $user.c uses $sym of $definer.c (use the public accessors)"
                fail=1
            fi
        done
    done
done < "$tmp/calls"

# ---- includes --------------------------------------------------------------------
for f in "$SRC"/lib/*.c "$SRC"/lib/*.h; do
    m=$(basename "$f"); m=${m%.*}
    lu=$(level_of "$m")
    [ -n "$lu" ] || continue
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$f"); do
        [ "$h" = curtail ] && continue
        lh=$(level_of "$h")
        if [ -z "$lh" ]; then
            echo "layering: $(basename "$f") includes $h.h, which has no level"
            fail=1
            continue
        fi
        if [ "$lh" -gt "$lu" ]; then
            echo "layering: $(basename "$f") (level $lu) includes $h.h (level $lh): up the pipeline"
            fail=1
        fi
        for w in $WRITER_FILES; do
            [ "$m" = "$w" ] || continue
            for x in $MODEL_FILES; do
                if [ "$h" = "$x" ]; then
                    echo "layering: writer $(basename "$f") includes $h.h (read the result instead)"
                    fail=1
                fi
            done
            for x in $PUBLIC_ONLY; do
                if [ "$h" = "$x" ]; then
                    echo "layering: writer $(basename "$f") includes $h.h (use the public accessors)"
                    fail=1
                fi
            done
        done
    done
done

# ---- the CLI: the public header only (and its own cli/*.h) ---------------------------
for f in "$SRC"/cli/*.c "$SRC"/cli/*.h; do
    [ -e "$f" ] || continue
    bad=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
          grep -v '^curtail\.h$' | while read -r h; do
              case $h in */*) echo "$h" ;; *) [ -e "$SRC/cli/$h" ] || echo "$h" ;; esac
          done)
    if [ -n "$bad" ]; then
        echo "layering: cli/$(basename "$f") includes $(echo $bad) (the CLI uses curtail.h only)"
        fail=1
    fi
done

[ "$fail" = 0 ] && echo "layering: $(wc -l < "$tmp/calls") calls between files, all down the pipeline"
exit $fail
