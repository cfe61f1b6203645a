"""Weighted average of saved test probabilities from several peer runs (the heterogeneous
ensemble that reaches the original study's 86.6% fastest, FINDINGS.md "Issue 7").

  /usr/bin/python3 bench/peers/torch_models.py --model baseline_cnn --data ../shared/data \
      --split split.csv --ensemble 5 --epochs 80 --save-probs /tmp/b.npy
  /usr/bin/python3 bench/peers/torch_models.py --model cnn_lstm_paper --data ../shared/data \
      --split split.csv --ensemble 3 --save-probs /tmp/p.npy
  /usr/bin/python3 bench/peers/combine.py --split split.csv --data ../shared/data \
      /tmp/b.npy:0.75 /tmp/p.npy:0.25

Each argument is PROBS.npy:WEIGHT; the runs must share the split. Prints JSON with accuracy and
f1_macro of the weighted average.
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as C  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--split", required=True)
ap.add_argument("--data", default=os.path.dirname(C.DATA))
ap.add_argument("runs", nargs="+", help="PROBS.npy:WEIGHT")
a = ap.parse_args()
clips = C.load_clips(os.path.join(a.data, "ravdess"))
te = C.read_split(a.split, [c["path"] for c in clips]).get("test")
if te is None:
    sys.exit(f"{a.split}: no test rows matching the corpus")
y = np.array([c["label"] for c in clips])[te]
total = 0
for r in a.runs:
    path, _, w = r.rpartition(":")
    p = np.load(path)
    if p.shape != (len(te), len(C.CLASSES)):
        sys.exit(f"{path}: expected probabilities of shape ({len(te)}, 7), got {p.shape}")
    total = total + float(w) * p
pred = total.argmax(1)
print(json.dumps({"runs": a.runs, "accuracy": round(float((pred == y).mean()), 4),
                  "f1_macro": round(float(f1_score(y, pred, average="macro")), 4), "n_test": int(len(te))}))
