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
        elif part.startswith("seg"):  # seg4 or seg4t30 (segment means, optional trim in dB)
            k, _, t = part[3:].partition("t")
            out.append(segment_means(m, int(k), float(t) if t else None))
        elif part == "d2std":
            d2 = delta(m, order=2) if d2 is None else d2
            out.append(d2.std(1))
        else:
            raise ValueError(part)
    return np.concatenate(out).astype(np.float32)


def segment_means(m, segments, trim_db=None):
    """Mean of each MFCC coefficient over `segments` equal stretches of the clip, in time
    order: (n_mfcc * segments,) coefficient-major ([c0 s1, c0 s2, ..., c1 s1, ...]). With trim_db,
    only the frames from the first to the last whose c0 lies within trim_db dB of the clip's
    peak (c0 / sqrt(128) is the mean log-mel dB for 128 mels) are used."""
    if trim_db is not None:
        db = m[0] / np.sqrt(128.0)
        keep = np.where(db >= db.max() - trim_db)[0]
        m = m[:, keep[0]:keep[-1] + 1]
    edges = np.linspace(0, m.shape[1], segments + 1).round().astype(int)
    return np.stack([m[:, edges[i]:max(edges[i + 1], edges[i] + 1)].mean(1) for i in range(segments)], 1).reshape(-1)


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
