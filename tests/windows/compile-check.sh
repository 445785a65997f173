#!/usr/bin/env bash
# tests/windows/compile-check.sh: check that core/ and cli/ compile for Windows.
#
# Usage: compile-check.sh SOURCE_ROOT BUILD_ROOT
#
# Runs x86_64-w64-mingw32-gcc -fsyntax-only on every .c file under core/ and cli/ (and the
# .c files generated under BUILD_ROOT/schema and BUILD_ROOT/core), with the warnings of the
# native build as errors. The dependencies' headers come from Debian's packages through a
# temporary include dir holding only sqlite3, sodium, cJSON and libxml2 (configured as MSYS2
# builds it): all of /usr/include would bring glibc's headers, which clash with mingw-w64's.
# Portable code goes through core/platform; only the files of core/render that include cairo,
# Pango or libqrencode headers are skipped (Debian has no Windows builds of those). Exits 77 (meson's
# "skipped") when the cross compiler is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

CC=x86_64-w64-mingw32-gcc
src="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
build="${2:-$src/build}"

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "windows-compile: $CC not found (Debian: gcc-mingw-w64-x86-64); skipping"
  exit 77
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Only the dependency headers, never /usr/include itself.
inc="$tmp/include"
mkdir -p "$inc"
for h in /usr/include/sqlite3.h /usr/include/sqlite3ext.h /usr/include/sodium.h \
         /usr/include/sodium /usr/include/cjson; do
  if [ -e "$h" ]; then
    ln -s "$h" "$inc/$(basename "$h")"
  fi
done
# libxml2 as MSYS2 builds it: iconv from libiconv, no ICU. Debian's xmlversion.h enables ICU,
# whose headers mingw lacks, and mingw has no <iconv.h>: patch the one and declare the other.
if [ -d /usr/include/libxml2/libxml ]; then
  mkdir "$inc/libxml"
  for h in /usr/include/libxml2/libxml/*.h; do
    ln -s "$h" "$inc/libxml/$(basename "$h")"
  done
  rm "$inc/libxml/xmlversion.h"
  sed '/^#define LIBXML_ICU_ENABLED/d' /usr/include/libxml2/libxml/xmlversion.h \
    > "$inc/libxml/xmlversion.h"
  cat > "$inc/iconv.h" <<'ICONV'
/* Stand-in for libiconv's <iconv.h> (MSYS2 ships it); declarations only. */
#ifndef DOKUS_WINDOWS_CHECK_ICONV_H
#define DOKUS_WINDOWS_CHECK_ICONV_H
#include <stddef.h>
typedef void *iconv_t;
iconv_t iconv_open (const char *tocode, const char *fromcode);
size_t  iconv (iconv_t cd, char **inbuf, size_t *inbytesleft, char **outbuf, size_t *outbytesleft);
int     iconv_close (iconv_t cd);
#endif
ICONV
fi

# Like `pkg-config --cflags libcjson`, which adds .../cjson so <cJSON.h> works too.
includes=(-I"$inc" -I"$inc/cjson" -I"$src/core/include")
# libdokus-sync's public headers, which cli/ includes
[ -d "$src/sync/include" ] && includes+=(-I"$src/sync/include")
while IFS= read -r -d '' dir; do
  includes+=(-I"$dir")
done < <(find "$src/core" -type d -print0 | sort -z)
# Generated sources and headers (schema migrations, configure_file output); skip the
# per-target object dirs (*.p).
for dir in "$build/schema" "$build/core"; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' sub; do
    includes+=(-I"$sub")
  done < <(find "$dir" -type d -not -name '*.p' -not -path '*.p/*' -print0 | sort -z)
done

# The flags of the native build: c_std=c11, warning_level=2, werror and meson.build's
# add_project_arguments (keep the two in step). Windows 7 is the oldest API level.
flags=(-std=c11 -fsyntax-only -Wall -Wextra -Werror
       -Wshadow -Wstrict-prototypes -Wformat=2 -Wimplicit-function-declaration
       -Wmissing-prototypes -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
       -D_WIN32_WINNT=0x0601)

# One job per (file, -D/-U set): the set each file gets in the native build, read from
# BUILD_ROOT/compile_commands.json (a file built twice, like the VFS sources built again for
# the SQLite extension, is checked twice); files the build does not list yet get none.
jobs="$(python3 - "$src" "$build" <<'PY'
import json, os, shlex, sys

src, build = (os.path.realpath(a) for a in sys.argv[1:3])
roots = [os.path.join(src, 'core'), os.path.join(src, 'cli'),
         os.path.join(build, 'schema'), os.path.join(build, 'core')]


def wanted(path):
    return (path.endswith('.c') and any(path.startswith(r + os.sep) for r in roots)
            and not any(part.endswith('.p') for part in path.split(os.sep)))


jobs = set()
try:
    with open(os.path.join(build, 'compile_commands.json'), encoding='utf-8') as f:
        entries = json.load(f)
except (OSError, ValueError):
    entries = []
for e in entries:
    path = os.path.realpath(os.path.join(e.get('directory', build), e['file']))
    if not wanted(path):
        continue
    args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
    jobs.add((path, tuple(sorted(set(a for a in args if a[:2] in ('-D', '-U'))))))
covered = {path for path, _ in jobs}
for root in roots:
    for top, dirs, files in os.walk(root):
        for name in files:
            path = os.path.realpath(os.path.join(top, name))
            if wanted(path) and path not in covered:
                jobs.add((path, ()))
for path, defines in sorted(jobs):
    print('\t'.join((path,) + defines))
PY
)"

if [ -z "$jobs" ]; then
  echo "windows-compile: no .c files under $src/core or $src/cli; skipping"
  exit 77
fi

src_real="$(cd "$src" && pwd -P)"
total=0
failed=()
skipped=0
while IFS=$'\t' read -r -a job; do
  f="${job[0]}"
  name="${f#"$src_real"/}${job[1]:+ ${job[*]:1}}"
  # core/render draws with cairo, Pango and libqrencode, whose Windows headers Debian lacks
  # (MSYS2 has them): files that include them are skipped here, not failed
  if grep -Eq '^#include <(cairo|pango/|qrencode\.h)' "$f"; then
    echo "skip  $name (cairo/Pango/libqrencode headers for Windows are not on Debian)"
    skipped=$((skipped + 1))
    continue
  fi
  total=$((total + 1))
  if "$CC" "${flags[@]}" "${job[@]:1}" "${includes[@]}" "$f"; then
    echo "ok    $name"
  else
    echo "FAIL  $name"
    failed+=("$name")
  fi
done <<< "$jobs"

echo "windows-compile: $((total - ${#failed[@]})) of $total compile for Windows ($skipped skipped)"
if [ ${#failed[@]} -ne 0 ]; then
  printf 'windows-compile: failed: %s\n' "${failed[@]}"
  exit 1
fi
