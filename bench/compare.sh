#!/usr/bin/env bash
# planblanc against Hugo, Zola and mdBook on the same synthetic handbook, in one run.
#
# For each N: generate ../shared/bench/gen_corpus.py N, then time full builds with
# highlighting and search on for everyone who has them (Hugo: config.search.toml,
# Zola: config.search.toml, mdBook: MDBOOK_OUTPUT__HTML__SEARCH__ENABLE=true),
# alternating tools run by run (A B C D A B C D …), RUNS counted runs after one
# warm-up each, median wall time and peak RSS from GNU time, outputs on a tmpfs.
# Also times the floor (examples/floor.rs: read + pulldown-cmark + write only).
#
# Usage: bench/compare.sh [N ...]          (default: 1000 10000; add 50000 when asked)
# Env:   RUNS=5  HUGO=hugo  ZOLA=zola  MDBOOK=mdbook  MDBOOK_MAX_N=2000
#        WORK=/tmp/planblanc-compare  OUT_ROOT=/dev/shm/planblanc-compare
# Peers: Hugo `apt-get install -y hugo`; mdBook `cargo install mdbook --locked`;
#        Zola built from its source (see ../shared/bench/run_peers.sh). A missing
#        peer is reported and skipped.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN="$HERE/../shared/bench/gen_corpus.py"
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/planblanc-compare}
OUT_ROOT=${OUT_ROOT:-/dev/shm/planblanc-compare}
HUGO=${HUGO:-hugo}; ZOLA=${ZOLA:-zola}; MDBOOK=${MDBOOK:-mdbook}
MDBOOK_MAX_N=${MDBOOK_MAX_N:-2000}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "$0: page counts must be positive integers, got '$n'" >&2; exit 2; }
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer, got '$RUNS'" >&2; exit 2; }
pb_walls=()

cargo build --release --quiet --manifest-path "$HERE/Cargo.toml" --bin planblanc --example floor
PB="$HERE/target/release/planblanc"
FLOOR="$HERE/target/release/examples/floor"
mkdir -p "$WORK" "$OUT_ROOT"
median() { sort -g | awk '{a[NR]=$1} END{if (NR==0) print "nan"; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run LABEL DIR CMD... : one timed run, output in a fresh dir (@OUT@), appends "wall rss" to $WORK/LABEL.runs
run() {
  local label=$1 dir=$2; shift 2
  local out; out=$(mktemp -d "$OUT_ROOT/$label.XXXXXX"); rmdir "$out"
  local args=() a; for a in "$@"; do args+=("${a//@OUT@/$out}"); done
  if (cd "$dir" && /usr/bin/time -f '%e %M' -o "$WORK/t.txt" "${args[@]}" >"$WORK/last.log" 2>&1); then
    echo "$(cat "$WORK/t.txt")" >> "$WORK/$label.runs"
    if [ ! -e "$WORK/$label.size" ]; then
      du -sb "$out" | cut -f1 > "$WORK/$label.size"; find "$out" -type f | wc -l > "$WORK/$label.files"
      case $label in
        planblanc*) du -sb "$out/search" 2>/dev/null | cut -f1 > "$WORK/$label.index" || true ;;
        zola*) find "$out" -maxdepth 1 -name 'search_index*' -printf '%s\n' | paste -sd+ | bc > "$WORK/$label.index" || true ;;
        hugo*) find "$out" -maxdepth 1 -name 'index.json' -printf '%s\n' > "$WORK/$label.index" || true ;;
        mdbook*) find "$out" -maxdepth 1 -name 'searchindex*' -printf '%s\n' | paste -sd+ | bc > "$WORK/$label.index" || true ;;
      esac
    fi
  else
    echo "FAILED: $label (see $WORK/last.log)" >&2; tail -3 "$WORK/last.log" >&2
  fi
  rm -rf "$out"
}

have() { command -v "$1" >/dev/null 2>&1; }
printf '%-6s %-10s %9s %9s %10s %9s %8s %10s %10s %8s\n' N tool wall_s rss_mib out_mb files idx_mb "pb/tool" "ms/page" "kb/page"
for n in "${SIZES[@]}"; do
  C="$WORK/corpus-$n"
  [ -d "$C/planblanc" ] || python3 "$GEN" "$n" --seed 42 --out "$C" >/dev/null
  rm -f "$WORK"/*.runs "$WORK"/*.size "$WORK"/*.files "$WORK"/*.index
  tools=(planblanc floor)
  have "$HUGO" && tools+=(hugo) || echo "# hugo not found: skipped" >&2
  have "$ZOLA" && tools+=(zola) || echo "# zola not found: skipped" >&2
  if have "$MDBOOK" && [ "$n" -le "$MDBOOK_MAX_N" ]; then tools+=(mdbook); fi
  for ((i = 0; i <= RUNS; i++)); do
    for t in "${tools[@]}"; do
      [ "$i" -eq 0 ] && label="warmup-$t" || label="$t"
      case $t in
        planblanc) run "$label" "$C/planblanc" "$PB" build --quiet --out @OUT@ ;;
        floor) run "$label" "$C/planblanc" "$FLOOR" . @OUT@ ;;
        hugo) run "$label" "$C/hugo" "$HUGO" --quiet --config config.search.toml -d @OUT@ ;;
        zola) run "$label" "$C/zola" "$ZOLA" --config config.search.toml build -o @OUT@ --force ;;
        mdbook) run "$label" "$C/mdbook" env MDBOOK_OUTPUT__HTML__SEARCH__ENABLE=true "$MDBOOK" build -d @OUT@ ;;
      esac
    done
  done
  pb_wall=$(cut -d' ' -f1 "$WORK/planblanc.runs" | median)
  pb_walls+=("$n $pb_wall")
  for t in "${tools[@]}"; do
    [ -s "$WORK/$t.runs" ] || continue
    wall=$(cut -d' ' -f1 "$WORK/$t.runs" | median)
    rss=$(cut -d' ' -f2 "$WORK/$t.runs" | median)
    size=$(cat "$WORK/$t.size" 2>/dev/null || echo 0); files=$(cat "$WORK/$t.files" 2>/dev/null || echo 0)
    idx=$(cat "$WORK/$t.index" 2>/dev/null || echo 0); idx=${idx:-0}
    awk -v n="$n" -v t="$t" -v w="$wall" -v r="$rss" -v s="$size" -v f="$files" -v i="$idx" -v p="$pb_wall" \
      'BEGIN{printf "%-6s %-10s %9.3f %9.1f %10.1f %9d %8.2f %10.2f %10.3f %8.1f\n", n, t, w, r/1024, s/1e6, f, i/1e6, p/w, 1000*w/n, s/n/1000}'
  done
done
# Scaling: the cost of each page added between two sizes. A fixed start-up cost
# (theme, the 180 edition pages) makes small sites dearer per page; a marginal
# cost that rises with N would mean something grows with the site.
prev=""
for entry in "${pb_walls[@]}"; do
  if [ -n "$prev" ]; then
    awk -v a="$prev" -v b="$entry" 'BEGIN{split(a, x, " "); split(b, y, " ");
      printf "# planblanc marginal cost %d -> %d pages: %.3f ms/page\n", x[1], y[1], 1000 * (y[2] - x[2]) / (y[1] - x[1])}'
  fi
  prev=$entry
done
