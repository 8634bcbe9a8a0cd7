#!/usr/bin/env python3
"""Saliency kept by a vertical clip's crop: an oracle independent of Marquee's own saliency.

Usage: reframe-saliency.py SOURCE CLIP [CLIP...]  (each CLIP cut from SOURCE from its first frame on)
Prints JSON: per clip, the mean share of the source frame's salient region that lies inside the
crop, and the share of frames keeping at least half of it.

Method:
- Saliency: the spectral residual of Hou & Zhang (2007, "Saliency detection: a spectral residual
  approach", CVPR) on the grey frame at 64 pixels wide: log amplitude spectrum minus its 3x3 mean,
  back with the phase, squared, blurred (Gaussian, sigma 8 % of the width). The salient region is
  the most salient tenth of the frame (pixels above the map's 90th percentile), weighted by saliency.
- Crop: the clip frame, grey and scaled to the crop's size in source pixels (full height, the
  clip's aspect ratio), is found in the source frame by the smallest mean absolute difference over
  every horizontal offset (a vertical crop of a landscape frame only moves sideways).
- Frames are paired by index: clip frame i is source frame i.
"""
import json
import subprocess
import sys

import numpy as np
from scipy import ndimage

ANALYSIS_HEIGHT = 144


def frames(path, width, height):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", f"scale={width}:{height}:flags=area",
                          "-pix_fmt", "gray", "-f", "rawvideo", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width).astype(np.float64)


def size(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                          "-of", "csv=p=0", path], check=True, capture_output=True, text=True).stdout
    w, h = out.strip().split(",")[:2]
    return int(w), int(h)


def saliency(grey):
    h, w = grey.shape
    small = ndimage.zoom(grey, 64 / w, order=1)
    spectrum = np.fft.fft2(small)
    amplitude = np.log(np.abs(spectrum) + 1e-9)
    residual = amplitude - ndimage.uniform_filter(amplitude, 3, mode="wrap")
    sal = np.abs(np.fft.ifft2(np.exp(residual + 1j * np.angle(spectrum)))) ** 2
    sal = ndimage.gaussian_filter(sal, 0.08 * small.shape[1])
    return ndimage.zoom(sal, (h / sal.shape[0], w / sal.shape[1]), order=1)


def crop_offset(source, crop):
    cw = crop.shape[1]
    errors = [np.abs(source[:, x:x + cw] - crop).mean() for x in range(source.shape[1] - cw + 1)]
    return int(np.argmin(errors))


def score(source_path, clip_path):
    sw, sh = size(source_path)
    cw, ch = size(clip_path)
    width = round(sw * ANALYSIS_HEIGHT / sh)
    crop_width = round(ANALYSIS_HEIGHT * cw / ch)
    src = frames(source_path, width, ANALYSIS_HEIGHT)
    clip = frames(clip_path, crop_width, ANALYSIS_HEIGHT)
    kept = []
    for i in range(min(len(src), len(clip))):
        sal = saliency(src[i])
        region = np.where(sal >= np.quantile(sal, 0.9), sal, 0)
        total = region.sum()
        if total <= 0:
            continue
        x = crop_offset(src[i], clip[i])
        kept.append(region[:, x:x + crop_width].sum() / total)
    kept = np.array(kept)
    return {"clip": clip_path, "frames": int(len(kept)), "saliency_kept_mean": round(float(kept.mean()), 4),
            "frames_keeping_half": round(float((kept >= 0.5).mean()), 4)}


if __name__ == "__main__":
    print(json.dumps([score(sys.argv[1], c) for c in sys.argv[2:]], indent=1))
