#!/usr/bin/python3
"""Round 3 screens of issue 14 on validation speakers only (docs/research/GENERALIZATION.md, "Round 3").

Reads the clean features the Java code exports (see screen_functionals.py):
    ./empathic-art features export ../shared/data/ravdess --recipe functionals_mlp --out /tmp/sci/rav
    ./empathic-art features export ../shared/data/emodb --recipe functionals_mlp --out /tmp/sci/emo
and runs, on the training side of RAVDESS fold 1 (five inner folds of four actors) and of EmoDB
fold 1 (four inner one-man-one-woman pairs), never on their test speakers:
  ensemble  1, 3 and 5 MLPs (seeds 42-46) averaging probabilities, with ECE
  svm       MLP, RBF SVM (Platt probabilities) and their probability averages
  multi     EmoDB inner folds with the RAVDESS training side joining training: unbalanced, EmoDB
            replicated (corpus balance), wider network, weaker penalty (argmax restricted to
            EmoDB's classes; scikit-learn has no per-corpus loss restriction)
Run: /usr/bin/python3 bench/peers/screen_round3.py ensemble|svm|multi [RAV_DIR [EMO_DIR]]
"""
import csv
import sys
import numpy as np
from sklearn.metrics import recall_score
from sklearn.neural_network import MLPClassifier
from sklearn.svm import SVC

from functionals_io import load, spknorm, ravdess_fold1_training_side


def ece(p, ok):
    conf = p.max(1)
    b = np.minimum((conf * 10).astype(int), 9)
    return sum(abs(ok[b == i].mean() - conf[b == i].mean()) * (b == i).mean() for i in range(10) if (b == i).any())


mode = sys.argv[1]
rav = sys.argv[2] if len(sys.argv) > 2 else '/tmp/sci/rav'
emo = sys.argv[3] if len(sys.argv) > 3 else '/tmp/sci/emo'
Zr, yrs, ars, groups = ravdess_fold1_training_side(rav)

if mode == 'ensemble':
    res = {1: [], 3: [], 5: []}
    for g in groups:
        te = np.isin(ars, g)
        ps = [MLPClassifier((256,), alpha=1.0, max_iter=500, random_state=42 + s).fit(Zr[~te], yrs[~te])
              for s in range(5)]
        probs = [m.predict_proba(Zr[te]) for m in ps]
        for k in res:
            p = sum(probs[:k]) / k
            ok = ps[0].classes_[p.argmax(1)] == yrs[te]
            res[k].append((ok.mean(), ece(p, ok)))
    for k, v in res.items():
        a = np.array(v)
        print(f'x{k}: acc {a[:, 0].mean() * 100:.1f} ece {a[:, 1].mean():.3f}')
elif mode == 'svm':
    r = {'mlp': [], 'svm': [], 'avg': [], 'avg 0.7/0.3': []}
    for g in groups:
        te = np.isin(ars, g)
        m = MLPClassifier((256,), alpha=1.0, max_iter=500, random_state=42).fit(Zr[~te], yrs[~te])
        s = SVC(C=1, gamma='scale', probability=True, random_state=42).fit(Zr[~te], yrs[~te])
        pm, ps = m.predict_proba(Zr[te]), s.predict_proba(Zr[te])
        for k, p in [('mlp', pm), ('svm', ps), ('avg', (pm + ps) / 2), ('avg 0.7/0.3', 0.7 * pm + 0.3 * ps)]:
            r[k].append((m.classes_[p.argmax(1)] == yrs[te]).mean())
    for k, v in r.items():
        print(f'{k}: {np.mean(v) * 100:.1f}')
elif mode == 'multi':
    Xe, se, ye = load(emo)
    pairs = [{m, w} for m, w in zip(['03', '10', '11', '12', '15'], ['08', '09', '13', '14', '16'])]
    eside = ~np.isin(se, list(pairs[0]))
    Ze, yes_, ses = spknorm(Xe[eside], se[eside]), ye[eside], se[eside]
    ecls = sorted(set(ye))

    def run(name, rep=1, h=(256,), a=1.0, with_rav=True):
        accs, uars = [], []
        for p in pairs[1:]:
            te = np.isin(ses, list(p))
            A, y = np.vstack([Ze[~te]] * rep), np.concatenate([yes_[~te]] * rep)
            if with_rav:
                A, y = np.vstack([A, Zr]), np.concatenate([y, yrs])
            m = MLPClassifier(h, alpha=a, max_iter=500, random_state=42).fit(A, y)
            P = m.predict_proba(Ze[te])
            idx = [list(m.classes_).index(c) for c in ecls]
            pred = np.array(ecls)[P[:, idx].argmax(1)]
            accs.append((pred == yes_[te]).mean())
            uars.append(recall_score(yes_[te], pred, average='macro'))
        print(f'{name:40s} acc {np.mean(accs) * 100:.1f} uar {np.mean(uars) * 100:.1f}', flush=True)

    run('EmoDB only', with_rav=False)
    run('+RAVDESS side')
    run('+RAVDESS side, EmoDB x4 (balanced)', rep=4)
    run('+RAVDESS side, EmoDB x2', rep=2)
    run('+RAVDESS side, h512', h=(512,))
    run('+RAVDESS side, EmoDB x4, h512', rep=4, h=(512,))
    run('+RAVDESS side, alpha 0.3', a=0.3)
else:
    sys.exit('use ensemble, svm or multi')
