#!/bin/bash
# speedtest1.sh
#
# Runs SQLite's own benchmark, test/speedtest1.c of the SQLite the system
# has (3.40.1 on Debian 12), unchanged, on plain SQLite and through the
# loadable extension libdokus-sqlite (--vfs dokus --key ...): default page
# cache and one that holds the database, rollback (DELETE) and WAL journal,
# synchronous=OFF on both (--nosync), and prints the total times and ratios.
#
# speedtest1.c comes from Debian's sqlite3 source package (apt-get source,
# through a private deb-src list: the system's apt setup is left alone) and
# is cached, with the binary, in BUILD/bench-cache/ (never committed).
# It is compiled against the system libsqlite3 together with
# bench/speedtest1-dokus.c, which loads the extension before main().
#
#   bench/speedtest1.sh [--size N] [--repeat N] [--build DIR]
#                       [--journal delete|wal|both] [--cache default|big|both]
#
# --repeat N runs every configuration N times, plain and dokus alternately,
# and keeps the best total and the best time of each test (default 1).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
size=200
repeat=1
journals="delete wal"
caches="default big"

while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --journal) [ "$2" = both ] && journals="delete wal" || journals=$2; shift 2 ;;
    --cache) [ "$2" = both ] && caches="default big" || caches=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "speedtest1.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

ext=$build/core/libdokus-sqlite.so
cache_dir=$build/bench-cache
src=$cache_dir/speedtest1.c
bin=$cache_dir/speedtest1-dokus
[ -f "$ext" ] || { echo "speedtest1.sh: $ext missing: run ninja -C $build" >&2; exit 1; }
mkdir -p "$cache_dir"

# ---- speedtest1.c from the source package of the installed libsqlite3 ----
if [ ! -f "$src" ]; then
  pkg_version=$(dpkg-query -W -f '${Version}' libsqlite3-0)
  upstream=${pkg_version%%-*}
  apt_dir=$(mktemp -d /tmp/dokus-speedtest1-apt-XXXXXX)
  trap 'rm -rf "$apt_dir"' EXIT
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  # deb-src lines for what /etc/apt/sources.list.d/debian.sources lists
  cat > "$apt_dir/sources.list.d/debian-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
            -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
            -o "APT::Sandbox::User=root")
  echo "speedtest1.sh: fetching the sqlite3 $pkg_version source package"
  apt-get -qq "${apt_opts[@]}" update
  (cd "$apt_dir" && apt-get -qq "${apt_opts[@]}" source --download-only "sqlite3=$pkg_version")
  # Debian's patches leave test/speedtest1.c alone: the upstream file is it
  tar -xJf "$apt_dir/sqlite3_$upstream.orig.tar.xz" -C "$apt_dir" \
      "sqlite3-$upstream/test/speedtest1.c"
  cp "$apt_dir/sqlite3-$upstream/test/speedtest1.c" "$src.tmp"
  mv "$src.tmp" "$src"
  rm -rf "$apt_dir"
  trap - EXIT
fi

if [ ! -x "$bin" ] || [ "$bin" -ot "$src" ] || [ "$bin" -ot "$root/bench/speedtest1-dokus.c" ]; then
  echo "speedtest1.sh: compiling speedtest1 against the system libsqlite3"
  cc -O2 -o "$bin" "$src" "$root/bench/speedtest1-dokus.c" -lsqlite3 -lm
fi

# ---- runs ------------------------------------------------------------------
work=$(mktemp -d /tmp/dokus-speedtest1-XXXXXX)
results=$cache_dir/speedtest1-size$size
mkdir -p "$results"
trap 'rm -rf "$work"' EXIT
export DOKUS_SQLITE_EXTENSION=$ext   # loaded in both runs: the same binary
key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

total_of () { sed -n 's/^ *TOTAL\.* *\([0-9.]*\)s$/\1/p' "$1"; }

run () { # NAME ARGS...: one speedtest1 run on a fresh database; 1 if it failed
  local name=$1; shift
  rm -f "$work"/st.db*
  "$bin" --size "$size" --nosync "$@" "$work/st.db" > "$results/$name.txt" 2>&1
}

best () { # FILES...: per test number, the least time over the runs; TOTAL as 9999
  awk '/^ *[0-9]+ - / { n = $1 + 0; t = $NF; sub(/s$/, "", t)
                        name = $0; sub(/^ *[0-9]+ - /, "", name); sub(/\.\.\..*$/, "", name)
                        names[n] = name
                        if (!(n in m) || t + 0 < m[n]) m[n] = t + 0 }
       /^ *TOTAL/ { t = $NF; sub(/s$/, "", t); if (!(9999 in m) || t + 0 < m[9999]) m[9999] = t + 0 }
       END { for (n in m) printf "%d\t%.3f\t%s\n", n, m[n], names[n] }' "$@" | sort -n
}

failed=0
echo "speedtest1 --size $size --nosync, SQLite $(pkg-config --modversion sqlite3)," \
     "best of $repeat; outputs in $results/"
printf '%-8s %-8s %10s %10s %7s\n' journal cache "plain s" "dokus s" ratio
for journal in $journals; do
  for cache in $caches; do
    args=(--journal "$journal")
    # big: 250,000 pages of 4 KiB, far above the database at --size 200
    [ "$cache" = big ] && args+=(--cachesize 250000)
    ok=1
    for r in $(seq 1 "$repeat"); do
      for side in plain dokus; do
        extra=()
        [ $side = dokus ] && extra=(--vfs dokus --key "$key")
        if ! run "$side-$journal-$cache-$r" "${args[@]}" "${extra[@]}"; then
          failed=1
          ok=0
          echo "speedtest1.sh: $side $journal $cache FAILED:" \
               "$(tail -n 3 "$results/$side-$journal-$cache-$r.txt" | tr '\n' ' ')" >&2
        fi
      done
      [ $ok = 1 ] || break
    done
    best "$results"/plain-"$journal-$cache"-*.txt > "$work/plain"
    best "$results"/dokus-"$journal-$cache"-*.txt > "$work/dokus"
    plain=$(awk -F'\t' '$1 == 9999 { print $2 }' "$work/plain")
    dokus=$(awk -F'\t' '$1 == 9999 { print $2 }' "$work/dokus")
    if [ $ok = 1 ] && [ -n "$plain" ] && [ -n "$dokus" ]; then
      ratio=$(awk -v a="$dokus" -v b="$plain" 'BEGIN { printf "%.2fx", a / b }')
    else
      ratio=FAILED
      dokus=-
    fi
    printf '%-8s %-8s %10s %10s %7s\n' "$journal" "$cache" "${plain:--}" "$dokus" "$ratio"
    # per test, side by side, for reading where the time goes
    join -t $'\t' "$work/plain" "$work/dokus" \
      | awk -F'\t' '{ printf "%4s %-50.50s %8.3f %8.3f %6.2fx\n", ($1 == 9999 ? "" : $1),
                      ($1 == 9999 ? "TOTAL" : $3), $2, $4, ($2 > 0 ? $4 / $2 : 0) }' \
      > "$results/compare-$journal-$cache.txt"
  done
done
exit $failed
