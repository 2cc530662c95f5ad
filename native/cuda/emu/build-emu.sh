#!/usr/bin/env bash
# Builds libcmixcuda.so from cmixcuda.cu WITHOUT a GPU or nvcc, for checking the kernel's logic
# and the managed binding on any Linux box: g++ compiles the CUDA source against the CPU stand-in
# cuda_runtime.h beside this script, each warp running as 32 std::threads (so shuffles work).
# Slow (a thread per GPU thread): fine for the self-test and the small test shapes.
#   native/cuda/emu/build-emu.sh [OUTDIR]       (default native/cuda/build-emu)
#   CMIX_CUDA_LIBRARY=OUTDIR/libcmixcuda.so dotnet test tests/CMix.Core.Tests --filter 'FullyQualifiedName~Gpu'
#   CMIX_CUDA_LIBRARY=OUTDIR/libcmixcuda.so dotnet test tests/CMix.Gpu.Tests --filter 'FullyQualifiedName!~LongMixTrain'
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/.."
out="${1:-$src/build-emu}"
mkdir -p "$out"
# kernel<<<grid, block, smem, stream>>>(args) → emu_launch(grid, block, kernel, args)
perl -0pe 's/(\w+)<<<\s*([^,]+),\s*([^,]+),.*?>>>\(/emu_launch($2, $3, $1, /gs' "$src/cmixcuda.cu" > "$out/cmixcuda_emu.cpp"
g++ -std=c++20 -O1 -fPIC -shared -pthread -Wall -Wno-unknown-pragmas -I"$here" -I"$src" -o "$out/libcmixcuda.so" "$out/cmixcuda_emu.cpp"
g++ -std=c++20 -O1 -I"$here" -I"$src" -o "$out/cmixcuda_smoke" "$src/smoke.cpp" -L"$out" -lcmixcuda -Wl,-rpath,'$ORIGIN'
echo "built $out/libcmixcuda.so (CPU emulation) and $out/cmixcuda_smoke"
