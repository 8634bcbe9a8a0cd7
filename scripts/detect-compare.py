#!/usr/bin/env python3
"""Scene detection on real footage: `marquee clips detect` against PySceneDetect, in one run.

Usage: scripts/detect-compare.py MARQUEE VIDEO TRUTH.json [--tolerance FRAMES]
TRUTH.json is what scripts/shot-test-video.py prints. Runs `MARQUEE clips detect VIDEO --finders scene`
(a process, wall time) and PySceneDetect's AdaptiveDetector at its default settings through its Python
API (`detect_scenes` only, interpreter start-up and imports not counted), then matches each one's cuts
to the known shot changes (one to one, nearest first, within the tolerance; default 4 frames) and
prints JSON: per detector precision, recall, F1, wall and CPU seconds (user + system, all threads),
frames per wall second and per CPU second, and the cut frames. On a shared machine the CPU figures
are the steadier measure of the work each does; the wall figures are what a user waits.
PySceneDetect comes from PyPI (`scenedetect-headless`, with opencv-python-headless): `make setup-oracles`.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def match(found, truth, tolerance):
    """Greedy one-to-one matching, closest pairs first."""
    pairs = sorted((abs(f - t), i, j) for i, f in enumerate(found) for j, t in enumerate(truth) if abs(f - t) <= tolerance)
    used_f, used_t = set(), set()
    for _, i, j in pairs:
        if i not in used_f and j not in used_t:
            used_f.add(i); used_t.add(j)
    tp = len(used_t)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    missed = [t for j, t in enumerate(truth) if j not in used_t]
    extra = [f for i, f in enumerate(found) if i not in used_f]
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "missed": missed, "extra": extra}


def marquee(binary, video, fps):
    with tempfile.TemporaryDirectory() as d:
        sheet = os.path.join(d, "cues.csv")
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run([binary, "clips", "detect", video, "--finders", "scene", "--min-length", "1", "--out", sheet],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
        with open(os.path.join(d, "detect.json")) as f:
            report = json.load(f)
    cuts = [c for entry in report.get("cuts", []) if entry["finder"] == "scene" for c in entry["at_s"]]
    return [round(t * fps) for t in cuts], seconds, cpu


def pyscenedetect(video):
    try:
        from scenedetect import AdaptiveDetector, SceneManager, open_video
    except ImportError:
        sys.exit("detect-compare: PySceneDetect is not installed; run `make setup-oracles`")
    v = open_video(video)
    manager = SceneManager()
    manager.add_detector(AdaptiveDetector())
    start, cpu = time.perf_counter(), self_cpu()
    manager.detect_scenes(v)
    seconds, cpu = time.perf_counter() - start, self_cpu() - cpu
    return [s[0].frame_num for s in manager.get_scene_list()[1:]], seconds, cpu


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def self_cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, video, truth_path = sys.argv[1:4]
    tolerance = int(sys.argv[sys.argv.index("--tolerance") + 1]) if "--tolerance" in sys.argv else 4
    with open(truth_path) as f:
        truth = json.load(f)
    fps, frames = truth["fps"], truth["frames"]
    changes = [c["frame"] for c in truth["changes"]]
    out = {"frames": frames, "changes": len(changes), "tolerance_frames": tolerance, "cores": os.cpu_count()}
    for name, run in (("marquee", lambda: marquee(binary, video, fps)), ("pyscenedetect", lambda: pyscenedetect(video))):
        found, seconds, cpu = run()
        out[name] = {**match(found, changes, tolerance), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                     "fps": round(frames / seconds, 1), "cpu_fps": round(frames / cpu, 1), "cuts": found}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
