#!/usr/bin/env bash
# Device check for --gpu / cmix info with the AOT cmix and a freshly built libcmixcuda.so.
set -uo pipefail
D=artifacts/gpucli-tmp; B=$D/cmix
export PATH=$PATH:/usr/local/cuda/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
( time CMIX_CUDA_ARCHS=90 native/cuda/build.sh /tmp/cu ) > $OUT/build.log 2>&1; tail -n 3 $OUT/build.log
[ -f /tmp/cu/libcmixcuda.so ] || { echo BUILD FAILED; tail -n 30 $OUT/build.log; exit 1; }
cp /tmp/cu/libcmixcuda.so $D/
$B info > $OUT/info.txt 2>&1; echo "info rc=$?"; tail -n 7 $OUT/info.txt
head -c 2000 docs/CLI.md > /tmp/s.txt
{
$B -1 -q -o /tmp/cpu.cmix /tmp/s.txt; echo "cpu rc=$?"
time timeout 120 $B --gpu -1 -v -o /tmp/gpu.cmix /tmp/s.txt; echo "gpu rc=$?"
sha256sum /tmp/cpu.cmix /tmp/gpu.cmix; ls -l /tmp/cpu.cmix /tmp/gpu.cmix
cmp /tmp/cpu.cmix /tmp/gpu.cmix && echo "ARCHIVES EQUAL"
time timeout 120 $B -d --gpu -o /tmp/back.txt /tmp/cpu.cmix; echo "gpu decode rc=$?"
cmp /tmp/s.txt /tmp/back.txt && echo "GPU DECODE OK"
$B -d -o /tmp/back2.txt /tmp/gpu.cmix && cmp /tmp/s.txt /tmp/back2.txt && echo "CPU DECODE OF GPU ARCHIVE OK"
time timeout 120 $B test --gpu -v /tmp/gpu.cmix; echo "gpu test rc=$?"
CMIX_CUDA_DISABLE=1 $B --gpu -1 -o /tmp/none.cmix /tmp/s.txt; echo "disabled rc=$? (expect 1)"; ls /tmp/none.cmix 2>&1
} > $OUT/gpu.txt 2>&1
cat $OUT/gpu.txt
