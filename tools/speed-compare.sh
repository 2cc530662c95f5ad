#!/usr/bin/env bash
# Speed of the working tree against an earlier commit, as ratios to xz -9e measured in the same
# runs (a refactor's "speed not worse" check). Builds the corpus benchmark at BASE in a temporary
# worktree and here, then runs the two alternately ROUNDS times on the corpus prefixes, so that
# load on the machine falls on both alike; prints each round and the medians.
#
#   tools/speed-compare.sh BASE [LEVELS] [PREFIX] [ROUNDS] [NEW]
#   tools/speed-compare.sh b3c9a81 4,9 200000 3          # NEW: the working tree
#   tools/speed-compare.sh b3c9a81 4,9 1000000 3 4497427 # NEW: a commit
#
# Needs ../shared/corpus/dev (or CMIX_CORPUS) and xz; CMIX_SPEED_FILES=a,b,... limits the files. Prints "level L: base R1, new R2, new/base Q"
# where R is the median over rounds of TOTAL compress MB/s ÷ xz -9e's in the same run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE=${1:?usage: tools/speed-compare.sh BASE [LEVELS] [PREFIX] [ROUNDS]}
LEVELS=${2:-4,9}
PREFIX=${3:-200000}
ROUNDS=${4:-3}
NEW=${5:-}
CORPUS=$(realpath "${CMIX_CORPUS:-../shared/corpus/dev}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cmix-speed.XXXXXX")
cleanup() {
    git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
    git worktree remove --force "$WORK/new" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

git worktree add --detach "$WORK/base" "$BASE" >/dev/null
NEWTREE=$PWD
if [ -n "$NEW" ]; then
    git worktree add --detach "$WORK/new" "$NEW" >/dev/null
    NEWTREE=$WORK/new
fi
for tree in "$WORK/base" "$NEWTREE"; do
    dotnet build "$tree/benchmarks/CMix.CorpusBench" -c Release -v q -nologo >/dev/null
done

run() {  # run TREE NAME ROUND
    local out="$WORK/$2-$3"
    (cd "$1" && dotnet run --no-build -c Release --project benchmarks/CMix.CorpusBench -- \
        --corpus "$CORPUS" ${CMIX_SPEED_FILES:+--files "$CMIX_SPEED_FILES"} --prefix "$PREFIX" --levels "$LEVELS" --peers "xz -9e" --out "$out" >/dev/null)
    # TOTAL rows: compressor,level,xz_ratio
    awk -F, -v name="$2" -v round="$3" '$1 == "TOTAL" && $4 != "" { print name, round, $4, $11 }' "$out/results.csv"
}

for r in $(seq 1 "$ROUNDS"); do
    run "$WORK/base" base "$r"
    run "$NEWTREE" new "$r"
done | tee "$WORK/rounds.txt"

echo "medians over $ROUNDS rounds (compress speed ÷ xz -9e's, prefixes of $PREFIX bytes; base $(git rev-parse --short "$BASE"), new ${NEW:+$(git rev-parse --short "$NEW")}${NEW:-$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')}):"
for level in ${LEVELS//,/ }; do
    awk -v level="$level" '$3 == level { print $1, $4 }' "$WORK/rounds.txt" |
        sort -k1,1 -k2,2g |
        awk -v level="$level" '
            { n[$1]++; v[$1, n[$1]] = $2 }
            function median(k,   m) { m = n[k]; return (m % 2) ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2 }
            END { printf "level %s: base %.4f, new %.4f, new/base %.3f\n", level, median("base"), median("new"), median("new") / median("base") }'
done
