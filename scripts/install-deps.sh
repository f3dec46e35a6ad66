#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install curtail's build and test dependencies from Debian packages.
# Idempotent: does nothing (and needs no network) when everything is present.
set -eu

# locales: localedef and the locale sources (the comma-decimal locale test)
# python3-yaml, python3-jsonschema: the schema test (tests/schema_test.py)
PKGS="cmake make gcc g++ pkg-config libglpk-dev libyaml-dev check glpk-utils coinor-clp coinor-libclp-dev valgrind locales python3-yaml python3-jsonschema"
# --format xlsx (libxlsxwriter; its .pc says "Version: 4", so no version is asked);
# the HTML report's test renders it in headless Chromium (about 350 MB installed,
# some 20 s from the Debian mirror) with a CJK font (WenQuanYi Micro Hei, 5 MB)
PKGS="$PKGS libxlsxwriter-dev chromium fonts-wqy-microhei"
# GNU parallel: the sweep shards test (tests/parallel_test.sh, issue 11)
PKGS="$PKGS parallel"
# Slurm and munge: the sweep job-array test on a one-node Slurm started by
# tests/slurm_test.sh itself (no service is enabled or started by this script)
PKGS="$PKGS slurm-wlm munge"
# `make fuzz` also needs clang with its libFuzzer runtime.
if [ "${1:-}" = "--fuzz" ]; then
    PKGS="$PKGS clang libclang-rt-dev"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
