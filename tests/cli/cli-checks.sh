# tests/cli/cli-checks.sh: what the dokus-cli test scripts share, sourced by them: counting
# checks, running dokus-cli, reading its JSON with python3, the state of a book file, and the
# "refused" check (exit 1, the error on the field, the field on stderr, the book unchanged).
# The sourcing script sets cli (the dokus-cli to run), tmp (a temporary directory) and book.
#
# SPDX-License-Identifier: GPL-3.0-or-later

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
# jget EXPR: EXPR evaluated on the JSON read from stdin (bound to j); "!" if it is not JSON
jget() {
  python3 -c "import json, sys
try:
    j = json.load(sys.stdin)
    v = $1
except Exception as e:
    print('!', type(e).__name__, e); sys.exit(0)
print(json.dumps(v) if isinstance(v, (bool, type(None), list, dict)) else v)"
}
# run ARGS...: runs dokus-cli; sets out, err and rc
run() {
  out=$("$cli" "$@" 2> "$tmp/stderr")
  rc=$?
  err=$(cat "$tmp/stderr")
}
# the book's bytes, once no WAL is pending
book_state() {
  if [ -s "$book-wal" ]; then echo "WAL pending"; return; fi
  if [ -e "$book" ]; then sha256sum < "$book" | cut -d' ' -f1; else echo "no book"; fi
}
# succeeds ARGS...: runs dokus-cli ARGS --json; counts a check for exit 0 and JSON on stdout
succeeds() {
  run "$@" --json
  if [ "$rc" -eq 0 ] && [ "$(jget '"json"' <<< "$out")" = json ]; then ok; else
    bad "dokus-cli $*: exit $rc, out '$out', err '$err'"
  fi
}
# refused WHAT CODE FIELD ARGS...: runs dokus-cli ARGS --json; it must exit 1 with the error
# CODE on FIELD as JSON on stdout, the field named on stderr, and leave the book as it was
refused() {
  local what=$1 code=$2 field=$3 before
  shift 3
  before=$(book_state)
  run "$@" --json
  check "$what: exit code" 1 "$rc"
  check "$what: error" "$code $field" \
    "$(jget 'j["errors"][0]["code"] + " " + j["errors"][0]["field"]' <<< "$out")"
  contains "$what: stderr" "($field)" "$err"
  check "$what: book unchanged" "$before" "$(book_state)"
}
write() { # write FILE: stdin, with ' turned into "
  tr "'" '"' > "$tmp/$1"
}
# the end of a script: the count, and the exit status
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
