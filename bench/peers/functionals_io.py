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
