#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shards of a sweep run by GNU parallel (the recipe of docs/SWEEPS.md), concatenated in
# shard order, are byte for byte the unsharded table; also with -j 2 inside
# each shard. Exit 77 (skipped) when GNU parallel is not installed.
set -eu
CLI=$1
EXAMPLE=$2
command -v parallel >/dev/null 2>&1 || { echo "parallel_test: GNU parallel not installed"; exit 77; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
SET=targets.ratios.orange.NOx=0.10:0.40:0.02
"$CLI" sweep "$EXAMPLE" --set "$SET" -o "$DIR/all.csv" 2>/dev/null || [ $? -le 4 ]
parallel --will-cite --halt now,fail=1 -j 2 \
    "'$CLI' sweep '$EXAMPLE' --set '$SET' --shard {}/5 -j 2 -o '$DIR/part-{}.csv' 2>/dev/null; [ \$? -le 4 ]" \
    ::: 0 1 2 3 4
cat "$DIR/part-0.csv" "$DIR/part-1.csv" "$DIR/part-2.csv" "$DIR/part-3.csv" "$DIR/part-4.csv" > "$DIR/cat.csv"
cmp "$DIR/cat.csv" "$DIR/all.csv"
lines=$(wc -l < "$DIR/all.csv")
# header + (base and 4 variants) x 16 values x 3 levels
[ "$lines" -eq $((1 + 5 * 16 * 3)) ] || { echo "parallel_test: $lines lines"; exit 1; }
echo "parallel_test: 5 shards concatenate to the whole table ($lines lines)"
