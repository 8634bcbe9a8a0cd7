#!/usr/bin/env bash
# Generates a short sample live-stream replay with FFmpeg's lavfi sources (nothing binary is committed):
# 640x360, 30 fps H.264 + AAC, keyframes every 2 s, eight "segments" with hard cuts between them,
# a tone with two loud moments (cheers), and a cue sheet with English, Thai and Arabic titles. The
# random sources (cellauto, life, pink noise) are seeded: every run draws the same replay.
# Usage: samples/make-sample-replay.sh OUT_DIR
set -euo pipefail
out=${1:?usage: make-sample-replay.sh OUT_DIR}
mkdir -p "$out"
shots=("testsrc2=s=640x360:r=30" "mandelbrot=s=640x360:r=30" "smptebars=s=640x360:r=30" "cellauto=s=640x360:r=30:rule=110:seed=1"
       "testsrc=s=640x360:r=30" "life=s=640x360:r=30:mold=10:ratio=0.2:seed=1" "rgbtestsrc=s=640x360:r=30" "yuvtestsrc=s=640x360:r=30")
lens=(4 3 3 4 3 3 2 2)
args=(); chains=""; joined=""
for i in "${!shots[@]}"; do
  args+=(-f lavfi -t "${lens[$i]}" -i "${shots[$i]}")
  chains+="[$i:v]format=yuv420p,setsar=1,fps=30[v$i];"; joined+="[v$i]"
done
n=${#shots[@]}
args+=(-f lavfi -t 24 -i "sine=f=220:sample_rate=48000" -f lavfi -t 24 -i "anoisesrc=c=pink:a=0.3:r=48000:seed=1")
audio="[$((n+1)):a]volume='if(between(t,9,10.5)+between(t,17,18),1,0)':eval=frame[cheer];[$n:a]volume=0.5[tone];[tone][cheer]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo[a]"
ffmpeg -hide_banner -loglevel error -y "${args[@]}" -filter_complex "${chains}${joined}concat=n=$n:v=1:a=0[v];$audio" \
  -map "[v]" -map "[a]" -c:v libx264 -preset veryfast -g 60 -keyint_min 60 -sc_threshold 0 -pix_fmt yuv420p \
  -c:a aac -b:a 128k -movflags +faststart "$out/replay.mp4"
cat > "$out/cues.csv" <<'CSV'
id,start,end,title,price,region,language
shirt,00:00:01.500,00:00:06.200,Linen shirt: summer colours,$24.90,na,en
serum,7.25,12.8,เซรั่มวิตามินซี ผิวใส,฿590,sea,th
earbuds,00:00:13.000,00:00:19.400,سماعات لاسلكية,١٤٩ ر.س,mena,ar
CSV
echo "$out/replay.mp4"
