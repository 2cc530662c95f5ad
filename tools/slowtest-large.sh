#!/usr/bin/env bash
# Slow test (not part of CI): a large input — 4.5 GB by default — streamed through
# `cmix compress | cmix decompress` without touching the disk, compared by SHA-256 with the
# generator's own output. Exercises 64-bit positions and lengths, segment streaming with bounded
# memory, and (with THREADS > 1) the block-parallel path.
#   usage: bash tools/slowtest-large.sh [BYTES] [LEVEL] [THREADS]
#   e.g.   bash tools/slowtest-large.sh 4500000000 1 0      (all cores; hours on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
bytes="${1:-4500000000}"
level="${2:-1}"
threads="${3:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build src/CMix.Cli/CMix.Cli.csproj -c Release -nologo -v q -o "$work/bin" >/dev/null
corpus="../shared/corpus/dev"

# Deterministic generator: corpus files (when present) interleaved with seeded pseudo-random
# text-like records, repeated until BYTES are written. It also writes the SHA-256 of what it
# produced to its second argument, so the input is generated once, while it is compressed.
generate() {
  python3 - "$bytes" "$corpus" "$1" <<'PY'
import os, sys, random, hashlib
total = int(sys.argv[1]); corpus = sys.argv[2]; digest_path = sys.argv[3]
sha = hashlib.sha256()
rng = random.Random(20261126)
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)) if os.path.isdir(corpus) else []
blobs = [open(f, 'rb').read() for f in files if not f.endswith('.tsv')]
words = [bytes(rng.choice(b'etaoinshrdlucmfwyp') for _ in range(rng.randint(2, 9))) for _ in range(5000)]
out = sys.stdout.buffer; written = 0; i = 0
while written < total:
    if blobs and i % 3 == 0:
        chunk = blobs[i // 3 % len(blobs)]
    else:
        chunk = b' '.join(rng.choice(words) for _ in range(200000)) + b'\n'
    chunk = chunk[: total - written]
    out.write(chunk); sha.update(chunk); written += len(chunk); i += 1
out.flush()
open(digest_path, 'w').write(sha.hexdigest() + '\n')
PY
}

echo "generating $bytes bytes, level $level, threads $threads"
start=$(date +%s)
actual=$(generate "$work/expected" | /usr/bin/time -v -o "$work/c.time" dotnet "$work/bin/cmix.dll" "-$level" -T "$threads" -c \
  | tee >(wc -c > "$work/size") \
  | /usr/bin/time -v -o "$work/d.time" dotnet "$work/bin/cmix.dll" -d -T "$threads" -c | sha256sum | cut -d' ' -f1)
end=$(date +%s)
expected=$(cat "$work/expected")
echo "archive bytes: $(cat "$work/size"), seconds: $((end - start))"
echo "peak RSS compress: $(grep 'Maximum resident' "$work/c.time" | awk '{print $NF}') KB, decompress: $(grep 'Maximum resident' "$work/d.time" | awk '{print $NF}') KB"
if [ "$expected" != "$actual" ]; then
  echo "FAIL: round trip differs ($expected vs $actual)"; exit 1
fi
echo "PASS: $bytes bytes round-tripped"
