#!/usr/bin/env bash
# tests/cli/ubl-show.sh: dokus-cli ubl show on official examples of ../shared/peppol (an invoice,
# a credit note, an invalid Norwegian invoice with attachments), in four languages and as JSON;
# every figure below was read by hand from the XML. A malformed file, a file that is not UBL, a
# missing file and an unknown language exit 1 with a clear message.
#
# usage: ubl-show.sh PATH/TO/dokus-cli SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1
examples="$2/../shared/peppol/examples"
[ -d "$examples" ] || { echo "FAIL: ../shared/peppol is missing (no $examples)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book=$tmp/none.dokus
# ok, bad, check, contains, jget, run, book_state, succeeds, refused, write, finish
. "$(dirname "$0")/cli-checks.sh"

# has LINE WHAT: the last output holds LINE as a whole line
has() {
  if grep -qxF -- "$1" <<< "$out"; then ok; else bad "$2: no line '$1' in:
$out"; fi
}
invoice="$examples/peppol/base-example.xml"
credit="$examples/peppol/base-creditnote-correction.xml"
norway="$examples/en16931/ubl-tc434-example2.xml"

# ---- base-example.xml: Snippet1, lines 7 DAY x 400 = 2800 and -3 DAY x 500 = -1500 (net 1300),
# a 25.00 charge, S 25 % on 1325 = 331.25, payable 1656.25, due 2017-12-01
run ubl show "$invoice"
check "ubl show: exit code" 0 "$rc"
has "Invoice Snippet1 (type 380, EUR)" "invoice: number, type, currency"
has "Issue date: 13/11/2017" "invoice: issue date"
has "Due date: 01/12/2017" "invoice: due date"
has "Supplier: SupplierTradingName Ltd. (SupplierOfficialName Ltd)" "invoice: supplier"
has "  VAT: GB1232434" "invoice: supplier VAT"
has "  Company no.: GB983294" "invoice: supplier company number"
has "  Peppol: 0088:9482348239847239874" "invoice: supplier Peppol id"
has "Customer: BuyerTradingName AS (Buyer Official Name)" "invoice: customer"
has "  Peppol: 0002:FR23342" "invoice: customer Peppol id"
has "References: buyer 0150abc" "invoice: buyer reference"
has "  1. item name" "invoice: line 1"
has "     7 DAY × 400.00 EUR = 2,800.00 EUR   VAT S 25%" "invoice: line 1 figures"
has "     -3 DAY × 500.00 EUR = -1,500.00 EUR   VAT S 25%" "invoice: line 2 figures"
has "  S 25%: taxable 1,325.00 EUR, VAT 331.25 EUR" "invoice: VAT breakdown"
has "  Sum of lines: 1,300.00 EUR" "invoice: line total"
has "  Charges: 25.00 EUR" "invoice: charges"
has "  Total incl. VAT: 1,656.25 EUR" "invoice: total incl. VAT"
has "Amount due: 1,656.25 EUR (Due date 01/12/2017)" "invoice: payable and due date"
has "Payment: IBAN32423940 (BIC BIC324098), AccountName, reference Snippet1" \
  "invoice: account and payment reference"
contains "invoice: verdict" "Validation: valid (Peppol BIS Billing 3" "$out"

# the same in German and Dutch: dates with dots, decimal commas
run ubl show "$invoice" --language de
has "Rechnungsdatum: 13.11.2017" "de: issue date"
has "Zu zahlen: 1.656,25 EUR (Fällig am 01.12.2017)" "de: payable"
run ubl show "$invoice" --language nl
has "  S 25%: maatstaf 1.325,00 EUR, btw 331,25 EUR" "nl: VAT breakdown"

# ---- the credit note, in French: one line 7 DAY x 400 = 2800, payable 1656.25
run ubl show "$credit" --language fr
has "Note de crédit Snippet1 (type 381, EUR)" "credit note: type in French"
has "     7 DAY × 400,00 EUR = 2 800,00 EUR   TVA S 25%" "credit note: line"
has "À payer: 1 656,25 EUR" "credit note: payable"
contains "credit note: verdict" "Validation: valide (" "$out"

# ---- TOSL108 (NOK): prepaid 1000.00, payable 801.78; S 25 % on 1460.50 = 365.13; the embedded
# test.pdf is "Testing Base64 encoding" (23 bytes); it breaks 9 rules (NO-R-001 and eight
# PEPPOL-EN16931 rules, ../shared/peppol/examples/EXPECTED.tsv) but is still shown, exit 0
run ubl show "$norway" --language nl
check "an invalid document is still shown" 0 "$rc"
has "Factuur TOSL108 (type 380, NOK)" "nl: number"
has "Periode: 01/06/2013 - 30/06/2013" "nl: invoice period"
has "Referenties: bestelling 123; contract Contract321" "nl: order and contract"
has "  S 25%: maatstaf 1.460,50 NOK, btw 365,13 NOK" "nl: VAT breakdown"
has "  Reeds betaald: 1.000,00 NOK" "nl: prepaid"
has "Te betalen: 801,78 NOK (Vervaldatum 20/07/2013)" "nl: payable"
has "Betaling: NO9386011117947 (BIC DNBANOKK), mededeling 0003434323213231" "nl: payment"
has "  test.pdf (application/pdf, 23 bytes): EHF specification" "nl: embedded attachment"
has "  Doc1 (link http://www.suppliersite.eu/sheet001.html): Timesheet" "nl: linked attachment"
contains "nl: verdict" "Validatie: ONGELDIG: 9 fataal (" "$out"

# ---- --json: the reader's JSON with the verdict
run ubl show "$norway" --json
check "json: number, amounts, attachment, verdict" "TOSL108 801.78 1000.00 23 False 9" \
  "$(jget '" ".join(str(x) for x in (j["number"], j["totals"]["payable"], j["totals"]["prepaid"],
      j["attachments"][1]["size"], j["validation"]["valid"],
      j["validation"]["fatal"]))' <<< "$out")"
check "json: the first three fatal rules" 3 "$(jget 'len(j["validation"]["rules"])' <<< "$out")"
run ubl show "$invoice" --json
check "json: a valid invoice" "1656.25 True 0" \
  "$(jget '" ".join(str(x) for x in (j["totals"]["payable"], j["validation"]["valid"],
      j["validation"]["fatal"]))' <<< "$out")"
if python3 -m json.tool <<< "$out" > /dev/null; then ok; else bad "json: json.tool refuses it"; fi

# ---- errors: exit 1, the reason on stderr
head -c 700 "$invoice" > "$tmp/truncated.xml"
run ubl show "$tmp/truncated.xml"
check "a truncated file: exit code" 1 "$rc"
contains "a truncated file: message" "not well-formed XML" "$err"
printf '<?xml version="1.0"?>\n<Order xmlns="urn:example"><ID>1</ID></Order>\n' > "$tmp/order.xml"
run ubl show "$tmp/order.xml"
check "not an invoice: exit code" 1 "$rc"
contains "not an invoice: message" "not a UBL invoice or credit note" "$err"
run ubl show "$tmp/missing.xml"
check "a missing file: exit code" 1 "$rc"
contains "a missing file: message" "cannot read" "$err"
run ubl show "$invoice" --language es
check "an unknown language: exit code" 1 "$rc"
contains "an unknown language: message" "expected nl, fr, de or en" "$err"

finish
