#!/usr/bin/env bash
# tests/cli/report.sh: dokus-cli report vat, clients, ic and pnl, and export, end to end on a
# throw-away quarterly book and a franchise one: the JSON fields the issue names, figures worked
# out by hand, --xml files (written only on success), and bad input (missing or malformed
# --period/--year, a month for a quarterly filer, a period without intra-Community operations,
# a wrong passphrase, an export into a used directory): exit code 1, the field named on stderr,
# {"errors": [...]} on stdout, no file written and the book byte for byte as it was.
#
# usage: report.sh PATH/TO/dokus-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_TODAY=2026-03-20
unset DOKUS_NEW_PASSPHRASE DOKUS_RECOVERY_KEY
book=$tmp/book.dokus
# ok, bad, check, contains, jget, run, book_state, succeeds, refused, write, finish
. "$(dirname "$0")/cli-checks.sh"

for sub in "report" "report vat" "report clients" "report ic" "report pnl" "export"; do
  # shellcheck disable=SC2086 # split on purpose
  run $sub --help
  check "$sub --help: exit code" 0 "$rc"
  contains "$sub --help: usage" "usage: dokus-cli $sub" "$out"
done

# ---- a quarterly book with one quarter of sales ----------------------------------------------

write profile.json <<'EOF2'
{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'vat_period': 'quarter',
 'address': {'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'},
 'email': 'boek@studiomaes.be'}
EOF2
succeeds init "$book" --profile "$tmp/profile.json"
write be.json <<< "{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': {'city': 'Brussel', 'country': 'BE'}}"
write nl.json <<< "{'name': 'Kanaalkade Media BV', 'vat_number': 'NL004495445B01', 'address': {'city': 'Amsterdam', 'country': 'NL'}}"
write de.json <<< "{'name': 'Pumpen GmbH', 'vat_number': 'DE136695976', 'address': {'city': 'Köln', 'country': 'DE'}}"
for c in be nl de; do succeeds client add "$book" "$tmp/$c.json"; done

# issue FILE: creates and issues the invoice of FILE
issue() {
  succeeds invoice create "$book" "$tmp/$1"
  succeeds invoice issue "$book" "$(jget 'j["id"]' <<< "$out")"
}
# 10 × 100.00 at 21 %: base 1000.00, VAT 210.00
write i1.json <<< "{'client': 'Atelier Lumière SRL', 'issue_date': '2026-01-10', 'lines': [{'description': 'Design', 'quantity': '10', 'unit_price': '100', 'vat_rate': '21'}]}"
# services to a Dutch business, reverse charged (art. 21 § 2): 2000.00 in grid 44, listed S
write i2.json <<< "{'client': 'Kanaalkade Media BV', 'issue_date': '2026-02-05', 'lines': [{'description': 'Consultancy', 'quantity': '1', 'unit_price': '2000', 'vat_category': 'AE'}]}"
# goods to Germany (K): 2 × 150.00 = 300.00 in grid 46, listed L
write i3.json <<< "{'client': 'Pumpen GmbH', 'issue_date': '2026-02-20', 'delivery': {'date': '2026-02-18', 'country': 'DE'}, 'lines': [{'description': 'Pump', 'quantity': '2', 'unit_price': '150', 'vat_category': 'K'}]}"
# 3 × 33.333 = 99.999 -> 100.00 at 6 %: VAT 6.00
write i4.json <<< "{'client': 'Atelier Lumière SRL', 'issue_date': '2026-03-02', 'lines': [{'description': 'Prints', 'quantity': '3', 'unit_price': '33.333', 'vat_rate': '6'}]}"
for i in i1 i2 i3 i4; do issue $i.json; done

# ---- report vat -------------------------------------------------------------------------------

succeeds report vat "$book" --period 2026-Q1
# 54 = 210.00 + 6.00; no purchases: 71 = 216.00
check "report vat: the grids" \
  "01=100.00 03=1000.00 44=2000.00 46=300.00 54=216.00 71=216.00" \
  "$(jget '" ".join(k + "=" + v for k, v in sorted(j["grids"].items()))' <<< "$out")"
check "report vat: period and due date" "2026-Q1 2026-04-25" \
  "$(jget 'j["period"] + " " + j["due_date"]' <<< "$out")"
