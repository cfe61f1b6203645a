"""Latency of hearing one clip with the Python stack: the peer of `empathic-art bench predict`.

  /usr/bin/python3 bench/peers/predict_latency.py --model cnn_lstm_paper --clip CLIP.wav \
      [--warmup 100] [--repeat 300] [--threads 1]

The clip is decoded once (ours also decodes outside the timed loop). Each timed prediction is
  features: the numpy MFCC reference (mfcc_reference.py, librosa's formulas) with the family's
            parameters, then what the model needs:
              baseline_cnn   16 MFCC (n_fft 1024, hop 256) -> the 128-value summary
                             (summary_from_frames.py) -> standardised with per-feature mean/std
              cnn_lstm(_paper) 40 MFCC (n_fft 2048, hop 512) -> 112 centred frames ->
                             standardised per coefficient -> --windows 96-frame windows
                             spread evenly over them (default 5, as our recipes evaluate)
  network:  the PyTorch network (torch_nets.py) in eval mode under no_grad, on the windows as one
            batch, softmax averaged over them.
A freshly initialised network and unit statistics are used: the timing does not depend on the
weights. One thread (OMP/MKL/OpenBLAS and torch intra/inter-op). Percentiles are nearest-rank
like ours. Prints one JSON line with p50/p90/p99 in ms for total, features and network.
"""
import argparse
import json
import math
import os
import sys
import time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--model", required=True, choices=["baseline_cnn", "cnn_lstm", "cnn_lstm_paper"])
ap.add_argument("--clip", required=True)
ap.add_argument("--warmup", type=int, default=100)
ap.add_argument("--repeat", type=int, default=300)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--windows", type=int, default=5, help="test windows of the sequence models (default 5)")
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threads import pin  # noqa: E402

pin(a.threads)  # before numpy and torch load their thread pools

import numpy as np  # noqa: E402
import torch  # noqa: E402

from mfcc_reference import mfcc, read_wav  # noqa: E402
from summary_from_frames import summary  # noqa: E402
from torch_nets import build, fit_frames  # noqa: E402

FRAMES, WINDOW = 112, 96
try:
    y, sr = read_wav(a.clip)
except (OSError, ValueError) as e:
    sys.exit(f"{a.clip}: cannot read: {e}")
seq = a.model != "baseline_cnn"
dim = 40 if seq else 128
mu, sd = np.zeros((dim, 1) if seq else dim, np.float32), np.ones((dim, 1) if seq else dim, np.float32)
net = build(a.model, dim, 0.1).eval()


def features():
    if seq:
        m = fit_frames(mfcc(y, sr, n_mfcc=40, n_fft=2048, hop_length=512), FRAMES)
        z = (m - mu) / sd
        k = max(1, a.windows)
        offs = [(FRAMES - WINDOW) // 2] if k == 1 else [round(i * (FRAMES - WINDOW) / (k - 1)) for i in range(k)]
        return np.stack([z[:, o:o + WINDOW] for o in offs]).astype(np.float32)
    s = summary(mfcc(y, sr, n_mfcc=16, n_fft=1024, hop_length=256))
    return ((s - mu) / sd)[None, :].astype(np.float32)


def network(x):
    with torch.no_grad():
        return torch.softmax(net(torch.from_numpy(x)), 1).mean(0).numpy()


def one():
    t0 = time.perf_counter()
    x = features()
    t1 = time.perf_counter()
    network(x)
    t2 = time.perf_counter()
    return (t2 - t0) * 1e3, (t1 - t0) * 1e3, (t2 - t1) * 1e3


for _ in range(a.warmup):
    one()
runs = np.array([one() for _ in range(a.repeat)])


def pct(v, q):
    s = np.sort(v)
    return float(s[max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))])


out = {"model": a.model, "clip": a.clip, "seconds": round(len(y) / sr, 3), "warmup": a.warmup, "repeat": a.repeat,
       "threads": a.threads, "windows": a.windows if seq else 1}
for k, name in enumerate(("total", "features", "network")):
    for q in (50, 90, 99):
        out[f"{name}_p{q}_ms"] = round(pct(runs[:, k], q), 3)
print(json.dumps(out))
