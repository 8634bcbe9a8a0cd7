#!/usr/bin/env bash
# Paired comparison of two marquee builds on one command: ROUNDS rounds, each running both builds
# back to back (which goes first alternates), so the machine's slow and fast minutes hit both alike.
# Prints the median wall time and CPU (user + sys) of each build and the median of the per-round
# ratios B/A, with how many rounds B was faster. On a noisy 2-core VM this shows differences of
# 2-3 % that separate runs of scripts/bench-covers.sh cannot (docs/benchmarks.md, session 22).
# Usage: scripts/bench-pair.sh BUILD_A BUILD_B ROUNDS -- ARGS...   (ARGS: the marquee command; an
#        output folder named in ARGS is emptied before each run)
# Example: scripts/bench-pair.sh /tmp/a /tmp/b 16 -- covers compose --presets scripts/bench-presets \
#            --manifest /tmp/marquee-bench/manifest.csv --platforms tiktok --regions na --check \
#            --format jpg --out /tmp/pair-out
set -euo pipefail
[ $# -ge 5 ] && [ "$4" = "--" ] || { sed -n 2,11p "$0" >&2; exit 2; }
A=$1; B=$2; ROUNDS=$3; shift 4
OUT=""; prev=""
for a in "$@"; do [ "$prev" = "--out" ] && OUT=$a; prev=$a; done
TIMES=$(mktemp); ROWS=$(mktemp); trap 'rm -f "$TIMES" "$ROWS"' EXIT
for i in $(seq "$ROUNDS"); do
  if [ $((i % 2)) = 0 ]; then order="A B"; else order="B A"; fi
  for which in $order; do
    bin=$A; [ "$which" = B ] && bin=$B
    [ -n "$OUT" ] && rm -rf "$OUT"
    # (GNU time puts a line before the figures when the command fails: the figures are the last line.)
    /usr/bin/time -f "%e %U %S" -o "$TIMES" "$bin" "$@" >/dev/null 2>&1 || true
    echo "$which $(awk 'END {print $1, $2 + $3}' "$TIMES")" >> "$ROWS"
  done
done
python3 - "$ROWS" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
wall = {k: [float(r[1]) for r in rows if r[0] == k] for k in "AB"}
cpu = {k: [float(r[2]) for r in rows if r[0] == k] for k in "AB"}
rw = [b / a for a, b in zip(wall["A"], wall["B"])]
rc = [b / a for a, b in zip(cpu["A"], cpu["B"])]
print(f"{len(rw)} rounds; medians")
print(f"A  wall {st.median(wall['A']):.3f} s  CPU {st.median(cpu['A']):.3f} s")
print(f"B  wall {st.median(wall['B']):.3f} s  CPU {st.median(cpu['B']):.3f} s")
print(f"B/A wall {st.median(rw):.3f} (B faster in {sum(r < 1 for r in rw)} of {len(rw)})  "
      f"CPU {st.median(rc):.3f} (B less in {sum(r < 1 for r in rc)} of {len(rc)})")
PY
