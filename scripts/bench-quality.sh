#!/usr/bin/env bash
# Quality-metrics benchmark: `marquee quality` (VMAF + PSNR + SSIM, decode included, in process) against
# the ffmpeg CLI with libvmaf (../shared/peers/ffmpeg_quality_vmaf.sh: libvmaf n_threads=2 with the psnr
# and float_ssim features, the imageio-ffmpeg binary), on the same 1080p H.264 pair, in one run.
# Usage: scripts/bench-quality.sh [REPEATS] [FRAMES]
# Prints wall time, frames per second, peak memory (GNU time) and the ratio; goal: Marquee >= 1.0x the
# peer's frames per second, and peak memory that does not grow with the video's length (the second
# pair is twice as long).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
FRAMES=${2:-300}
WORK=${BENCH_DIR:-/tmp/marquee-bench-quality}
PEER=../shared/peers/ffmpeg_quality_vmaf.sh
[ -f "$PEER" ] || { echo "bench: $PEER not found (the peer scripts live in ../shared/peers)" >&2; exit 2; }
FF=$(python3 -c "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())") \
  || { echo "bench: the libvmaf ffmpeg comes from imageio-ffmpeg: run make setup" >&2; exit 2; }
if [ -z "${MARQUEE:-}" ]; then
  swift build -c release --product marquee >/dev/null
  MARQUEE="$(swift build -c release --show-bin-path)/marquee"
fi
mkdir -p "$WORK"
make_pair() { # $1 frames
  local ref="$WORK/ref-$1.mp4" dist="$WORK/dist-$1.mp4"
  if [ ! -f "$dist" ]; then
    echo "making the $1-frame 1080p pair…" >&2
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=1920x1080:r=30,noise=alls=6:allf=t" -frames:v "$1" \
      -c:v libx264 -preset veryfast -crf 12 -pix_fmt yuv420p "$ref"
    ffmpeg -hide_banner -loglevel error -y -i "$ref" -c:v libx264 -preset veryfast -b:v 2500k -pix_fmt yuv420p "$dist"
  fi
}
make_pair "$FRAMES"; make_pair $((FRAMES * 2))

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs a command under GNU time; prints "seconds peak_kb".
measure() { /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/last.err" \
  || { cat "$WORK/last.err" >&2; return 1; }; cat "$WORK/time.txt"; }

peer_t=(); ours_t=(); peer_m=(); ours_m=()
R="$WORK/ref-$FRAMES.mp4"; D="$WORK/dist-$FRAMES.mp4"
for r in $(seq "$REPEATS"); do
  read -r t m < <(measure bash "$PEER" "$R" "$D" "$WORK/peer.json" "$FF"); peer_t+=("$t"); peer_m+=("$m")
  read -r t m < <(measure "$MARQUEE" quality "$R" "$D" --metrics vmaf,psnr,ssim --json); ours_t+=("$t"); ours_m+=("$m")
done
read -r _ long_m < <(measure "$MARQUEE" quality "$WORK/ref-$((FRAMES * 2)).mp4" "$WORK/dist-$((FRAMES * 2)).mp4" --metrics vmaf,psnr,ssim --json)
P=$(printf '%s\n' "${peer_t[@]}" | median); O=$(printf '%s\n' "${ours_t[@]}" | median)
PM=$(printf '%s\n' "${peer_m[@]}" | median); OM=$(printf '%s\n' "${ours_m[@]}" | median)
"$MARQUEE" quality "$R" "$D" --metrics vmaf,psnr,ssim --json > "$WORK/ours.json"
python3 - "$WORK/ours.json" "$WORK/peer.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1])); peer = json.load(open(sys.argv[2]))
a = ours["pooled"]["vmaf"]["average"]; b = peer["pooled_metrics"]["vmaf"]["mean"]
print(f"pooled VMAF: marquee {a:.3f}, libvmaf {b:.3f} (difference {abs(a-b):.3f})")
PY
echo "pair: 1920x1080 30 fps H.264 (x264 veryfast 2.5 Mbit/s against CRF 12), $FRAMES frames; $(nproc) cores; median of $REPEATS runs"
printf 'ffmpeg libvmaf n_threads=2 (+psnr, float_ssim)  %6.2f s  %6.1f fps  peak %4d MB\n' "$P" "$(echo "$FRAMES / $P" | bc -l)" $((PM / 1024))
printf 'marquee quality vmaf,psnr,ssim                 %6.2f s  %6.1f fps  peak %4d MB\n' "$O" "$(echo "$FRAMES / $O" | bc -l)" $((OM / 1024))
printf 'ratio (marquee fps / peer fps)                 %6.2fx (goal >= 1.0x)\n' "$(echo "$P / $O" | bc -l)"
printf 'marquee peak memory on %d frames: %d MB (on %d frames: %d MB)\n' $((FRAMES * 2)) $((long_m / 1024)) "$FRAMES" $((OM / 1024))
