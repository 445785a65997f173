#!/usr/bin/env bash
# tests/render/render.sh: PDF invoices through dokus-cli invoice export-pdf, read back with
# poppler-utils as a reader would see them: an invoice in each of nl, fr, de and en (with the
# seller's legal form and register, art. III.25 WER), the
# client's language by default, a credit note, a reverse-charge invoice to an EU client, a
# franchise invoice, a long non-ASCII description and a 60-line invoice over two pages. The
# text layer (pdftotext -layout, runs of spaces made one) must hold every mandatory mention
# (art. 5 KB nr. 1, docs/pdf.md) with hand-worked figures; pdfinfo gives the page count; two
# exports (two processes) are byte-identical; bad input is refused with the field named. Also
# invoice export-ubl: BT-33 written, and a document Peppol refuses never written (exit 1).
#
# usage: render.sh DOKUS_CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1
for tool in pdftotext pdfinfo python3 sqlite3; do
  if ! command -v "$tool" > /dev/null; then
    echo "render.sh: $tool is missing (Debian: poppler-utils, python3, sqlite3)"
    exit 1
  fi
done
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_TODAY=2026-03-02
unset DOKUS_NEW_PASSPHRASE DOKUS_RECOVERY_KEY
book=$tmp/book.dokus
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check WHAT WANT GOT
  if [ "$2" = "$3" ]; then ok; else bad "$1: wanted '$2', got '$3'"; fi
}
jget() { # jget EXPR: EXPR on the JSON read from stdin (bound to j)
  python3 -c "import json, sys
try:
    j = json.load(sys.stdin); print($1)
except Exception as e:
    print('!', type(e).__name__, e)"
}
run() { # run ARGS...: sets out, err, rc
  out=$("$cli" "$@" 2> "$tmp/stderr")
  rc=$?
  err=$(cat "$tmp/stderr")
}
must() { # must ARGS...: dokus-cli ARGS --json must succeed
  run "$@" --json
  if [ "$rc" -ne 0 ]; then bad "dokus-cli $*: exit $rc: $err"; fi
}
write() { tr "'" '"' > "$tmp/$1"; }
# text PDF: its text layer as laid out, without white space: pdftotext's spacing ("6 %" or
# "6%") is a guess from the glyph positions, so needles are compared without it too
text() { pdftotext -layout "$1" - | tr -d ' \n'; }
squeeze() { tr -d ' \n' <<< "$1"; }
has() { # has WHAT PDF NEEDLE...: every NEEDLE is in the text of PDF
  local what=$1 pdf=$2 t
  t=$(text "$pdf")
  shift 2
  for needle in "$@"; do
    case $t in
      *"$(squeeze "$needle")"*) ok ;;
      *) bad "$what: '$needle' not in the PDF:"$'\n'"$(pdftotext -layout "$pdf" -)" ;;
    esac
  done
}
lacks() { # lacks WHAT PDF NEEDLE...
  local what=$1 t
  t=$(text "$2")
  shift 2
  for needle in "$@"; do
    case $t in *"$(squeeze "$needle")"*) bad "$what: '$needle' should not be in the PDF" ;; *) ok ;; esac
  done
}
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
issue() { # issue FILE: creates and issues the invoice in FILE; sets number and comm
  must invoice create "$book" "$tmp/$1"
  local id
  id=$(jget 'j["id"]' <<< "$out")
  must invoice issue "$book" "$id"
  number=$(jget 'j["number"]' <<< "$out")
  comm=$(jget 'j["structured_communication"]' <<< "$out")
}
export_pdf() { # export_pdf FILE NUMBER [ARGS...]: -o FILE, checks --json's file and pages
  local file=$1 num=$2
  shift 2
  must invoice export-pdf "$book" "$num" -o "$file" "$@"
  check "export-pdf $num $*: file" "$file" "$(jget 'j["file"]' <<< "$out")"
  check "export-pdf $num $*: pages" "$(pages "$file")" "$(jget 'j["pages"]' <<< "$out")"
  check "export-pdf $num $*: sha256" "$(sha256sum < "$file" | cut -d' ' -f1)" \
    "$(jget 'j["sha256"]' <<< "$out")"
}

# ---- the book -----------------------------------------------------------------------------

