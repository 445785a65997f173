#!/usr/bin/env bash
# tests/core/shell-extension.sh: the stock sqlite3 shell opens books through
# the loadable extension libdokus-sqlite, with hexkey=, key= and PRAGMA key,
# and a book made that way is a valid Dokus book for dokus-cli (and back).
#
# usage: shell-extension.sh BUILD_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

build=$1
ext="$build/core/libdokus-sqlite"
cli="$build/cli/dokus-cli"
command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing: apt-get install sqlite3"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hex=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
checks=0
# a sanitizer build of the extension needs its runtime first in the stock shell
preload=""
if ldd "$ext.so" 2>/dev/null | grep libasan >/dev/null; then  # no -q: with pipefail, an early exit would SIGPIPE ldd
  preload="$(gcc -print-file-name=libasan.so)"
  ldd "$ext.so" | grep libubsan >/dev/null && preload="$preload $(gcc -print-file-name=libubsan.so)"
fi
sq() { LD_PRELOAD="$preload" ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" sqlite3 -batch "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WANT GOT WHAT
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: wanted '$1', got '$2'"
}

# 1. a new file with a raw key, from nothing but the shell
sq <<SQL
.load $ext
.open 'file:$tmp/raw.db?vfs=dokus&hexkey=$hex'
CREATE TABLE t (s TEXT);
INSERT INTO t VALUES ('secret shell text');
SQL
out=$(sq <<SQL
.load $ext
.open 'file:$tmp/raw.db?vfs=dokus&hexkey=$hex'
SELECT s FROM t;
SQL
)
expect "secret shell text" "$out" "read back with hexkey"
checks=$((checks + 1))
if grep -q 'secret shell text' "$tmp/raw.db"; then fail "plaintext in raw.db"; fi

# 2. a wrong key is "file is not a database", never garbage
out=$(sq 2>&1 <<SQL || true
.load $ext
.open 'file:$tmp/raw.db?vfs=dokus&hexkey=ff${hex:2}'
SELECT s FROM t;
SQL
)
checks=$((checks + 1))
case "$out" in *"file is not a database"*) ;; *) fail "wrong hexkey said: $out" ;; esac

# 3. key= makes a real book: dokus-cli opens it with that passphrase
sq <<SQL
.load $ext
.open 'file:$tmp/shell.dokus?vfs=dokus&key=correct%20horse'
CREATE TABLE notes (s TEXT);
INSERT INTO notes VALUES ('made in the shell');
SQL
out=$(DOKUS_PASSPHRASE='correct horse' "$cli" book info "$tmp/shell.dokus")
checks=$((checks + 1))
case "$out" in *"schema version: "[0-9]*) ;; *) fail "dokus-cli on a shell-made book: $out" ;; esac
out=$(sq <<SQL
.load $ext
.open 'file:$tmp/shell.dokus?vfs=dokus'
PRAGMA key = 'correct horse';
SELECT s FROM notes;
SELECT value IS NOT NULL FROM book_meta WHERE key = 'book_id';
SQL
)
expect "made in the shell
1" "$out" "PRAGMA key on the shell-made book"

# 4. a book made by dokus-cli opens in the shell with its passphrase
DOKUS_KDF=minimum DOKUS_NEW_PASSPHRASE=pw "$cli" book create "$tmp/cli.dokus" >/dev/null
out=$(sq <<SQL
.load $ext
.open 'file:$tmp/cli.dokus?vfs=dokus&key=pw'
PRAGMA integrity_check;
PRAGMA journal_mode;
SELECT count(*) FROM book_meta;
SQL
)
expect "ok
wal
2" "$out" "shell on a dokus-cli book"

# 5. wrong passphrase through PRAGMA key: an error, and the book is unchanged
before=$(sha256sum "$tmp/cli.dokus")
out=$(sq 2>&1 <<SQL || true
.load $ext
.open 'file:$tmp/cli.dokus?vfs=dokus'
PRAGMA key = 'nope';
SELECT count(*) FROM book_meta;
SQL
)
checks=$((checks + 1))
case "$out" in *"wrong passphrase"*"file is not a database"*) ;; *) fail "wrong PRAGMA key said: $out" ;; esac
expect "$before" "$(sha256sum "$tmp/cli.dokus")" "book untouched by a wrong passphrase"

# 6. the audit trail: tampering through the shell is caught by `audit verify`
printf '{"name": "Shell Test", "enterprise_number": "0417497106"}' > "$tmp/profile.json"
DOKUS_KDF=minimum DOKUS_PASSPHRASE=pw "$cli" init "$tmp/audit.dokus" --profile "$tmp/profile.json" >/dev/null
checks=$((checks + 1))
DOKUS_PASSPHRASE=pw "$cli" audit verify "$tmp/audit.dokus" >/dev/null || fail "a fresh audit trail does not verify"
out=$(sq 2>&1 <<SQL || true
.load $ext
.open 'file:$tmp/audit.dokus?vfs=dokus&key=pw'
UPDATE audit_log SET after_json = '{}' WHERE seq = 1;
SQL
)
checks=$((checks + 1))
case "$out" in *"append-only"*) ;; *) fail "the audit log took an UPDATE: $out" ;; esac
sq <<SQL
.load $ext
.open 'file:$tmp/audit.dokus?vfs=dokus&key=pw'
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET after_json = replace(after_json, 'Shell Test', 'Someone Else') WHERE seq = 1;
SQL
checks=$((checks + 1))
if out=$(DOKUS_PASSPHRASE=pw "$cli" audit verify "$tmp/audit.dokus" 2>&1); then
  fail "audit verify accepted a tampered entry: $out"
fi
case "$out" in *"entry 1 "*) ;; *) fail "audit verify does not name entry 1: $out" ;; esac

echo "$checks passed, 0 failed"
