#!/usr/bin/env bash
# cmix ncd and --reference end to end: the NCD heat map of a few small inputs (the golden text,
# its halves, the golden binary) renders with rsvg-convert and is not blank (tools/png-colours.py);
# a --reference round trip decodes only with its reference. Installs librsvg2-bin when missing
# (needs root or sudo). Run from the repository root; the images go to $CMIX_CI_OUT/ncd.
set -euo pipefail

root=$(pwd)
out=${CMIX_CI_OUT:-$root/artifacts/ci}/ncd
work=$(mktemp -d "${TMPDIR:-/tmp}/cmix-ci-ncd.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        fail "need root or sudo to run: $*"; fi
}

if ! command -v rsvg-convert >/dev/null; then
    command -v apt-get >/dev/null || fail "apt-get not found; install librsvg2-bin by hand"
    as_root apt-get update -qq || fail "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin || fail "could not install librsvg2-bin"
fi

dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v:q >/dev/null
dll=$(find src/CMix.Cli/bin/Release -name cmix.dll -path '*net10.0*' | sort | head -n 1)
[ -n "$dll" ] || fail "cmix.dll not built"
cmix() { dotnet "$dll" "$@"; }

golden=tests/data/golden
n=$(stat -c %s "$golden/input.txt")
head -c $((n / 2)) "$golden/input.txt" > "$work/first.txt"
tail -c $((n / 2)) "$golden/input.txt" > "$work/second.txt"
cp "$golden/binary.bin" "$work/binary.bin"
mkdir -p "$out"

echo "== cmix ncd"
cmix ncd -q --tree --svg "$out/ncd.svg" -f "$work/first.txt" "$work/second.txt" "$work/binary.bin" | tee "$out/ncd.txt"
grep -q "^newick:" "$out/ncd.txt" || fail "no tree"
grep -Eq "first.txt +second.txt" "$out/ncd.txt" || fail "the text halves are not each other's nearest"
rsvg-convert "$out/ncd.svg" -o "$out/ncd.png" || fail "rsvg-convert could not render the SVG"
python3 tools/png-colours.py --min-colours 8 --max-background 0.98 "$out/ncd.png" || fail "the heat map is blank"

echo "== --reference"
cmix -1 -q -c --reference "$work/first.txt" "$work/second.txt" > "$work/second.cmix"
cmix -d -q -c --reference "$work/first.txt" "$work/second.cmix" | cmp - "$work/second.txt" || fail "reference round trip"
if cmix -d -q -c "$work/second.cmix" > "$work/none" 2>/dev/null; then fail "decoded without its reference"; fi
[ ! -s "$work/none" ] || fail "output written without the reference"
echo "ok: $out/ncd.png"
