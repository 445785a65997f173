#!/usr/bin/env bash
# tests/sync/peppol-cli.sh: dokus-cli peppol send, status and fetch against a real dokus-testap on
# 127.0.0.1, on throw-away books: an invoice is queued, sent and delivered (the book says
# delivered, the invoice sent); a second one is rejected and the access point's reason is shown
# (exit 1); a supplier's invoice waiting at the access point becomes one expense, however often
# it is fetched; a missing CA file and a missing URL are clear errors; the token never shows.
#
# usage: peppol-cli.sh BUILD_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1/cli/dokus-cli
testap=$1/sync/dokus-testap
tmp=$(mktemp -d)
token="cli-token-$RANDOM$RANDOM"
testap_pid=
cleanup() {
  if [ -n "$testap_pid" ]; then kill "$testap_pid" 2>/dev/null; wait "$testap_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_TODAY=2026-03-02 DOKUS_AP_TOKEN=$token
unset DOKUS_AP_URL
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check WHAT WANT GOT
  if [ "$2" = "$3" ]; then ok; else bad "$1: wanted '$2', got '$3'"; fi
}
contains() { # contains WHAT NEEDLE HAYSTACK
  case $3 in *"$2"*) ok ;; *) bad "$1: '$2' not in '$3'" ;; esac
}
lacks() { # lacks WHAT NEEDLE HAYSTACK
  case $3 in *"$2"*) bad "$1: '$2' in '$3'" ;; *) ok ;; esac
}
jget() {
  python3 -c "import json, sys
try:
    j = json.load(sys.stdin)
    v = $1
except Exception as e:
    print('!', type(e).__name__, e); sys.exit(0)
print(json.dumps(v) if isinstance(v, (bool, type(None), list, dict)) else v)"
}
run() { # run ARGS...: sets out, err and rc
  out=$("$cli" "$@" 2> "$tmp/stderr")
  rc=$?
  err=$(cat "$tmp/stderr")
}
write() { tr "'" '"' > "$tmp/$1"; }
control() { # control WHAT [CURL ARGS...]
  local what=$1
  shift
  curl -sf -X POST "$url/control/$what" "$@" > /dev/null || bad "control/$what failed"
}
stat() { curl -sf "$url/control/stats" | jget "j[\"$1\"]"; }

# ---- the test access point ---------------------------------------------------------------

"$testap" --token "$token" > "$tmp/port" 2> "$tmp/testap.log" &
testap_pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/port" ] && break
  sleep 0.1
done
port=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$tmp/port")
[ -n "$port" ] || { echo "FAIL: dokus-testap did not start"; exit 1; }
url=http://127.0.0.1:$port

# ---- our book: one client, two invoices ----------------------------------------------------

