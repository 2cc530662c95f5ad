#!/usr/bin/env bash
# Scale benchmark on ../shared/corpus/large/enwiki_text_100M.txt.xz: the published NativeAOT cmix at
# the levels and thread counts of ROWS beside the peers of PEERS, in one run. Every archive is
# decompressed and compared by SHA-256 with the input. Sizes, bits per byte, wall times, MB/s, the
# CPU seconds and peak RSS of both directions (/usr/bin/time -v) go to a CSV and a Markdown table
# under OUT (default benchmarks/results/large-100M-DATE), with the -T 2 acceptance and, when a
# level-9 -T 1 row ran on the whole file, the enwik9 projection against the Hutter limits.
#
#   usage: bash tools/large-bench.sh [BYTES]     (BYTES: use only a prefix, for a rehearsal)
#   ROWS="9:1 1:1 4:1 6:1 4:2 6:2"   LEVEL:THREADS pairs; d stands for the default level
#   PEERS="xz zstd zpaq ppmd"        xz -9e -T1, zstd -19 --long=27, zpaq -m5 -t1, 7z PPMd -mx=9
#   CMIX=path                        an already published cmix (default: publish this tree)
#   APPEND=1                         keep OUT's large.csv and add this run's rows to it (a second
#                                    invocation that adds -T 2 rows on an idle machine, say);
#                                    APPEND=1 ROWS="" PEERS="" only rewrites the report from the CSV
#   ALONE=1                          time -T 1 rows alone too, then decode them alone (for a -T 2
#                                    verdict against a -T 1 row timed the same way)
#
# Timing discipline on a 2-core machine. A single-threaded compression runs with its own decoder
# beside it on the other core: the decoder reads the archive as it grows (tail -f), so the
# compressor never waits for it and one pass gives both the compression time and a checked round
# trip; the decoder's CPU seconds are its cost (its wall time is bounded by the compressor's). Peers
# whose decoder reads a stream (xz, zstd) run the same way; zpaq and 7z extract afterwards. A -T 2
# compression has both cores, so it runs alone and is then decoded alone with -T 2.
# About 2 hours on this machine for the whole 100 MB file with the default ROWS and PEERS, level 9
# alone about 70 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
src="../shared/corpus/large/enwiki_text_100M.txt.xz"
if [ ! -f "$src" ]; then
    echo "large-bench: SKIP: $src not found (the corpus sits beside the repo in CI and on the dev machine)"
    exit 0
fi
rows="${ROWS-9:1 1:1 4:1 6:1 4:2 6:2}"
peers="${PEERS-xz zstd zpaq ppmd}"
need="xz /usr/bin/time sha256sum tail"
for p in $peers; do
    case "$p" in
        xz) ;; zstd) need="$need zstd" ;; zpaq) need="$need zpaq" ;; ppmd) need="$need 7z" ;;
        *) echo "large-bench: unknown peer '$p' (xz, zstd, zpaq, ppmd)"; exit 2 ;;
    esac
done
for tool in $need; do
    command -v "$tool" >/dev/null || { echo "large-bench: needs $tool (apt-get install xz-utils zstd zpaq p7zip-full time)"; exit 1; }
done

bytes="${1:-}"
out="${OUT:-$root/benchmarks/results/large-100M-$(date +%F)}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "${CMIX:-}" ]; then
    cmix="$(realpath "$CMIX")"
else
    echo "large-bench: publishing cmix (NativeAOT, x86-64-v3)"
    dotnet publish src/CMix.Cli/CMix.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true \
        -p:IlcInstructionSet=x86-64-v3 -o "$work/bin" -nologo -v:q >/dev/null
    cmix="$work/bin/cmix"
fi
default_level=$("$cmix" info | awk '/\(default\)/ { print $1; exit }')
[ -n "$default_level" ] || { echo "large-bench: could not read the default level from 'cmix info'"; exit 1; }
model_version=$(sed -n 's/.*const int ModelVersion = \([0-9]*\);.*/\1/p' src/CMix.Core/Prediction/ModelSettings.cs)

input="$work/input"
if [ -n "$bytes" ]; then
    # head closes the pipe early; xz's SIGPIPE is expected here.
    (set +o pipefail; xz -dc "$src" | head -c "$bytes" > "$input")
else
    xz -dc "$src" > "$input"
fi
n=$(stat -c %s "$input")
want=$(sha256sum < "$input" | cut -d' ' -f1)
echo "large-bench: input $n bytes, sha256 $want, default level $default_level, rows '$rows', peers '$peers'"

csv="$out/large.csv"
header="compressor,level,threads,input_bytes,bytes,bpb,compress_s,compress_mb_s,compress_cpu_s,compress_rss_mb,decompress_s,decompress_cpu_s,decompress_rss_mb,roundtrip,commit,note"
if [ "${APPEND:-0}" != 1 ] || [ ! -f "$csv" ]; then echo "$header" > "$csv"; fi

