#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The CLI on every example under valgrind's memcheck: every command and
# format must run without a memory error or a leak (exit 99 marks one).
set -u
CLI=${1:-build/curtail}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
run() {
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$CLI" "$@" >/dev/null 2>"$tmp/log"
    rc=$?
    if [ $rc -eq 99 ]; then
        cat "$tmp/log"
        echo "memcheck: FAIL curtail $*"
        status=1
    else
        echo "memcheck: ok   curtail $* (exit $rc)"
    fi
}
for f in examples/*.yaml; do
    run validate "$f"
    run plan "$f" -o "$tmp/plan.json"
    run plan "$f" --format csv --bom -o "$tmp/plan.csv"
    run plan "$f" --format md --lang en -o "$tmp/plan.md"
    run export "$f" -o "$tmp/model.mps"
    if grep -q '^episode:' "$f"; then
        run schedule "$f" -o "$tmp/schedule.json"
        run schedule "$f" --format csv -o "$tmp/schedule.csv"
    fi
done
run validate tests/data/invalid/load_alias_bomb/input.yaml
# the bureau's formats, the other engine and a threaded sweep
run plan examples/xiangyuan.yaml --format html -o "$tmp/plan.html"
run plan examples/xiangyuan.yaml --format xlsx -o "$tmp/plan.xlsx"
run schedule examples/xiangyuan-summer.yaml --format html -o "$tmp/schedule.html"
run schedule examples/xiangyuan-summer.yaml --format xlsx -o "$tmp/schedule.xlsx"
if build_has_clp=$("$CLI" --help | grep -c -- '--solver'); [ "$build_has_clp" -gt 0 ]; then
    run plan examples/xiangyuan.yaml --solver clp -o "$tmp/plan-clp.json"
fi
run sweep examples/sweep.yaml -j 2 --set targets.ratios.orange.NOx=0.2,0.3 -o "$tmp/sweep.csv"
exit $status
