"""scikit-learn MLPClassifier peer for the default family's release fit (every row trains, nothing
is tested), on the features the Java side exported with `features export --recipe functionals_mlp`:

  /usr/bin/python3 bench/peers/sklearn_release_fit.py --features DIR/features.npy --clips DIR/clips.csv \
      [--hidden 256] [--alpha 1.0] [--seed 42] [--max-iter 500] [--threads 1]

clips.csv: header `path,corpus,speaker,emotion`, same row order as features.npy. Each speaker's
rows are z-normalised with that speaker's statistics, then standardised (ours blends per-speaker
statistics, `speaker_mix`, restricts each clip's softmax to its corpus's classes and weighs the
corpora equally: the same network, optimiser, batch and stopping rule, not the identical
objective). Fits MLPClassifier(hidden, relu, adam lr 1e-3, batch 256, alpha, tol 1e-4,
n_iter_no_change 10, random_state=seed) on every row and prints one JSON line: fit_seconds (wall),
fit_cpu_seconds (process CPU), n_iter, batches_per_iter, ms_per_batch (wall and CPU), n, dim, classes.
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
ap.add_argument("--hidden", default="256", help="comma-separated layer sizes")
ap.add_argument("--alpha", type=float, default=1.0)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--max-iter", type=int, default=500)
ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threads import pin  # noqa: E402

pin(a.threads, torch_too=False)  # before numpy loads its thread pool

import numpy as np  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import corpus as C  # noqa: E402

try:
    X = np.load(a.features).astype(np.float32)
except (OSError, ValueError) as e:
    sys.exit(f"{a.features}: cannot read features: {e}")
X = X.reshape(len(X), -1)
with open(a.clips) as f:
    rows = list(csv.DictReader(f))
if len(rows) != len(X):
    sys.exit(f"{a.clips}: {len(rows)} clips but {a.features} has {len(X)} rows")
labels = sorted({r["emotion"].strip().lower() for r in rows})
y = np.array([labels.index(r["emotion"].strip().lower()) for r in rows])
X = StandardScaler().fit_transform(C.speaker_normalise(X, [r["speaker"] for r in rows])).astype(np.float32)
hidden = tuple(int(h) for h in a.hidden.split(","))
m = MLPClassifier(hidden, activation="relu", solver="adam", alpha=a.alpha, batch_size=256, learning_rate_init=1e-3,
                  max_iter=a.max_iter, tol=1e-4, n_iter_no_change=10, random_state=a.seed)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    t0, c0 = time.perf_counter(), time.process_time()
    m.fit(X, y)
    fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
batches = -(-len(X) // 256)
print(json.dumps({"model": "sklearn_mlp_release", "hidden": list(hidden), "alpha": a.alpha, "seed": a.seed,
                  "n": int(len(X)), "dim": int(X.shape[1]), "classes": len(labels),
                  "fit_seconds": round(fit_s, 3), "fit_cpu_seconds": round(fit_cpu, 3), "n_iter": m.n_iter_,
                  "batches_per_iter": batches,
                  "ms_per_batch": round(1e3 * fit_s / (m.n_iter_ * batches), 3),
                  "cpu_ms_per_batch": round(1e3 * fit_cpu / (m.n_iter_ * batches), 3)}))
