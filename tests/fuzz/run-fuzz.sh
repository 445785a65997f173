#!/usr/bin/env bash
# tests/fuzz/run-fuzz.sh: builds the libFuzzer target fuzz-ubl (UBL reader + validator) with clang,
# -fsanitize=fuzzer,address,undefined, in its own meson build directory (libdokus static, core
# compiled with -fsanitize=fuzzer-no-link for coverage), seeds it with the official Peppol
# examples of ../shared/peppol and the regression corpus, and runs it for SECONDS.
#
# usage: tests/fuzz/run-fuzz.sh SECONDS [BUILD_DIR]     (BUILD_DIR: build-fuzz by default)
#
# A crash leaves BUILD_DIR/crash-* (and leak-*, timeout-*): fix it, then add the file to
# tests/fuzz/corpus/ under a name that says what it is, so that the fuzz-replay test keeps it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

secs=${1:?usage: run-fuzz.sh SECONDS [BUILD_DIR]}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$src/build-fuzz}
examples="$src/../shared/peppol/examples"
[ -d "$examples" ] || { echo "run-fuzz.sh: ../shared/peppol is missing (no $examples)" >&2; exit 1; }
command -v clang > /dev/null || { echo "run-fuzz.sh: clang is needed" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dgui=disabled -Dtests=disabled -Ddefault_library=static \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false -Dbuildtype=debugoptimized \
    -Dc_args=-fsanitize=fuzzer-no-link > "$log" 2>&1 || { cat "$log"; exit 1; }
fi
ninja -C "$build" -j2 core/libdokus.a > "$log" 2>&1 || { tail -20 "$log"; exit 1; }

defs=()
[ -f "$src/core/peppol/validate/meson.build" ] && defs+=(-DDOKUS_HAVE_UBL_VALIDATE)
# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined "${defs[@]}" -I"$src/core/include" \
  $(pkg-config --cflags libcjson) "$src/tests/fuzz/fuzz-ubl.c" "$build/core/libdokus.a" \
  $(pkg-config --libs sqlite3 libsodium libcjson libxml-2.0) -lm -o "$build/fuzz-ubl"

# the fuzzer writes what it learns into its first corpus directory; seeds stay untouched
work="$build/fuzz-corpus"
mkdir -p "$work" "$build/seeds"
find "$examples" -type f \( -name '*.xml' -o -name '*.XML' \) -exec cp {} "$build/seeds/" \;
cp "$src/tests/fuzz/corpus/"*.xml "$build/seeds/"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$build/fuzz-ubl" -max_total_time="$secs" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
  -dict="$src/tests/fuzz/ubl.dict" -artifact_prefix="$build/" -print_final_stats=1 \
  "$work" "$build/seeds"
