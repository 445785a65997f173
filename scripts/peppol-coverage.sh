#!/usr/bin/env bash
# scripts/peppol-coverage.sh: regenerates the coverage tables of docs/peppol.md ("Validator"):
# rules implemented / total per family, agreement with the official rule tests per family
# and with the official examples. Runs the validate suite's Check program of BUILD_DIR with
# DOKUS_VALIDATE_COVERAGE set and puts its tables between the coverage markers.
#
# usage: scripts/peppol-coverage.sh [BUILD_DIR]     (default: build)
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-build}
exe="$build/tests/validate/check-validate-official"
doc=docs/peppol.md
begin='<!-- coverage:begin (scripts/peppol-coverage.sh) -->'
end='<!-- coverage:end -->'

[ -x "$exe" ] || { echo "peppol-coverage: build $exe first (ninja -C $build)" >&2; exit 1; }
grep -qF "$begin" "$doc" && grep -qF "$end" "$doc" \
  || { echo "peppol-coverage: $doc lacks the coverage markers" >&2; exit 1; }

tables=$(mktemp)
out=$(mktemp)
trap 'rm -f "$tables" "$out"' EXIT
# the Check program asserts agreement; the tables are written either way
DOKUS_SOURCE_ROOT="$PWD" DOKUS_VALIDATE_COVERAGE="$tables" CK_FORK=yes "$exe" > /dev/null || true
[ -s "$tables" ] || { echo "peppol-coverage: $exe wrote no tables" >&2; exit 1; }

awk -v begin="$begin" -v end="$end" -v tables="$tables" '
  $0 == begin { print; print ""; print "Generated on " strftime("%Y-%m-%d", systime(), 1) "."; print ""; 
                while ((getline line < tables) > 0) print line; print ""; skip = 1; next }
  $0 == end { skip = 0 }
  !skip { print }
' "$doc" > "$out"
cat "$out" > "$doc"
echo "peppol-coverage: updated $doc"