write profile.json <<'EOF'
{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'iban': 'BE68 5390 0754 7034',
 'bic': 'GEBABEBB', 'email': 'facturen@studiomaes.be', 'legal_form': 'BV',
 'register': 'RPR Gent, afdeling Gent',
 'address': {'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}
EOF
write be.json <<< "{'name': 'Atelier Lumière & Zonen BV', 'vat_number': 'BE0417497106', 'address': {'street': 'Rue Haute 48', 'postal_code': '1000', 'city': 'Brussel', 'country': 'BE'}}"
write fr.json <<< "{'name': 'Maison Dubois SRL', 'vat_number': 'BE0412345614', 'language': 'fr', 'address': {'postal_code': '4000', 'city': 'Liège', 'country': 'BE'}}"
write nl.json <<< "{'name': 'Kanaalkade Media BV', 'vat_number': 'NL004495445B01', 'address': {'street': 'Prinsengracht 263', 'postal_code': '1016 GV', 'city': 'Amsterdam', 'country': 'NL'}}"
write dk.json <<< "{'name': 'Søren Ærø-Ñandú', 'email': 'soren@example.dk', 'address': {'city': 'København', 'country': 'DK'}}"
must init "$book" --profile "$tmp/profile.json"
for c in be fr nl dk; do must client add "$book" "$tmp/$c.json"; done
must profile show "$book"
check "profile: legal form and register" "BV|RPR Gent, afdeling Gent|None" \
  "$(jget 'j["legal_form"] + "|" + j["register"] + "|" + str(j["logo_sha256"])' <<< "$out")"
# what profile show gives can be set again (logo_sha256 is read-only)
printf '%s' "$out" > "$tmp/profile-shown.json"
must profile set "$book" "$tmp/profile-shown.json"
write profile-bad-register.json <<< "{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'register': 'Gent'}"
run profile set "$book" "$tmp/profile-bad-register.json" --json
check "profile set: a register without RPR/RPM" "1 invalid register" \
  "$rc $(jget 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]' <<< "$out")"

# ---- an invoice in nl, fr, de and en ----------------------------------------------------------

# 10 h × 100.00 = 1 000.00 at 21 %: VAT 210.00; 2 × 12.50 = 25.00 at 6 %: VAT 1.50;
# excl. VAT 1 025.00, VAT 211.50, total 1 236.50; due 30 days after 2 March: 1 April
write invoice.json <<'EOF'
{'client': 'Atelier Lumière & Zonen BV',
 'lines': [{'description': 'Webdesign', 'quantity': '10', 'unit': 'HUR', 'unit_price': '100',
            'vat_rate': '21'},
           {'description': 'Boeken', 'quantity': '2', 'unit_price': '12.50', 'vat_rate': '6'}]}
EOF
issue invoice.json
inv=$number
check "the first invoice" "2026-0001" "$inv"
export_pdf "$tmp/nl.pdf" "$inv"
check "nl: one page" 1 "$(pages "$tmp/nl.pdf")"
has "nl" "$tmp/nl.pdf" "Factuur" "Nummer 2026-0001" "Datum 02/03/2026" "Vervaldatum 01/04/2026" \
  "Studio Maes" "Veldstraat 1" "9000 Gent" "Btw-nr. BE0203201340" \
  "Rechtsvorm BV" "Ondernemingsnr. 0203.201.340 RPR Gent, afdeling Gent" \
  "E-mail facturen@studiomaes.be" \
  "Atelier Lumière & Zonen BV" "Rue Haute 48" "1000 Brussel" "Btw-nr. BE0417497106" \
  "Ondernemingsnr. 0417.497.106" \
  "Webdesign 10 uur 100,00 € 21 % 1.000,00 €" "Boeken 2 12,50 € 6 % 25,00 €" \
  "21 % 1.000,00 € 210,00 €" "6 % 25,00 € 1,50 €" \
  "Totaal excl. btw 1.025,00 €" "Btw 211,50 €" "Totaal incl. btw 1.236,50 €" \
  "Te betalen 1.236,50 €" "IBAN BE68 5390 0754 7034" "BIC GEBABEBB" "$comm" \
  "Te betalen vóór 01/04/2026" "Scan om te betalen" "Pagina 1/1"
check "the structured communication" "+++" "${comm:0:3}"

export_pdf "$tmp/fr.pdf" "$inv" --language fr
has "fr" "$tmp/fr.pdf" "Facture" "Numéro 2026-0001" "Date 02/03/2026" "Échéance 01/04/2026" \
  "N° TVA BE0203201340" "Forme juridique BV" "N° d'entreprise 0203.201.340 RPR Gent, afdeling Gent" \
  "Client" \
  "Webdesign 10 h 100,00 € 21 % 1.000,00 €" "Total HTVA 1.025,00 €" "TVA 211,50 €" \
  "Total TVAC 1.236,50 €" "À payer 1.236,50 €" "Communication structurée" "$comm" \
  "À payer avant le 01/04/2026" "Scannez pour payer" "Page 1/1"
export_pdf "$tmp/de.pdf" "$inv" --language de
has "de" "$tmp/de.pdf" "Rechnung" "Nummer 2026-0001" "Datum 02.03.2026" \
  "Fälligkeitsdatum 01.04.2026" "USt-IdNr. BE0203201340" "Rechtsform BV" \
  "Unternehmensnr. 0203.201.340 RPR Gent, afdeling Gent" \
  "Webdesign 10 Std. 100,00 € 21 % 1.000,00 €" "Summe netto 1.025,00 €" "MwSt. 211,50 €" \
  "Gesamtbetrag 1.236,50 €" "Zu zahlen 1.236,50 €" "Strukturierte Mitteilung" \
  "Zahlbar bis 01.04.2026" "Zum Bezahlen scannen" "Seite 1/1"
export_pdf "$tmp/en.pdf" "$inv" --language en
has "en" "$tmp/en.pdf" "Invoice" "Number 2026-0001" "Date 02/03/2026" "Due date 01/04/2026" \
  "VAT no. BE0203201340" "Legal form BV" "Enterprise no. 0203.201.340 RPR Gent, afdeling Gent" \
  "Webdesign 10 h €100.00 21% €1,000.00" "Boeken 2 €12.50 6% €25.00" \
  "Total excl. VAT €1,025.00" "VAT €211.50" "Total incl. VAT €1,236.50" "Amount due €1,236.50" \
  "Structured communication" "Payable by 01/04/2026" "Scan to pay" "Page 1/1"

# the client's language by default: Maison Dubois reads French; 1 × 80.00 at 21 % = 96.80
write invoice-fr.json <<< "{'client': 'Maison Dubois SRL', 'lines': [{'description': 'Affiche', 'quantity': '1', 'unit_price': '80', 'vat_rate': '21'}]}"
issue invoice-fr.json
export_pdf "$tmp/client-fr.pdf" "$number"
has "the client's language" "$tmp/client-fr.pdf" "Facture" "Maison Dubois SRL" "4000 Liège" \
  "Total TVAC 96,80 €"

# ---- the UBL: BT-33, and what Peppol refuses is never written ----------------------------------

run invoice export-ubl "$book" "$inv" -o "$tmp/$inv.xml" --json
check "export-ubl: exit code" 0 "$rc"
check "export-ubl: BT-33" 1 \
  "$(grep -c '<cbc:CompanyLegalForm>BV, RPR Gent, afdeling Gent</cbc:CompanyLegalForm>' "$tmp/$inv.xml")"
# Peppol takes only the schemes of its list, and 1234 is none of them; the ledger refuses such an
# id on input now, but a book written before may hold one: set it in the table with the sqlite3
# shell and the book's extension (built next to dokus-cli)
write odd.json <<< "{'name': 'Odd Access Point NV', 'address': {'city': 'Gent', 'country': 'BE'}}"
must client add "$book" "$tmp/odd.json"
odd_id=$(jget 'j["id"]' <<< "$out")
ext="$(dirname "$cli")/../core/libdokus-sqlite"
preload=""
if ldd "$ext.so" 2>/dev/null | grep libasan > /dev/null; then
  preload="$(gcc -print-file-name=libasan.so)"
  ldd "$ext.so" | grep libubsan > /dev/null && preload="$preload $(gcc -print-file-name=libubsan.so)"
fi
LD_PRELOAD="$preload" ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" sqlite3 -batch <<SQL
.bail on
.load $ext
.open 'file:$book?vfs=dokus&key=pw'
UPDATE clients SET peppol_id = '1234:odd' WHERE id = '$odd_id';
SQL
check "an old book's Peppol id set with the sqlite3 shell" 0 "$?"
write invoice-odd.json <<< "{'client': 'Odd Access Point NV', 'lines': [{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}]}"
issue invoice-odd.json
run invoice export-ubl "$book" "$number" -o "$tmp/odd.xml" --json
check "export-ubl of what Peppol refuses: exit code" 1 "$rc"
check "export-ubl of what Peppol refuses: error" "refused ubl" \
  "$(jget 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]' <<< "$out")"
case $err in
  *"$number fails Peppol validation: PEPPOL-EN16931-CL008 at /Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID"*) ok ;;
  *) bad "export-ubl of what Peppol refuses: stderr '$err'" ;;
