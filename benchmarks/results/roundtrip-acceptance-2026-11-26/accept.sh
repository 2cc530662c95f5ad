#!/usr/bin/env bash
# Round-trip acceptance on the device host: every whole dev file plus edge inputs at levels 1, 2, 9
# through the NativeAOT cmix, all cases in parallel.
set -uo pipefail
cd "$(dirname "$0")"
w=/tmp/acc; rm -rf $w; mkdir -p $w/in
: > $w/in/empty; printf 'Z' > $w/in/one-byte
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' > $w/in/all-256
python3 -c 'import random, sys; r = random.Random(1); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(1000000)))' > $w/in/random-1M
head -c 10000000 /dev/zero | tr '\0' 'x' > $w/in/run-10M
nproc; lscpu | grep "Model name"
one() {
  f=$1; l=$2; n=$(basename $f).$l
  s=$(date +%s.%N)
  ./cmix -$l -c "$f" > $w/$n.cmix && ./cmix -d -c $w/$n.cmix > $w/$n.out
  e=$(date +%s.%N)
  if cmp -s "$f" $w/$n.out; then echo "ok   -$l $(basename $f) $(stat -c %s $f) -> $(stat -c %s $w/$n.cmix) $(echo "$e - $s" | bc 2>/dev/null || echo ?)s"; else echo "FAIL -$l $(basename $f)"; fi
  rm -f $w/$n.out
}
export -f one; export w
for l in 9 2 1; do for f in corpus/* $w/in/*; do echo "$f $l"; done; done | xargs -P 15 -n 2 bash -c 'one "$@"' _ | tee $OUT/acceptance.txt
grep -c "^ok" $OUT/acceptance.txt; grep -c FAIL $OUT/acceptance.txt
