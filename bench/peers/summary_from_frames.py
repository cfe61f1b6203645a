"""The recipes' 128-value MFCC summary computed from MFCC frames that `features export` wrote.

  /usr/bin/python3 bench/peers/summary_from_frames.py --features SEQ/features.npy --out OUT.npy \
      [--check STATS/features.npy]

Used by predict_latency.py (the Python peer of one prediction computes its own features) and to
cross-check `features export --recipe mlp`: from frames exported with `--kind mfcc-seq --n-mfcc 16
--n-fft 1024 --hop-length 256 --frames 400 --align start` (whole clips, zero-padded at the end) this
script computes the summary the way the Java side does (art.empathic.features.TimeStatistics):

  per coefficient over the clip's T real frames: mean, population std, 10th / 90th percentile
  (numpy linear interpolation), std of the librosa delta (width 9, order 1, mode interp, over
  the whole clip), then the means over three stretches cut like numpy.array_split (the first
  T % 3 stretches get one frame more), stretch-major [s1 c0, s1 c1, ..., s2 c0, ...].
  (FINDINGS.md describes round(T/3) edges and coefficient-major order; the Java side differs
  on both, which is a permutation plus at most one frame per stretch edge.)

Trailing all-zero frames are the exporter's padding and are dropped (a real MFCC frame has a
large negative c0, never exactly 0). --check compares the first 80 values with an
`mfcc-stats` export of the same clips and prints the largest difference.
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mfcc_reference import delta  # noqa: E402  (librosa.feature.delta, mode 'interp')


def real_frames(m):
    """(C, T_padded) -> (C, T) without the trailing all-zero padding frames."""
    nonzero = np.flatnonzero(np.any(m != 0, axis=0))
    if len(nonzero) == 0:
        raise ValueError("a clip with no non-zero frame")
    return m[:, :nonzero[-1] + 1]


def summary(m):
    """(C, T) float32 -> (8 C,) float32, in the Java order."""
    x = m.astype(np.float64)
    d = delta(m).astype(np.float64)
    t = x.shape[1]
    base, extra = divmod(t, 3)
    starts = [k * base + min(k, extra) for k in range(4)]
    thirds = np.concatenate([x[:, starts[k]:starts[k + 1]].mean(1) for k in range(3)])
    parts = [x.mean(1), x.std(1), np.percentile(m, 10, axis=1), np.percentile(m, 90, axis=1), d.std(1), thirds]
    return np.concatenate(parts).astype(np.float32)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--features", required=True, help="mfcc-seq export (clips, C, T)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--check", help="mfcc-stats export of the same clips (first 5 C values compared)")
    a = ap.parse_args()
    seq = np.load(a.features)
    if seq.ndim != 3:
        sys.exit(f"{a.features}: expected (clips, coefficients, frames), got shape {seq.shape}")
    full = [real_frames(m) for m in seq]
    if max(f.shape[1] for f in full) >= seq.shape[2]:
        sys.exit(f"{a.features}: some clip fills all {seq.shape[2]} frames (cut?): export more --frames")
    out = np.stack([summary(f) for f in full])
    tmp = a.out + ".tmp.npy"
    np.save(tmp, out)
    os.replace(tmp, a.out)
    msg = f"{a.out}: {out.shape[0]} x {out.shape[1]} summary"
    if a.check:
        ref = np.load(a.check)
        n = ref.shape[1]
        diff = np.abs(out[:, :n] - ref)
        msg += f"; max |diff| vs {a.check} ({n} values): {diff.max():.3g} (relative {np.max(diff / (np.abs(ref) + 1e-3)):.3g})"
    print(msg)


if __name__ == "__main__":
    main()
