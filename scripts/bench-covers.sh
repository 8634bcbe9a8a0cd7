#!/usr/bin/env bash
# Covers benchmark: Marquee against the pyvips peer (../shared/peers/pyvips_cover.py) on the same
# 3000x3000 JPEG photos, in one run, on this machine. Prints covers per second, the ratio, and peak
# memory (GNU time). Usage: scripts/bench-covers.sh [PHOTOS] [REPEATS] [VARIANTS_FOR_MEMORY_RUN]
#   PHOTOS    number of 3000x3000 photos (default 20), one cover each in the speed runs
#   REPEATS   timed runs of each tool; the median is reported (default 3)
#   VARIANTS  memory run: PHOTOS x VARIANTS covers in one batch (default 0 = skip; 1000 covers: 100 photos, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20}; REPEATS=${2:-3}; VARIANTS=${3:-0}
WORK=${BENCH_DIR:-/tmp/marquee-bench}
PEER=${PEER:-../shared/peers/pyvips_cover.py}
[ -f "$PEER" ] || { echo "bench: $PEER not found (the peer scripts live in ../shared/peers)" >&2; exit 2; }
python3 -c "import pyvips" 2>/dev/null || pip install --quiet pyvips
swift build -c release --product marquee >/dev/null
MARQUEE="$(swift build -c release --show-bin-path)/marquee"
mkdir -p "$WORK/in"

# Inputs: N distinct 3000x3000 photos (a moving test pattern, so each decodes differently).
if [ "$(ls "$WORK/in" | wc -l)" -lt "$N" ]; then
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=3000x3000:r=1" -frames:v "$N" -q:v 3 "$WORK/in/p%03d.jpg"
fi
ls "$WORK/in" | head -n "$N" > "$WORK/list"
{ echo "id,image,title,price,original_price,currency,category"
  i=0; while read -r f; do echo "p$i,in/$f,Summer Sale Linen Shirt,1290,2580,USD,bench-blur"; i=$((i+1)); done < "$WORK/list"
} > "$WORK/manifest.csv"
mkdir -p "$WORK/peer-in"; rm -f "$WORK/peer-in"/*; while read -r f; do ln -sf "$WORK/in/$f" "$WORK/peer-in/$f"; done < "$WORK/list"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

peer_t=(); mq_t=(); mqc_t=()
for r in $(seq "$REPEATS"); do
  rm -rf "$WORK/peer-out" "$WORK/mq-out" "$WORK/mqc-out"
  peer_t+=("$(timed python3 "$PEER" "$WORK/peer-in" "$WORK/peer-out")")
  mq_t+=("$(timed "$MARQUEE" covers compose --presets scripts/bench-presets --manifest "$WORK/manifest.csv" \
      --platforms tiktok --regions na --checks none --format jpg --out "$WORK/mq-out")")
  mqc_t+=("$(timed "$MARQUEE" covers compose --presets scripts/bench-presets --manifest "$WORK/manifest.csv" \
      --platforms tiktok --regions na --check --format jpg --out "$WORK/mqc-out")")
done
made=$(ls "$WORK/mq-out"/*.jpg | wc -l); peer_made=$(ls "$WORK/peer-out"/*.jpg | wc -l)
P=$(printf '%s\n' "${peer_t[@]}" | median); M=$(printf '%s\n' "${mq_t[@]}" | median); C=$(printf '%s\n' "${mqc_t[@]}" | median)
echo "inputs: $N photos 3000x3000 JPEG; covers 1080x1920 JPEG q85; $(nproc) cores; median of $REPEATS runs"
printf 'pyvips peer           %3d covers  %7.2f s  %6.2f covers/s\n' "$peer_made" "$P" "$(echo "$peer_made / $P" | bc -l)"
printf 'marquee (no checks)   %3d covers  %7.2f s  %6.2f covers/s  ratio %.2fx\n' "$made" "$M" "$(echo "$made / $M" | bc -l)" "$(echo "($made / $M) / ($peer_made / $P)" | bc -l)"
printf 'marquee (--check)     %3d covers  %7.2f s  %6.2f covers/s  ratio %.2fx\n' "$made" "$C" "$(echo "$made / $C" | bc -l)" "$(echo "($made / $C) / ($peer_made / $P)" | bc -l)"
/usr/bin/time -f "%M %R" -o "$WORK/peer.mem" python3 "$PEER" "$WORK/peer-in" "$WORK/peer-out2" >/dev/null 2>&1
/usr/bin/time -f "%M %R" -o "$WORK/mq.mem" "$MARQUEE" covers compose --presets scripts/bench-presets --manifest "$WORK/manifest.csv" \
  --platforms tiktok --regions na --check --format jpg --out "$WORK/mq-out2" >/dev/null 2>&1 || true
read -r peer_kb peer_faults < <(tail -n1 "$WORK/peer.mem"); read -r mq_kb mq_faults < <(tail -n1 "$WORK/mq.mem")
echo "peak RSS: pyvips peer $((peer_kb / 1024)) MB, marquee --check $((mq_kb / 1024)) MB ($N covers)"
echo "page faults (minor): pyvips peer $peer_faults, marquee --check $mq_faults"
rm -rf "$WORK/peer-out2" "$WORK/mq-out2"

if [ "$VARIANTS" -gt 0 ]; then
  rm -rf "$WORK/mem-out"
  /usr/bin/time -f "%M %e" -o "$WORK/mem.txt" "$MARQUEE" covers compose --presets scripts/bench-presets --manifest "$WORK/manifest.csv" \
    --platforms tiktok --regions na --variants "$VARIANTS" --checks none --format jpg --out "$WORK/mem-out" >/dev/null 2>&1 || true
  read -r kb secs < "$WORK/mem.txt"
  echo "memory run: $(ls "$WORK/mem-out"/*.jpg | wc -l) covers from $N photos in ${secs} s, peak RSS $((kb / 1024)) MB"
fi
