#!/bin/sh
# `make install` puts the man page and the bash completion in place; the man
# page renders without a groff warning; the completion parses and completes.
#   docs_install_test.sh BUILD_DIR
set -eu
BUILD=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$BUILD" --prefix "$tmp/p" >/dev/null
man1="$tmp/p/share/man/man1/curtail.1"
comp="$tmp/p/share/bash-completion/completions/curtail"
test -f "$man1" || { echo "missing $man1"; exit 1; }
test -f "$comp" || { echo "missing $comp"; exit 1; }
if command -v groff >/dev/null 2>&1; then
    groff -k -man -Tutf8 -ww "$man1" >"$tmp/man.txt" 2>"$tmp/groff.err"
    if [ -s "$tmp/groff.err" ]; then cat "$tmp/groff.err"; exit 1; fi
    grep -q "curtail plan examples/xiangyuan.yaml" "$tmp/man.txt"
fi
got=$(bash -c 'shopt -s extglob; . "$1"; COMP_WORDS=(curtail plan x.yaml --format ""); COMP_CWORD=4; _curtail; echo "${COMPREPLY[*]}"' _ "$comp")
test "$got" = "json csv md html xlsx" || { echo "completion: '$got'"; exit 1; }
got=$(bash -c 'shopt -s extglob; . "$1"; COMP_WORDS=(curtail sch); COMP_CWORD=1; _curtail; echo "${COMPREPLY[*]}"' _ "$comp")
test "$got" = "schedule" || { echo "completion: '$got'"; exit 1; }
echo "man page and completion installed and working"
