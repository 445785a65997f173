#!/usr/bin/env bash
# tests/gui/screenshots.sh: screenshots of the desktop application's main views in each language
# (en, nl, fr, de) and in the dark style (en-dark), so that anyone can look at what a user sees.
#
# usage: tests/gui/screenshots.sh OUTDIR [BUILD_DIR]
#   BUILD_DIR defaults to ./build-gui, else ./build. Makes a demo book (dokus-cli demo, throw-away
#   KDF) in a temporary folder, then for each language runs dokus-screenshots under Xvfb
#   (1280x860), which writes OUTDIR/LANG-VIEW.png with ImageMagick's `import -window root`:
#   views unlock, overview, invoices, invoice, new-invoice, clients, expenses, reports,
#   settings, shortcuts (the shortcuts window), and narrow, narrow-invoices, narrow-settings,
#   narrow-new-invoice (a 360 px wide window).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

out=${1:?usage: screenshots.sh OUTDIR [BUILD_DIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-}
if [ -z "$build" ]; then
  for b in "$root/build-gui" "$root/build"; do
    if [ -x "$b/tests/gui/dokus-screenshots" ]; then build=$b; break; fi
  done
fi
[ -n "$build" ] && [ -x "$build/tests/gui/dokus-screenshots" ] \
  || { echo "screenshots.sh: build first (ninja -C build-gui); no dokus-screenshots found" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (apt install xvfb)" >&2; exit 1; }
command -v import >/dev/null || { echo "screenshots.sh: import is missing (apt install imagemagick)" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DOKUS_KDF=minimum
export DOKUS_TODAY=${DOKUS_TODAY:-2026-11-25}
"$build/cli/dokus-cli" demo "$tmp/demo.dokus" > "$tmp/demo.log"

mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache"
# each language, then English in the dark style
for run in en nl fr de en-dark; do
  lang=${run%-dark}
  scheme=default
  [ "$run" != "$lang" ] && scheme=prefer-dark
  ADW_DEBUG_COLOR_SCHEME=$scheme \
  XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
  DOKUS_LOCALEDIR="$build/po" LANGUAGE=$lang LANG=C.UTF-8 LC_ALL= \
  GTK_A11Y=none GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1280x860x24" \
    "$build/tests/gui/dokus-screenshots" "$tmp/demo.dokus" demo "$out" "$run"
done
echo "screenshots in $out"
