#!/usr/bin/env bash
# The newcomer's first command: builds cmix, compresses something real that every clone has
# (this repository's own sources and docs, as one tar stream), decompresses it, checks the
# round trip and prints sizes and speed beside xz -9 when xz is installed.
#   usage: bash tools/demo.sh [LEVEL]      (LEVEL 1..9; default: cmix's default level)
set -euo pipefail
cd "$(dirname "$0")/.."
level="${1:-}"
flag=()
[ -n "$level" ] && flag=("-$level")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building cmix (Release)"
dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v q -o "$work/bin" >/dev/null

echo "== input: this repository's sources and docs as one tar stream"
git ls-files -z -- src docs tests/CMix.Core.Tests README.md 2>/dev/null | tar --null -T - -cf "$work/sources.tar" 2>/dev/null \
  || tar -cf "$work/sources.tar" src docs README.md
size=$(stat -c %s "$work/sources.tar")
echo "   $size bytes"

cmix() { dotnet "$work/bin/cmix.dll" "$@"; }
now() { date +%s.%N; }

echo "== cmix ${flag[*]:-(default level)}"
t0=$(now); cmix compress "${flag[@]}" -c "$work/sources.tar" > "$work/sources.tar.cmix"; t1=$(now)
cmix decompress -c "$work/sources.tar.cmix" > "$work/roundtrip.tar"; t2=$(now)
cmp "$work/sources.tar" "$work/roundtrip.tar"
packed=$(stat -c %s "$work/sources.tar.cmix")
awk -v n="$size" -v c="$packed" -v a="$t0" -v b="$t1" -v d="$t2" 'BEGIN {
  printf "   %d -> %d bytes, %.3f bits/byte; compress %.2f s (%.3f MB/s), decompress %.2f s; round trip identical\n",
         n, c, 8 * c / n, b - a, n / (b - a) / 1e6, d - b }'

if command -v xz >/dev/null; then
  t0=$(now); xz -9 -c "$work/sources.tar" > "$work/sources.tar.xz"; t1=$(now)
  x=$(stat -c %s "$work/sources.tar.xz")
  awk -v n="$size" -v c="$x" -v a="$t0" -v b="$t1" 'BEGIN {
    printf "   xz -9 for comparison: %d bytes, %.3f bits/byte, %.2f s\n", c, 8 * c / n, b - a }'
fi