esac
check "export-ubl of what Peppol refuses: no file" "" "$(ls "$tmp" | grep '^odd.xml$')"
run invoice export-ubl "$book" "$number"
check "export-ubl to stdout of what Peppol refuses: exit code" 1 "$rc"
check "export-ubl to stdout of what Peppol refuses: nothing on stdout" "" "$out"

# ---- determinism --------------------------------------------------------------------------

export_pdf "$tmp/nl-again.pdf" "$inv"
if cmp -s "$tmp/nl.pdf" "$tmp/nl-again.pdf"; then ok; else bad "two exports of $inv differ"; fi
"$cli" invoice export-pdf "$book" "$inv" > "$tmp/stdout.pdf" 2> "$tmp/stderr"
check "export-pdf to a pipe: exit code" 0 "$?"
if cmp -s "$tmp/nl.pdf" "$tmp/stdout.pdf"; then ok; else bad "the PDF on stdout differs from -o"; fi
check "the creation date is the issue date" "Mon Mar  2 00:00:00 2026 UTC" \
  "$(pdfinfo "$tmp/nl.pdf" | sed -n 's/^CreationDate: *//p')"
check "the title" "Factuur 2026-0001" "$(pdfinfo "$tmp/nl.pdf" | sed -n 's/^Title: *//p')"

