#!/usr/bin/env bash
# tests/cli/comment.sh: dokus-cli comment add, list (one document, all, --open, --json) and
# resolve on a throw-away book; clear refusals for an unknown document, empty or too long text,
# invalid UTF-8, an unknown comment and resolving twice; comments change no amount, number or
# audit entry.
#
# usage: comment.sh PATH/TO/dokus-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_NEW_PASSPHRASE=pw
checks=0
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WANT GOT WHAT
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: wanted '$1', got '$2'"
}
# json EXPR: evaluates EXPR on the JSON read from stdin (bound to j)
json() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }
# refused WHAT FIELD CLI-ARGS...: exit code 1, the field named on stderr and in --json
refused() {
  local what=$1 field=$2 out rc=0
  shift 2
  out=$("$cli" "$@" --json 2> "$tmp/err") || rc=$?
  expect 1 "$rc" "$what: exit code"
  expect "$field" "$(echo "$out" | json 'j["errors"][0]["field"]')" "$what: field"
  grep -q "($field)" "$tmp/err" || fail "$what: stderr names $field: $(cat "$tmp/err")"
}

book="$tmp/book.dokus"
echo '{"name":"Freelance BV","enterprise_number":"0417497106"}' > "$tmp/profile.json"
"$cli" init "$book" --profile "$tmp/profile.json" --json > /dev/null
echo '{"name": "Atelier Lumiere SRL", "vat_number": "BE0417497106",
       "address": {"city": "Brussel", "country": "BE"}}' > "$tmp/client.json"
"$cli" client add "$book" "$tmp/client.json" --json > /dev/null
# 2 × 50.00 = 100.00 at 21 %: VAT 21.00, total 121.00
echo '{"client": "Atelier Lumiere SRL", "issue_date": "2026-03-02",
       "lines": [{"description": "Advice", "quantity": "2", "unit_price": "50", "vat_rate": "21"}]}' \
  > "$tmp/invoice.json"
draft=$("$cli" invoice create "$book" "$tmp/invoice.json" --json | json 'j["id"]')
"$cli" invoice issue "$book" "$draft" --json > /dev/null
draft2=$("$cli" invoice create "$book" "$tmp/invoice.json" --json | json 'j["id"]')
audit_before=$("$cli" audit verify "$book" --json)

# ---- add ------------------------------------------------------------------------------------
c1=$("$cli" comment add "$book" 2026-0001 "Is de btw hier 21 %? Graag het contract." --json \
       | json 'j["id"]')
expect 36 "${#c1}" "comment add: an id"
c2=$("$cli" comment add "$book" "$draft2" "Klant akkoord met de prijs? — merci" | tail -n 1)
expect 36 "${#c2}" "comment add on a draft by its id, for people: the id"

refused "an unknown document" subject comment add "$book" 2026-0099 "Waar is deze?"
refused "empty text" text comment add "$book" 2026-0001 ""
refused "blank text" text comment add "$book" 2026-0001 "   "
long=$(python3 -c 'print("é" * 2001)')
refused "2001 characters" text comment add "$book" 2026-0001 "$long"
exactly=$(python3 -c 'print("é" * 2000)')
"$cli" comment add "$book" 2026-0001 "$exactly" --json > /dev/null \
  || fail "2000 characters (4000 bytes) are allowed"
checks=$((checks + 1))
refused "invalid UTF-8" text comment add "$book" 2026-0001 "$(printf 'caf\xe9')"

# ---- list -----------------------------------------------------------------------------------
out=$("$cli" comment list "$book" 2026-0001 --json)
expect 2 "$(echo "$out" | json 'len(j["comments"])')" "two comments on 2026-0001"
expect "invoice 2026-0001 owner Is de btw hier 21 %? Graag het contract. None" \
  "$(echo "$out" | json '" ".join(str(x) for x in (j["comments"][0]["subject"]["type"],
       j["comments"][0]["subject"]["number"], j["comments"][0]["author"]["role"],
       j["comments"][0]["text"], j["comments"][0]["resolved"]))')" \
  "the first comment as JSON"
expect 3 "$("$cli" comment list "$book" --json | json 'len(j["comments"])')" "all comments"
out=$("$cli" comment list "$book" "$draft2" --json)
expect "None Klant akkoord met de prijs? — merci" \
  "$(echo "$out" | json 'str(j["comments"][0]["subject"]["number"]) + " " + j["comments"][0]["text"]')" \
  "a draft's comment: no number, the UTF-8 text as written"
out=$("$cli" comment list "$book" 2026-0001)
echo "$out" | grep -q "Graag het contract" || fail "list for people shows the text: $out"
checks=$((checks + 1))
refused "list of an unknown document" subject comment list "$book" 2026-0099

# ---- resolve --------------------------------------------------------------------------------
out=$("$cli" comment resolve "$book" "$c1" --json)
expect "$c1 True" "$(echo "$out" | json 'j["id"] + " " + str(j["resolved"] is not None)')" \
  "comment resolve"
refused "resolving twice" id comment resolve "$book" "$c1"
refused "an unknown comment" id comment resolve "$book" 00000000-0000-4000-8000-000000000000
expect 2 "$("$cli" comment list "$book" --open --json | json 'len(j["comments"])')" \
  "--open leaves the resolved one out"
expect "$c2" "$("$cli" comment list "$book" "$draft2" --open --json | json 'j["comments"][0]["id"]')" \
  "--open on one document"

# ---- comments are no accounting records ------------------------------------------------------
expect "121.00 issued" \
  "$("$cli" invoice show "$book" 2026-0001 --json | json 'j["totals"]["tax_inclusive_amount"] + " " + j["status"]')" \
  "the invoice is unchanged"
expect "$audit_before" "$("$cli" audit verify "$book" --json)" "no audit entry for comments"

# ---- help -----------------------------------------------------------------------------------
"$cli" comment add --help | grep -q "usage: dokus-cli comment add" || fail "comment add --help"
checks=$((checks + 1))
"$cli" --help | grep -q "comment add|list|resolve" || fail "dokus-cli --help lists comment"
checks=$((checks + 1))

echo "comment.sh: $checks checks passed"
