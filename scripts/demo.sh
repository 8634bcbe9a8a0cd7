#!/usr/bin/env bash
# Marquee demo: lists the plugins, validates the presets and keeps what it printed in demo-out/.
# Run through `make demo`, which builds first and sets MARQUEE to the built binary.
#   MARQUEE   the marquee executable (default: built with `swift build --show-bin-path`)
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
"$MARQUEE" plugins | tee "$OUT/plugins.txt"
"$MARQUEE" plugins --json > "$OUT/plugins.json"

step "marquee presets validate"
"$MARQUEE" presets validate | tee "$OUT/presets-validate.txt"

step "done"
echo "output folder: $(cd "$OUT" && pwd)/"
ls -1 "$OUT"
