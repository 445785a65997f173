#!/usr/bin/env bash
# tests/peppol/ubl-import.sh: dokus-cli ubl import end to end on a throw-away book: a Belgian
# invoice written here by hand (two rates, an embedded PDF), the official Belgian credit note of
# ../shared/peppol, the original XML and the attachment read back byte for byte, a duplicate
# refused, and a bad file leaving the book unchanged.
#
# usage: ubl-import.sh PATH/TO/dokus-cli SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cli=$1
examples="$2/../shared/peppol/examples"
[ -d "$examples" ] || { echo "FAIL: ../shared/peppol is missing (no $examples)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_NEW_PASSPHRASE=pw
checks=0
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WANT GOT WHAT
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: wanted '$1', got '$2'"
}
json() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }

book="$tmp/book.dokus"
echo '{"name":"Freelance BV","enterprise_number":"0417497106"}' > "$tmp/profile.json"
"$cli" init "$book" --profile "$tmp/profile.json" --json > /dev/null

# the embedded receipt: "%PDF-1.4\nHello receipt\n"
printf '%%PDF-1.4\nHello receipt\n' > "$tmp/expected.pdf"
b64=$(base64 -w0 < "$tmp/expected.pdf")
# 1000.00 at 21 % = 210.00 and 50.00 at 6 % = 3.00: 1050.00 + 213.00 = 1263.00
cat > "$tmp/invoice.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>F2026-0042</cbc:ID>
  <cbc:IssueDate>2026-11-02</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AdditionalDocumentReference>
    <cbc:ID>R1</cbc:ID>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="bill.pdf">$b64</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Drukkerij Peeters</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>BE0403170701</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">213.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">1000.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">210.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">50.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">3.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>6</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">1050.00</cbc:LineExtensionAmount>
    <cbc:PayableAmount currencyID="EUR">1263.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:LineExtensionAmount currencyID="EUR">1000.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Website redesign</cbc:Name></cac:Item>
  </cac:InvoiceLine>
</Invoice>
XML

out=$("$cli" ubl import "$book" "$tmp/invoice.xml" --json)
id=$(echo "$out" | json 'j["id"]')
checks=$((checks + 1))
[ ${#id} -eq 36 ] || fail "ubl import printed the id '$id'"
expect "Drukkerij Peeters F2026-0042 domestic False 2" \
  "$(echo "$out" | json '" ".join(str(j[k]) for k in
                                  ("supplier", "number", "vat_treatment", "credit_note", "receipts"))')" \
  "the import result"
# the document has no buyer (BR-07, BR-10, ...): kept as evidence, the findings reported
expect "True" "$(echo "$out" | json '"available" in j["validation"]')" "validation reported"
if [ "$(echo "$out" | json 'j["validation"]["available"]')" = True ]; then
  expect "False True" \
    "$(echo "$out" | json 'str(j["validation"]["valid"]) + " " + str(len(j["validation"]["fatal"]) > 0)')" \
    "an invalid document is recorded with its fatal findings"
fi

out=$("$cli" expense show "$book" "$id" --json)
expect "1000.00/21/210.00 50.00/6/3.00" \
  "$(echo "$out" | json '" ".join(l["base"] + "/" + l["vat_rate"] + "/" + l["vat_amount"]
                                  for l in j["lines"])')" \
  "one expense line per VAT row, VAT as charged"
expect "1263.00 Website redesign" "$(echo "$out" | json 'j["total_amount"] + " " + j["description"]')" \
  "total and description"
expect "F2026-0042.xml application/xml bill.pdf application/pdf" \
  "$(echo "$out" | json '" ".join(r["filename"] + " " + r["mime_type"] for r in j["receipts"])')" \
  "the original and the attachment are receipts"
xml_id=$(echo "$out" | json 'j["receipts"][0]["id"]')
pdf_id=$(echo "$out" | json 'j["receipts"][1]["id"]')
"$cli" expense receipt "$book" "$xml_id" -o "$tmp/back.xml" > /dev/null
checks=$((checks + 1))
cmp -s "$tmp/invoice.xml" "$tmp/back.xml" || fail "the original XML read back differs"
"$cli" expense receipt "$book" "$pdf_id" -o "$tmp/back.pdf" > /dev/null
checks=$((checks + 1))
cmp -s "$tmp/expected.pdf" "$tmp/back.pdf" || fail "the embedded PDF read back differs"

# the same document again: refused, naming the purchase
set +e
out=$("$cli" ubl import "$book" "$tmp/invoice.xml" --json 2>/dev/null); rc=$?
set -e
expect 1 "$rc" "a duplicate exits 1"
expect "refused" "$(echo "$out" | json 'j["errors"][0]["code"]')" "a duplicate is refused"
checks=$((checks + 1))
echo "$out" | grep "$id" > /dev/null || fail "the refusal does not name purchase $id: $out"

# the official Belgian credit note: 100.11 exempt (E), a purchase credit note
out=$("$cli" ubl import "$book" "$examples/en16931/ubl-tc434-creditnote1.xml" --json)
expect "True domestic" "$(echo "$out" | json 'str(j["credit_note"]) + " " + j["vat_treatment"]')" \
  "a credit note becomes a purchase credit note"
out=$("$cli" expense show "$book" "$(echo "$out" | json 'j["id"]')" --json)
expect "100.11 0.00 2019-09-23" \
  "$(echo "$out" | json 'j["base_amount"] + " " + j["vat_amount"] + " " + j["date"]')" \
  "the credit note's amounts"

# human output
checks=$((checks + 1))
"$cli" ubl import "$book" "$examples/peppol-snippets/base-example.xml" | grep "^Recorded invoice" \
  > /dev/null || fail "human output"

# bad files: exit 1 with the element named, the book unchanged
before=$("$cli" expense list "$book" --json)
head -c 1500 "$tmp/invoice.xml" > "$tmp/truncated.xml"
sed 's/2026-11-02/2026-13-01/' "$tmp/invoice.xml" | sed 's/F2026-0042/F2026-0099/' > "$tmp/baddate.xml"
for f in truncated baddate; do
  set +e
  msg=$("$cli" ubl import "$book" "$tmp/$f.xml" 2>&1 >/dev/null); rc=$?
  set -e
  expect 1 "$rc" "$f exits 1"
  case $f in
    truncated) want="not well-formed XML" ;;
    baddate) want="cbc:IssueDate: not a date: '2026-13-01'" ;;
  esac
  checks=$((checks + 1))
  case $msg in *"$want"*) ;; *) fail "$f: '$msg' lacks '$want'" ;; esac
done
expect "$before" "$("$cli" expense list "$book" --json)" "the book is unchanged after bad files"

echo "$checks passed, 0 failed"
