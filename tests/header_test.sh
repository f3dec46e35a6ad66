#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# curtail.h compiles alone, pedantic, as C11 and as C++.
set -eu
INC=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <curtail.h>\nint main(void) { return curtail_version() == 0; }\n' >"$tmp/h.c"
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$INC" -fsyntax-only "$tmp/h.c"
if command -v c++ >/dev/null 2>&1; then
    cp "$tmp/h.c" "$tmp/h.cpp"
    c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -I"$INC" -fsyntax-only "$tmp/h.cpp"
fi
echo "header test: curtail.h compiles alone as C11 and C++"