# ---- a credit note ------------------------------------------------------------------------

must invoice credit "$book" "$inv"
cn_id=$(jget 'j["id"]' <<< "$out")
must invoice issue "$book" "$cn_id"
cn=$(jget 'j["number"]' <<< "$out")
check "the credit note" "CN-2026-0001" "$cn"
export_pdf "$tmp/cn.pdf" "$cn"
has "credit note" "$tmp/cn.pdf" "Creditnota" "Nummer CN-2026-0001" \
  "Betreft factuur 2026-0001" "(02/03/2026)" "Totaal incl. btw 1.236,50 €" \
  "Totaal creditnota 1.236,50 €" \
  "Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk in aftrek werd gebracht" \
  "Dit bedrag wordt verrekend met de factuur of terugbetaald."
lacks "credit note" "$tmp/cn.pdf" "Scan om te betalen" "Vervaldatum" "Te betalen"
export_pdf "$tmp/cn-fr.pdf" "$cn" --language fr
has "credit note in French" "$tmp/cn-fr.pdf" "Note de crédit" \
  "Concerne la facture 2026-0001" \
  "TVA à reverser à l'État dans la mesure où elle a été initialement déduite"

# ---- reverse charge to a Dutch business ---------------------------------------------------------

# AE: 1 × 500.00, no VAT
write invoice-nl.json <<< "{'client': 'Kanaalkade Media BV', 'lines': [{'description': 'Consultancy', 'quantity': '1', 'unit_price': '500', 'vat_category': 'AE'}]}"
issue invoice-nl.json
export_pdf "$tmp/ae.pdf" "$number"
has "reverse charge" "$tmp/ae.pdf" "Kanaalkade Media BV" "1016 GV Amsterdam" "Nederland" \
  "Btw-nr. NL004495445B01" "Consultancy 1 500,00 € AE 500,00 €" "0 % (AE) 500,00 € 0,00 €" \
  "Verlegging van heffing (art. 21, § 2 WBTW; art. 196 Richtlijn 2006/112/EG)" \
  "Totaal incl. btw 500,00 €"
export_pdf "$tmp/ae-en.pdf" "$number" --language en
has "reverse charge in English" "$tmp/ae-en.pdf" "Netherlands" \
  "Reverse charge (art. 21 § 2 Belgian VAT Code; art. 196 Directive 2006/112/EC)"
lacks "reverse charge in English" "$tmp/ae-en.pdf" "Verlegging van heffing"

# ---- a long description and names beyond ASCII ----------------------------------------------------

long="Ontwerp en realisatie van de huisstijl voor Søren Ærø-Ñandú:"
for i in $(seq 1 30); do long="$long onderdeel$i met overleg,"; done
long="$long EINDE"
write invoice-dk.json <<< "{'client': 'Søren Ærø-Ñandú', 'lines': [{'description': '$long', 'quantity': '1', 'unit_price': '1500', 'vat_rate': '21'}]}"
issue invoice-dk.json
export_pdf "$tmp/dk.pdf" "$number"
# a Danish private person reads English; 1 500.00 at 21 %: VAT 315.00, total 1 815.00
has "long description" "$tmp/dk.pdf" "Invoice" "Søren Ærø-Ñandú" "København" "Denmark" \
  "Ontwerp en realisatie" "huisstijl voor Søren Ærø-Ñandú:" "onderdeel17" "EINDE" "Total incl. VAT €1,815.00"

