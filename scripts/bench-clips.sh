#!/usr/bin/env bash
# Clips benchmark: Marquee against the physical floor and the ffmpeg CLI (../shared/peers/ffmpeg_vertical_clips.sh,
# or PEER=path) on the same replay, in one run, on this machine. Usage: scripts/bench-clips.sh [REPEATS]
# (MARQUEE=path: a prebuilt release binary; STEPS="smart full copy": only those steps). CPU = user + system
# seconds of all threads (GNU time): the figure to compare on a shared machine; wall is what a user waits.
#   1. vertical 720x1280, x264 veryfast CRF 23, AAC 128k, loudness -14 LUFS, faststart, 6 clips of 20 s:
#      Marquee's CPU time against the floor (`marquee clips floor`: H.264 decode of the GOPs the clips need
#      plus x264 encode of their frames at the same settings, Media wrappers alone; goal within 10%), and
#      Marquee's wall time against the peer's six ffmpeg processes (goal >= 1.1x);
#   2. 12 overlapping clips (20 s each, starting every 10 s): Marquee against the peer (goal >= 1.15x), the
#      floor clip by clip, and the floor of encoding the shared span once (would stream-copying it pay?);
#   3. smart cut of the 6 clips at source size against Marquee's full re-encode at source size (goal >= 8x
#      faster) and against a stream copy of the same clips (goal within 3x), and frame accuracy of the smart
#      clips (frame count, first frame vs ffmpeg's frame at the cue); the smart cut's floor: the copy's CPU plus
#      what a smart cut must do beyond it (`marquee clips floor --smart`: seam GOPs decoded, seam frames and the
#      audio encoded, Media wrappers alone; no loudness metering), so its ratio to the copy is the best any
#      frame-accurate, loudness-normalised cut could reach here.
# The replay (1080p30 H.264/AAC, 2 s keyframe interval, 3 minutes) is made once with ffmpeg and kept in $WORK.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
WORK=${BENCH_DIR:-/tmp/marquee-bench-clips}
PEER=${PEER:-../shared/peers/ffmpeg_vertical_clips.sh}
[ -f "$PEER" ] || { echo "bench: $PEER not found (the peer scripts live in ../shared/peers; or set PEER=path)" >&2; exit 2; }
if [ -z "${MARQUEE:-}" ]; then
  swift build -c release --product marquee >/dev/null
  MARQUEE="$(swift build -c release --show-bin-path)/marquee"
fi
mkdir -p "$WORK"
R="$WORK/replay-1080p.mp4"
if [ ! -f "$R" ]; then
  echo "making the replay (1080p30, 180 s, GOP 60)…" >&2
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=180,noise=alls=3:allf=t" \
    -f lavfi -i "anoisesrc=c=pink:a=0.05:d=180:r=48000" -f lavfi -i "sine=f=330:d=180:r=48000" \
    -filter_complex "[1:a][2:a]amix=inputs=2,volume='0.5+0.4*sin(t/7)':eval=frame,aformat=channel_layouts=stereo[a]" \
    -map 0:v -map "[a]" -c:v libx264 -preset veryfast -crf 23 -g 60 -keyint_min 60 -sc_threshold 0 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -movflags +faststart "$R.part.mp4"
  mv "$R.part.mp4" "$R"
fi
STARTS="5 33 61 89 117 145"
{ echo "id,start,duration"; i=0; for s in $STARTS; do echo "clip_$i,$s,20"; i=$((i+1)); done; } > "$WORK/cues.csv"

OVER="5 15 25 35 45 55 65 75 85 95 105 115"
{ echo "id,start,duration"; i=0; for s in $OVER; do echo "over_$i,$s,20"; i=$((i+1)); done; } > "$WORK/over.csv"
list() { local out="" s; for s in "$@"; do out="$out${out:+,}$s:20"; done; echo "$out"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# One run under GNU time: appends its wall seconds to W[name] and its CPU seconds (user + system) to C[name].
declare -A W C
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; return 1; }
  read -r e u s < "$WORK/time.txt"
  W[$name]+="$e "; C[$name]+="$(echo "$u + $s" | bc -l) "
}
med() { [ -n "${1:-}" ] || { echo nan; return; }; tr ' ' '\n' <<<"${1% }" | median; }
# STEPS="smart full copy" runs only those steps (default: all); lines of steps not run print nan.
step() { [ -z "${STEPS:-}" ] || [[ " $STEPS " == *" $1 "* ]]; }
# GNU time runs programs, not shell functions: the cut command is an array.
CUT=("$MARQUEE" clips cut "$R" --cues)
VERT=(--mode reencode --format vertical --size 720x1280 --reframe centre-crop --overlays none)

for r in $(seq "$REPEATS"); do
  rm -rf "$WORK"/out-*
  step peer && timed peer bash "$PEER" "$R" "$WORK/out-peer" $STARTS
  step vertical && timed vertical "${CUT[@]}" "$WORK/cues.csv" "${VERT[@]}" --out "$WORK/out-vertical"
  step floor && timed floor "$MARQUEE" clips floor "$R" --clips "$(list $STARTS)"
  step decode && timed decode "$MARQUEE" clips floor "$R" --clips "$(list $STARTS)" --decode-only
  step smart && timed smart "${CUT[@]}" "$WORK/cues.csv" --mode smart --format source --out "$WORK/out-smart"
  step full && timed full "${CUT[@]}" "$WORK/cues.csv" --mode reencode --format source --out "$WORK/out-full"
  step copy && timed copy "${CUT[@]}" "$WORK/cues.csv" --mode copy --format source --out "$WORK/out-copy"
  step seams && timed seams "$MARQUEE" clips floor "$R" --clips "$(list $STARTS)" --smart
  step peer12 && timed peer12 bash "$PEER" "$R" "$WORK/out-peer12" $OVER
  step vertical12 && timed vertical12 "${CUT[@]}" "$WORK/over.csv" "${VERT[@]}" --out "$WORK/out-vertical12"
  step floor12 && timed floor12 "$MARQUEE" clips floor "$R" --clips "$(list $OVER)"
  step span12 && timed span12 "$MARQUEE" clips floor "$R" --clips 5:130
