#!/usr/bin/env bash
# Decode speed of two SFX stubs on the same archive: the first 1,000,000 bytes of a dev-corpus
# file at level 4, made into an SFX with each stub by the JIT cmix, then `SFX -c > out` three
# times each, interleaved; prints every run (wall and user seconds) and the medians. Output is
# compared with the input every time. Used for the stub size options (docs/CLI.md).
#   dotnet build src/CMix.Cli -c Release
#   bash tools/sfx-decode-timing.sh OLD_STUB NEW_STUB [INPUT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 OLD_STUB NEW_STUB [INPUT]" >&2; exit 2; }
input=${3:-../shared/corpus/dev/enwiki_2016_pages-articles_p10-p713.xml}
cli=src/CMix.Cli/bin/Release/net10.0/cmix.dll
[[ -f $cli ]] || { echo "build the CLI first: dotnet build src/CMix.Cli -c Release" >&2; exit 1; }
w=$(mktemp -d "${TMPDIR:-/tmp}/cmix-sfx-timing.XXXXXX")
trap 'rm -rf "$w"' EXIT
head -c 1000000 "$input" >"$w/in"
dotnet "$cli" sfx -4 --stub "$1" "$w/in" -o "$w/a.sfx" >/dev/null
dotnet "$cli" sfx -4 --stub "$2" "$w/in" -o "$w/b.sfx" >/dev/null
TIMEFORMAT='%R %U'
for _ in 1 2 3; do
    for s in a b; do
        t=$( { time "$w/$s.sfx" -c >"$w/out"; } 2>&1 )
        cmp "$w/out" "$w/in"
        echo "$s $t"
    done
done | tee "$w/times"
for s in a b; do
    wall=$(awk -v s=$s '$1 == s { print $2 }' "$w/times" | sort -n | sed -n 2p)
    user=$(awk -v s=$s '$1 == s { print $3 }' "$w/times" | sort -n | sed -n 2p)
    echo "$([[ $s == a ]] && echo "old $1" || echo "new $2"): median wall $wall s, user $user s"
done