# ---- 60 lines over three pages -------------------------------------------------------------

# 60 × (1 × 10.00) = 600.00 at 21 %: VAT 126.00, total 726.00
lines=""
for i in $(seq 1 60); do lines="$lines{'description': 'Regel $i: onderhoud', 'quantity': '1', 'unit_price': '10', 'vat_rate': '21'},"; done
write invoice-60.json <<< "{'client': 'Atelier Lumière & Zonen BV', 'lines': [${lines%,}]}"
issue invoice-60.json
export_pdf "$tmp/60.pdf" "$number"
# 23 rows under the first page's header, 35 on a page that continues them, then the last
# 2 rows with the totals and the payment block
check "60 lines: three pages" 3 "$(pages "$tmp/60.pdf")"
has "60 lines" "$tmp/60.pdf" "Pagina 1/3" "Pagina 2/3" "Pagina 3/3" "Regel 1: onderhoud" \
  "Regel 60: onderhoud 1 10,00 € 21 % 10,00 €" "Totaal incl. btw 726,00 €"
pdftotext -f 2 -l 2 -layout "$tmp/60.pdf" "$tmp/60-p2.txt"
if grep -q "Omschrijving" "$tmp/60-p2.txt" && grep -q "Factuur $number" "$tmp/60-p2.txt"; then
  ok
else
  bad "page 2 repeats neither the heading nor the title: $(cat "$tmp/60-p2.txt")"
fi

# ---- the franchise scheme -----------------------------------------------------------------

book=$tmp/franchise.dokus
write profile-franchise.json <<'EOF'
{'name': 'Fotografie Peeters', 'enterprise_number': '0412.345.614', 'vat_regime': 'franchise',
 'iban': 'BE68539007547034', 'address': {'city': 'Leuven', 'country': 'BE'}}
EOF
write person.json <<< "{'name': 'Jan Janssens', 'address': {'city': 'Mechelen', 'country': 'BE'}}"
must init "$book" --profile "$tmp/profile-franchise.json"
must client add "$book" "$tmp/person.json"
# E (art. 56bis): 2 × 40.00 = 80.00, no VAT
write invoice-franchise.json <<< "{'client': 'Jan Janssens', 'lines': [{'description': 'Fotoshoot', 'quantity': '2', 'unit_price': '40'}]}"
issue invoice-franchise.json
export_pdf "$tmp/franchise.pdf" "$number"
has "franchise" "$tmp/franchise.pdf" "Fotografie Peeters" "Btw-nr. BE0412345614" "Jan Janssens" \
  "Fotoshoot 2 40,00 € E 80,00 €" "0 % (E) 80,00 € 0,00 €" \
  "Bijzondere vrijstellingsregeling kleine ondernemingen" "Te betalen 80,00 €"
export_pdf "$tmp/franchise-de.pdf" "$number" --language de
has "franchise in German" "$tmp/franchise-de.pdf" "Sonderregelung für Kleinunternehmen"

# ---- refusals -----------------------------------------------------------------------------

refused() { # refused WHAT CODE FIELD ARGS...
  local what=$1 code=$2 field=$3
  shift 3
  run "$@" --json
  check "$what: exit code" 1 "$rc"
  check "$what: error" "$code $field" \
    "$(jget 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]' <<< "$out")"
}
refused "an unknown language" invalid language invoice export-pdf "$book" "$number" \
  -o "$tmp/x.pdf" --language es
refused "--json without a file" invalid file invoice export-pdf "$book" "$number"
must invoice create "$book" "$tmp/invoice-franchise.json"
refused "a draft" refused document invoice export-pdf "$book" "$(jget 'j["id"]' <<< "$out")" \
  -o "$tmp/x.pdf"
refused "an unknown number" not_found document invoice export-pdf "$book" 2099-0001 \
  -o "$tmp/x.pdf"
check "nothing written when refused" "" "$(ls "$tmp" | grep '^x.pdf$')"
run invoice export-pdf --help
check "--help: exit code" 0 "$rc"

echo "render.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
