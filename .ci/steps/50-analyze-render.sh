#!/usr/bin/env bash
# cmix analyze renders: runs `cmix analyze` on a small input (a 256 KB prefix of the English
# Wikipedia dev file when ../shared/corpus exists, else tests/data/golden/input.txt), converts its
# SVG to PNG with rsvg-convert, opens its HTML page in headless Chromium for a screenshot, and
# checks both PNGs are not blank (tools/png-colours.py: distinct colours and background share).
# Installs librsvg2-bin and chromium from Debian/Ubuntu when missing (needs root or sudo).
# Run from the repository root; the images are kept in $CMIX_CI_OUT/analyze (default artifacts/ci).
set -euo pipefail

root=$(pwd)
out=${CMIX_CI_OUT:-$root/artifacts/ci}/analyze
work=$(mktemp -d "${TMPDIR:-/tmp}/cmix-ci-analyze.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        fail "need root or sudo to run: $*"; fi
}

echo "== tools"
chromium_bin() { command -v chromium || command -v chromium-browser || command -v google-chrome || true; }
missing=()
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
[ -n "$(chromium_bin)" ] || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing from Debian/Ubuntu: ${missing[*]}"
    command -v apt-get >/dev/null || fail "apt-get not found; install ${missing[*]} by hand"
    as_root apt-get update -qq || fail "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" || fail "could not install ${missing[*]}"
fi
command -v rsvg-convert >/dev/null || fail "rsvg-convert missing after install (package librsvg2-bin)"
chromium=$(chromium_bin)
[ -n "$chromium" ] || fail "chromium missing after install (package chromium)"
rsvg-convert --version
"$chromium" --version 2>/dev/null || true

echo "== cmix analyze"
dll=$(find src/CMix.Cli/bin/Release -name cmix.dll -path '*net10.0*' 2>/dev/null | sort | head -n 1)
if [ -z "$dll" ]; then
    dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v:q
    dll=$(find src/CMix.Cli/bin/Release -name cmix.dll -path '*net10.0*' | sort | head -n 1)
fi
[ -n "$dll" ] || fail "cmix.dll not built"
corpus=${CMIX_CORPUS:-$root/../shared/corpus/dev}
if [ -f "$corpus/enwiki_2016_pages-articles_p10-p713.xml" ]; then
    head -c 262144 "$corpus/enwiki_2016_pages-articles_p10-p713.xml" >"$work/sample.xml"
    sample=$work/sample.xml
else
    echo "note: $corpus not found; analysing tests/data/golden/input.txt"
    sample=$root/tests/data/golden/input.txt
fi
mkdir -p "$out"
dotnet "$dll" analyze -1 -f -q "$sample" --svg "$out/analyze.svg" --html "$out/analyze.html" --csv "$out/analyze.csv" --parts 64K >"$out/analyze.txt"
cat "$out/analyze.txt"
grep -q "bits per byte" "$out/analyze.txt" || fail "no summary on stdout"
grep -q "^section,name,start,end,bytes,bits,bits_per_byte,share$" "$out/analyze.csv" || fail "CSV header"

echo "== render"
rsvg-convert "$out/analyze.svg" -o "$out/analyze-svg.png" || fail "rsvg-convert could not render the SVG"
# A private profile, no GPU, no network: the page must render from itself alone.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
    --window-size=1200,900 --screenshot="$out/analyze-html.png" "file://$out/analyze.html" >"$work/chromium.log" 2>&1 ||
    { cat "$work/chromium.log" >&2; fail "chromium could not take a screenshot of the HTML page"; }
[ -s "$out/analyze-html.png" ] || { cat "$work/chromium.log" >&2; fail "chromium wrote no screenshot"; }
python3 tools/png-colours.py --min-colours 16 --max-background 0.98 "$out/analyze-svg.png" "$out/analyze-html.png" ||
    fail "a rendered image is blank"
echo "ok: $out/analyze-svg.png, $out/analyze-html.png"
