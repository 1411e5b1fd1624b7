#!/usr/bin/env bash
# Instructions executed by one build of the N-page corpus, per binary, counted by
# valgrind's callgrind: the same count for the same binary and input whatever else
# the machine is doing, so a change of 1-2 % shows, which wall-clock runs on this
# machine (whose speed drifts by 20 % over minutes) cannot resolve. Instructions
# are not time (cache misses and the kernel's share are not counted): confirm a
# real gain with bench/ab.sh.
#
# Usage: bench/instructions.sh BINARY [BINARY ...]      Env: N=1000 WORK=/tmp/planblanc-compare
# Needs: valgrind (Debian's package). A 1,000-page build takes about a minute.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000}
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "$0: the page count must be a positive integer, got '$N'" >&2; exit 2; }
WORK=${WORK:-/tmp/planblanc-compare}
C="$WORK/corpus-$N/planblanc"
[ $# -gt 0 ] || { echo "usage: bench/instructions.sh BINARY [BINARY ...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind" >&2; exit 2; }
for bin in "$@"; do
  [ -x "$bin" ] || { echo "not an executable file: $bin" >&2; exit 2; }
done
[ -d "$C" ] || python3 "$HERE/../shared/bench/gen_corpus.py" "$N" --seed 42 --out "$WORK/corpus-$N" >/dev/null
for bin in "$@"; do
  OUT=$(mktemp -u /dev/shm/planblanc-instr.XXXXXX)
  # One rayon thread: idle workers spin, and their spinning would be counted.
  count=$(RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$bin" build --quiet --root "$C" --out "$OUT" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  rm -rf "$OUT"
  [ -n "$count" ] || { echo "$bin: the build failed under valgrind (run it without to see why)" >&2; exit 1; }
  printf '%-50s %15s instructions\n' "$bin" "$count"
done