book=$tmp/book.dokus
write profile.json <<'JSON'
{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'iban': 'BE68 5390 0754 7034',
 'address': {'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}
JSON
write client.json <<< "{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': {'street': 'Rue Haute 48', 'postal_code': '1000', 'city': 'Brussel', 'country': 'BE'}}"
# 2 × 50.00 = 100.00 at 21 %: VAT 21.00, total 121.00
write invoice.json <<< "{'client': 'Atelier Lumière SRL', 'lines': [{'description': 'Drukwerk', 'quantity': '2', 'unit_price': '50.00', 'vat_rate': '21'}]}"
"$cli" init "$book" --profile "$tmp/profile.json" --json > /dev/null || bad "init"
"$cli" client add "$book" "$tmp/client.json" --json > /dev/null || bad "client add"
for _ in 1 2; do
  id=$("$cli" invoice create "$book" "$tmp/invoice.json" --json | jget 'j["id"]')
  "$cli" invoice issue "$book" "$id" --json > /dev/null || bad "invoice issue"
done

# ---- send ------------------------------------------------------------------------------------

run peppol send "$book" 2026-0001
check "send without a URL: exit code" 1 "$rc"
contains "send without a URL: says so" "--ap-url" "$err"

run peppol send "$book" 2026-0001 --ap-url "$url" --ca-file "$tmp/missing-ca.pem" --json
check "a missing CA file: exit code" 1 "$rc"
check "a missing CA file: the field" "ca_file" "$(jget 'j["errors"][0]["field"]' <<< "$out")"
contains "a missing CA file: names it" "missing-ca.pem" "$err"

run peppol send "$book" 2026-0001 --ap-url "$url" --json
check "send: exit code" 0 "$rc"
check "send: delivered" "1 0 0" \
  "$(jget '" ".join(str(j["summary"][k]) for k in ("delivered", "rejected", "failed"))' <<< "$out")"
check "send: the event" "2026-0001 delivered" \
  "$(jget 'j["events"][0]["number"] + " " + j["events"][0]["state"]' <<< "$out")"
lacks "send: no token in the output" "$token" "$out$err"

run peppol status "$book" 2026-0001 --json
check "status: delivered to the buyer's enterprise number" "delivered 0208:0417497106 1" \
  "$(jget '" ".join(str(j["transmissions"][0][k]) for k in ("state", "receiver_id", "attempts"))' <<< "$out")"
run invoice show "$book" 2026-0001 --json
check "the invoice is sent" "sent" "$(jget 'j["status"]' <<< "$out")"
check "the access point stored one document" 1 "$(stat stored)"

# the second invoice is rejected by the receiving side
doc2=$("$cli" invoice show "$book" 2026-0002 --json | jget 'j["id"]')
control reject -d "{\"document_id\": \"$doc2\", \"reason\": \"Receiver not found in the SML\"}"
run peppol send "$book" 2026-0002 --ap-url "$url"
check "a rejection: exit code" 1 "$rc"
contains "a rejection: the access point's reason" "2026-0002: rejected: Receiver not found in the SML" "$out"
contains "a rejection: said on stderr" "1 rejected" "$err"
run peppol send "$book" 2026-0002 --ap-url "$url" --json
check "sending a rejected one again: exit code" 1 "$rc"
check "sending a rejected one again: refused" "refused" "$(jget 'j["errors"][0]["code"]' <<< "$out")"
contains "sending a rejected one again: the reason" "Receiver not found in the SML" "$err"
run peppol status "$book" --json
check "status of all" "2026-0001 delivered|2026-0002 rejected Receiver not found in the SML" \
  "$(jget '"|".join(" ".join(x for x in (t["number"], t["state"], t["reason"]) if x) for t in j["transmissions"])' <<< "$out")"
run peppol status "$book"
contains "status, for people" "Receiver not found in the SML" "$out"

# ---- fetch -----------------------------------------------------------------------------------

# a supplier (Drukkerij Peeters, BE0417497106) bills us 2 × 50.00 at 21 %, made by dokus itself
supplier=$tmp/supplier.dokus
write supplier.json <<'JSON'
{'name': 'Drukkerij Peeters BV', 'enterprise_number': '0417.497.106', 'iban': 'BE68 5390 0754 7034',
 'address': {'street': 'Kerkstraat 2', 'postal_code': '2000', 'city': 'Antwerpen', 'country': 'BE'}}
JSON
write us.json <<< "{'name': 'Studio Maes', 'vat_number': 'BE0203201340', 'address': {'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}"
write bill.json <<< "{'client': 'Studio Maes', 'lines': [{'description': 'Drukwerk', 'quantity': '2', 'unit_price': '50.00', 'vat_rate': '21'}]}"
"$cli" init "$supplier" --profile "$tmp/supplier.json" --json > /dev/null || bad "supplier init"
"$cli" client add "$supplier" "$tmp/us.json" --json > /dev/null || bad "supplier client"
id=$("$cli" invoice create "$supplier" "$tmp/bill.json" --json | jget 'j["id"]')
"$cli" invoice issue "$supplier" "$id" --json > /dev/null || bad "supplier issue"
"$cli" invoice export-ubl "$supplier" 2026-0001 -o "$tmp/bill.xml" > /dev/null \
  || bad "supplier export-ubl"
control incoming --data-binary "@$tmp/bill.xml" -H "X-Peppol-Sender: 0208:0417497106"

run peppol fetch "$book" --ap-url "$url" --json
check "fetch: exit code" 0 "$rc"
check "fetch: one imported" "1 0 0" \
  "$(jget '" ".join(str(j[k]) for k in ("imported", "duplicates", "failed"))' <<< "$out")"
run expense list "$book" --json
check "the expense: 100.00 + 21.00 = 121.00 from Drukkerij Peeters BV" \
  "1 Drukkerij Peeters BV 100.00 21.00 121.00" \
  "$(jget '" ".join([str(len(j["expenses"])), j["expenses"][0]["supplier"]["name"]] + [j["expenses"][0][k] for k in ("base_amount", "vat_amount", "total_amount")])' <<< "$out")"

# the document is acknowledged: fetching again (twice, as two devices would) adds nothing
DOKUS_AP_URL=$url run peppol fetch "$book" --json
check "second fetch" "0 0 0" "$(jget '" ".join(str(j[k]) for k in ("imported", "duplicates", "failed"))' <<< "$out")"
DOKUS_AP_URL=$url run peppol fetch "$book"
check "third fetch: exit code" 0 "$rc"
run expense list "$book" --json
check "still one expense" 1 "$(jget 'len(j["expenses"])' <<< "$out")"
check "acknowledged at the access point" 1 "$(stat incoming_acked)"

echo "peppol-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
