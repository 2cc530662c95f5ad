#!/usr/bin/env bash
# Issue 2's round-trip acceptance, through the cmix CLI: every whole file of ../shared/corpus/dev
# at levels 1, the default and 9, plus edge inputs (empty, 1 byte, all 256 byte values, 1 MB of
# random bytes, a 10 MB run of one byte) at the same levels. Prints one line per case and exits
# non-zero on the first difference. Slow (level 9 codes ~0.1 MB/s): about 15 minutes on 2 cores.
#   usage: bash tools/roundtrip-acceptance.sh [LEVELS]     (default "1 4 9"; 4 is the default level)
set -euo pipefail
cd "$(dirname "$0")/.."
levels="${1:-1 4 9}"
corpus="../shared/corpus/dev"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v q -o "$work/bin" >/dev/null
cmix() { dotnet "$work/bin/cmix.dll" "$@"; }

mkdir -p "$work/in"
: > "$work/in/empty"
printf 'Z' > "$work/in/one-byte"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' > "$work/in/all-256"
python3 -c 'import random, sys; r = random.Random(1); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(1000000)))' > "$work/in/random-1M"
head -c 10000000 /dev/zero | tr '\0' 'x' > "$work/in/run-10M"
inputs=("$work"/in/*)
if [ -d "$corpus" ]; then
    for f in "$corpus"/*; do
        case "$f" in *.tsv) ;; *) inputs+=("$f") ;; esac
    done
else
    echo "SKIP corpus: $corpus not found (edge inputs only)"
fi

check() {
    local f="$1" level="$2" name
    name="$(basename "$f").$level"
    local start end
    start=$(date +%s.%N)
    cmix compress "-$level" -c "$f" > "$work/$name.cmix"
    cmix decompress -c "$work/$name.cmix" > "$work/$name.out"
    end=$(date +%s.%N)
    if cmp -s "$f" "$work/$name.out"; then
        printf 'ok   -%s %-45s %12d -> %11d  %6.1f s\n' "$level" "$(basename "$f")" "$(stat -c %s "$f")" "$(stat -c %s "$work/$name.cmix")" "$(echo "$end - $start" | bc)"
    else
        echo "FAIL -$level $(basename "$f"): round trip differs"; return 1
    fi
    rm -f "$work/$name.cmix" "$work/$name.out"
}
export -f check cmix
export work

status=0
for level in $levels; do
    printf '%s\n' "${inputs[@]}" | xargs -P "${JOBS:-2}" -I{} bash -c 'check "$@"' _ {} "$level" || status=1
done
[ "$status" = 0 ] && echo "PASS: every input round-tripped at levels $levels" || { echo "FAIL"; exit 1; }