# time_of FILE -> "wall_s cpu_s peak_rss_mb" from /usr/bin/time -v output
time_of() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ { k = split($2, p, ":"); wall = (k == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
        /User time \(seconds\)/ { cpu += $2 }
        /System time \(seconds\)/ { cpu += $2 }
        /Maximum resident set size/ { rss = int($2 / 1024) }
        END { printf "%.2f %.2f %d\n", wall, cpu, rss }' "$1"
}

# row NAME LEVEL THREADS ARCHIVE CTIME DTIME ROUNDTRIP NOTE
row() {
    local size ct cc cr dt dc dr bpb mbs
    size=$(stat -c %s "$4")
    read -r ct cc cr < <(time_of "$5")
    read -r dt dc dr < <(time_of "$6")
    bpb=$(awk -v c="$size" -v n="$n" 'BEGIN { printf "%.4f", 8 * c / n }')
    mbs=$(awk -v n="$n" -v t="$ct" 'BEGIN { printf "%.3f", n / t / 1e6 }')
    echo "$1,$2,$3,$n,$size,$bpb,$ct,$mbs,$cc,$cr,$dt,$dc,$dr,$7,$(git rev-parse --short HEAD),$8" | tee -a "$csv"
}

# verdict FILE -> ok when FILE holds the input's SHA-256
verdict() { if [ "$(cut -d' ' -f1 "$1")" = "$want" ]; then echo ok; else echo FAIL; fi; }

# beside NAME ARCHIVE DECODER... : compress with "${compress_cmd[@]}" into ARCHIVE while DECODER
# reads ARCHIVE as it grows on the other core; leaves ARCHIVE.ctime, ARCHIVE.dtime, ARCHIVE.sum.
beside() {
    local archive="$2"; shift 2
    : > "$archive"
    /usr/bin/time -v -o "$archive.ctime" "${compress_cmd[@]}" > "$archive" &
    local cpid=$!
    tail -c +1 -f --pid="$cpid" -s 0.5 "$archive" \
        | /usr/bin/time -v -o "$archive.dtime" "$@" | sha256sum > "$archive.sum" &
    local dpid=$!
    wait "$cpid"
    wait "$dpid"
}

for spec in $rows; do
    level="${spec%%:*}"; threads="${spec##*:}"
    [ "$level" = d ] && level="$default_level"
    a="$work/l$level-t$threads.cmix"
    name="cmix -$level"
    echo "large-bench: $name -T $threads ($(date +%T))"
    if [ "$threads" = 1 ] && [ "${ALONE:-0}" != 1 ]; then
        compress_cmd=("$cmix" "-$level" -T 1 -q -c "$input")
        beside "$name" "$a" "$cmix" -d -c -T 1
        row "$name" "$level" 1 "$a" "$a.ctime" "$a.dtime" "$(verdict "$a.sum")" "decoder beside it"
    else
        /usr/bin/time -v -o "$a.ctime" "$cmix" "-$level" -T "$threads" -q -c "$input" > "$a"
        /usr/bin/time -v -o "$a.dtime" "$cmix" -d -c -T "$threads" "$a" | sha256sum > "$a.sum"
        row "$name" "$level" "$threads" "$a" "$a.ctime" "$a.dtime" "$(verdict "$a.sum")" "alone; then decoded alone; shared prefix $("$cmix" info "$a" | awk '$1 == "shared" && $2 == "prefix" { p = $3 } END { print p + 0 }') bytes"
    fi
done

for p in $peers; do
    echo "large-bench: peer $p ($(date +%T))"
    case "$p" in
        xz)
            compress_cmd=(xz -9e -T1 -k -c "$input")
            beside xz "$work/in.xz" xz -dc
            row "xz -9e -T1" "" 1 "$work/in.xz" "$work/in.xz.ctime" "$work/in.xz.dtime" "$(verdict "$work/in.xz.sum")" "decoder beside it" ;;
        zstd)
            compress_cmd=(zstd -19 --long=27 -T1 -q -c "$input")
            beside zstd "$work/in.zst" zstd -dc --long=27
            row "zstd -19 --long=27" "" 1 "$work/in.zst" "$work/in.zst.ctime" "$work/in.zst.dtime" "$(verdict "$work/in.zst.sum")" "decoder beside it" ;;
        zpaq)
            (cd "$work" && /usr/bin/time -v -o in.zpaq.ctime zpaq a in.zpaq input -m5 -t1 >/dev/null 2>&1)
            (cd "$work" && /usr/bin/time -v -o in.zpaq.dtime zpaq x in.zpaq input -to zx -t1 >/dev/null 2>&1)
            sha256sum < "$work/zx" > "$work/in.zpaq.sum"; rm -f "$work/zx"
            row "zpaq -m5 -t1" "" 1 "$work/in.zpaq" "$work/in.zpaq.ctime" "$work/in.zpaq.dtime" "$(verdict "$work/in.zpaq.sum")" "alone; then extracted alone" ;;
        ppmd)
            (cd "$work" && /usr/bin/time -v -o in.7z.ctime 7z a -bd -m0=PPMd -mx=9 -mmt=1 in.7z input >/dev/null)
            /usr/bin/time -v -o "$work/in.7z.dtime" 7z e -so "$work/in.7z" 2>/dev/null | sha256sum > "$work/in.7z.sum"
            row "7z PPMd -mx=9" "" 1 "$work/in.7z" "$work/in.7z.ctime" "$work/in.7z.dtime" "$(verdict "$work/in.7z.sum")" "alone; then extracted alone" ;;
    esac
