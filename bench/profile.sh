#!/usr/bin/env bash
# Where a full build of the N-page corpus spends its CPU: `perf record` with call
# stacks, then bench/perf_categories.py sorts the samples into pipeline steps (the
# innermost matching frame wins) and breaks the three biggest steps down.
#
# Usage: bench/profile.sh [N]     (default 10000; corpus made as bench/compare.sh does)
# Needs: perf (Debian's linux-perf). At 999 Hz one sample is about 1 ms of CPU.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "$0: the page count must be a positive integer, got '$N'" >&2; exit 2; }
WORK=${WORK:-/tmp/planblanc-compare}
C="$WORK/corpus-$N"
[ -d "$C/planblanc" ] || python3 "$HERE/../shared/bench/gen_corpus.py" "$N" --seed 42 --out "$C" >/dev/null
cargo build --release --quiet --manifest-path "$HERE/Cargo.toml" --bin planblanc
OUT=$(mktemp -d /dev/shm/planblanc-profile.XXXXXX); rmdir "$OUT"
perf record -q -g --call-graph dwarf -F 999 -o "$WORK/perf.data" \
  "$HERE/target/release/planblanc" build --quiet --root "$C/planblanc" --out "$OUT" 2>/dev/null
rm -rf "$OUT"
perf script -i "$WORK/perf.data" 2>/dev/null > "$WORK/perf.txt"
python3 "$HERE/bench/perf_categories.py" "$WORK/perf.txt"
