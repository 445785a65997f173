#!/usr/bin/env bash
# scripts/test.sh: build Dokus twice and run every test suite in both builds.
#
#   build       the normal build (-Dtests=enabled)
#   build-asan  the same with AddressSanitizer and UBSan (-Db_sanitize=address,undefined)
#
# Existing build dirs are reconfigured, not wiped. Runs to the end even when a step fails,
# then prints each build's Check lines and one plain line "N passed, N failed" (see
# scripts/test-summary.py), and exits non-zero if anything failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

if ! ./scripts/install-deps.sh; then
  echo "test.sh: installing packages failed; trying with what is there" >&2
fi

# setup_build DIR ARGS...: configure DIR, reusing it when it is already a meson build dir.
setup_build () {
  local dir="$1"
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@" || meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# run_build DIR "SETUP ARGS" "TEST ARGS": setup, compile and test one build dir; prints
# "DIR:ok", or "DIR:why it could not run its tests", for test-summary.py.
results=()
run_build () {
  local dir="$1" setup_args="$2" test_args="$3"
  echo "=== $dir: setup"
  # shellcheck disable=SC2086 # the args are word lists
  if ! setup_build "$dir" $setup_args; then
    results+=("$dir:meson setup failed")
    return
  fi
  echo "=== $dir: compile"
  if ! meson compile -C "$dir"; then
    results+=("$dir:meson compile failed")
    return
  fi
  echo "=== $dir: test"
  # A stale log from an earlier run must not be counted.
  rm -f "$dir"/meson-logs/testlog*.json "$dir"/meson-logs/testlog*.txt
  # shellcheck disable=SC2086
  meson test -C "$dir" --print-errorlogs --num-processes 2 $test_args
  local rc=$?
  if [ ! -f "$dir/meson-logs/testlog.json" ] && [ $rc -ne 0 ]; then
    results+=("$dir:meson test failed (exit $rc) before running tests")
  else
    results+=("$dir:ok")
  fi
}

run_build build "-Dtests=enabled" ""

export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_build build-asan "-Dtests=enabled -Db_sanitize=address,undefined -Db_lundef=false" "-t 3"

echo
exec python3 scripts/test-summary.py "${results[@]}"