succeeds report vat "$book" --period 2026-Q1 --xml "$tmp/return.xml"
check "report vat --xml: well-formed, the six grids" "6 0203201340" "$(python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
ns = {'v': 'http://www.minfin.fgov.be/VATConsignment', 'c': 'http://www.minfin.fgov.be/InputCommon'}
print(len(r.findall('.//v:Amount', ns)), r.find('.//c:VATNumber', ns).text)" "$tmp/return.xml")"
check "report vat --xml: grid 71" "216.00" "$(python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
print([a.text for a in r.iter('{http://www.minfin.fgov.be/VATConsignment}Amount') if a.get('GridNumber') == '71'][0])" "$tmp/return.xml")"
refused "report vat without --period" invalid period report vat "$book"
refused "report vat, a month of a quarterly filer" invalid period report vat "$book" --period 2026-02
refused "report vat, no such quarter" invalid period report vat "$book" --period 2026-Q5
refused "report vat --xml, bad period" invalid period report vat "$book" --period 2026-02 --xml "$tmp/no.xml"
check "a refused report writes no XML" "no file" "$([ -e "$tmp/no.xml" ] && echo file || echo "no file")"
DOKUS_PASSPHRASE=wrong refused "report vat, wrong passphrase" bad_passphrase passphrase report vat "$book" --period 2026-Q1

# ---- report clients ------------------------------------------------------------------------------

succeeds report clients "$book" --year 2026
# only Belgian VAT numbers: 1000.00 + 100.00 = 1100.00, VAT 210.00 + 6.00 = 216.00
check "report clients: the listing" "2026 BE0417497106 Atelier Lumière SRL 1100.00 216.00" \
  "$(jget 'str(j["year"]) + " " + " ".join(c[k] for c in j["clients"] for k in ("vat_number", "name", "turnover", "vat_amount"))' <<< "$out")"
succeeds report clients "$book" --year 2026 --xml "$tmp/clients.xml"
check "report clients --xml: one client, ten digits" "1 0417497106" "$(python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
l = r.find('{http://www.minfin.fgov.be/ClientListingConsignment}ClientListing')
print(l.get('ClientsNbr'), l.find('.//{http://www.minfin.fgov.be/ClientListingConsignment}CompanyVATNumber').text)" "$tmp/clients.xml")"
refused "report clients without --year" invalid year report clients "$book"
refused "report clients, a bad year" invalid year report clients "$book" --year 26

# ---- report ic -------------------------------------------------------------------------------------

succeeds report ic "$book" --period 2026-Q1
check "report ic: the lines" "DE136695976 L 300.00|NL004495445B01 S 2000.00 2300.00" \
  "$(jget '"|".join(" ".join(l[k] for k in ("vat_number", "code", "amount")) for l in sorted(j["lines"], key=lambda l: l["vat_number"])) + " " + j["total"]' <<< "$out")"
succeeds report ic "$book" --period 2026-02 --xml "$tmp/ic.xml"
check "report ic --xml of February: both customers" "2 2300.00" "$(python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
l = r.find('{http://www.minfin.fgov.be/IntraConsignment}IntraListing')
print(l.get('ClientsNbr'), l.get('AmountSum'))" "$tmp/ic.xml")"
refused "report ic --xml of a month without operations" refused period report ic "$book" --period 2026-01 --xml "$tmp/ic-empty.xml"
check "no XML for a month without operations" "no file" "$([ -e "$tmp/ic-empty.xml" ] && echo file || echo "no file")"
refused "report ic without --period" invalid period report ic "$book"

# ---- report pnl ------------------------------------------------------------------------------------

succeeds report pnl "$book" --year 2026
# 1000.00 + 2000.00 + 300.00 + 100.00 = 3400.00, no expenses
check "report pnl" "3400.00 0.00 3400.00 3400.00" \
  "$(jget '" ".join(j["income"][k] for k in ("invoiced", "credited", "net")) + " " + j["result"]' <<< "$out")"
refused "report pnl, a bad year" invalid year report pnl "$book" --year x

# ---- export --------------------------------------------------------------------------------------

succeeds export "$book" "$tmp/export"
check "export: the directory" "$tmp/export" "$(jget 'j["dir"]' <<< "$out")"
check "export: the documents" 4 "$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d if isinstance(d, list) else d.get('documents', [])))" "$tmp/export/documents.json")"
refused "export into a used directory" refused dir export "$book" "$tmp/export"

# ---- a franchise book files no periodic return ------------------------------------------------------

book=$tmp/franchise.dokus
write franchise.json <<< "{'name': 'Klein', 'enterprise_number': '0417.497.106', 'vat_regime': 'franchise', 'address': {'country': 'BE'}}"
succeeds init "$book" --profile "$tmp/franchise.json"
succeeds report vat "$book" --period 2026-Q1
check "franchise: no return, no grids" "none False" \
  "$(jget 'j["return"] + " " + str("grids" in j)' <<< "$out")"
refused "franchise: no Intervat return to write" refused vat_regime report vat "$book" --period 2026-Q1 --xml "$tmp/franchise.xml"

finish
