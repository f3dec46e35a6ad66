#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install curtail into a temporary prefix and build examples/embed.c against
# it twice: with pkg-config and with CMake's find_package. Both must run and
# print the same list.
set -eu
SRC=$1
BUILD=$2
XFLAGS=${3:-} # e.g. the sanitizer flags the library was built with
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$BUILD" --prefix "$tmp/prefix" >/dev/null
libdir=$(ls -d "$tmp"/prefix/lib*/ | head -n 1)
libdir=${libdir%/}

PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --exists curtail
cc -std=c11 -Wall -Wextra -Werror $XFLAGS "$SRC/examples/embed.c" \
   $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs curtail) -o "$tmp/embed-pc"
LD_LIBRARY_PATH="$libdir" "$tmp/embed-pc" >"$tmp/out-pc"

cmake -S "$SRC/examples/embed" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DCMAKE_C_FLAGS="$XFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$XFLAGS" >/dev/null
cmake --build "$tmp/build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/build/embed" >"$tmp/out-cmake"

cmp "$tmp/out-pc" "$tmp/out-cmake"

# Clp is never linked (lib/solve_clp.c dlopen()s it for --solver clp): not by
# the library or the programs built on it, nor named by the .pc or the CMake
# package; a build with Clp links the loader's library instead (-ldl)
for f in "$libdir"/libcurtail.so "$tmp/embed-pc" "$tmp/build/embed"; do
    if objdump -p "$f" | grep -E 'NEEDED.*(libClp|libCoinUtils|libstdc\+\+|liblapack|libgfortran)'; then
        echo "install test: $f links Clp or its C++ closure" >&2
        exit 1
    fi
done
if grep -iE '^(Requires|Libs).*clp' "$libdir/pkgconfig/curtail.pc" ||
   grep -E 'PkgConfig::CLP|\(CLP|-lClp|libClp' "$libdir"/cmake/curtail/*.cmake; then
    echo "install test: the installed package files name Clp" >&2
    exit 1
fi
if grep -q '^CURTAIL_WITH_CLP:BOOL=ON$' "$BUILD/CMakeCache.txt"; then
    grep -q '^Libs.private: .* -ldl$' "$libdir/pkgconfig/curtail.pc" ||
        { echo "install test: curtail.pc lacks -ldl (Clp is dlopen()ed)" >&2; exit 1; }
fi
grep -q "^status: optimal" "$tmp/out-pc"
grep -q "恒祥焦化" "$tmp/out-pc"
# the episode built in code (curtail_scenario_set_episode, _add_alert) is scheduled
grep -q "^schedule: 48 hours, optimal" "$tmp/out-pc"
grep -q "^  2024-01-11 red    12 h" "$tmp/out-pc"
echo "install test: pkg-config and find_package builds agree"