done

# The Markdown report is made from every row of the CSV (this run's and, with APPEND=1, earlier ones).
xz_s=$(awk -F, '$1 == "xz -9e -T1" { s = $7 } END { print s }' "$csv")
{
    echo "# Scale run on $n bytes ($(date +%F), $(nproc) cores, model version ${model_version:-?})"
    echo
    echo "Input: \`$src\`, decompressed: $n bytes. Command: \`bash tools/large-bench.sh${bytes:+ $bytes}\` (last invocation: ROWS=\"$rows\", PEERS=\"$peers\"; each row's commit is in the table)."
    echo "cmix is the NativeAOT build (x86-64-v3). MB/s is input bytes over wall time; × xz is the"
    echo "compression speed over xz -9e's in the same run; CPU s and peak RSS come from \`/usr/bin/time -v\`."
    echo "A -T 1 row's compression ran with its own decoder beside it on the other core (see the script)."
    echo
    echo "| compressor | -T | bytes | bpb | compress s | MB/s | × xz | peak RSS MiB | decompress CPU s | decompress RSS MiB | round trip | commit | note |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
    tail -n +2 "$csv" | awk -F, -v xz="$xz_s" '{
        r = (xz != "" && $7 > 0) ? sprintf("%.3f", xz / $7) : "";
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $5, $6, $7, $8, r, $10, $12, $13, $14, $15, $16 }'
    # -T 2 against -T 1 at the default level: the newest row of each, with its compression time
    # the median over the rows like it (same bytes and note: repeats of one build and one timing).
    awk -F, -v d="$default_level" '
        function median(list,   a, k, i, j, x) {
            k = split(list, a, " ")
            for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        NR > 1 && $2 == d && ($3 == 1 || $3 == 2) { key[NR] = $5 "|" $16; secs[NR] = $7; newest[$3] = NR; size[$3] = $5 }
        END { if (newest[1] && newest[2]) {
            for (s = 1; s <= 2; s++) { l = ""; c[s] = 0
                for (r in key) if (key[r] == key[newest[s]]) { l = l " " secs[r]; c[s]++ }
                m[s] = median(l) }
            sp = m[1] / m[2]; g = 100 * (size[2] - size[1]) / size[1]
            printf "\nDefault level -T 2 vs -T 1 (compression time the median of %d and %d runs: %.2f s, %.2f s): speed-up %.2f× (bar ≥ 1.8), size %+.3f %% (bar ≤ +1.5 %%): %s.\n",
                c[2], c[1], m[2], m[1], sp, g, (sp >= 1.8 && g <= 1.5) ? "PASS" : "FAIL" } }' "$csv"
    # enwik9 projection from a whole-file level-9 -T 1 row: time scales with the input (the tables
    # are at level 9's cap well before 1 GB), memory is level 9's capped estimate from cmix info.
    cap9=$("$cmix" info | awk '$1 == 9 { print $2; exit }')
    awk -F, -v cap="$cap9" '$2 == 9 && $3 == 1 && $4 > 50000000 { n = $4; t = $7; r = $10 }
        END { if (n) { h = t * 1e9 / n / 3600;
            printf "\nenwik9 projection from the level-9 -T 1 row (%d bytes in %.0f s, peak %d MiB): %.1f h for 10^9 bytes (Hutter limit ≈ 50 h), memory about %s MiB at the level-9 cap (limit 10 GB): %s.\n",
                n, t, r, h, cap, (h <= 50 && cap + 0 <= 10240) ? "within both" : "OUTSIDE a limit" } }' "$csv"
} > "$out/large.md"
cat "$out/large.md"
if tail -n +2 "$csv" | cut -d, -f14 | grep -q FAIL; then echo "large-bench: a round trip failed"; exit 1; fi
echo "large-bench: done; results in $out"
