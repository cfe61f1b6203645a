"""scikit-learn MLPClassifier peer for `mlp` (issue 7), on the features the Java side exported.

  /usr/bin/python3 bench/peers/sklearn_mlp.py --features DIR/features.npy --clips DIR/clips.csv \
      --split split.csv --alpha 0.01 [--hidden 300] [--seed 42] [--max-iter 500] \
      [--speaker-norm] [--ensemble 1] [--threads 1]

features.npy: float32 (clips, D); clips.csv: header `path,corpus,speaker,emotion`, same row
order; split.csv: `path,split` with split train/val/test (make_split.py writes one; paths match
clips.csv exactly or as a path suffix). Trains on `train` rows (`val` rows are ignored),
standardises with training statistics, fits MLPClassifier(hidden, relu, adam lr 1e-3,
batch 256, alpha, max_iter, tol 1e-4, n_iter_no_change 10, random_state=seed) -- the original
rows' settings -- and prints one JSON line: fit_seconds (fit alone, wall), n_iter, accuracy,
f1_macro, n_train, n_test. --speaker-norm first standardises each speaker's vectors with that
speaker's own statistics (uses no labels). --ensemble N averages the probabilities of N nets
(seeds seed..seed+N-1); fit_seconds is then the sum.
"""
import argparse
import csv
import json
import os
import sys
import time
import warnings

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--features", required=True)
ap.add_argument("--clips", required=True)
ap.add_argument("--split", required=True)
ap.add_argument("--alpha", type=float, default=0.0001)
ap.add_argument("--hidden", default="300", help="comma-separated layer sizes")
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--max-iter", type=int, default=500)
ap.add_argument("--speaker-norm", action="store_true")
ap.add_argument("--ensemble", type=int, default=1)
ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threads import pin  # noqa: E402

pin(a.threads, torch_too=False)  # before numpy and torch load their thread pools

import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import corpus as C  # noqa: E402


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)


try:
    X = np.load(a.features).astype(np.float32)
except (OSError, ValueError) as e:
    fail(f"{a.features}: cannot read features: {e}")
if X.ndim != 2:
    X = X.reshape(len(X), -1)
with open(a.clips) as f:
    rows = list(csv.DictReader(f))
if len(rows) != len(X):
    fail(f"{a.clips}: {len(rows)} clips but {a.features} has {len(X)} rows")
try:
    y = np.array([C.CLASSES.index(r["emotion"].strip().lower()) for r in rows])
except ValueError as e:
    fail(f"{a.clips}: emotion outside the seven classes: {e}")
spk = np.array([r["speaker"] for r in rows])
parts = C.read_split(a.split, [r["path"] for r in rows])
tr, te = parts.get("train"), parts.get("test")
if tr is None or te is None:
    fail(f"{a.split}: needs rows with split 'train' and 'test' matching {a.clips}")
if a.speaker_norm:
    X = C.speaker_normalise(X, spk)
sc = StandardScaler().fit(X[tr])
Xtr, Xte = sc.transform(X[tr]), sc.transform(X[te])
hidden = tuple(int(h) for h in a.hidden.split(","))
prob, fit_s, n_iter = 0, 0.0, []
for k in range(a.ensemble):
    m = MLPClassifier(hidden, activation="relu", solver="adam", alpha=a.alpha, batch_size=256,
                      learning_rate_init=1e-3, max_iter=a.max_iter, tol=1e-4, n_iter_no_change=10,
                      random_state=a.seed + k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()
        m.fit(Xtr, y[tr])
        fit_s += time.perf_counter() - t0
    n_iter.append(m.n_iter_)
    prob = prob + m.predict_proba(Xte)
pred = m.classes_[np.argmax(prob, 1)]
print(json.dumps({"model": "sklearn_mlp", "hidden": list(hidden), "alpha": a.alpha, "seed": a.seed,
                  "ensemble": a.ensemble, "speaker_norm": a.speaker_norm, "features": a.features,
                  "dim": X.shape[1], "fit_seconds": round(fit_s, 3), "n_iter": n_iter,
                  "accuracy": round(float((pred == y[te]).mean()), 4),
                  "f1_macro": round(float(f1_score(y[te], pred, average="macro")), 4),
                  "n_train": int(len(tr)), "n_test": int(len(te))}))
