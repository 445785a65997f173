#!/usr/bin/env bash
# tests/validate/validate-cli.sh: dokus-cli ubl validate end to end on official Peppol examples
# (read from ../shared/peppol at run time) and on copies changed by hand: the exit status, the
# human output and the --json object.
#
# usage: validate-cli.sh PATH/TO/dokus-cli SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cli=$1
src=$2
ex="$src/../shared/peppol/examples"
[ -d "$ex" ] || { echo "FAIL: missing $ex (the official Peppol test material)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
checks=0
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WANT GOT WHAT
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: wanted '$1', got '$2'"
}
release="Peppol BIS Billing 3.0.21 / CEN EN 16931 1.3.16"

# a valid invoice and a valid credit note: exit 0, no finding
set +e
out=$("$cli" ubl validate "$ex/peppol/base-example.xml" "$ex/peppol/base-creditnote-correction.xml")
rc=$?
set -e
expect 0 "$rc" "exit status, valid documents"
case "$out" in *"base-example.xml: valid (Invoice; 0 fatal, 0 warnings)"*) ;; *) fail "human output: $out";; esac
case "$out" in *"Rules: $release"*) ;; *) fail "release missing: $out";; esac

json=$("$cli" ubl validate --json "$ex/peppol/base-example.xml")
expect "$release" "$(jq -r .release <<< "$json")" "json release"
expect true "$(jq -r '.files[0].valid' <<< "$json")" "json valid"
expect 0 "$(jq -r '.files[0].findings | length' <<< "$json")" "json findings"
expect '["file","findings","valid"]' "$(jq -c '.files[0] | keys' <<< "$json")" "json file keys"

# 1656.25 -> 1656.26: total with VAT no longer 1325 + 331.25 (BR-CO-15), amount due 1656.25
# no longer equals it (BR-CO-16)
sed 's|<cbc:TaxInclusiveAmount currencyID="EUR">1656.25<|<cbc:TaxInclusiveAmount currencyID="EUR">1656.26<|' \
  "$ex/peppol/base-example.xml" > "$tmp/total.xml"
set +e
json=$("$cli" ubl validate --json "$tmp/total.xml")
rc=$?
set -e
expect 1 "$rc" "exit status, wrong total"
expect false "$(jq -r '.files[0].valid' <<< "$json")" "json invalid"
expect "BR-CO-15 BR-CO-16" "$(jq -r '[.files[0].findings[].rule] | sort | join(" ")' <<< "$json")" "rules"
expect fatal "$(jq -r '.files[0].findings[0].flag' <<< "$json")" "flag"
expect /Invoice/cac:LegalMonetaryTotal \
  "$(jq -r '.files[0].findings[] | select(.rule == "BR-CO-16") | .location' <<< "$json")" "location"

# the Greek example breaks the UBL element order and lacks the seller name (BR-06)
set +e
out=$("$cli" ubl validate "$ex/peppol-national/GR/GR-base-example-TaxRepresentative.xml")
rc=$?
set -e
expect 1 "$rc" "exit status, Greek example"
case "$out" in *"UBL-XSD"*"out of order"*"BR-06"*) ;; *) fail "Greek findings: $out";; esac

# not a file, not XML, a DOCTYPE: exit 1 with a message naming the problem; the good file
# in the same run is still reported
printf 'not xml' > "$tmp/junk.xml"
printf '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Invoice/>' > "$tmp/dtd.xml"
set +e
json=$("$cli" ubl validate --json "$tmp/missing.xml" "$tmp/junk.xml" "$tmp/dtd.xml" \
       "$ex/peppol/base-example.xml" 2> "$tmp/err")
rc=$?
set -e
expect 1 "$rc" "exit status, unreadable files"
expect 4 "$(jq -r '.files | length' <<< "$json")" "every file reported"
expect io "$(jq -r '.files[0].error.code' <<< "$json")" "missing file"
case "$(jq -r '.files[1].error.message' <<< "$json")" in *"not well-formed"*) ;; *) fail "junk";; esac
case "$(jq -r '.files[2].error.message' <<< "$json")" in *DOCTYPE*) ;; *) fail "doctype";; esac
expect true "$(jq -r '.files[3].valid' <<< "$json")" "good file after bad ones"

# usage errors
set +e
"$cli" ubl validate > /dev/null 2>&1
rc=$?
set -e
expect 1 "$rc" "no file"

echo "validate-cli: $checks checks passed"
