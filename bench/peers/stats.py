"""MFCC summaries over time (fixed-length vectors for the MLP and baseline_cnn) and a result log."""
import csv
import os
import time

import numpy as np

from features import delta

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.csv")


def summary(m, kind):
    """m: (n_mfcc, T). kind: '+'-joined parts among
    mean, std, p10, p90, min, max, dmean, dstd, d2std, dabs (mean |delta|), median."""
    out = []
    d = d2 = None
    for part in kind.split("+"):
        if part == "mean": out.append(m.mean(1))
        elif part == "std": out.append(m.std(1))
        elif part == "p10": out.append(np.percentile(m, 10, axis=1))
        elif part == "p90": out.append(np.percentile(m, 90, axis=1))
        elif part == "median": out.append(np.median(m, axis=1))
        elif part == "min": out.append(m.min(1))
        elif part == "max": out.append(m.max(1))
        elif part in ("dmean", "dstd", "dabs"):
            d = delta(m) if d is None else d
            out.append({"dmean": d.mean(1), "dstd": d.std(1), "dabs": np.abs(d).mean(1)}[part])
        elif part == "d2std":
            d2 = delta(m, order=2) if d2 is None else d2
            out.append(d2.std(1))
        else:
            raise ValueError(part)
    return np.concatenate(out).astype(np.float32)


def summaries(ms, kind):
    return np.stack([summary(m, kind) for m in ms])


def log(family, protocol, seed, desc, metric, value, seconds=None, extra=""):
    new = not os.path.exists(RESULTS)
    with open(RESULTS, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(["time", "family", "protocol", "seed", "recipe", "metric", "value", "seconds", "extra"])
        w.writerow([time.strftime("%Y-%m-%d %H:%M"), family, protocol, seed, desc, metric,
                    f"{value:.4f}", "" if seconds is None else f"{seconds:.2f}", extra])
