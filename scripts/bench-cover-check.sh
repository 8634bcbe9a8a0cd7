#!/usr/bin/env bash
# Cover-check benchmark: covers per second of `marquee covers check` on covers Marquee composed
# (the sample show, 5 products x tiktok,shopee-live x na,sea = 20 covers, repeated to COPIES x 20),
#   1. with layer data (covers.json), every check but legibility (geometry and pixel checks: no OCR);
#      the same with --out (the HTML report and its two pictures per cover written too);
#   2. with layer data, every check (legibility reads each text region at full and feed size);
#   3. by detection (the tiktok covers without covers.json: one OCR pass per cover, then every check).
# (GNU time writes "Command exited with non-zero status 1" first when a cover fails: the figures are its last line.)
# Each is run REPEATS times; the median wall time and the median CPU time (user+sys, GNU time) are
# reported: covers/s by wall clock, and CPU ms per cover with the rate 2 cores would reach at that CPU
# cost (the figure to compare on a loaded machine).
# Usage: scripts/bench-cover-check.sh [COPIES] [JOBS] [REPEATS]   (defaults 3 copies = 60 covers; jobs = Marquee's default; 3)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-3}; JOBS=${2:-}; REPEATS=${3:-3}
WORK=${BENCH_DIR:-/tmp/marquee-bench-check}
swift build -c release --product marquee >/dev/null
MARQUEE="$(swift build -c release --show-bin-path)/marquee"
mkdir -p "$WORK"
[ -f "$WORK/show/manifest.csv" ] || samples/make-sample-show.sh "$WORK/show" 1600 >/dev/null
# Composed afresh (a kept folder would resume: records from an older build, without its layer data).
rm -rf "$WORK/covers" "$WORK/plain" "$WORK/composed"
"$MARQUEE" covers compose --manifest "$WORK/show/manifest.csv" --platforms tiktok,shopee-live --regions na,sea \
  --checks none --reports covers-json --out "$WORK/composed" >/dev/null
# COPIES x the covers, with a covers.json listing every copy (and a plain folder without one).
mkdir -p "$WORK/covers" "$WORK/plain"
python3 - "$WORK" "$COPIES" <<'PY'
import json, shutil, sys, os
work, copies = sys.argv[1], int(sys.argv[2])
doc = json.load(open(f"{work}/composed/covers.json"))
out = []
for k in range(copies):
    for c in doc["covers"]:
        name = f"c{k}-{c['file']}"
        shutil.copy(f"{work}/composed/{c['file']}", f"{work}/covers/{name}")
        if c["platform"] == "tiktok":
            shutil.copy(f"{work}/composed/{c['file']}", f"{work}/plain/{name}")
        out.append(dict(c, file=name))
doc["covers"] = out
json.dump(doc, open(f"{work}/covers/covers.json", "w"))
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rate() { # label, dir-of-covers, args...
  local label=$1 N walls=() cpus=(); N=$(ls "$2"/*.jpg | wc -l); shift 2
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" "$MARQUEE" covers check ${JOBS:+--jobs "$JOBS"} "$@" >/dev/null 2>&1 || true
    read -r e u s < <(tail -n 1 "$WORK/time.txt"); walls+=("$e"); cpus+=("$(echo "$u + $s" | bc -l)")
  done
  local W C; W=$(printf '%s\n' "${walls[@]}" | median); C=$(printf '%s\n' "${cpus[@]}" | median)
  printf '%-42s %4d covers %6.2f s %6.1f covers/s | CPU %6.2f s %5.1f ms/cover = %5.1f covers/s on %d cores\n' \
    "$label" "$N" "$W" "$(echo "$N / $W" | bc -l)" "$C" "$(echo "1000 * $C / $N" | bc -l)" "$(echo "$(nproc) * $N / $C" | bc -l)" "$(nproc)"
}
echo "cover check: ${JOBS:-default} jobs, $(nproc) cores, median of $REPEATS runs"
rate "layers, no OCR (7 checks)" "$WORK/covers" --checks platform-rules,safe-zone,edge-margin,text-size,contrast,text-density,subject-occlusion "$WORK/covers"
rate "layers, no OCR, HTML report (--out)" "$WORK/covers" --checks platform-rules,safe-zone,edge-margin,text-size,contrast,text-density,subject-occlusion --out "$WORK/report" "$WORK/covers"
rate "layers, every check (legibility OCR)" "$WORK/covers" "$WORK/covers"
rate "detection (tiktok covers), every check" "$WORK/plain" --platform tiktok "$WORK/plain"
