#!/usr/bin/python3
"""Screen of one-clip channel robustness for the default family (docs/research/ROBUSTNESS.md).

Validation speakers only: RAVDESS's training side of fold 1 (actors 3-12 and 15-24), as inner folds
of the project's folds 2-6 (fold k: actors 2k-1, 2k, 2k+11, 2k+12). Fold 1's test actors are never
exported. A scikit-learn MLP like the default family (256 ReLU, alpha 1, Adam, batch 256), trained on
the inner training actors' clips and their recipe copies (speed + channel) normalised as
`speaker_mix` does; each validation clip is scored alone with the unknown-speaker statistics (the
product's predict path), clean and through each channel.

Inputs (exported by the Java code, never committed):
  ./empathic-art features export DIR20 --recipe functionals_mlp --neutral keep \
      --augment copies=3,channel=on,speed=0.8:1.2 --out /tmp/robust/train_aug
  ./empathic-art features export DIR20 --recipe functionals_mlp --neutral keep \
      --channel white:20 --channel-seed 7 --out /tmp/robust/ch_white_20   (and telephone, babble:20, white:10, ...)
where DIR20 holds (links to) RAVDESS actors 3-12 and 15-24.
Usage: OMP_NUM_THREADS=1 python3 bench/peers/screen_channels.py [--folds 2,3,4] CANDIDATE...
"""
import argparse, csv, os, sys, time
import numpy as np
from sklearn.neural_network import MLPClassifier

ROOT = '/tmp/robust'
N_MELS, N_MFCC, ROWS, ST = 64, 20, 88, 5
MEL = range(0, N_MELS)
MFCC = range(N_MELS, N_MELS + N_MFCC)
F0, APER, ENERGY, SLOPE = 84, 85, 86, 87
MEAN, STD, P10, P90, DSTD = range(5)


def idx(row, stat):
    return row * ST + stat


def load(d):
    X = np.load(d + '/features.npy').astype(np.float64)
    rows = list(csv.DictReader(open(d + '/clips.csv')))
    return X, rows


# ---- candidate transformations of one clip's functional vector (train and predict alike) ----
def cmn(rows):
    """Per-row mean removal over the clip: the row's mean is dropped, its percentiles taken about it."""
    def f(X):
        Y = X.copy()
        for r in rows:
            m = X[:, idx(r, MEAN)]
            Y[:, idx(r, P10)] -= m
            Y[:, idx(r, P90)] -= m
            Y[:, idx(r, MEAN)] = 0
        return Y
    return f


def drop(cols):
    cols = np.array(sorted(cols))
    def f(X):
        Y = X.copy()
        Y[:, cols] = 0
        return Y
    return f


def chain(*fs):
    def f(X):
        for g in fs:
            X = g(X)
        return X
    return f


def identity(X):
    return X


TRANSFORMS = {
    'none': identity,
    'cmn_mfcc': cmn(MFCC),
    'cmn_mfcc1': cmn(range(N_MELS + 1, N_MELS + N_MFCC)),  # c1.. only (c0 is level)
    'cmn_mel': cmn(MEL),
    'cmn_both': cmn(list(MEL) + list(MFCC)),
    'drop_energy': drop([idx(ENERGY, s) for s in range(5)] + [440, 441]),
    'drop_active': drop([441]),
    # The telephone band: log-mel rows of bands centred outside 300-3400 Hz (all but 6-45 of 64) dropped.
    'band': drop([idx(r, st) for r in list(range(0, 6)) + list(range(46, 64)) for st in range(5)]),
    'drop_p10mel': drop([idx(r, P10) for r in MEL]),
}
# As the product names it: bands whose centre lies in 300-3400 Hz kept (6-46 of 64).
TRANSFORMS['band46_act'] = chain(drop([idx(r, st) for r in list(range(0, 6)) + list(range(47, 64)) for st in range(5)]),
                                 TRANSFORMS['drop_active'])
TRANSFORMS['band_act'] = chain(TRANSFORMS['band'], TRANSFORMS['drop_active'])
TRANSFORMS['p10_act'] = chain(TRANSFORMS['drop_p10mel'], TRANSFORMS['drop_active'])
TRANSFORMS['band_p10_act'] = chain(TRANSFORMS['band'], TRANSFORMS['drop_p10mel'], TRANSFORMS['drop_active'])


def stats(A):
    m = A.mean(0)
    s = A.std(0)
    return m, np.maximum(s, 1e-6)


