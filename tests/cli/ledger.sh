#!/usr/bin/env bash
# tests/cli/ledger.sh: the ledger through dokus-cli, end to end, on a throw-away book: init,
# client add/list (and --search), invoice create/issue/show/list (pages, orders, search)/credit,
# payment add, audit verify and passwd,
# each with --json read by python3; and bad input for each (a missing field, a bad VAT number,
# a 3-decimal amount, an unknown field, a wrong passphrase, a refused operation): exit code 1,
# the message on stderr naming the field, {"errors": [...]} on stdout, and the book file
# byte for byte as it was (no WAL left behind: the CLI closes the book every time).
# Expected figures are worked out by hand in the comments.
#
# usage: ledger.sh BUILD_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1/cli/dokus-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_TODAY=2026-03-02
unset DOKUS_NEW_PASSPHRASE DOKUS_RECOVERY_KEY
book=$tmp/book.dokus
# ok, bad, check, contains, jget, run, book_state, succeeds, refused, write, finish
. "$(dirname "$0")/cli-checks.sh"

# ---- help ---------------------------------------------------------------------------------

for sub in "init" "client add" "client list" "client archive" "invoice create" "invoice issue" \
           "invoice show" "invoice list" "invoice credit" "invoice export-ubl" "payment add" "audit verify" "passwd" \
           "client" "invoice" "payment" "audit"; do
  # shellcheck disable=SC2086 # split on purpose
  run $sub --help
  check "$sub --help: exit code" 0 "$rc"
  contains "$sub --help: usage" "usage: dokus-cli $sub" "$out"
done

# ---- init ---------------------------------------------------------------------------------

