#!/usr/bin/env bash
# scripts/run-demo.sh: build Dokus and open the demo book in the desktop application.
#
# Installs missing packages, configures and builds ./build, then makes the demo book with
# `dokus-cli demo` at $DOKUS_DEMO_BOOK (default ~/.local/share/dokus/demo.dokus; passphrase "demo")
# when it does not exist. With a display ($DISPLAY or $WAYLAND_DISPLAY) and the desktop application
# built, it starts `dokus --book BOOK`, which asks for the passphrase (type "demo"; or set
# DOKUS_PASSPHRASE=demo to unlock it without typing, for scripted runs). Without a display it
# falls back to the command-line demo, which prints a summary of the book.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "$(dirname "$0")/.."

./scripts/install-deps.sh

if [ -f build/meson-private/coredata.dat ]; then
  meson setup --reconfigure build
else
  meson setup build
fi
meson compile -C build

book="${DOKUS_DEMO_BOOK:-$HOME/.local/share/dokus/demo.dokus}"
mkdir -p "$(dirname "$book")"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/gui/dokus ]; then
  # creates the book the first time, then only opens it
  build/cli/dokus-cli demo "$book"
  # run from the build tree: its compiled settings schema and translations
  export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
  export DOKUS_LOCALEDIR="$PWD/build/po"
  echo "Opening $book in Dokus: the passphrase is \"demo\"."
  exec build/gui/dokus --book "$book"
fi
exec build/cli/dokus-cli demo "$book"
