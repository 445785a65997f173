#!/usr/bin/env bash
# tests/fuzz/run-fuzz-xml-in.sh: builds the libFuzzer differential target fuzz-xml-in (our XML
# reader, core/peppol/dokus-xml-in.c, against libxml2 as the product calls it) with clang,
# -fsanitize=fuzzer,address,undefined (the reader compiled into it, so it is the code covered),
# seeds it with tests/fuzz/corpus, tests/fuzz/corpus-xml-in and the official examples of
# ../shared/peppol, and runs it for SECONDS with -max_len=MAX_LEN (default: libFuzzer's own).
#
# usage: tests/fuzz/run-fuzz-xml-in.sh SECONDS [MAX_LEN|default] [OUT_DIR]
#        (OUT_DIR: build-xin/fuzz-xml-in by default)
#
# A disagreement or crash leaves OUT_DIR/crash-*: minimise it (fuzz-xml-in -minimize_crash=1
# -runs=10000 FILE), report it, and copy it to tests/fuzz/corpus-xml-in/ under a name that says
# what it is: tests/peppol/check-xml-in.c replays that folder.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

secs=${1:?usage: run-fuzz-xml-in.sh SECONDS [MAX_LEN|default] [OUT_DIR]}
max_len=${2:-default}
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${3:-$src/build-xin/fuzz-xml-in}
examples="$src/../shared/peppol/examples"
[ -d "$examples" ] || { echo "run-fuzz-xml-in.sh: ../shared/peppol is missing (no $examples)" >&2; exit 1; }
[ -f "$src/core/peppol/dokus-xml-in.c" ] || { echo "run-fuzz-xml-in.sh: no core/peppol/dokus-xml-in.c" >&2; exit 1; }
command -v clang > /dev/null || { echo "run-fuzz-xml-in.sh: clang is needed" >&2; exit 1; }

mkdir -p "$out/fuzz-corpus" "$out/seeds"
# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE -I"$src/core/peppol" \
  -I"$src/tests/peppol" $(pkg-config --cflags libxml-2.0) "$src/tests/fuzz/fuzz-xml-in.c" \
  "$src/tests/peppol/xml-in-dump.c" "$src/core/peppol/dokus-xml-in.c" \
  $(pkg-config --libs libxml-2.0) -o "$out/fuzz-xml-in"

# the fuzzer writes what it learns into its first corpus directory; seeds stay untouched
find "$examples" -type f \( -name '*.xml' -o -name '*.XML' \) -exec cp {} "$out/seeds/" \;
cp "$src/tests/fuzz/corpus/"*.xml "$out/seeds/"
find "$src/tests/fuzz/corpus-xml-in" -type f ! -name README.md -exec cp {} "$out/seeds/" \;

# ubl.dict and the XML and Namespaces syntax the reader must read as libxml2 does
dict="$out/xml-in.dict"
cp "$src/tests/fuzz/ubl.dict" "$dict"
cat >> "$dict" << 'DICT'
"xmlns=\"\""
"xmlns:p=\"\""
"xmlns:xml="
"xmlns:xmlns="
"xml:lang=\"nl\""
"xml:space=\"preserve\""
"xml:space=\"default\""
"\"http://www.w3.org/XML/1998/namespace\""
"\"http://www.w3.org/2000/xmlns/\""
"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
"<?xml-stylesheet"
"<!---->"
"--"
"&#10;"
"&#13;"
"&#x20;"
"&#xD800;"
"&#xFFFE;"
"&amp;"
"&lt;"
"&apos;"
"\x0d\x0a"
"\x0d"
"\xef\xbb\xbf"
"\xc2\xb7"
"\xcc\x80"
"\xe2\x82\xac"
"\xed\xa0\x80"
"\xf4\x90\x80\x80"
"\xc0\xaf"
DICT

len_arg=()
[ "$max_len" = default ] || len_arg=(-max_len="$max_len")
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$out/fuzz-xml-in" -max_total_time="$secs" "${len_arg[@]}" -timeout=10 -rss_limit_mb=2048 \
  -dict="$dict" -artifact_prefix="$out/" -print_final_stats=1 \
  "$out/fuzz-corpus" "$out/seeds"
