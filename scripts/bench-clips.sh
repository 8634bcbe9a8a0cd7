#!/usr/bin/env bash
# Clips benchmark: Marquee against the ffmpeg CLI (../shared/peers/ffmpeg_vertical_clips.sh) on the same
# replay, in one run, on this machine. Usage: scripts/bench-clips.sh [REPEATS]
#   1. vertical 720x1280, x264 veryfast CRF 23, AAC 128k, loudness -14 LUFS, faststart, 6 clips of 20 s:
#      Marquee's one pass against the peer's six ffmpeg processes (goal: Marquee >= 1.6x throughput);
#   2. smart cut of the same 6 clips at source size against Marquee's full re-encode at source size
#      (goal: >= 8x faster), and frame accuracy of the smart clips (first frame vs ffmpeg's frame at the cue).
# The replay (1080p30 H.264/AAC, 2 s keyframe interval, 3 minutes) is made once with ffmpeg and kept in $WORK.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
WORK=${BENCH_DIR:-/tmp/marquee-bench-clips}
PEER=../shared/peers/ffmpeg_vertical_clips.sh
[ -f "$PEER" ] || { echo "bench: $PEER not found (the peer scripts live in ../shared/peers)" >&2; exit 2; }
swift build -c release --product marquee >/dev/null
MARQUEE="$(swift build -c release --show-bin-path)/marquee"
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

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; return 1; }; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
cut() { "$MARQUEE" clips cut "$R" --cues "$WORK/cues.csv" "$@"; }

peer_t=(); vert_t=(); smart_t=(); full_t=()
for r in $(seq "$REPEATS"); do
  rm -rf "$WORK"/out-*
  peer_t+=("$(timed bash "$PEER" "$R" "$WORK/out-peer" $STARTS)")
  vert_t+=("$(timed cut --mode reencode --format vertical --size 720x1280 --reframe centre-crop --overlays none --out "$WORK/out-vertical")")
  smart_t+=("$(timed cut --mode smart --format source --out "$WORK/out-smart")")
  full_t+=("$(timed cut --mode reencode --format source --out "$WORK/out-full")")
done
P=$(printf '%s\n' "${peer_t[@]}" | median); V=$(printf '%s\n' "${vert_t[@]}" | median)
S=$(printf '%s\n' "${smart_t[@]}" | median); F=$(printf '%s\n' "${full_t[@]}" | median)
echo "replay: 1920x1080 30 fps H.264/AAC, 180 s, keyframe every 2 s; 6 clips of 20 s; $(nproc) cores; median of $REPEATS runs"
printf 'vertical 720x1280  ffmpeg peer (6 processes)  %6.2f s\n' "$P"
printf 'vertical 720x1280  marquee (one pass)         %6.2f s   ratio %.2fx (goal 1.6x)\n' "$V" "$(echo "$P / $V" | bc -l)"
printf 'source size        marquee reencode           %6.2f s\n' "$F"
printf 'source size        marquee smart cut          %6.2f s   ratio %.2fx faster (goal 8x)\n' "$S" "$(echo "$F / $S" | bc -l)"

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
