#!/usr/bin/env bash
# Issue 27 §1 acceptance: the default level on ../shared/corpus/large/enwiki_text_100M.txt.xz must
# reach ≤ 19,600,000 bytes at ≥ 0.12 × the throughput of xz -9e, measured in the same run. Runs
# the published NativeAOT cmix at the default level (-T 1) and xz -9e -T1 on the same file, one
# after the other (each alone, so neither slows the other), and prints sizes, wall times, peak RSS
# (/usr/bin/time -v), the throughput ratio and PASS/FAIL.
#   usage: bash tools/default-large.sh [BYTES]   (BYTES: a prefix only, for a quick rehearsal; the
#          bars are for the whole file)
#   env:   CMIX=path   use that cmix instead of publishing one
#          CHECK=1     also decompress the cmix archive and compare it by SHA-256 (as long again)
#          INPUT=path  the decompressed input, if already at hand (else decompressed to a temp file)
set -euo pipefail
cd "$(dirname "$0")/.."
src="../shared/corpus/large/enwiki_text_100M.txt.xz"
for tool in xz /usr/bin/time sha256sum; do
    command -v "$tool" >/dev/null || { echo "default-large: needs $tool (apt-get install xz-utils time)"; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmix="${CMIX:-}"
if [ -z "$cmix" ]; then
    echo "default-large: publishing cmix (NativeAOT, x86-64-v3)"
    dotnet publish src/CMix.Cli/CMix.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true \
        -p:IlcInstructionSet=x86-64-v3 -o "$work/bin" -nologo -v:q >/dev/null
    cmix="$work/bin/cmix"
fi
level=$("$cmix" info | awk '/\(default\)/ { print $1; exit }')
[ -n "$level" ] || { echo "default-large: could not read the default level from 'cmix info'"; exit 1; }

bytes="${1:-}"
input="${INPUT:-}"
if [ -z "$input" ]; then
    if [ ! -f "$src" ]; then
        echo "default-large: SKIP: $src not found (the corpus sits beside the repo)"
        exit 0
    fi
    input="$work/input"
    if [ -n "$bytes" ]; then
        (set +o pipefail; xz -dc "$src" | head -c "$bytes" > "$input")
    else
        xz -dc "$src" > "$input"
    fi
elif [ -n "$bytes" ]; then
    head -c "$bytes" "$INPUT" > "$work/input"
    input="$work/input"
fi
n=$(stat -c %s "$input")
echo "default-large: input $n bytes, level $level, $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# seconds and peak RSS (MiB) from a /usr/bin/time -v report
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" \
    | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
rss() { echo $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024 )); }

echo "default-large: cmix -$level -T 1"
/usr/bin/time -v -o "$work/cmix.time" "$cmix" "-$level" -T 1 -q -c "$input" > "$work/in.cmix"
echo "default-large: xz -9e -T1"
/usr/bin/time -v -o "$work/xz.time" xz -9e -T1 -k -c "$input" > "$work/in.xz"

roundtrip="not checked (CHECK=1)"
if [ "${CHECK:-0}" = 1 ]; then
    echo "default-large: decompressing the cmix archive"
    /usr/bin/time -v -o "$work/d.time" "$cmix" -d -c "$work/in.cmix" | sha256sum | cut -d' ' -f1 > "$work/got"
    if [ "$(cat "$work/got")" = "$(sha256sum < "$input" | cut -d' ' -f1)" ]; then
        roundtrip="ok, $(wall "$work/d.time") s, $(rss "$work/d.time") MiB"
    else
        roundtrip="FAIL"
    fi
fi

cs=$(stat -c %s "$work/in.cmix"); ct=$(wall "$work/cmix.time")
xs=$(stat -c %s "$work/in.xz"); xt=$(wall "$work/xz.time")
ratio=$(awk -v c="$ct" -v x="$xt" 'BEGIN { printf "%.3f", x / c }')
printf '%-12s %12s %9s %9s %9s\n' compressor bytes "wall s" "MB/s" "RSS MiB"
printf '%-12s %12s %9s %9s %9s\n' "cmix -$level" "$cs" "$ct" "$(awk -v n="$n" -v t="$ct" 'BEGIN { printf "%.3f", n / t / 1e6 }')" "$(rss "$work/cmix.time")"
printf '%-12s %12s %9s %9s %9s\n' "xz -9e" "$xs" "$xt" "$(awk -v n="$n" -v t="$xt" 'BEGIN { printf "%.3f", n / t / 1e6 }')" "$(rss "$work/xz.time")"
echo "cmix round trip: $roundtrip"
verdict=PASS
awk -v s="$cs" -v r="$ratio" 'BEGIN { exit !(s <= 19600000 && r >= 0.12) }' || verdict=FAIL
[ "$roundtrip" = FAIL ] && verdict=FAIL
echo "throughput cmix / xz -9e: $ratio (bar ≥ 0.12); size $cs (bar ≤ 19,600,000 on the whole file): $verdict"