write profile.json <<'EOF'
{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'iban': 'BE68 5390 0754 7034',
 'address': {'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}
EOF
write profile-no-name.json <<< "{'enterprise_number': '0203.201.340'}"
write profile-bad-vat.json <<< "{'name': 'x', 'enterprise_number': '0203.201.340', 'vat_number': 'BE0203201341'}"
write profile-colour.json <<< "{'name': 'x', 'enterprise_number': '0203.201.340', 'colour': 'red'}"

refused "init without a name" invalid name init "$book" --profile "$tmp/profile-no-name.json"
refused "init with a bad VAT number" invalid vat_number init "$book" --profile "$tmp/profile-bad-vat.json"
refused "init with an unknown field" invalid colour init "$book" --profile "$tmp/profile-colour.json"
check "a refused init leaves no file" "" "$(ls "$tmp" | grep book)"
succeeds init "$book" --profile "$tmp/profile.json"
check "init: the book" "$book" "$(jget 'j["book"]' <<< "$out")"
check "init: the recovery key, 8 groups of 4" 39 "$(jget 'len(j["recovery_key"])' <<< "$out")"
refused "init over a book" refused path init "$book" --profile "$tmp/profile.json"

# ---- client ---------------------------------------------------------------------------------

write be.json <<< "{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': {'city': 'Brussel', 'country': 'BE'}}"
write nl.json <<< "{'name': 'Kanaalkade Media BV', 'vat_number': 'NL004495445B01', 'payment_terms_days': 14, 'address': {'city': 'Amsterdam', 'country': 'NL'}}"
write client-no-name.json <<< "{'vat_number': 'BE0417497106', 'address': {'country': 'BE'}}"
write client-bad-vat.json <<< "{'name': 'x', 'vat_number': 'BE0417497107', 'address': {'country': 'BE'}}"
write client-colour.json <<< "{'name': 'x', 'colour': 'red', 'address': {'country': 'BE'}}"

succeeds client add "$book" "$tmp/be.json"
be=$(jget 'j["id"]' <<< "$out")
check "client add: a UUID" 36 "${#be}"
succeeds client add "$book" "$tmp/nl.json"
succeeds client list "$book"
check "client list: by name" "Atelier Lumière SRL BE0417497106 nl|Kanaalkade Media BV NL004495445B01 nl" \
  "$(jget '"|".join(c["name"] + " " + c["vat_number"] + " " + c["language"] for c in j["clients"])' <<< "$out")"
check "client list: the id" "$be" "$(jget 'j["clients"][0]["id"]' <<< "$out")"
refused "client without a name" invalid name client add "$book" "$tmp/client-no-name.json"
refused "client with a bad VAT number" invalid vat_number client add "$book" "$tmp/client-bad-vat.json"
refused "client with an unknown field" invalid colour client add "$book" "$tmp/client-colour.json"
DOKUS_PASSPHRASE=wrong refused "client list, wrong passphrase" bad_passphrase passphrase client list "$book"
DOKUS_PASSPHRASE=wrong refused "client add, wrong passphrase" bad_passphrase passphrase client add "$book" "$tmp/be.json"

# ---- invoice ---------------------------------------------------------------------------------

# 3 × 33.333 = 99.999 -> 100.00 at 21 %: VAT 21.00; 2 × 12.35 = 24.70 at 6 % less the
# allowance of 4.70 at 6 %: taxable 20.00, VAT 1.20; total 100.00 + 21.00 + 20.00 + 1.20 = 142.20
write invoice.json <<'EOF'
{'client': 'Atelier Lumière SRL', 'issue_date': '2026-03-02', 'note': 'March',
 'lines': [{'description': 'Consultancy', 'quantity': '3', 'unit': 'HUR', 'unit_price': '33.333',
            'vat_rate': '21'},
           {'description': 'Books', 'quantity': '2', 'unit_price': '12.35', 'vat_rate': '6'}],
 'allowances': [{'reason': 'Loyalty', 'amount': '4.70', 'vat_rate': '6'}]}
EOF
write invoice-no-client.json <<< "{'lines': [{'description': 'x', 'quantity': '1', 'unit_price': '1', 'vat_rate': '21'}]}"
write invoice-3-decimals.json <<< "{'client': '$be', 'lines': [{'description': 'x', 'quantity': '1', 'unit_price': '1', 'vat_rate': '21'}], 'allowances': [{'reason': 'x', 'amount': '1.005', 'vat_rate': '21'}]}"
write invoice-colour.json <<< "{'client': '$be', 'lines': [{'description': 'x', 'quantity': '1', 'unit_price': '1', 'vat_rate': '21', 'colour': 'red'}]}"
write invoice-early.json <<< "{'client': '$be', 'issue_date': '2026-03-01', 'lines': [{'description': 'x', 'quantity': '1', 'unit_price': '1', 'vat_rate': '21'}]}"
write invoice-5-decimals.json <<< "{'client': '$be', 'lines': [{'description': 'x', 'quantity': '0.33333', 'unit_price': '1', 'vat_rate': '21'}]}"

refused "invoice without a client" invalid client invoice create "$book" "$tmp/invoice-no-client.json"
refused "invoice with a 3-decimal amount" invalid "allowances[0].amount" invoice create "$book" "$tmp/invoice-3-decimals.json"
refused "invoice with a 5-decimal quantity" invalid "lines[0].quantity" invoice create "$book" "$tmp/invoice-5-decimals.json"
refused "invoice with an unknown field" invalid "lines[0].colour" invoice create "$book" "$tmp/invoice-colour.json"
DOKUS_PASSPHRASE=wrong refused "invoice create, wrong passphrase" bad_passphrase passphrase invoice create "$book" "$tmp/invoice.json"

succeeds invoice create "$book" "$tmp/invoice.json"
draft=$(jget 'j["id"]' <<< "$out")
succeeds invoice show "$book" "$draft"
check "a draft" "draft None 142.20" \
  "$(jget 'j["status"] + " " + str(j["number"]) + " " + j["open_amount"]' <<< "$out")"
succeeds invoice issue "$book" "$draft"
# series 2026 number 1: 2026000001 = 97 × 20886597 + 92 -> check digits 92
check "invoice issue" "2026-0001 issued 2026-03-02 2026-04-01 142.20 +++202/6000/00192+++ False" \
  "$(jget '" ".join(str(j[k]) for k in ("number", "status", "issue_date", "due_date", "tax_inclusive_amount", "structured_communication", "franchise_warning"))' <<< "$out")"
check "invoice issue: the id" "$draft" "$(jget 'j["id"]' <<< "$out")"
succeeds invoice show "$book" 2026-0001
check "invoice show: totals" "124.70 4.70 120.00 22.20 142.20" \
  "$(jget '" ".join(j["totals"][k] for k in ("line_extension_amount", "allowance_total_amount", "tax_exclusive_amount", "tax_amount", "tax_inclusive_amount"))' <<< "$out")"
check "invoice show: VAT per rate" "S 21 100.00 21.00|S 6 20.00 1.20" \
  "$(jget '"|".join(" ".join(v[k] for k in ("category", "rate", "taxable_amount", "tax_amount")) for v in j["vat_breakdown"])' <<< "$out")"
check "invoice show: lines" "100.00 HUR|24.70 C62" \
  "$(jget '"|".join(l["line_extension_amount"] + " " + l["unit"] for l in j["lines"])' <<< "$out")"
check "invoice show: seller and buyer as issued" "Studio Maes BE0417497106" \
  "$(jget 'j["seller"]["name"] + " " + j["buyer"]["vat_number"]' <<< "$out")"
run invoice show "$book" 2026-0001
contains "invoice show, for people" "Invoice 2026-0001" "$out"

# ---- invoice export-ubl ---------------------------------------------------------------------

run invoice export-ubl "$book" 2026-0001
check "export-ubl: exit code" 0 "$rc"
contains "export-ubl: UBL on stdout" "<cbc:ID>2026-0001</cbc:ID>" "$out"
contains "export-ubl: payable" '<cbc:PayableAmount currencyID="EUR">142.20</cbc:PayableAmount>' "$out"
succeeds invoice export-ubl "$book" 2026-0001 -o "$tmp/2026-0001.xml"
check "export-ubl -o: the file" "$tmp/2026-0001.xml" "$(jget 'j["file"]' <<< "$out")"
check "export-ubl -o: its SHA-256" "$(sha256sum < "$tmp/2026-0001.xml" | cut -d' ' -f1)" \
  "$(jget 'j["sha256"]' <<< "$out")"
refused "export-ubl of an unknown number" not_found document invoice export-ubl "$book" 2099-0001

refused "issuing twice" refused id invoice issue "$book" "$draft"
succeeds invoice create "$book" "$tmp/invoice-early.json"
early=$(jget 'j["id"]' <<< "$out")
refused "an issue date before the last" refused issue_date invoice issue "$book" "$early"
refused "crediting a draft" refused invoice invoice credit "$book" "$early"
refused "showing what is not there" not_found document invoice show "$book" 2026-0099

succeeds invoice list "$book"
check "invoice list: newest first (the draft is dated 2026-03-01)" "2026-0001 issued|None draft" \
  "$(jget '"|".join(str(d["number"]) + " " + d["status"] for d in j["invoices"])' <<< "$out")"
succeeds invoice list "$book" --status issued
check "invoice list --status issued" 1 "$(jget 'len(j["invoices"])' <<< "$out")"
refused "invoice list --status unknown" invalid status invoice list "$book" --status unpaid

# ---- payment ---------------------------------------------------------------------------------

succeeds payment add "$book" 2026-0001 --amount 42.20 --date 2026-03-10 --reference "+++202/6000/00192+++"
# 142.20 - 42.20 = 100.00
check "payment add" "2026-0001 partially_paid 100.00" \
  "$(jget 'j["document"] + " " + j["status"] + " " + j["open_amount"]' <<< "$out")"
refused "a payment above the open amount" refused amount payment add "$book" 2026-0001 --amount 100.01 --date 2026-03-11
contains "the message gives both amounts" "100.01" "$err"
contains "the message gives both amounts" "100.00" "$err"
refused "a 3-decimal payment" invalid amount payment add "$book" 2026-0001 --amount 1.005 --date 2026-03-11
refused "a payment without a date" invalid date payment add "$book" 2026-0001 --amount 1.00
refused "a payment on a draft" refused document payment add "$book" "$early" --amount 1.00 --date 2026-03-11
DOKUS_PASSPHRASE=wrong refused "payment, wrong passphrase" bad_passphrase passphrase payment add "$book" 2026-0001 --amount 1.00 --date 2026-03-11

DOKUS_TODAY=2026-04-02 succeeds invoice show "$book" 2026-0001
check "overdue after 2026-04-01" "true 100.00" "$(jget 'json.dumps(j["overdue"]) + " " + j["open_amount"]' <<< "$out")"
DOKUS_TODAY=2026-04-02 succeeds invoice list "$book" --status overdue
check "invoice list --status overdue" "2026-0001" "$(jget '"|".join(d["number"] for d in j["invoices"])' <<< "$out")"

# ---- credit ---------------------------------------------------------------------------------

write credit-colour.json <<< "{'colour': 'red'}"
write credit-too-much.json <<< "{'lines': [{'description': 'x', 'quantity': '1', 'unit_price': '200', 'vat_rate': '21'}]}"
write credit-books.json <<< "{'issue_date': '2026-03-12', 'lines': [{'description': 'Books', 'quantity': '2', 'unit_price': '12.35', 'vat_rate': '6'}]}"
refused "credit with an unknown field" invalid colour invoice credit "$book" 2026-0001 "$tmp/credit-colour.json"
# 1 × 200 at 21 % = 242.00 > 142.20
refused "crediting more than the invoice" refused lines invoice credit "$book" 2026-0001 "$tmp/credit-too-much.json"
# the books back: 24.70 at 6 % = 1.482 -> 1.48; 26.18
succeeds invoice credit "$book" 2026-0001 "$tmp/credit-books.json"
credit=$(jget 'j["id"]' <<< "$out")
succeeds invoice issue "$book" "$credit"
check "credit note issued" "CN-2026-0001 26.18" "$(jget 'j["number"] + " " + j["tax_inclusive_amount"]' <<< "$out")"
succeeds invoice show "$book" 2026-0001
# 142.20 - 42.20 paid - 26.18 credited = 73.82
check "the invoice after the credit note" "partially_paid 26.18 73.82" \
  "$(jget 'j["status"] + " " + j["credited_amount"] + " " + j["open_amount"]' <<< "$out")"
# the rest paid: 42.20 + 73.82 = 116.02; a whole credit (142.20) is more than the
# 142.20 - 26.18 = 116.02 left to credit
succeeds payment add "$book" 2026-0001 --amount 73.82 --date 2026-03-13
check "paid" "paid 0.00" "$(jget 'j["status"] + " " + j["open_amount"]' <<< "$out")"
refused "a whole credit of what was partly credited" refused lines invoice credit "$book" 2026-0001
# a discount after payment: 50.00 + 21 % = 60.50, nothing open left to take it off: a refund
write credit-work.json <<< "{'issue_date': '2026-03-14', 'lines': [{'description': 'Discount', 'quantity': '1', 'unit_price': '50', 'vat_rate': '21'}]}"
succeeds invoice credit "$book" 2026-0001 "$tmp/credit-work.json"
credit=$(jget 'j["id"]' <<< "$out")
succeeds invoice issue "$book" "$credit"
check "a credit after payment" "CN-2026-0002 60.50" "$(jget 'j["number"] + " " + j["tax_inclusive_amount"]' <<< "$out")"
succeeds invoice show "$book" CN-2026-0002
check "its open amount is the refund" "60.50 2026-0001" "$(jget 'j["open_amount"] + " " + j["billing_reference"]["number"]' <<< "$out")"
succeeds payment add "$book" CN-2026-0002 --amount 60.50 --date 2026-03-15
check "the refund" "paid 0.00" "$(jget 'j["status"] + " " + j["open_amount"]' <<< "$out")"

# ---- list: pages, order, search ------------------------------------------------------------

# 2026-0001, the early draft (no number), CN-2026-0001 (the books) and CN-2026-0002 (refunded)
succeeds invoice list "$book" --sort number --limit 2
check "invoice list --sort number --limit 2: the draft first, 4 in all" "None 2026-0001 4" \
  "$(jget '" ".join(str(d["number"]) for d in j["invoices"]) + " " + str(j["total"])' <<< "$out")"
succeeds invoice list "$book" --sort number --desc --limit 1 --offset 1
check "invoice list --sort number --desc --offset 1" "CN-2026-0001" \
  "$(jget '"|".join(d["number"] for d in j["invoices"])' <<< "$out")"
succeeds invoice list "$book" --asc --limit 1
check "invoice list --asc: oldest first" "None 2026-03-01" \
  "$(jget 'str(j["invoices"][0]["number"]) + " " + j["invoices"][0]["issue_date"]' <<< "$out")"
run invoice list "$book" --limit 2
contains "invoice list --limit, for people" "(2 of 4 documents)" "$out"
succeeds invoice list "$book" --search books
check "invoice list --search books: a line of the invoice and of its credit note" \
  "2026-0001|CN-2026-0001" "$(jget '"|".join(sorted(d["number"] for d in j["invoices"]))' <<< "$out")"
succeeds invoice list "$book" --search 'atelier "*' --sort number
check "invoice list --search: the client's name; quotes and stars are no syntax" 4 \
  "$(jget 'j["total"]' <<< "$out")"
succeeds invoice list "$book" --client "$be" --status paid --sort number
# the refund of CN-2026-0002 was paid; CN-2026-0001 took the rest of the invoice: nothing to pay
check "invoice list --client --status paid" "2026-0001|CN-2026-0002" \
  "$(jget '"|".join(d["number"] for d in j["invoices"])' <<< "$out")"
refused "invoice list --limit x" invalid limit invoice list "$book" --limit x
refused "invoice list --sort colour" invalid sort invoice list "$book" --sort colour
refused "invoice list --desc --asc" invalid sort invoice list "$book" --desc --asc
succeeds client list "$book" --search 'kanaal"'
check "client list --search" "Kanaalkade Media BV" \
  "$(jget '"|".join(c["name"] for c in j["clients"])' <<< "$out")"
succeeds client list "$book" --search BE0417
check "client list --search a VAT number" "Atelier Lumière SRL" \
  "$(jget '"|".join(c["name"] for c in j["clients"])' <<< "$out")"

# ---- audit ---------------------------------------------------------------------------------

succeeds audit verify "$book"
# profile 1, clients 2, invoices created 2 (one still a draft), issued 1, UBL export 1 (the
# second export hands out the same bytes and records nothing: docs/peppol.md, "Writer"),
# payments 2, credit notes created 2 and issued 2, refund 1: 14 entries
check "audit verify" "True 14 1" "$(jget '" ".join(str(j[k]) for k in ("valid", "entries", "devices"))' <<< "$out")"
DOKUS_PASSPHRASE=wrong refused "audit verify, wrong passphrase" bad_passphrase passphrase audit verify "$book"

# ---- passwd ---------------------------------------------------------------------------------

DOKUS_PASSPHRASE=wrong DOKUS_NEW_PASSPHRASE=pw2 refused "passwd, wrong passphrase" bad_passphrase passphrase passwd "$book"
DOKUS_NEW_PASSPHRASE=pw2 succeeds passwd "$book"
check "passwd" "$book" "$(jget 'j["book"]' <<< "$out")"
refused "the old passphrase after passwd" bad_passphrase passphrase invoice list "$book"
DOKUS_PASSPHRASE=pw2 succeeds invoice list "$book"
check "the new passphrase opens it" 4 "$(jget 'len(j["invoices"])' <<< "$out")"

# ---- drafts: update and delete; client update ------------------------------------------------

export DOKUS_PASSPHRASE=pw2
# the draft becomes 2 × 50.00 at 21 %: 100.00 + 21.00 = 121.00
write invoice-edit.json <<< "{'client': '$be', 'issue_date': '2026-03-20', 'lines': [{'description': 'Edited', 'quantity': '2', 'unit_price': '50', 'vat_rate': '21'}]}"
succeeds invoice create "$book" "$tmp/invoice-edit.json"
edit=$(jget 'j["id"]' <<< "$out")
write invoice-edit2.json <<< "{'client': '$be', 'issue_date': '2026-03-20', 'lines': [{'description': 'Edited', 'quantity': '3', 'unit_price': '50', 'vat_rate': '21'}]}"
succeeds invoice update "$book" "$edit" "$tmp/invoice-edit2.json"
succeeds invoice show "$book" "$edit"
# 3 × 50.00 = 150.00 + 31.50 = 181.50
check "invoice update" "draft 181.50" "$(jget 'j["status"] + " " + j["totals"]["tax_inclusive_amount"]' <<< "$out")"
refused "invoice update with a 3-decimal amount" invalid "allowances[0].amount" invoice update "$book" "$edit" "$tmp/invoice-3-decimals.json"
refused "invoice update of an issued invoice" refused document invoice update "$book" 2026-0001 "$tmp/invoice-edit.json"
refused "invoice delete of an issued invoice" refused document invoice delete "$book" 2026-0001
succeeds invoice delete "$book" "$edit"
refused "invoice show of a deleted draft" not_found document invoice show "$book" "$edit"
write be-moved.json <<< "{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': {'city': 'Namur', 'country': 'BE'}}"
succeeds client update "$book" "$be" "$tmp/be-moved.json"
succeeds client list "$book" --search namur
check "client update" "Atelier Lumière SRL" "$(jget 'j["clients"][0]["name"]' <<< "$out")"
refused "client update with a bad VAT number" invalid vat_number client update "$book" "$be" "$tmp/client-bad-vat.json"
succeeds audit verify "$book"
check "audit after drafts" "True" "$(jget 'str(j["valid"])' <<< "$out")"

# ---- profile: show, set, logo ---------------------------------------------------------------

succeeds profile show "$book"
profile_name=$(jget 'j["name"]' <<< "$out")
check "profile show: the name" "True" "$(jget 'str(len(j["name"]) > 0)' <<< "$out")"
printf '\x89PNG\r\n\x1a\n0123456789' > "$tmp/logo.png"
printf 'GIF89a' > "$tmp/logo.gif"
succeeds profile logo "$book" "$tmp/logo.png"
check "profile logo" "image/png 18" "$(jget 'j["logo"]["mime"] + " " + str(j["logo"]["bytes"])' <<< "$out")"
refused "profile logo that is not PNG or JPEG" invalid logo profile logo "$book" "$tmp/logo.gif"
refused "profile logo with a file and --remove" invalid logo profile logo "$book" "$tmp/logo.png" --remove
succeeds profile logo "$book" --remove
check "profile logo removed" "None" "$(jget 'str(j["logo"])' <<< "$out")"
write profile-bad-iban.json <<< "{'name': 'x', 'enterprise_number': '0203.201.340', 'iban': 'BE68539007547035'}"
refused "profile set with a bad IBAN" invalid iban profile set "$book" "$tmp/profile-bad-iban.json"
# a new address: the profile changes, issued documents keep the seller they had
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); p['address']['city']='Leuven'; json.dump(p, open(sys.argv[2],'w'))" "$tmp/profile.json" "$tmp/profile-moved.json"
succeeds profile set "$book" "$tmp/profile-moved.json"
check "profile set" "Leuven" "$(jget 'j["address"]["city"]' <<< "$out")"
succeeds invoice show "$book" 2026-0001
check "issued document keeps its seller" "True" "$(jget 'str(j["seller"]["address"]["city"] != "Leuven")' <<< "$out")"

finish
