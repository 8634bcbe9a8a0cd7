#!/usr/bin/env bash
# Generates the bundled sample show: product photos drawn by FFmpeg's lavfi sources and filters
# (so no binary is committed; the pictures are synthetic and free of any licence), and a manifest
# of five products, one per category, with Thai and Arabic titles.
# Usage: samples/make-sample-show.sh OUT_DIR [SIZE]   (SIZE: photo side in pixels, default 1600)
set -euo pipefail
out=${1:?usage: make-sample-show.sh OUT_DIR [SIZE]}
size=${2:-1600}
mkdir -p "$out/photos"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# A product-like subject: a soft-lit ellipse of colour RGB on a backdrop, with a highlight.
subject() { # name r g b bg_r bg_g bg_b rx ry
  local n=$1 r=$2 g=$3 b=$4 br=$5 bgc=$6 bb=$7 rx=$8 ry=$9
  local inside="lte(pow((X-W/2)/(W*$rx),2)+pow((Y-H*0.55)/(H*$ry),2),1)"
  local shade="(1.15-0.5*hypot((X-W*0.42)/W,(Y-H*0.4)/H))"
  ff -f lavfi -i "color=c=black:s=${size}x${size},format=rgb24" -frames:v 1 \
    -vf "geq=r='if($inside,clip($r*$shade,0,255),$br*(0.85+0.15*Y/H))':g='if($inside,clip($g*$shade,0,255),$bgc*(0.85+0.15*Y/H))':b='if($inside,clip($b*$shade,0,255),$bb*(0.85+0.15*Y/H))'" \
    "$out/photos/$n.jpg"
}
subject apparel   200  60  70  236 230 222 0.22 0.38   # a red garment on a linen backdrop
subject beauty    240 200 210  250 240 245 0.12 0.30   # a pink bottle on blush
subject beauty-before 170 150 140 200 190 185 0.30 0.30
subject beauty-after  235 205 190 235 225 220 0.30 0.30
subject tech       40  44  52  180 200 220 0.26 0.20   # a dark gadget on cool blue
subject food      210 140  50  120  70  40 0.34 0.26   # a golden dish on a wooden tone
subject food-tasting 230 180 90 90 60 40 0.30 0.30
# Home: a "scene" — a gradient room with a sofa-like block.
ff -f lavfi -i "color=c=0xd9cbb8:s=${size}x$((size*3/4)),format=rgb24" -frames:v 1 \
  -vf "drawbox=x=iw*0.15:y=ih*0.55:w=iw*0.7:h=ih*0.25:color=0x3b5b7a:t=fill,drawbox=x=iw*0.2:y=ih*0.45:w=iw*0.6:h=ih*0.14:color=0x4a6e92:t=fill,drawbox=x=iw*0.7:y=ih*0.1:w=iw*0.18:h=ih*0.3:color=0xf3e9d2:t=fill" \
  "$out/photos/home.jpg"

# Prices in the product's own currency (THB), and per currency for the regions that pay in another
# (price.USD for North America, price.SAR for the Middle East's first locale): Marquee never converts.
cat > "$out/manifest.csv" <<'CSV'
id,image,title,subtitle,points,price,original_price,discount,currency,category,before,after,title.th,title.ar,price.USD,original_price.USD,price.SAR,original_price.SAR
linen-shirt,photos/apparel.jpg,Linen Summer Shirt,Breathable and light,,1290,2580,,THB,apparel,,,เสื้อลินินฤดูร้อน,قميص كتان صيفي,39.50,79,149,299
glow-serum,photos/beauty.jpg,Glow Serum 30 ml,Vitamin C brightening,,890,,30,THB,beauty,photos/beauty-before.jpg,photos/beauty-after.jpg,เซรั่มหน้าใส 30 มล.,سيروم النضارة ٣٠ مل,27,,99,
buds-pro,photos/tech.jpg,Buds Pro Wireless Earbuds,,"ANC 35 dB|30 h battery|IPX5",2490,3290,,THB,3c,,,หูฟังไร้สาย Buds Pro,سماعات لاسلكية Buds Pro,79,99,299,379
cozy-sofa,photos/home.jpg,Cozy Two-Seat Sofa,,,15900,,,THB,home,,,โซฟาสองที่นั่งแสนสบาย,أريكة مريحة لشخصين,499,,1899,
mango-sticky-rice,photos/food.jpg|photos/food-tasting.jpg,Mango Sticky Rice Set,Fresh every morning,,159,199,,THB,food,,,ข้าวเหนียวมะม่วง,أرز دبق بالمانجو,5.90,7.50,22,28
CSV
echo "$out"
