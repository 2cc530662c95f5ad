#!/usr/bin/env bash
# Reruns the Core (and CMix.Gpu) tests with hardware intrinsics switched off (the scalar kernel
# everywhere) and with AVX2 alone switched off (the Vector128 kernel on x86-64), so every dispatch
# path is tested on one machine. A method must behave identically whether or not IsSupported is true.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

dotnet build tests/CMix.Core.Tests/CMix.Core.Tests.csproj -c Release -nologo -clp:ErrorsOnly
# CMix.Gpu's BatchedMixer tests compare MixerKernels.Current with the scalar kernel: rerun them too.
dotnet build tests/CMix.Gpu.Tests/CMix.Gpu.Tests.csproj -c Release -nologo -clp:ErrorsOnly
for setting in DOTNET_EnableHWIntrinsic=0 DOTNET_EnableAVX2=0; do
    echo "31-intrinsics-off: dotnet test with $setting"
    # One test at a time: level 9 holds 5.4 GB a predictor (model version 9), much of it in arrays
    # the GC frees late; with two at once one run was killed for memory on this 24 GB machine.
    env "$setting" dotnet test tests/CMix.Core.Tests/CMix.Core.Tests.csproj -c Release --no-build -nologo -- xUnit.MaxParallelThreads=1
    env "$setting" dotnet test tests/CMix.Gpu.Tests/CMix.Gpu.Tests.csproj -c Release --no-build -nologo
done
