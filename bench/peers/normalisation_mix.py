# Does training on clips normalised at several blend weights of speaker and population statistics help
# the public API (one clip, population statistics)? Folds 1-3 of RAVDESS (validation speakers) only.
# scikit-learn MLP as a stand-in for functionals_mlp (256 units, alpha 1), clean clips, no channel copies.
# Usage: ./empathic-art features export ../shared/data/ravdess --kind functionals --n-mels 64 --n-mfcc 20 --out /tmp/f
#        python3 bench/peers/normalisation_mix.py /tmp/f speaker,speaker+pop,speaker+pop+half,global,speaker+rand
import csv, sys, numpy as np
from sklearn.neural_network import MLPClassifier
X = np.load(sys.argv[1] + '/features.npy').astype(np.float64)
rows = list(csv.DictReader(open(sys.argv[1] + '/clips.csv')))
spk = np.array([r['speaker'] for r in rows]); emo = np.array([r['emotion'] for r in rows])
keep = emo != 'Neutral'
X, spk, emo = X[keep], spk[keep], emo[keep]
actor = np.array([int(s.split('_')[1]) for s in spk])
def stats(A):
    m = A.mean(0); s = A.std(0); s[s < 1e-6] = 1e-6; return m, s
def blend(pm, ps, sm, ss, w):
    m = (1 - w) * pm + w * sm
    sec = (1 - w) * (ps**2 + pm**2) + w * (ss**2 + sm**2)
    return m, np.sqrt(np.maximum(sec - m * m, 1e-12))
variants = sys.argv[2].split(',') if len(sys.argv) > 2 else ['speaker', 'speaker+pop', 'speaker+pop+half', 'global']
for k in [1, 2, 3]:
    test = np.isin(actor, [2*k-1, 2*k, 2*k+11, 2*k+12]); train = ~test
    pm, ps = stats(X[train])
    sst = {s: stats(X[spk == s]) for s in np.unique(spk)}
    def norm(idx, w):
        out = np.empty((idx.sum(), X.shape[1])); j = 0
        for i in np.where(idx)[0]:
            sm, ss = sst[spk[i]]; m, s = blend(pm, ps, sm, ss, w); out[j] = (X[i] - m) / s; j += 1
        return out
    for v in variants:
        if v == 'global':
            Xtr = (X[train] - pm) / ps; ytr = emo[train]
        else:
            ws = {'speaker': [1], 'speaker+pop': [1, 0], 'speaker+pop+half': [1, 0, 0.5], 'speaker+rand': None}[v]
            if ws is None:
                rng = np.random.default_rng(k); parts = []
                for rep in range(3):
                    parts.append(np.vstack([norm(train & (spk == s), rng.uniform()) for s in np.unique(spk[train])]))
                Xtr = np.vstack(parts); ytr = np.concatenate([np.concatenate([emo[train & (spk == s)] for s in np.unique(spk[train])])] * 3)
            else:
                Xtr = np.vstack([norm(train, w) for w in ws]); ytr = np.concatenate([emo[train]] * len(ws))
        clf = MLPClassifier(hidden_layer_sizes=(256,), alpha=1.0, max_iter=300, random_state=42).fit(Xtr, ytr)
        res = []
        for w in [0, 0.1, 0.5, 1]:
            res.append((clf.predict(norm(test, w)) == emo[test]).mean())
        print(f'fold {k} {v:18s} test with w 0/0.1/0.5/1: ' + ' / '.join(f'{100*r:.1f}' for r in res), flush=True)
