#!/usr/bin/env bash
# NativeAOT check: publishes tools/CMix.SelfCheck with PublishAot and IlcInstructionSet=x86-64-v3
# and proves the binary picks the AVX2 mixer kernel (without IlcInstructionSet it would not) and
# still reproduces the golden archives. Skipped on a CPU without AVX2. About a minute.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if ! grep -qw avx2 /proc/cpuinfo; then
    echo "32-aot-avx2: skipped: this CPU has no AVX2"
    exit 0
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "32-aot-avx2: publishing tools/CMix.SelfCheck with NativeAOT, IlcInstructionSet=x86-64-v3"
dotnet publish tools/CMix.SelfCheck/CMix.SelfCheck.csproj -c Release -r linux-x64 \
    -p:PublishAot=true -p:IlcInstructionSet=x86-64-v3 -o "$out" -nologo -clp:ErrorsOnly
"$out/CMix.SelfCheck" --expect-kernel AVX2 --max-length 256 --golden "$root/tests/data/golden"
