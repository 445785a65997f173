#!/usr/bin/env bash
# tests/cli/client-peppol-id.sh: client add and profile set refuse a Peppol id whose scheme is not
# on the Peppol EAS list, or whose identifier fails its check digits, at once and naming the field
# (instead of invoice export-ubl refusing the invoice later); a good id is kept normalized.
#
# usage: client-peppol-id.sh PATH/TO/dokus-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw DOKUS_NEW_PASSPHRASE=pw
unset DOKUS_RECOVERY_KEY
book=$tmp/book.dokus
# ok, bad, check, contains, jget, run, book_state, succeeds, refused, write, finish
. "$(dirname "$0")/cli-checks.sh"

# client FILE PEPPOL_ID: a Belgian company with that peppol_id
client() {
  write "$1" <<< "{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'peppol_id': '$2', 'address': {'city': 'Brussel', 'country': 'BE'}}"
}

write profile.json <<< "{'name': 'Freelance BV', 'enterprise_number': '0203.201.340'}"
succeeds init "$book" --profile "$tmp/profile.json"

# an unknown scheme: the message names the field, the scheme and what Belgian companies use
client unknown.json "9999:0417497106"
refused "client add with scheme 9999" invalid peppol_id client add "$book" "$tmp/unknown.json"
contains "client add with scheme 9999: message" \
  "peppol_id: scheme 9999 is not a Peppol electronic address scheme (EAS)" "$err"
contains "client add with scheme 9999: what is expected" "0208:<enterprise number>" "$err"

# 0208 with bad check digits: 97 - (04174971 mod 97 = 90) = 07, so 0417497108 is mistyped
client bad-0208.json "0208:0417497108"
refused "client add with a mistyped 0208 id" invalid peppol_id client add "$book" "$tmp/bad-0208.json"
contains "client add with a mistyped 0208 id: message" "check digits" "$err"

# 9925 with a Belgian VAT number whose check digits fail (BE0417497106 is the good one)
client bad-9925.json "9925:BE0417497105"
refused "client add with a bad 9925 id" invalid peppol_id client add "$book" "$tmp/bad-9925.json"
contains "client add with a bad 9925 id: message" "Belgian VAT number" "$err"

# a known scheme is accepted and normalized
client good.json "9925:be0417497106"
succeeds client add "$book" "$tmp/good.json"
succeeds client list "$book"
check "client add with 9925: kept normalized" "9925:BE0417497106" \
  "$(jget 'j["clients"][0]["peppol_id"]' <<< "$out")"

# the profile is checked the same way
write profile-bad.json <<< "{'name': 'Freelance BV', 'enterprise_number': '0203.201.340', 'peppol_id': '1234:0203201340'}"
refused "profile set with scheme 1234" invalid peppol_id profile set "$book" "$tmp/profile-bad.json"
contains "profile set with scheme 1234: message" \
  "scheme 1234 is not a Peppol electronic address scheme" "$err"

finish
