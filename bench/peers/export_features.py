"""Write features in the format of the Java `features export` (float32 .npy clips x D plus
clips.csv `path,corpus,speaker,emotion`), computed with features.py, for running the peers
before / without the Java side. Never commit the output (derived from RAVDESS).

  /usr/bin/python3 bench/peers/export_features.py --data ../shared/data --kind mean \
      --n-mfcc 40 --n-fft 2048 --hop 512 --out /tmp/feat   # -> /tmp/feat/features.npy, clips.csv
kind: a summary over time ('mean', 'mean+std+p10+p90+dstd', ... see stats.summary) giving
(N, D); or 'seq' giving MFCC frames (N, n_mfcc, T) centre-cropped / zero-padded to --frames.
"""
import argparse
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as C  # noqa: E402
import stats  # noqa: E402
from features import load_wav, mfcc  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--data", default=os.path.dirname(C.DATA))
ap.add_argument("--kind", default="mean")
ap.add_argument("--n-mfcc", type=int, default=40)
ap.add_argument("--n-fft", type=int, default=2048)
ap.add_argument("--hop", type=int, default=512)
ap.add_argument("--frames", type=int, default=160)
ap.add_argument("--out", required=True)
a = ap.parse_args()
clips = C.load_clips(os.path.join(a.data, "ravdess"))
rows = []
for c in clips:
    y, sr = load_wav(c["full"])
    m = mfcc(y, sr, n_mfcc=a.n_mfcc, n_fft=a.n_fft, hop=a.hop)
    if a.kind == "seq":
        x = np.zeros((a.n_mfcc, a.frames), np.float32)
        t = m.shape[1]
        if t >= a.frames:
            s = (t - a.frames) // 2
            x[:] = m[:, s:s + a.frames]
        else:
            s = (a.frames - t) // 2
            x[:, s:s + t] = m
        rows.append(x)
    else:
        rows.append(stats.summary(m, a.kind))
os.makedirs(a.out, exist_ok=True)
np.save(os.path.join(a.out, "features.npy.tmp.npy"), np.stack(rows).astype(np.float32))
os.replace(os.path.join(a.out, "features.npy.tmp.npy"), os.path.join(a.out, "features.npy"))
with open(os.path.join(a.out, "clips.csv.tmp"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["path", "corpus", "speaker", "emotion"])
    for c in clips:
        w.writerow([c["path"], "ravdess", c["speaker"], c["emotion"]])
os.replace(os.path.join(a.out, "clips.csv.tmp"), os.path.join(a.out, "clips.csv"))
print(f"{a.out}: {len(rows)} clips, shape {np.stack(rows).shape}")
