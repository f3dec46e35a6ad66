#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Python binding (python/) against the library of this build: its tests
# with pytest when installed, else unittest; then `pip wheel` of python/
# offline (no index), which must hold the package. CLI (optional) is this
# build's curtail, which the sweep tests compare with.
#   python_test.sh PYTHON SRC LIBRARY [CLI]
set -eu
PY=$1
SRC=$2
export CURTAIL_LIBRARY=$3
export CURTAIL_CLI=${4:-}
export CURTAIL_TEST_DATA="$SRC/tests/data"
export CURTAIL_INCLUDE="$SRC/include" # python/tests/test_layout.py compiles against it
export PYTHONPATH="$SRC/python"
export PYTHONDONTWRITEBYTECODE=1
if "$PY" -c "import pytest" 2>/dev/null; then
    "$PY" -m pytest -q -p no:cacheprovider "$SRC/python/tests"
else
    "$PY" -m unittest discover -s "$SRC/python/tests" -v
fi
if "$PY" -m pip --version >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cp -R "$SRC/python" "$tmp/src" # pip builds in place: keep the source tree clean
    "$PY" -m pip wheel -q --no-index --no-deps -w "$tmp/wheel" "$tmp/src" >"$tmp/log" 2>&1 ||
        { cat "$tmp/log" >&2; echo "python test: pip wheel failed offline" >&2; exit 1; }
    "$PY" -m zipfile -l "$tmp"/wheel/curtail-*.whl | grep -q "curtail/_lib.py" ||
        { echo "python test: the wheel lacks curtail/_lib.py" >&2; exit 1; }
    echo "python test: offline wheel $(basename "$tmp"/wheel/*.whl)"
fi
