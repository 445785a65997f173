#!/usr/bin/env bash
# tests/cli/demo.sh: dokus-cli demo, end to end: with --json exactly one JSON object on stdout
# (what was made: the book, created, the year and the recovery key when made now, the numbers
# of documents, open and overdue ones), the same figures as `invoice list` gives for the book, the
# book reopened on a second run (created false, nothing added), the human summary without
# --json, and a book with another passphrase refused with {"errors": [...]}.
#
# usage: demo.sh PATH/TO/dokus-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum DOKUS_TODAY=2026-03-20 DOKUS_NOW=2026-03-20T10:00:00Z
unset DOKUS_NEW_PASSPHRASE DOKUS_RECOVERY_KEY DOKUS_PASSPHRASE
book=$tmp/demo.dokus
# ok, bad, check, contains, jget, run, book_state, succeeds, refused, write, finish
. "$(dirname "$0")/cli-checks.sh"

run demo --help
check "demo --help: exit code" 0 "$rc"
contains "demo --help: usage" "usage: dokus-cli demo [BOOK] [--json]" "$out"

# ---- made now ----------------------------------------------------------------------------------
run demo "$book" --json
check "demo --json: exit code" 0 "$rc"
check "demo --json: one object, nothing else" "1 dict" \
  "$(printf '%s\n' "$out" | wc -l) $(jget 'type(j).__name__' <<< "$out")"
check "demo --json: keys" "book created documents open overdue recovery_key year" \
  "$(jget '" ".join(sorted(j))' <<< "$out")"
check "demo --json: book, created, year" "$book True 2026" \
  "$(jget '" ".join(map(str, [j["book"], j["created"], j["year"]]))' <<< "$out")"
check "demo --json: recovery key shape" "true" \
  "$(jget '__import__("re").fullmatch(r"([0-9A-Z]{4}-){7}[0-9A-Z]{4}", j["recovery_key"]) is not None' <<< "$out")"
made=$out

# the figures are the book's: the same as `invoice list` counts (January to 20 March: at least
# the January and February invoices, and nothing open can be more than all)
export DOKUS_PASSPHRASE=demo
run invoice list "$book" --json
check "invoice list: exit code" 0 "$rc"
listed=$(jget '" ".join(map(str, [len(j["invoices"]), sum(d["open_amount"] != "0.00" for d in j["invoices"]), sum(d["overdue"] is True for d in j["invoices"])]))' <<< "$out")
check "demo --json: documents open overdue as listed" "$listed" \
  "$(jget '" ".join(map(str, [j["documents"], j["open"], j["overdue"]]))' <<< "$made")"
check "demo --json: plausible counts" "true" \
  "$(jget 'j["documents"] >= 2 and j["documents"] >= j["open"] >= j["overdue"] >= 0' <<< "$made")"

# ---- reopened ----------------------------------------------------------------------------------
before=$(book_state)
run demo "$book" --json
check "demo again: exit code" 0 "$rc"
check "demo again: reopened, same figures, no key" \
  "$book False $(jget '" ".join(map(str, [j["documents"], j["open"], j["overdue"]]))' <<< "$made") absent" \
  "$(jget '" ".join(map(str, [j["book"], j["created"], j["documents"], j["open"], j["overdue"], "present" if "recovery_key" in j or "year" in j else "absent"]))' <<< "$out")"
check "demo again: book unchanged" "$before" "$(book_state)"

run demo "$book"
check "demo (human): exit code" 0 "$rc"
contains "demo (human): summary" \
  "$book: $(jget '"%d documents, %d with an open amount, %d overdue." % (j["documents"], j["open"], j["overdue"])' <<< "$made")" \
  "$out"

# ---- refused -----------------------------------------------------------------------------------
other=$tmp/other.dokus
DOKUS_PASSPHRASE=not-demo DOKUS_NEW_PASSPHRASE=not-demo "$cli" book create "$other" > /dev/null 2>&1
book=$other
refused "demo on another passphrase" bad_passphrase passphrase demo "$other"

finish
