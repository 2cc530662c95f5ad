#!/usr/bin/env bash
# Makes the inputs of the `cmix ncd` speed check: 100 files of 10,240 bytes, cut from the twelve
# dev corpus files in turn (file k % 12, the (k / 12)-th consecutive 10 KB slice of it), named
# NNN-<file>. Usage: tools/ncd-slices.sh OUTDIR [CORPUS_DIR]
# Then: /usr/bin/time -v cmix ncd -1 -T 2 -q --csv OUTDIR/* > /dev/null
set -euo pipefail
out=${1:?usage: tools/ncd-slices.sh OUTDIR [CORPUS_DIR]}
corpus=${2:-/work/shared/corpus/dev}
mkdir -p "$out"
mapfile -t files < <(ls "$corpus" | grep -v MANIFEST | sort)
for k in $(seq 0 99); do
  f=${files[$((k % ${#files[@]}))]}
  dd if="$corpus/$f" of="$out/$(printf %03d "$k")-$f" bs=10240 skip=$((k / ${#files[@]})) count=1 status=none
done
