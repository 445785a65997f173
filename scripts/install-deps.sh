#!/usr/bin/env bash
# scripts/install-deps.sh: install the Debian 12 packages Dokus needs to build and test.
#
# Installs only what is missing (checked with dpkg-query), so it is cheap and safe to rerun;
# apt-get update runs only when something must be installed. Uses sudo only when not root.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

# One package per line; keep each group sorted. Add new needs here.
PACKAGES=(
  # build tools
  build-essential
  meson
  ninja-build
  pkg-config
  python3          # meson's own language; scripts/test-summary.py
  # core libraries
  libcairo2-dev    # core/render: PDF invoices
  libcjson-dev
  libpango1.0-dev  # core/render: text layout of PDF invoices
  libqrencode-dev  # core/render: the EPC payment QR code
  libsodium-dev
  libsqlite3-dev
  libxml2-dev
  sqlite3          # the sqlite3 shell, for looking into a book
  # sync and relay
  libcurl4-openssl-dev
  libgnutls28-dev  # dokus-relay: TLS through libmicrohttpd
  libmicrohttpd-dev
  libpq-dev
  postgresql       # tests start their own server in a temp dir
  # gui
  desktop-file-utils
  appstream-util
  libadwaita-1-dev
  libglib2.0-bin
  libgtk-4-dev
  # tests
  check
  clang            # the libFuzzer targets (tests/fuzz)
  gcc-mingw-w64-x86-64   # tests/windows: core/ and cli/ must compile for Windows
  imagemagick      # screenshots of the app
  poppler-utils    # pdftotext/pdftoppm: checking PDF invoices
  xauth
  xvfb             # the gui suite runs under Xvfb
  # i18n and source control
  ca-certificates
  gettext
  git
)


is_installed () {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: not root and sudo is missing; install as root: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
