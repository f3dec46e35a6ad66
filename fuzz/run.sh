#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run each libFuzzer target for a bounded time on a seed corpus made of the
# project's own scenarios. New crashes land in build-fuzz/crashes/; turn each
# into a tests/data/invalid/ case (fuzz_yaml_diff's: into a case of
# test_read_like_libyaml in tests/check_yaml_fast.c, and a fix in
# lib/yaml_fast.c). "$BUILD/fuzz/enum_yaml_diff 5 block" runs fuzz_yaml_diff's
# checks on every small text of YAML tokens instead (see fuzz/enum_yaml_diff.c).
set -eu
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
seeds="$BUILD/seeds"
mkdir -p "$seeds" "$BUILD/crashes"
for f in "$root"/examples/*.yaml "$root"/tests/data/*/*/input.yaml "$root"/tests/data/*/*.yaml \
    "$root"/lib/policy_default.yaml "$root"/fuzz/yaml_seeds/*.yaml; do
    [ -f "$f" ] || continue
    cp "$f" "$seeds/$(echo "$f" | sed "s|$root/||; s|/|_|g")"
done
status=0
for t in fuzz_load fuzz_plan fuzz_yaml_diff; do
    mkdir -p "$BUILD/corpus-$t"
    echo "fuzz: $t for ${SECONDS_EACH}s"
    # fuzz_yaml_diff: the two YAML readers compared, driven by YAML's tokens
    extra=
    [ "$t" = fuzz_yaml_diff ] && extra="-dict=$root/fuzz/yaml.dict -max_len=4096"
    # shellcheck disable=SC2086
    if ! "$BUILD/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=16384 $extra -timeout=20 \
        -rss_limit_mb=4096 -artifact_prefix="$BUILD/crashes/$t-" -print_final_stats=1 \
        "$BUILD/corpus-$t" "$seeds" 2>"$BUILD/$t.log"; then
        tail -n 40 "$BUILD/$t.log"
        echo "fuzz: $t found a problem; see $BUILD/crashes/"
        status=1
    else
        grep -E "stat::number_of_executed_units|cov:" "$BUILD/$t.log" | tail -n 2
    fi
done
exit $status
