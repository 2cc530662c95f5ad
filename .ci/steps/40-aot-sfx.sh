#!/usr/bin/env bash
# Publishes the NativeAOT `cmix` (x86-64-v3) and the SFX stub, then exercises every verb of the
# published binary: help, compress, decompress, test, info, bench, sfx. Self-extracting archives
# are run and their output compared byte for byte; a truncated and an altered SFX must fail and
# write nothing. Also checks that the portable (no AVX2) build writes identical archives, and
# prints binary sizes and AOT vs JIT throughput. Run from the repository root.
#   CMIX_CI_SKIP_PORTABLE=1  skip the portable publish (saves about a minute)
set -euo pipefail

root=$(pwd)
out="$root/artifacts/ci-aot"
work=$(mktemp -d "${TMPDIR:-/tmp}/cmix-ci-aot.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
expect_code() { # expect_code CODE command...
    local want=$1; shift
    set +e; "$@" >"$work/stdout" 2>"$work/stderr"; local got=$?; set -e
    [[ $got == "$want" ]] || { cat "$work/stderr" >&2; fail "expected exit $want, got $got: $*"; }
}

step "publish cmix (NativeAOT, x86-64-v3); the same command publishes the SFX stub beside it"
dotnet publish src/CMix.Cli/CMix.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true -o "$out/cmix" -nologo -v:q
cmix="$out/cmix/cmix"
stub="$out/cmix/cmix-sfx"   # found next to cmix by StubLocator
[[ -x $stub ]] || fail "the cmix publish did not put cmix-sfx beside cmix (CMix.Cli.csproj, CmixPublishSfxStub)"
bash tools/source-zip.sh "$out/cmix/cmix-source.zip"

# Samples: prefixes of three dev-corpus files (Wikipedia XML, an executable, Chinese text) when
# the corpus is beside the repository, else the repository's own sources.
corpus="$root/../shared/corpus/dev"
samples=()
if [[ -d $corpus ]]; then
    for f in enwiki_2016_pages-articles_p10-p713.xml vim.basic_9.0.1378_amd64.elf zhwiki_wikiextractor_AA00-01.txt; do
        [[ -f $corpus/$f ]] && head -c 262144 "$corpus/$f" >"$work/$f" && samples+=("$work/$f")
    done
fi
if [[ ${#samples[@]} == 0 ]]; then
    # Whole, then cut: `| head -c` would end cat with SIGPIPE, which pipefail turns into a failure.
    find src -name '*.cs' | sort | xargs cat >"$work/all-sources.txt"
    head -c 262144 "$work/all-sources.txt" >"$work/sources.txt"
    samples+=("$work/sources.txt")
fi
sample=${samples[0]}

step "help and usage errors"
expect_code 0 "$cmix" --help
grep -q "Usage: cmix" "$work/stdout" || fail "--help does not print usage"
for verb in compress decompress test list info bench sfx analyze ncd; do
    expect_code 0 "$cmix" "$verb" --help
done
expect_code 0 "$cmix" --version
expect_code 0 "$cmix" version
expect_code 2 "$cmix" -1 x -o                               # a missing value is a usage error
"$cmix" __docs man | cmp - docs/cmix.1 || fail "the AOT binary's man page differs from docs/cmix.1 (option reflection under NativeAOT)"
expect_code 2 "$cmix" --no-such-option
expect_code 2 "$cmix" -d -t x

step "info"
expect_code 0 "$cmix" info
cat "$work/stdout"
grep -q "NativeAOT" "$work/stdout" || fail "info does not report NativeAOT"
grep -q "mixer kernel" "$work/stdout" || fail "info does not report the kernel"
if grep -qw avx2 /proc/cpuinfo; then
    grep -q "Avx2+" "$work/stdout" || fail "AVX2 machine but the AOT binary reports Avx2 unsupported (IlcInstructionSet missing?)"
fi

step "compress, test, info FILE, decompress"
cp "$sample" "$work/s.dat"
expect_code 0 "$cmix" -1 -v "$work/s.dat"
cat "$work/stderr"
[[ -f $work/s.dat && -f $work/s.dat.cmix ]] || fail "compress must keep the input and write s.dat.cmix"
expect_code 1 "$cmix" -1 "$work/s.dat"                     # refuses to overwrite
expect_code 0 "$cmix" -1 -f "$work/s.dat"
expect_code 0 "$cmix" test "$work/s.dat.cmix"
expect_code 0 "$cmix" -l "$work/s.dat.cmix"
expect_code 0 "$cmix" -d -9 -c "$work/s.dat.cmix"         # another verb's option is ignored (tar -I)
expect_code 0 "$cmix" info "$work/s.dat.cmix"
grep -q "level          1" "$work/stdout" || fail "info FILE does not show the level"
mv "$work/s.dat" "$work/s.orig"
expect_code 0 "$cmix" -d "$work/s.dat.cmix"
cmp "$work/s.dat" "$work/s.orig"
"$cmix" -1 <"$work/s.orig" | "$cmix" -d | cmp - "$work/s.orig"   # stdin -> stdout both ways

step "corrupt and foreign input"
head -c -7 "$work/s.dat.cmix" >"$work/t.cmix"
expect_code 1 "$cmix" -d "$work/t.cmix"
[[ ! -e $work/t ]] || fail "truncated archive left an output file"
printf 'not an archive' >"$work/f.cmix"
expect_code 1 "$cmix" -d "$work/f.cmix"
grep -q "not a CMix archive" "$work/stderr" || fail "foreign input message"
[[ -z $(find "$work" -name '.*.tmp') ]] || fail "temporary files left behind"

step "an interrupted run (SIGTERM) leaves no temporary file"
cat "${samples[@]}" "${samples[@]}" >"$work/long.dat"
"$cmix" -6 "$work/long.dat" & pid=$!
sleep 1
kill -TERM "$pid" 2>/dev/null || true
set +e; wait "$pid"; code=$?; set -e
[[ -z $(find "$work" -maxdepth 1 -name '.*.tmp') ]] || fail "temporary file left after SIGTERM"
[[ $code == 0 || ! -e $work/long.dat.cmix ]] || fail "killed run left an output file"
rm -f "$work/long.dat" "$work/long.dat.cmix"

step "self-extracting archives"
for s in "${samples[@]}"; do
    name=$(basename "$s")
    expect_code 0 "$cmix" sfx -1 "$s" -o "$work/$name.sfx"
    cat "$work/stdout"
    mkdir -p "$work/x" && rm -f "$work/x/$name" "$work/x/explicit"
    (cd "$work/x" && "$work/$name.sfx" -q)                    # stored name, current directory
    cmp "$work/x/$name" "$s"
    "$work/$name.sfx" -c | cmp - "$s"                          # stdout
    "$work/$name.sfx" -c 2>&- | cmp - "$s"                     # stderr closed: still extracts, no crash
    set +e; "$work/$name.sfx" -c >&- 2>"$work/stderr"; got=$?; set -e   # stdout closed under -c: an error
    [[ $got == 1 ]] || fail "closed stdout under -c: expected exit 1, got $got"
    "$work/$name.sfx" -q "$work/x/explicit"
    cmp "$work/x/explicit" "$s"
    expect_code 1 "$work/$name.sfx" "$work/x/explicit"         # refuses to overwrite
    expect_code 0 "$work/$name.sfx" -f -q "$work/x/explicit"
done
# A primed archive (format version 3: several blocks, each after the first learning a shared
# prefix): the stub decodes its blocks one after another (no worker threads), so the prefix is
# whole before the second block needs it.
expect_code 0 "$cmix" -1 -T 2 --block=64K --prime=16K -q -c "$sample"
mv "$work/stdout" "$work/primed.cmix"
"$cmix" info "$work/primed.cmix" | grep -q "^shared prefix *16384 bytes" || fail "--prime=16K archive has no 16 KiB shared prefix"
expect_code 0 "$cmix" sfx --archive "$work/primed.cmix" -o "$work/primed.sfx"
"$work/primed.sfx" -c | cmp - "$sample"
one="$work/$(basename "$sample").sfx"
head -c -100 "$one" >"$work/trunc.sfx" && chmod +x "$work/trunc.sfx"
expect_code 1 "$work/trunc.sfx" "$work/x/none"
[[ ! -e $work/x/none ]] || fail "truncated SFX wrote output"
cp "$one" "$work/alt.sfx"
stub_bytes=$(stat -c %s "$stub")
printf '\xff' | dd of="$work/alt.sfx" bs=1 seek=$((stub_bytes + 200)) conv=notrunc status=none
expect_code 1 "$work/alt.sfx" "$work/x/none"
grep -q "damaged" "$work/stderr" || fail "altered SFX message"
[[ ! -e $work/x/none && -z $(find "$work/x" -name '.*.tmp') ]] || fail "altered SFX wrote output"

step "xunit SFX test against the freshly published stub"
CMIX_SFX_STUB="$stub" dotnet test tests/CMix.Cli.Tests/CMix.Cli.Tests.csproj -c Release --filter "FullyQualifiedName~PublishedStubRoundTrip" -nologo -v:q

step "bench --hutter"
expect_code 0 "$cmix" bench --hutter "$sample" -1
cat "$work/stdout"
grep -q "total (S)" "$work/stdout" || fail "bench report"
grep -q "binary form      S = cmix" "$work/stdout" || fail "bench --hutter: no binary-form total"
grep -q "source form      S = source zip" "$work/stdout" || fail "bench --hutter: no source-form total"

if [[ ${CMIX_CI_SKIP_PORTABLE:-0} != 1 ]]; then
    step "portable baseline build writes identical archives"
    dotnet publish src/CMix.Cli/CMix.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true -p:CmixPortable=true -p:CmixPublishStub=false -o "$out/portable" -nologo -v:q
    # Read whole first: `cmix info | grep -q` fails under pipefail, since cmix exits non-zero on
    # the pipe grep closes early (a closed output stops the work, as xz and zstd do).
    "$out/portable/cmix" info >"$work/portable-info.txt"
    grep -q "Avx2-" "$work/portable-info.txt" || fail "portable build should not assume AVX2"
    "$out/portable/cmix" -1 -c "$sample" >"$work/portable.cmix"
    "$cmix" -1 -c "$sample" >"$work/v3.cmix"
    cmp "$work/portable.cmix" "$work/v3.cmix"
fi

step "sizes and AOT vs JIT throughput (same machine, same run, level 1)"
jit_dir="$root/src/CMix.Cli/bin/Release/net10.0"
dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v:q >/dev/null
# CPU seconds (user) rather than wall time: this machine is shared, wall time is noise.
seconds() { local TIMEFORMAT=%U; { time "$@" >/dev/null 2>&1; } 2>&1; }
bytes=$(stat -c %s "$sample")
aot=$(seconds "$cmix" -1 -c "$sample")
jit=$(seconds dotnet "$jit_dir/cmix.dll" -1 -c "$sample")
printf 'cmix (AOT, x86-64-v3)  %10d bytes\n' "$(stat -c %s "$cmix")"
[[ -f $out/portable/cmix ]] && printf 'cmix (AOT, portable)   %10d bytes\n' "$(stat -c %s "$out/portable/cmix")"
printf 'cmix-sfx stub          %10d bytes\n' "$stub_bytes"
awk -v n="$bytes" -v a="$aot" -v j="$jit" -v f="$(basename "$sample")" 'BEGIN {
    printf "sample %s: %d bytes, user CPU: AOT %.2f s (%.3f MB/s), JIT %.2f s (%.3f MB/s), AOT speed / JIT speed %.2f\n", f, n, a, n / a / 1e6, j, n / j / 1e6, j / a }'
# Issue 27 asks for <= 1,000,000. The size options of CMix.Sfx.csproj and the stub's raw libc file
# I/O (docs/CLI.md, "SFX stub size") take the stub to 959,360 bytes on the Core of the sfx branch
# (1,141,056 before, at 40aff64), and 967,568 with the format-version-3 decoder. This bound keeps
# what they won, with a little room.
stub_limit=970000
(( stub_bytes <= stub_limit )) || fail "stub is $stub_bytes bytes, more than $stub_limit"
echo "40-aot-sfx: OK"
