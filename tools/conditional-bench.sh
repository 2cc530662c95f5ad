#!/usr/bin/env bash
# Conditional compression against its anchors (issue 26): C(2016 | 2014) for the first 1 MB of the
# two English Wikipedia XML dev files, by cmix --reference at a level, zstd --patch-from, zstd -D
# and xz on the concatenation; C(2016) alone; the priming speed (an empty input with the reference:
# the time is the model learning the reference); the round trip and the refusal of a wrong reference.
#   usage: bash tools/conditional-bench.sh [LEVEL] [BYTES]   (default 4 = cmix's default, 1000000)
#   CORPUS=/path/to/dev overrides /work/shared/corpus/dev.
set -euo pipefail
cd "$(dirname "$0")/.."
level="${1:-4}"
bytes="${2:-1000000}"
corpus="${CORPUS:-/work/shared/corpus/dev}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v q -o "$work/bin" >/dev/null
cmix() { dotnet "$work/bin/cmix.dll" "$@"; }
now() { date +%s.%N; }
size() { stat -c %s "$1"; }

head -c "$bytes" "$corpus/enwiki_2014_pages-articles_p10-p713.xml" > "$work/a"
head -c "$bytes" "$corpus/enwiki_2016_pages-articles_p10-p713.xml" > "$work/b"
echo "inputs: first $bytes bytes of enwiki_2014 (reference) and enwiki_2016; cmix level $level"

t0=$(now); cmix -"$level" -q -c "$work/b" > "$work/b.cmix"; t1=$(now)
alone=$(size "$work/b.cmix")
t2=$(now); cmix -"$level" -q -c --reference "$work/a" "$work/b" > "$work/b.ref.cmix"; t3=$(now)
cond=$(size "$work/b.ref.cmix")
: > "$work/empty"
t4=$(now); cmix -"$level" -q -c --reference "$work/a" "$work/empty" > /dev/null; t5=$(now)
t6=$(now); cmix -d -q -c --reference "$work/a" "$work/b.ref.cmix" | cmp - "$work/b"; t7=$(now)
if cmix -d -q -c --reference "$work/b" "$work/b.ref.cmix" > /dev/null 2> "$work/err"; then
  echo "FAIL: a wrong reference was accepted"; exit 1
fi
awk -v a="$alone" -v c="$cond" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" -v t5="$t5" -v t6="$t6" -v t7="$t7" -v n="$bytes" 'BEGIN {
  printf "cmix C(2016)          %9d bytes  (%.1f s)\n", a, t1 - t0
  printf "cmix C(2016 | 2014)   %9d bytes  (%.1f s; %.1f %% of C(2016))\n", c, t3 - t2, 100 * c / a
  printf "priming 2014 alone    %.1f s = %.3f MB/s (an empty input with --reference)\n", t5 - t4, n / 1e6 / (t5 - t4)
  printf "decompress with it    %.1f s, round trip OK\n", t7 - t6 }'
echo "wrong reference: $(cat "$work/err")"

if command -v zstd > /dev/null; then
  zstd -q --ultra -22 --patch-from="$work/a" -c "$work/b" > "$work/b.patch.zst"
  zstd -q --ultra -22 -D "$work/a" -c "$work/b" > "$work/b.dict.zst" 2>/dev/null || true
  zstd -q --ultra -22 -c "$work/b" > "$work/b.zst"
  echo "zstd --ultra -22 --patch-from   $(size "$work/b.patch.zst") bytes"
  [ -s "$work/b.dict.zst" ] && echo "zstd --ultra -22 -D             $(size "$work/b.dict.zst") bytes"
  echo "zstd --ultra -22 alone          $(size "$work/b.zst") bytes"
fi
if command -v xz > /dev/null; then
  xa=$(xz -9e -c "$work/a" | wc -c)
  xab=$(cat "$work/a" "$work/b" | xz -9e -c | wc -c)
  echo "xz -9e: C(2014 2016) - C(2014) = $xab - $xa = $((xab - xa)) bytes"
fi
