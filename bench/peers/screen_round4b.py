#!/usr/bin/python3
"""Round 4b screens of issue 14 on validation speakers only (docs/research/GENERALIZATION.md, "Round 4b").

Reads the clean features the Java code exports (see screen_functionals.py):
    ./empathic-art features export ../shared/data/ravdess --recipe functionals_mlp --out /tmp/sci/rav
    ./empathic-art features export ../shared/data/emodb --recipe functionals_mlp --out /tmp/sci/emo
and runs, on the training side of RAVDESS fold 1 (five inner folds of four actors) and of EmoDB
fold 1 (four inner one-man-one-woman pairs), never on their test speakers:
  multi  EmoDB inner folds with the RAVDESS training side in training, EmoDB's weight raised by
         replicating its rows 1, 4 (equal corpus weight), 8 and 16 times; and RAVDESS inner folds
         with the EmoDB training side replicated the same way (the cost on the other corpus);
         argmax restricted to the test corpus's classes (scikit-learn has no per-corpus loss
         restriction). Also, per corpus, a prior correction at inference: probabilities divided
         by the class shares of the test corpus's training clips (then the restricted argmax).
Run: /usr/bin/python3 bench/peers/screen_round4b.py multi [RAV_DIR [EMO_DIR]]
"""
import sys
import numpy as np
from sklearn.metrics import recall_score
from sklearn.neural_network import MLPClassifier

from functionals_io import load, spknorm, ravdess_fold1_training_side

mode = sys.argv[1]
rav = sys.argv[2] if len(sys.argv) > 2 else '/tmp/sci/rav'
emo = sys.argv[3] if len(sys.argv) > 3 else '/tmp/sci/emo'
Zr, yrs, ars, rgroups = ravdess_fold1_training_side(rav)
Xe, se, ye = load(emo)
pairs = [{m, w} for m, w in zip(['03', '10', '11', '12', '15'], ['08', '09', '13', '14', '16'])]
eside = ~np.isin(se, list(pairs[0]))
Ze, yes_, ses = spknorm(Xe[eside], se[eside]), ye[eside], se[eside]


def score(m, Z, y, train_y, prior):
    P = m.predict_proba(Z)
    cls = sorted(set(train_y))
    idx = [list(m.classes_).index(c) for c in cls]
    P = P[:, idx]
    if prior:
        share = np.array([(train_y == c).mean() for c in cls])
        P = P / share
    pred = np.array(cls)[P.argmax(1)]
    return (pred == y).mean(), recall_score(y, pred, average='macro')


if mode == 'multi':
    for target in ['emodb', 'ravdess']:
        for rep in [0, 1, 4, 8, 16]:
            res = {False: [], True: []}
            groups = [list(p) for p in pairs[1:]] if target == 'emodb' else rgroups
            for g in groups:
                if target == 'emodb':
                    te = np.isin(ses, g)
                    own, own_y, other, other_y = Ze[~te], yes_[~te], Zr, yrs
                    Zt, yt = Ze[te], yes_[te]
                else:
                    te = np.isin(ars, g)
                    own, own_y, other, other_y = Zr[~te], yrs[~te], Ze, yes_
                    Zt, yt = Zr[te], yrs[te]
                if rep == 0:
                    A, y = own, own_y
                elif target == 'emodb':
                    A, y = np.vstack([own] * rep + [other]), np.concatenate([own_y] * rep + [other_y])
                else:
                    A, y = np.vstack([own] + [other] * rep), np.concatenate([own_y] + [other_y] * rep)
                m = MLPClassifier((256,), alpha=1.0, max_iter=500, random_state=42).fit(A, y)
                for prior in res:
                    res[prior].append(score(m, Zt, yt, own_y, prior))
            for prior, v in res.items():
                a = np.array(v)
                what = 'alone' if rep == 0 else (f'EmoDB x{rep}' if target == 'emodb' else f'EmoDB x{rep} (cost on RAVDESS)')
                print(f'{target:8s} {what:28s} prior-corrected={prior!s:5s} acc {a[:, 0].mean() * 100:.1f} '
                      f'uar {a[:, 1].mean() * 100:.1f}', flush=True)
else:
    sys.exit('use multi')
