#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packages: `cpack -G DEB` in the build tree makes the three
# packages, each is unpacked with `dpkg -x` into one tree (no root, no
# chroot), and from that tree the CLI plans the example (byte-identical to
# the build's own CLI) and examples/embed.c builds and runs against the -dev
# and runtime packages (pkg-config, and CMake's find_package on the static
# library).
set -eu
SRC=$1
BUILD=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }

(cd "$BUILD" && cpack -G DEB -B "$tmp/pkgs" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
set -- "$tmp"/pkgs/*.deb
[ $# -eq 3 ] || fail "expected 3 packages, got $#: $*"
soname=$(objdump -p "$BUILD/libcurtail.so" | awk '$1 == "SONAME" {print $2}')
libpkg=libcurtail${soname#libcurtail.so.}
for p in "$libpkg" libcurtail-dev curtail; do
    deb=$(ls "$tmp"/pkgs/"${p}"_*.deb 2>/dev/null) || fail "no package $p"
    [ "$(dpkg-deb -f "$deb" Package)" = "$p" ] || fail "$deb is not $p"
    dpkg -x "$deb" "$tmp/root"
done
# the split: runtime holds only the versioned library; -dev the rest; the CLI
# needs no libcurtail package (static) but GLPK and libyaml
dpkg-deb -c "$tmp/pkgs/${libpkg}"_*.deb | grep -qE "/$soname( |\$)" || fail "$libpkg lacks $soname"
if dpkg-deb -c "$tmp/pkgs/${libpkg}"_*.deb | grep -E '\.(h|a|pc)$|/libcurtail\.so( |$)'; then
    fail "$libpkg carries development files"
fi
dev_dep=$(dpkg-deb -f "$tmp"/pkgs/libcurtail-dev_*.deb Depends)
echo "$dev_dep" | grep -q "$libpkg (= " || fail "libcurtail-dev does not depend on $libpkg: $dev_dep"
cli_dep=$(dpkg-deb -f "$tmp"/pkgs/curtail_*.deb Depends)
echo "$cli_dep" | grep -q libglpk || fail "curtail does not depend on GLPK: $cli_dep"
dpkg-deb -I "$tmp/pkgs/${libpkg}"_*.deb postinst | grep -q ldconfig || fail "$libpkg runs no ldconfig"
# Clp is dlopen()ed on use (lib/solve_clp.c), never a dependency: a build with
# it recommends Clp's runtime library for the library and the CLI
for deb in "$tmp"/pkgs/*.deb; do
    if dpkg-deb -f "$deb" Depends | grep -i clp; then fail "$deb depends on Clp"; fi
done
if grep -q '^CURTAIL_WITH_CLP:BOOL=ON$' "$BUILD/CMakeCache.txt"; then
    for p in "$libpkg" curtail; do
        [ "$(dpkg-deb -f "$tmp"/pkgs/"${p}"_*.deb Recommends)" = coinor-libclp1 ] ||
            fail "$p does not recommend coinor-libclp1"
    done
fi
dpkg-deb -I "$tmp/pkgs/${libpkg}"_*.deb shlibs | grep -q "^libcurtail ${soname#libcurtail.so.} $libpkg" ||
    fail "$libpkg has no shlibs entry"
for f in usr/include/curtail.h usr/share/curtail/scenario.schema.json \
         usr/share/doc/curtail/copyright usr/share/doc/libcurtail-dev/copyright \
         "usr/share/doc/$libpkg/copyright"; do
    [ -f "$tmp/root/$f" ] || fail "missing /$f"
done

root=$tmp/root/usr
# relocatable: the CMake package and the .pc name no path of this machine
if grep -rlE "$SRC|$BUILD|/usr/lib/x86_64|/usr/lib/[a-z0-9_]+-linux-gnu|/usr/include" \
        "$root/lib/cmake/curtail" "$root/lib/pkgconfig"; then
    fail "absolute paths in the installed CMake or pkg-config files"
fi
"$root/bin/curtail" plan "$SRC/examples/xiangyuan.yaml" >"$tmp/plan-pkg.json"
"$BUILD/curtail" plan "$SRC/examples/xiangyuan.yaml" >"$tmp/plan-build.json"
cmp "$tmp/plan-pkg.json" "$tmp/plan-build.json" || fail "the packaged CLI writes another plan"
for f in "$root/bin/curtail" "$root"/lib/*/libcurtail.so.* "$root"/lib/libcurtail.so.*; do
    [ -f "$f" ] || continue
    if objdump -p "$f" | grep -E 'NEEDED.*(libClp|libCoinUtils|libstdc\+\+)'; then
        fail "$f links Clp"
    fi
done

libdir=$(dirname "$(find "$root" -name curtail.pc | head -n 1)")
libdir=${libdir%/pkgconfig}
cc -std=c11 -Wall -Wextra -Werror "$SRC/examples/embed.c" \
   $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs curtail) -o "$tmp/embed"
LD_LIBRARY_PATH="$libdir" "$tmp/embed" >"$tmp/out-shared"
grep -q "^status: optimal" "$tmp/out-shared" || fail "embed (shared) did not plan"
cmake -S "$SRC/examples/embed" -B "$tmp/embed-build" -DCMAKE_PREFIX_PATH="$root" \
      -DEMBED_STATIC=ON >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log" >&2; fail "find_package failed"; }
cmake --build "$tmp/embed-build" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; fail "static embed build failed"; }
if objdump -p "$tmp/embed-build/embed" | grep -q 'NEEDED.*libcurtail'; then
    fail "the static embed needs libcurtail.so"
fi
"$tmp/embed-build/embed" >"$tmp/out-static"
cmp "$tmp/out-shared" "$tmp/out-static" || fail "shared and static embed differ"
echo "package test: $(cd "$tmp/pkgs" && echo *.deb)"
