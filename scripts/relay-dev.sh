#!/usr/bin/env bash
# scripts/relay-dev.sh: a local dokus-relay with a throw-away PostgreSQL, for trying sync between
# two books on one machine. One command; Ctrl-C stops both and deletes everything.
#
#   scripts/relay-dev.sh [PORT]          (default 8443; plain HTTP on 127.0.0.1)
#
# PostgreSQL runs from a temp dir on a unix socket there (as the user postgres when run as root:
# initdb refuses root). The relay binary is $DOKUS_RELAY_BIN, else build/sync/relay/dokus-relay
# (built with meson/ninja when missing). Prints the relay URL and the database URL; the relay's
# JSON log lines follow on stderr.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."

port="${1:-8443}"
relay="${DOKUS_RELAY_BIN:-build/sync/relay/dokus-relay}"
if [ ! -x "$relay" ]; then
  [ -f build/meson-private/coredata.dat ] || meson setup build
  ninja -C build sync/relay/dokus-relay
fi

bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then
  echo "relay-dev: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

dir="$(mktemp -d /tmp/dokus-relay-dev.XXXXXX)"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi
chmod 755 "$dir"
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

relay_pid=""
cleanup() {
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null && wait "$relay_pid" 2>/dev/null || true
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-k $dir -p $pg_port -c listen_addresses=''" start >/dev/null
"${as_pg[@]}" "$bindir/createdb" -h "$dir" -p "$pg_port" -U postgres dokus_relay

head -c 32 /dev/urandom > "$dir/relay.key"
db_url="host=$dir port=$pg_port user=postgres dbname=dokus_relay"

echo "relay-dev: PostgreSQL: $db_url"
echo "relay-dev: relay:      http://127.0.0.1:$port  (Ctrl-C stops both)"
"$relay" --listen "127.0.0.1:$port" --database-url "$db_url" --key-file "$dir/relay.key" &
relay_pid=$!
wait "$relay_pid"
