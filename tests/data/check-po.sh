#!/usr/bin/env bash
# tests/data/check-po.sh: every file with translatable strings is in po/POTFILES, every entry of
# POTFILES exists, and each language in po/LINGUAS has all messages translated, none fuzzy, and
# its translations keep the printf conversions of their message (msgfmt --check).
#
# usage: check-po.sh SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

root=$1
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# files that hold translatable strings: C with _( N_( ngettext( C_( ; UI files with
# translatable="yes"; data templates
{
  grep -l -E '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\(' gui/*.c 2>/dev/null || true
  grep -l 'translatable="yes"' gui/*.ui 2>/dev/null || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$tmp/needed"
grep -v -E '^[[:space:]]*(#|$)' po/POTFILES | sort -u > "$tmp/listed"

missing=$(comm -23 "$tmp/needed" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "FAIL: files with translatable strings missing from po/POTFILES:"
  echo "$missing"
  fail=1
fi
while read -r f; do
  if [ ! -f "$f" ]; then
    echo "FAIL: po/POTFILES lists $f, which does not exist"
    fail=1
  fi
done < "$tmp/listed"

# a fresh template from the sources, to catch .po files that were not updated
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --files-from=<(grep -v -E '^[[:space:]]*(#|$)' po/POTFILES) \
  --output="$tmp/dokus.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

checked=0
while read -r lang; do
  [ -z "$lang" ] && continue
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS has $lang but $po is missing"
    fail=1
    continue
  fi
  if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$tmp/$lang.stat"; then
    cat "$tmp/$lang.stat"
    echo "FAIL: $po does not compile"
    fail=1
    continue
  fi
  if grep -E 'untranslated|fuzzy' "$tmp/$lang.stat" >/dev/null; then
    echo "FAIL: $po: $(cat "$tmp/$lang.stat")"
    fail=1
  fi
  # the messages of the sources that the .po file does not have at all
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.merged.po" "$po" "$tmp/dokus.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.merged.po" | grep -c '^msgid ' || true)
  # the header entry counts as one untranslated msgid "" when nothing else is missing
  if [ "$untranslated" -gt 1 ]; then
    echo "FAIL: $po lacks $((untranslated - 1)) message(s) of the sources, e.g.:"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.merged.po" | grep '^msgid ' | sed -n 2,6p
    fail=1
  fi
  checked=$((checked + 1))
done < po/LINGUAS

[ "$checked" -ge 3 ] || { echo "FAIL: fewer than 3 languages checked"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok: POTFILES complete, $checked languages fully translated"
exit "$fail"
