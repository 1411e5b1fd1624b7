#!/usr/bin/env bash
# Two planblanc binaries on the same corpus, run by run (A B A B …): the way each
# performance change was measured, since this machine's speed drifts over minutes.
#
# Usage: bench/ab.sh OLD_BINARY NEW_BINARY [N]     (N pages, default 10000)
# Env:   RUNS=8  WORK=/tmp/planblanc-compare (corpora as bench/compare.sh makes them)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
  echo "usage: bench/ab.sh OLD_BINARY NEW_BINARY [N]   (both must be executable files)" >&2
  exit 2
fi
A=$1; B=$2; N=${3:-10000}; RUNS=${RUNS:-8}
[[ "$N" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: N and RUNS must be positive integers" >&2; exit 2; }
WORK=${WORK:-/tmp/planblanc-compare}
C="$WORK/corpus-$N/planblanc"
[ -d "$C" ] || python3 "$HERE/../shared/bench/gen_corpus.py" "$N" --seed 42 --out "$WORK/corpus-$N" >/dev/null
T=$(mktemp -d); OUT=$(mktemp -u /dev/shm/planblanc-ab.XXXXXX)
for ((i = 0; i < RUNS; i++)); do
  for side in A B; do
    bin=$A; [ "$side" = B ] && bin=$B
    rm -rf "$OUT"
    /usr/bin/time -f '%e %U %S %M' -o "$T/t" "$bin" build --quiet --root "$C" --out "$OUT" >/dev/null 2>&1
    cat "$T/t" >> "$T/$side"
  done
done
rm -rf "$OUT"
for side in A B; do
  sort -n "$T/$side" | awk -v s="$side" '{w[NR]=$1; c[NR]=$2+$3; m[NR]=$4}
    END {k=int((NR+1)/2); printf "%s: wall min %.2f s, median %.2f s; CPU %.2f s, %d MiB at the median\n", s, w[1], w[k], c[k], m[k]/1024}'
done
rm -rf "$T"
