#!/usr/bin/env bash
# Memory against batch size: `marquee covers compose` on generated N-row manifests, peak RSS from
# GNU time, and how much it grows per row. Usage: scripts/bench-memory.sh [ROWS...] (default 100 1000 10000)
# Rows use 5 small generated photos (800x800 JPEG, ffmpeg testsrc2) and 5 categories, one platform
# (tiktok) and region (na), every default check and report writer, --jobs 2, release build.
# MARQUEE=path skips the build; BENCH_DIR (default /tmp/marquee-bench-memory) holds inputs and outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=("$@"); [ ${#ROWS[@]} -gt 0 ] || ROWS=(100 1000 10000)
WORK=${BENCH_DIR:-/tmp/marquee-bench-memory}
if [ -z "${MARQUEE:-}" ]; then
  swift build -c release --product marquee >/dev/null
  MARQUEE="$(swift build -c release --show-bin-path)/marquee"
fi
mkdir -p "$WORK"
for i in 0 1 2 3 4; do
  [ -f "$WORK/photo$i.jpg" ] || ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=800x800:r=1,hue=h=$((i * 70))" \
    -frames:v 1 -q:v 3 "$WORK/photo$i.jpg"
done
categories=(beauty apparel 3c home food)
printf '%8s %10s %14s %12s\n' rows wall_s peak_rss_kb kb_per_row
first_rows=""; first_kb=""
for n in "${ROWS[@]}"; do
  m="$WORK/m$n.csv"
  { echo "id,image,title,price,original_price,currency,category"
    for ((i = 0; i < n; i++)); do
      echo "p$i,photo$((i % 5)).jpg,Product $i Summer Edition,$((1000 + i % 900)),$((2000 + i % 900)),USD,${categories[$((i % 5))]}"
    done
  } > "$m"
  rm -rf "$WORK/out$n"
  /usr/bin/time -v -o "$WORK/time$n.txt" "$MARQUEE" covers compose --manifest "$m" --platforms tiktok --regions na \
    --jobs 2 --out "$WORK/out$n" > "$WORK/log$n.txt" 2>&1 || true
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time$n.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time$n.txt" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
  made=$(find "$WORK/out$n" -maxdepth 1 -name 'p*-tiktok-*' | wc -l)
  [ "$made" -eq "$n" ] || echo "warning: $made covers made of $n (see $WORK/log$n.txt)" >&2
  per="-"
  if [ -n "$first_rows" ] && [ "$n" -ne "$first_rows" ]; then per=$(echo "scale=2; ($kb - $first_kb) / ($n - $first_rows)" | bc); fi
  [ -n "$first_rows" ] || { first_rows=$n; first_kb=$kb; }
  printf '%8d %10.0f %14d %12s\n' "$n" "$wall" "$kb" "$per"
done
echo "kb_per_row: peak growth per row against the first size; command per size:"
echo "  /usr/bin/time -v marquee covers compose --manifest mN.csv --platforms tiktok --regions na --jobs 2 --out outN"
