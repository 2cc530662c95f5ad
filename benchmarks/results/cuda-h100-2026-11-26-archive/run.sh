#!/usr/bin/env bash
# Device run for issue 8, part 2: ABI 2 library, smoke, GPU-kernel archive equality, check, memcheck.
set -uo pipefail
cd "$(dirname "$0")"
B=/tmp/cc
{
  date -u; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
  grep -m1 'model name' /proc/cpuinfo; nproc; nvcc --version | tail -n 2
  time src/native/cuda/build.sh $B; cat $B/ptxas.txt
} > $OUT/build.log 2>&1
tail -n 4 $OUT/build.log
[ -f $B/libcmixcuda.so ] || { echo BUILD FAILED; tail -n 40 $OUT/build.log; exit 1; }
(cd $B && timeout 20 ./cmixcuda_smoke) > $OUT/smoke.txt 2>&1; echo "smoke rc=$?" | tee -a $OUT/smoke.txt; cat $OUT/smoke.txt
export CMIX_CUDA_LIBRARY=$B/libcmixcuda.so
run_archive() {  # size level cap
  timeout $3 bin/cmix-gpubench archive --size $1 --level $2 --out $OUT/archives-l$2 > $OUT/archive-l$2.txt 2>&1
  echo "archive rc=$?" >> $OUT/archive-l$2.txt; cat $OUT/archive-l$2.txt
}
run_archive 4096 1 90
run_archive 2048 6 50
run_archive 1024 9 40
timeout 60 bin/cmix-gpubench check > $OUT/check.txt 2>&1; echo "check rc=$?" | tee -a $OUT/check.txt; tail -n 5 $OUT/check.txt
{ timeout 60 compute-sanitizer --tool memcheck --print-limit 5 $B/cmixcuda_smoke 2>&1 | tail -n 12; echo "memcheck rc=$?"; } > $OUT/memcheck.txt 2>&1
cat $OUT/memcheck.txt
