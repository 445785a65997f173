#!/usr/bin/env bash
# tests/cli/expense-receipt.sh: dokus-cli expense receipt add, a receipt added to a recorded
# purchase on a throw-away book: listed after the first one, read back byte for byte, the audit
# chain intact;
# refused for an unknown purchase, the same file twice, a missing or empty file.
#
# usage: expense-receipt.sh PATH/TO/dokus-cli
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
# refused WANT_CODE WANT_FIELD ARGS...: the command exits 1 with that error
refused() {
  local code=$1 field=$2 out rc
  shift 2
  set +e
  out=$("$cli" "$@" --json 2>/dev/null); rc=$?
  set -e
  expect 1 "$rc" "$* exits 1"
  expect "$code $field" \
    "$(echo "$out" | json 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]')" "$*"
}

book="$tmp/book.dokus"
echo '{"name":"Freelance BV","enterprise_number":"0417497106"}' > "$tmp/profile.json"
"$cli" init "$book" --profile "$tmp/profile.json" --json > /dev/null
cat > "$tmp/phone.json" <<'JSON'
{"date": "2026-11-02", "supplier": {"name": "Telenet BV", "country": "BE"},
 "number": "F-2026-1102", "category": "telecom", "kind": "services",
 "vat_treatment": "domestic", "lines": [{"base": "50.00", "vat_rate": "21", "vat_amount": "10.50"}]}
JSON
printf '%%PDF-1.4 the bill as e-mailed\n' > "$tmp/bill.pdf"
mkdir "$tmp/scans"
{ printf '\377\330\377\340'; head -c 2000 /dev/urandom; } > "$tmp/scans/paper receipt.jpg"
: > "$tmp/empty.pdf"

id=$("$cli" expense add "$book" "$tmp/phone.json" --receipt "$tmp/bill.pdf" --json | json 'j["id"]')

# added later, from another folder: the name without its directory, listed last
out=$("$cli" expense receipt add "$book" "$id" "$tmp/scans/paper receipt.jpg" --json)
att=$(echo "$out" | json 'j["receipt"]')
expect 36 "${#att}" "receipt add prints the receipt's id"
expect "$id paper receipt.jpg" "$(echo "$out" | json 'j["expense"] + " " + j["filename"]')" \
  "receipt add names the purchase and the file"
out=$("$cli" expense show "$book" "$id" --json)
expect "bill.pdf paper receipt.jpg image/jpeg" \
  "$(echo "$out" | json '" ".join([r["filename"] for r in j["receipts"]]
                                  + [j["receipts"][1]["mime_type"]])')" \
  "both receipts, the new one last"
expect "$att" "$(echo "$out" | json 'j["receipts"][1]["id"]')" "the id printed is the one listed"
expect "60.50" "$(echo "$out" | json 'j["total_amount"]')" "the purchase did not change"

"$cli" expense receipt "$book" "$att" -o "$tmp/back.jpg" > /dev/null
checks=$((checks + 1))
cmp -s "$tmp/scans/paper receipt.jpg" "$tmp/back.jpg" || fail "the receipt read back differs"

# without --json: just the id
other="$tmp/second page.pdf"
printf '%%PDF-1.4 page two\n' > "$other"
att2=$("$cli" expense receipt add "$book" "$id" "$other")
expect 36 "${#att2}" "the human output is the receipt's id"

# audited (tests/core check-expense reads the entries): the chain still verifies
"$cli" audit verify "$book" > /dev/null
checks=$((checks + 1))

# refusals
refused not_found expense expense receipt add "$book" 00000000-0000-4000-8000-000000000000 "$tmp/bill.pdf"
refused refused receipt expense receipt add "$book" "$id" "$tmp/bill.pdf"
refused invalid "receipts[3]" expense receipt add "$book" "$id" "$tmp/empty.pdf"
checks=$((checks + 1))
if "$cli" expense receipt add "$book" "$id" "$tmp/no-such-file.pdf" 2>/dev/null; then
  fail "a missing file"
fi
checks=$((checks + 1))
if "$cli" expense receipt add "$book" "$id" 2>/dev/null; then fail "receipt add without a FILE"; fi
expect 3 "$("$cli" expense show "$book" "$id" --json | json 'len(j["receipts"])')" \
  "nothing added by the refusals"

echo "$checks passed, 0 failed"
