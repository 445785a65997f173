#!/usr/bin/env bash
# scripts/run-demo.sh: build Dokus and open the demo book.
#
# Installs missing packages, configures and builds ./build, then runs `dokus-cli demo` on
# $DOKUS_DEMO_BOOK (default ~/.local/share/dokus/demo.dokus): the command creates the demo book
# (passphrase "demo") when it does not exist, opens it and prints a summary. Until the GUI
# exists this is the demo.
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
exec build/cli/dokus-cli demo "$book"
