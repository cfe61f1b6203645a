"""Feature cache for the research scripts: MFCC frame sequences per clip under /tmp/research.

get_mfcc(clips, n_mfcc, n_fft, hop, variant='orig') -> list of (n_mfcc, T_i) float32 arrays,
computed once and kept as a pickle (never committed: derived from RAVDESS).
Variants are audio-side augmentations of every clip (used on the training side only):
  'orig', 'speed0.9', 'speed1.1' (resample -> tempo and pitch together, Kaldi-style),
  'noise20' (white noise at 20 dB SNR, fixed seed per clip).
"""
import os
import pickle
import zlib

import numpy as np
import scipy.signal

from features import load_wav, mfcc

ROOT = os.environ.get("RESEARCH_CACHE", "/tmp/research")


def audio_variant(y, variant, key):
    if variant == "orig":
        return y
    if variant.startswith("speed"):
        f = float(variant[5:])
        up, down = {0.9: (10, 9), 1.1: (10, 11), 0.95: (20, 19), 1.05: (20, 21)}[f]
        return scipy.signal.resample_poly(y, up, down).astype(np.float32)
    if variant.startswith("noise"):
        snr = float(variant[5:])
        rng = np.random.RandomState(zlib.crc32(key.encode()) & 0x7FFFFFFF)
        p = np.mean(y.astype(np.float64) ** 2)
        return (y + rng.randn(len(y)) * np.sqrt(p / 10 ** (snr / 10))).astype(np.float32)
    raise ValueError(variant)


def get_mfcc(clips, n_mfcc=40, n_fft=2048, hop=512, variant="orig", n_mels=128):
    os.makedirs(ROOT, exist_ok=True)
    f = f"{ROOT}/mfcc_{n_mfcc}_{n_fft}_{hop}_{n_mels}_{variant}.pkl"
    if os.path.exists(f):
        with open(f, "rb") as g:
            d = pickle.load(g)
        return [d[c["path"]] for c in clips]
    d = {}
    for c in clips:
        y, sr = load_wav(c["full"])
        y = audio_variant(y, variant, c["path"])
        d[c["path"]] = mfcc(y, sr, n_mfcc=n_mfcc, n_fft=n_fft, hop=hop, n_mels=n_mels)
    with open(f + ".tmp", "wb") as g:
        pickle.dump(d, g)
    os.replace(f + ".tmp", f)
    return [d[c["path"]] for c in clips]
