"""Shared by the functionals screens: load a `features export` folder, normalise per speaker."""
import csv
import numpy as np


def load(d):
    """features.npy and clips.csv of `./empathic-art features export ... --out d`: X, speakers, emotions."""
    X = np.load(d + '/features.npy').astype(np.float64)
    rows = list(csv.DictReader(open(d + '/clips.csv')))
    return X, np.array([r['speaker'] for r in rows]), np.array([r['emotion'] for r in rows])


def spknorm(X, s):
    """Each speaker's rows z-normalised with that speaker's own mean and deviation (no labels)."""
    Z = X.copy()
    for sp in np.unique(s):
        m = s == sp
        mu = X[m].mean(0)
        sd = X[m].std(0)
        sd[sd < 1e-6] = 1e-6
        Z[m] = (X[m] - mu) / sd
    return Z


def ravdess_fold1_training_side(rav):
    """RAVDESS without neutral, fold 1's training side (actors 1, 2, 13, 14 left out) normalised per
    speaker, and its five inner folds of four actors: (Z, emotions, actors, inner fold actor lists)."""
    X, s, y = load(rav)
    keep = y != 'Neutral'
    X, s, y = X[keep], s[keep], y[keep]
    actor = np.array([int(a.split('_')[1]) for a in s])
    side = ~np.isin(actor, [1, 2, 13, 14])
    Z, ys, acts_of = spknorm(X[side], s[side]), y[side], actor[side]
    acts = sorted(set(acts_of))
    return Z, ys, acts_of, [acts[i::5] for i in range(5)]
