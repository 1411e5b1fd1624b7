#!/usr/bin/env bash
# Builds the synthetic corpus from ../shared/bench/gen_corpus.py with planblanc and
# reports wall time, pages/s and peak memory (GNU time). Output goes to a tmpfs.
#
# Usage: bench/build_corpus.sh [N ...]     (default: 1000 10000)
# Env:   RUNS=5  counted runs per size (after one warm-up)
#        WORK=/tmp/planblanc-bench   corpora live here
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN="$HERE/../shared/bench/gen_corpus.py"
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/planblanc-bench}
OUT=${OUT:-/dev/shm/planblanc-bench-out}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "$0: page counts must be positive integers, got '$n'" >&2; exit 2; }
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer, got '$RUNS'" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$HERE/Cargo.toml"
BIN="$HERE/target/release/planblanc"
mkdir -p "$WORK"
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-8s %10s %10s %12s %10s\n' pages wall_s pages_per_s peak_rss_mib out_mb
for n in "${SIZES[@]}"; do
  corpus="$WORK/c$n"
  [ -d "$corpus/planblanc" ] || python3 "$GEN" "$n" --out "$corpus" >/dev/null
  walls=(); rss=()
  for i in $(seq 0 "$RUNS"); do
    rm -rf "$OUT"
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN" build --quiet --root "$corpus/planblanc" --out "$OUT"
    read -r w m < "$WORK/time.txt"
    [ "$i" -eq 0 ] && continue   # warm-up
    walls+=("$w"); rss+=("$m")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  mem=$(printf '%s\n' "${rss[@]}" | median)
  size=$(du -sm "$OUT" | cut -f1)
  awk -v n="$n" -v w="$wall" -v m="$mem" -v s="$size" 'BEGIN{printf "%-8s %10.3f %10.0f %12.1f %10s\n", n, w, n/w, m/1024, s}'
done
rm -rf "$OUT"
