#!/usr/bin/env bash
# Bitrate-ladder benchmark: `marquee bench` against the ffmpeg CLI with libvmaf
# (../shared/peers/ffmpeg_ladder_vmaf.sh) on the same machine, in one run.
# Usage: scripts/bench-ladder.sh [REPEATS]   (PEERS=DIR overrides the peers folder)
#   A 5-rung x264 veryfast ladder at 1080p (every rung 1920x1080; 300, 600, 1200, 2500, 4500 kbps with
#   maxrate = bufsize = 2x, otherwise libx264's defaults as the ffmpeg CLI leaves them: no GOP override)
#   on a 10 s 1080p30 clip (testsrc2 with temporal noise), each rung scored against the source:
#   the peer encodes each rung with ffmpeg, then scores it with libvmaf (VMAF, PSNR, SSIM), one process per step;
#   Marquee decodes the source once, encodes the five rungs side by side and scores them in process
#   (PSNR and SSIM; VMAF too when its plugin is registered). Wall time and peak memory (GNU time),
#   median of REPEATS runs (3 by default). Goal: Marquee >= 1.5x faster.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
WORK=${BENCH_DIR:-/tmp/marquee-bench-ladder}
PEER=${PEERS:-../shared/peers}/ffmpeg_ladder_vmaf.sh
[ -f "$PEER" ] || { echo "bench: $PEER not found (the peer scripts live in ../shared/peers; PEERS=DIR to point elsewhere)" >&2; exit 2; }
FF=$(python3 -c "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())") \
  || { echo "bench: the peer needs imageio-ffmpeg's ffmpeg (with libvmaf): make setup-oracles" >&2; exit 2; }
swift build -c release --product marquee >/dev/null
MARQUEE="$(swift build -c release --show-bin-path)/marquee"
mkdir -p "$WORK/presets/encoders"
S="$WORK/clip-1080p.mp4"
if [ ! -f "$S" ]; then
  echo "making the clip (1080p30, 10 s)…" >&2
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=10,noise=alls=6:allf=t" \
    -c:v libx264 -preset veryfast -crf 14 -pix_fmt yuv420p "$S.part.mp4"
  mv "$S.part.mp4" "$S"
fi
cat > "$WORK/presets/encoders/x264-veryfast-peer.yaml" <<'YAML'
name: x264-veryfast-peer
summary: "The peer's settings (libx264 veryfast, target bitrate, maxrate = bufsize = 2x, libx264's own GOP)."
codec: h264
encoder: libx264
preset: veryfast
pix_fmt: yuv420p
gop_seconds: 0
rate_control: abr
maxrate_factor: 2
bufsize_factor: 2
audio_codec: aac
audio_kbps: 128
YAML

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs a command under GNU time; prints "seconds peak_kB cpu_seconds" (cpu = user + sys, which a loaded
# machine disturbs far less than wall time).
measure() {
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=(n==3? t[1]*3600+t[2]*60+t[3] : t[1]*60+t[2])}
              /User time/ {u=$2} /System time/ {y=$2}
              /Maximum resident set size/ {m=$2} END {print s, m, u+y}' "$WORK/time.txt"
}
peer_t=(); peer_m=(); mq_t=(); mq_m=(); mq_c=()
for r in $(seq "$REPEATS"); do
  rm -rf "$WORK"/out-*
  read -r t m _ < <(measure bash "$PEER" "$S" "$WORK/out-peer" "$FF"); peer_t+=("$t"); peer_m+=("$m")
  read -r t m c < <(measure "$MARQUEE" bench "$S" --presets "$WORK/presets" --encoders x264-veryfast-peer \
      --resolutions 1080 --bitrates 300k,600k,1200k,2500k,4500k --full --out "$WORK/out-marquee"); mq_t+=("$t"); mq_m+=("$m"); mq_c+=("$c")
done
P=$(printf '%s\n' "${peer_t[@]}" | median); M=$(printf '%s\n' "${mq_t[@]}" | median)
PM=$(printf '%s\n' "${peer_m[@]}" | median); MM=$(printf '%s\n' "${mq_m[@]}" | median)
echo "clip: 1920x1080 30 fps, 10 s; 5 rungs x264 veryfast at 1080p; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); median of $REPEATS runs"
printf 'ffmpeg + libvmaf peer  %7.2f s  peak %5.0f MB  (VMAF, PSNR, SSIM)\n' "$P" "$(echo "$PM / 1024" | bc -l)"
printf 'marquee bench          %7.2f s  peak %5.0f MB  ratio %.2fx (goal 1.5x)\n' "$M" "$(echo "$MM / 1024" | bc -l)" "$(echo "$P / $M" | bc -l)"
echo "runs (s): peer ${peer_t[*]}; marquee ${mq_t[*]}; marquee CPU (user+sys) ${mq_c[*]}"
# The same rungs, side by side: bitrate and PSNR-Y from both (the peer's from libvmaf's psnr feature).
for b in 300 600 1200 2500 4500; do
  pk=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$WORK/out-peer/rung_$b.mp4")
  pp=$(python3 -c "import json;d=json.load(open('$WORK/out-peer/vmaf_$b.json'))['pooled_metrics'];print('%.2f dB, VMAF %.2f'%(d['psnr_y']['mean'],d['vmaf']['mean']))")
  mm=$(python3 -c "import json;p=[x for x in json.load(open('$WORK/out-marquee/results.json'))['points'] if x['target_bitrate_kbps']==$b][0];print('%.0f kbps, PSNR-Y %.2f dB (pooled from MSE), SSIM %.4f'%(p['achieved_bitrate_kbps'],p['scores']['psnr_y']['pooled'],p['scores']['ssim_avg']['pooled']))")
  echo "  $b kbps: peer $((pk/1000)) kbps, PSNR-Y $pp | marquee $mm"
done
