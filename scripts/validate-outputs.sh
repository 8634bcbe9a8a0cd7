#!/usr/bin/env bash
# Validates every Marquee machine output (covers.json, clips.json, detect.json, saved --json
# summaries…) under DIR against docs/schemas (docs/output-format.md). `make demo` runs it on demo-out/.
#   scripts/validate-outputs.sh DIR...
# Exit status: 0 all valid, 1 some invalid, 2 nothing found or usage, 3 python3's jsonschema missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/validate-outputs.sh DIR..." >&2
  exit 2
fi
exec python3 scripts/validate-outputs.py "$@"
