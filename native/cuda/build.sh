#!/usr/bin/env bash
# Builds libcmixcuda.so (and the cmixcuda_smoke check) with nvcc from PATH.
# Usage: native/cuda/build.sh [OUTDIR]   (default: native/cuda/build)
# Env:   NVCC (default nvcc), CMIX_CUDA_ARCHS (default "80 90": SASS for each plus PTX of the last).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/build}"
nvcc="${NVCC:-nvcc}"
command -v "$nvcc" >/dev/null || { echo "build.sh: $nvcc not found on PATH (install the CUDA toolkit)" >&2; exit 3; }
archs=(${CMIX_CUDA_ARCHS:-80 90})
gencode=()
for a in "${archs[@]}"; do gencode+=("-gencode=arch=compute_$a,code=sm_$a"); done
last="${archs[${#archs[@]}-1]}"
gencode+=("-gencode=arch=compute_$last,code=compute_$last")   # PTX fallback for newer GPUs
mkdir -p "$out"
"$nvcc" --version | tail -n 2
set -x
"$nvcc" -O3 -std=c++17 -Xcompiler -fPIC,-fvisibility=hidden -shared "${gencode[@]}" \
    -Xptxas -v -o "$out/libcmixcuda.so" "$here/cmixcuda.cu" 2> "$out/ptxas.txt" || { cat "$out/ptxas.txt" >&2; exit 1; }
"$nvcc" -O2 -std=c++17 -o "$out/cmixcuda_smoke" "$here/smoke.cpp" -L"$out" -lcmixcuda -Xlinker -rpath,'$ORIGIN'
set +x
grep -E 'registers|spill' "$out/ptxas.txt" | sort -u | head -n 8 || true
echo "built $out/libcmixcuda.so"
