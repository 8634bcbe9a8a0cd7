#!/usr/bin/env bash
# Cover-check benchmark: covers per second of `marquee covers check` on covers Marquee composed
# (the sample show, 5 products x tiktok,shopee-live x na,sea = 20 covers, repeated to COPIES x 20),
#   1. with layer data (covers.json), every check but legibility (geometry and pixel checks: no OCR);
#   2. with layer data, every check (legibility reads each text region at full and feed size);
#   3. by detection (the tiktok covers without covers.json: one OCR pass per cover, then every check).
# Usage: scripts/bench-cover-check.sh [COPIES] [JOBS]   (defaults 3 copies = 60 covers; jobs = cores)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-3}; JOBS=${2:-$(nproc)}
WORK=${BENCH_DIR:-/tmp/marquee-bench-check}
swift build -c release --product marquee >/dev/null
MARQUEE="$(swift build -c release --show-bin-path)/marquee"
mkdir -p "$WORK"
[ -f "$WORK/show/manifest.csv" ] || samples/make-sample-show.sh "$WORK/show" 1600 >/dev/null
rm -rf "$WORK/covers" "$WORK/plain"
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
rate() { # label, dir-of-covers, args...
  local label=$1 N; N=$(ls "$2"/*.jpg | wc -l); shift 2
  local s e; s=$(date +%s.%N); "$MARQUEE" covers check --jobs "$JOBS" "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  printf '%-48s %4d covers %7.2f s %7.1f covers/s\n' "$label" "$N" "$(echo "$e - $s" | bc -l)" "$(echo "$N / ($e - $s)" | bc -l)"
}
echo "cover check: $JOBS jobs, $(nproc) cores"
rate "layers, no OCR (7 checks)" "$WORK/covers" --checks platform-rules,safe-zone,edge-margin,text-size,contrast,text-density,subject-occlusion "$WORK/covers"
rate "layers, every check (legibility OCR)" "$WORK/covers" "$WORK/covers"
rate "detection (tiktok covers), every check" "$WORK/plain" --platform tiktok "$WORK/plain"