def pooled(stat_list):
    """Standardizer.originalSpeakersStats: speakers' means and second moments averaged."""
    mu = np.mean([m for m, s in stat_list], 0)
    sec = np.mean([s * s + m * m for m, s in stat_list], 0)
    return mu, np.sqrt(np.maximum(sec - mu * mu, 1e-12))


def blend(p, o, w):
    pm, ps = p
    om, os_ = o
    m = (1 - w) * pm + w * om
    sec = (1 - w) * (ps ** 2 + pm ** 2) + w * (os_ ** 2 + om ** 2)
    return m, np.maximum(np.sqrt(np.maximum(sec - m * m, 0)), 1e-6)


def mix_weights(n, rng):
    kind = rng.random(n)
    u = rng.random(n)
    return np.where(kind < 1 / 3, 0.0, np.where(kind < 2 / 3, 1.0, u))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--folds', default='2,3,4')
    ap.add_argument('--root', default=ROOT, help='folder holding train_aug/ and ch_*/ (default %(default)s)')
    ap.add_argument('--channels', default='white_20,telephone,babble_20,white_10')
    ap.add_argument('--classes', default='seven', choices=['seven', 'eight'])
    ap.add_argument('--max-iter', type=int, default=500)
    ap.add_argument('--mode', default='mix', help='mix (speaker_mix), copies0 (channel copies always at the prior), '
                    'clean (no copies), global')
    ap.add_argument('candidates', nargs='+')
    a = ap.parse_args()
    Xa, ra = load(a.root + '/train_aug')
    spk = np.array([r['speaker'] for r in ra])
    mic = np.array([r['microphone'] for r in ra])
    emo = np.array([r['emotion'] for r in ra])
    orig = np.array([r['variant'] == 'original' for r in ra])
    path = np.array([r['path'] for r in ra])
    chans = {}
    for c in a.channels.split(','):
        X, r = load(a.root + '/ch_' + c)
        pos = {p['path']: i for i, p in enumerate(r)}
        chans[c] = X[[pos[p] for p in path[orig]]]  # aligned with the originals' order
    keep = emo != 'Neutral' if a.classes == 'seven' else np.ones(len(emo), bool)
    actor = np.array([int(s.split('_')[1]) for s in spk])
    folds = [int(k) for k in a.folds.split(',')]
    for cand in a.candidates:
        T = TRANSFORMS[cand]
        XT = T(Xa)
        CT = {c: T(X) for c, X in chans.items()}
        res = {c: [] for c in ['clean'] + list(chans)}
        t0 = time.time()
        for k in folds:
            val = np.isin(actor, [2 * k - 1, 2 * k, 2 * k + 11, 2 * k + 12])
            tr = ~val & keep
            if a.mode == 'clean':
                tr &= orig
            ms = {m: stats(XT[mic == m]) for m in np.unique(mic[tr])}
            prior = pooled([ms[s] for s in np.unique(spk[tr & orig])])
            rng = np.random.default_rng(42)
            idxs = np.where(tr)[0]
            w = mix_weights(len(idxs), rng)
            if a.mode == 'copies0':
                w[~orig[idxs]] = 0
            if a.mode == 'prior':
                w[:] = 0
            Z = np.empty((len(idxs), XT.shape[1]))
            if a.mode == 'global':
                g = stats(XT[idxs])
                Z = (XT[idxs] - g[0]) / g[1]
                prior = g
            else:
                for j, i in enumerate(idxs):
                    m, s = blend(prior, ms[mic[i]], w[j])
                    Z[j] = (XT[i] - m) / s
            clf = MLPClassifier((256,), alpha=1.0, batch_size=256, max_iter=a.max_iter, random_state=42)
            clf.fit(Z, emo[idxs])
            vo = np.where(val & orig & keep)[0]
            vpos = np.searchsorted(np.where(orig)[0], vo)
            pm, ps = prior
            res['clean'].append((clf.predict((XT[vo] - pm) / ps) == emo[vo]).mean())
            for c, X in CT.items():
                res[c].append((clf.predict((X[vpos] - pm) / ps) == emo[vo]).mean())
        clean = 100 * np.mean(res['clean'])
        line = f'{cand:14s} {a.mode:8s} clean {clean:5.1f}'
        for c in chans:
            line += f' | {c} {100 * np.mean(res[c]) - clean:+5.1f}'
        print(line + f'  ({time.time() - t0:.0f} s, folds {a.folds})', flush=True)


if __name__ == '__main__':
    main()
