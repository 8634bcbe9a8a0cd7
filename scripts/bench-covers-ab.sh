#!/usr/bin/env bash
# Two Marquee builds against the pyvips peer, alternated in the same rounds (machines here change speed
# from minute to minute, so a change is judged by rounds, not by runs minutes apart). Each round: the
# peer, then each build (the two take turns going first) composing the bench's 20 covers without checks and with --check.
# Usage: scripts/bench-covers-ab.sh BUILD_A BUILD_B [ROUNDS]   (run scripts/bench-covers.sh once first: it
# draws the photos and writes the manifest into $BENCH_DIR, default /tmp/marquee-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; ROUNDS=${3:-5}
WORK=${BENCH_DIR:-/tmp/marquee-bench}
PEER=${PEER:-../shared/peers/pyvips_cover.py}
[ -f "$WORK/manifest.csv" ] || { echo "bench: run scripts/bench-covers.sh first (no $WORK/manifest.csv)" >&2; exit 2; }
TIMES=$(mktemp); trap 'rm -f "$TIMES"; rm -rf "$WORK/ab-out" "$WORK/ab-peer"' EXIT
for r in $(seq "$ROUNDS"); do
  rm -rf "$WORK/ab-peer"
  /usr/bin/time -f "peer %e %U %S %x" -a -o "$TIMES" python3 "$PEER" "$WORK/peer-in" "$WORK/ab-peer" >/dev/null 2>&1
  # The builds swap places every round: the one run second was measured faster by 2-4 % in the same
  # rounds (session 20), whichever it was.
  order="A B"; [ $((r % 2)) -eq 0 ] && order="B A"
  for build in $order; do
    bin=$A; [ "$build" = B ] && bin=$B
    for mode in none check; do
      args=(--checks none); [ "$mode" = check ] && args=(--check)
      rm -rf "$WORK/ab-out"
      # A run that stops early would look fast: its exit status is kept, and any but 0 (1: a cover failed
      # its checks) is reported and left out.
      /usr/bin/time -f "$build-$mode %e %U %S %x" -a -o "$TIMES" "$bin" covers compose --presets scripts/bench-presets \
        --manifest "$WORK/manifest.csv" --platforms tiktok --regions na "${args[@]}" --format jpg --out "$WORK/ab-out" >/dev/null 2>&1 || true
    done
  done
done
echo "A = $A"; echo "B = $B"; echo "$ROUNDS rounds; medians; ratio = peer wall / build wall in the same round"
python3 - "$TIMES" <<'PY'
import statistics, collections, sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 5]
by = collections.defaultdict(list)
rounds = collections.Counter()
for name, wall, user, sys_, status in rows:
    rounds[name] += 1
    if int(status) > 1:
        print(f'{name}: round {rounds[name]} exited with status {status}: left out')
        by[name].append(None); continue
    by[name].append((float(wall), float(user) + float(sys_)))
peer = [v[0] if v else None for v in by['peer']]
for name in ['peer', 'A-none', 'A-check', 'B-none', 'B-check']:
    kept = [(p, v) for p, v in zip(peer, by[name]) if v and p]
    walls = [v[0] for _, v in kept]; cpus = [v[1] for _, v in kept]
    ratios = [p / v[0] for p, v in kept]
    extra = '' if name == 'peer' else f'  ratio {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})'
    print(f'{name:8s} wall {statistics.median(walls):6.2f} s  CPU {statistics.median(cpus):6.2f} s{extra}')
# B against A run by run (each pair ran a few seconds apart, so the machine's drift over the minutes
# of a run cancels): the median of the per-round ratios, and how many rounds B was the faster.
for mode in ['none', 'check']:
    pairs = [(a, b) for a, b in zip(by[f'A-{mode}'], by[f'B-{mode}']) if a and b]
    if not pairs: continue
    wall = [b[0] / a[0] for a, b in pairs]; cpu = [b[1] / a[1] for a, b in pairs]
    print(f'B/A {mode:5s}  wall {statistics.median(wall):.3f} (B faster in {sum(r < 1 for r in wall)} of {len(pairs)})'
          f'  CPU {statistics.median(cpu):.3f} (B less in {sum(r < 1 for r in cpu)} of {len(pairs)})')
PY