done
w() { med "${W[$1]:-}"; }; c() { med "${C[$1]:-}"; }
ratio() { [[ "$1$2" == *nan* ]] && { echo nan; return; }; echo "$1 / $2" | bc -l; }
echo "replay: 1920x1080 30 fps H.264/AAC, 180 s, keyframe every 2 s; $(nproc) cores; median of $REPEATS runs (wall s / CPU s)"
printf '6 clips   peer (6 ffmpeg processes)       %6.2f s wall %6.2f s CPU\n' "$(w peer)" "$(c peer)"
printf '6 clips   marquee vertical                %6.2f s wall %6.2f s CPU   peer/marquee wall %.2fx (goal >= 1.1x)\n' \
  "$(w vertical)" "$(c vertical)" "$(ratio "$(w peer)" "$(w vertical)")"
printf '6 clips   floor: decode + encode          %6.2f s wall %6.2f s CPU   marquee/floor CPU %.2fx (goal <= 1.10x)\n' \
  "$(w floor)" "$(c floor)" "$(ratio "$(c vertical)" "$(c floor)")"
printf '6 clips   floor: decode only              %6.2f s wall %6.2f s CPU\n' "$(w decode)" "$(c decode)"
printf '12 overl. peer (12 ffmpeg processes)      %6.2f s wall %6.2f s CPU\n' "$(w peer12)" "$(c peer12)"
printf '12 overl. marquee vertical                %6.2f s wall %6.2f s CPU   peer/marquee wall %.2fx (goal >= 1.15x)\n' \
  "$(w vertical12)" "$(c vertical12)" "$(ratio "$(w peer12)" "$(w vertical12)")"
printf '12 overl. floor, clip by clip             %6.2f s wall %6.2f s CPU   peer/floor wall %.2fx\n' \
  "$(w floor12)" "$(c floor12)" "$(ratio "$(w peer12)" "$(w floor12)")"
printf '12 overl. floor, shared span encoded once %6.2f s wall %6.2f s CPU   clip-by-clip/span CPU %.2fx\n' \
  "$(w span12)" "$(c span12)" "$(ratio "$(c floor12)" "$(c span12)")"
printf 'source    marquee reencode                %6.2f s wall %6.2f s CPU\n' "$(w full)" "$(c full)"
printf 'source    marquee smart cut               %6.2f s wall %6.2f s CPU   reencode/smart %.2fx wall, %.2fx CPU (goal >= 8x)\n' \
  "$(w smart)" "$(c smart)" "$(ratio "$(w full)" "$(w smart)")" "$(ratio "$(c full)" "$(c smart)")"
printf 'source    marquee stream copy             %6.2f s wall %6.2f s CPU   smart/copy %.2fx wall, %.2fx CPU (goal <= 3x)\n' \
  "$(w copy)" "$(c copy)" "$(ratio "$(w smart)" "$(w copy)")" "$(ratio "$(c smart)" "$(c copy)")"
printf 'source    smart beyond copy: seams + AAC      %6.2f s wall %6.2f s CPU\n' "$(w seams)" "$(c seams)"
floor=$( [[ "$(c copy)$(c seams)" == *nan* ]] && echo nan || echo "$(c copy) + $(c seams)" | bc -l)
printf 'source    smart floor = copy + seams + AAC            %6.2f s CPU   floor/copy %.2fx CPU, smart/floor %.2fx CPU\n' \
  "$floor" "$(ratio "$floor" "$(c copy)")" "$(ratio "$(c smart)" "$floor")"
step smart || exit 0
# Frame accuracy of the smart clips, checked by ffmpeg: frame count and first frame against the replay's frame at the cue.
i=0; worst=1000; frames=""
for s in $STARTS; do
  c="$WORK/out-smart/clip_$i.mp4"
  n=$(ffprobe -v error -count_frames -select_streams v -show_entries stream=nb_read_frames -of csv=p=0 "$c")
  p=$(ffmpeg -hide_banner -i "$c" -ss "$s" -i "$R" -filter_complex \
      "[0:v]trim=end_frame=1,setpts=PTS-STARTPTS[a];[1:v]trim=end_frame=1,setpts=PTS-STARTPTS[b];[a][b]psnr" -f null - 2>&1 \
      | sed -n 's/.*average:\([0-9.inf]*\).*/\1/p' | tail -1)
  [ "$p" = "inf" ] && p=99
  worst=$(echo "if ($p < $worst) $p else $worst" | bc -l); frames="$frames $n"
  i=$((i+1))
done
echo "smart clips: frames per clip:$frames (600 expected); worst first-frame PSNR against the replay ${worst} dB (goal >= 40)"
errs=$(for f in "$WORK"/out-smart/*.mp4; do ffmpeg -v error -i "$f" -f null - 2>&1; done | wc -l)
echo "smart clips: decode error lines: $errs"
