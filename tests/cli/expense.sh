#!/usr/bin/env bash
# tests/cli/expense.sh: dokus-cli expense add (with repeated --receipt), list, show and receipt
# on a throw-away book; receipts come back byte for byte and are not in clear in the book.
#
# usage: expense.sh PATH/TO/dokus-cli
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

book="$tmp/book.dokus"
echo '{"name":"Freelance BV","enterprise_number":"0417497106"}' > "$tmp/profile.json"
"$cli" init "$book" --profile "$tmp/profile.json" --json > /dev/null

# an Irish SaaS bill: 100.00 eu_services, 21 % self-assessed = 21.00
cat > "$tmp/saas.json" <<'JSON'
{"date": "2026-03-02",
 "supplier": {"name": "Cloudly Ltd", "vat_number": "IE6388047V", "country": "IE"},
 "number": "INV-1001", "category": "software", "kind": "services",
 "vat_treatment": "eu_services", "lines": [{"base": "100.00", "vat_rate": "21"}]}
JSON
marker="CLI-RECEIPT-MARKER-5d2e"
{ printf '%%PDF-1.7\n'; printf '%s\n' "$marker"; head -c 3000 /dev/urandom; } > "$tmp/bill.pdf"
printf 'paid by card\n' > "$tmp/notes.txt"

id=$("$cli" expense add "$book" "$tmp/saas.json" --receipt "$tmp/bill.pdf" --json \
       --receipt "$tmp/notes.txt" | json 'j["id"]')
checks=$((checks + 1))
[ ${#id} -eq 36 ] || fail "expense add printed the id '$id'"

out=$("$cli" expense list "$book" --json)
expect 1 "$(echo "$out" | json 'len(j["expenses"])')" "one purchase listed"
expect "21.00 21.00 100.00" \
  "$(echo "$out" | json '" ".join(j["expenses"][0][k] for k in
                                  ("vat_amount", "vat_recoverable_amount", "total_amount"))')" \
  "self-assessed VAT, recoverable, paid to the supplier"
expect "bill.pdf application/pdf notes.txt text/plain" \
  "$(echo "$out" | json '" ".join(r["filename"] + " " + r["mime_type"]
                                  for r in j["expenses"][0]["receipts"])')" \
  "two receipts, names without their directory"
expect 0 "$("$cli" expense list "$book" --from 2026-04-01 --json | json 'len(j["expenses"])')" \
  "--from after the purchase"

out=$("$cli" expense show "$book" "$id" --json)
expect "100.00 21" \
  "$(echo "$out" | json 'j["lines"][0]["base"] + " " + j["lines"][0]["vat_rate"]')" \
  "show has the lines"
att=$(echo "$out" | json 'j["receipts"][0]["id"]')
checks=$((checks + 1))
"$cli" expense show "$book" "$id" | grep "self-assessed" >/dev/null || fail "human show"

"$cli" expense receipt "$book" "$att" -o "$tmp/back.pdf" > /dev/null
checks=$((checks + 1))
cmp -s "$tmp/bill.pdf" "$tmp/back.pdf" || fail "the receipt read back differs"
checks=$((checks + 1))
if grep -q "$marker" "$book"; then fail "the receipt is in clear in the book"; fi

# refusals: exit 1 with the error as JSON
set +e
out=$("$cli" expense add "$book" "$tmp/saas.json" --json 2>/dev/null); rc=$?
set -e
expect 1 "$rc" "a duplicate exits 1"
expect "refused number" \
  "$(echo "$out" | json 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]')" \
  "a duplicate supplier number is refused"
checks=$((checks + 1))
if "$cli" expense add "$book" "$tmp/saas.json" --receipt 2>/dev/null; then
  fail "--receipt without a FILE"
fi
checks=$((checks + 1))
if "$cli" expense show "$book" no-such-id 2>/dev/null; then fail "show of an unknown id"; fi
checks=$((checks + 1))
if "$cli" expense receipt "$book" "$att" 2>/dev/null; then fail "receipt without -o"; fi

echo "$checks passed, 0 failed"
