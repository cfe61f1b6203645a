#!/usr/bin/python3
"""Screening of the functionals_mlp recipe on validation speakers only (docs/research/GENERALIZATION.md).

Reads the features the Java code exports:
    ./empathic-art features export ../shared/data/ravdess --recipe functionals_mlp --out /tmp/sci/rav
and compares scikit-learn models with per-speaker and global z-normalisation on the training side
of RAVDESS fold 1 (actors 3-12 and 15-24) as five inner folds of four actors. The test actors of
fold 1 and EmoDB are never read. Run: /usr/bin/python3 bench/peers/screen_functionals.py [DIR]
"""
import sys
import numpy as np, csv, sys, itertools
from sklearn.neural_network import MLPClassifier
from sklearn.svm import SVC
from sklearn.metrics import recall_score
from functionals_io import load, spknorm
def glob(Xtr,Xte):
    mu=Xtr.mean(0); sd=Xtr.std(0); sd[sd<1e-6]=1e-6; return (Xtr-mu)/sd,(Xte-mu)/sd
X,s,y=load(sys.argv[1] if len(sys.argv) > 1 else '/tmp/sci/rav')
actor=np.array([int(a.split('_')[1]) for a in s])
fold1={1,2,13,14}
train=~np.isin(actor,list(fold1))
Xt,st,yt,at=X[train],s[train],y[train],actor[train]
acts=sorted(set(at)); groups=[acts[i::5] for i in range(5)]
def models():
    for a in [0.1,1.0,3.0]:
        for h in [(256,),(512,)]:
            yield f'mlp{h} a{a}', lambda a=a,h=h: MLPClassifier(h,alpha=a,max_iter=500,random_state=42)
    for C in [1,10]:
        yield f'svm C{C}', lambda C=C: SVC(C=C,gamma='scale')
for norm in ['speaker','global']:
    Z=spknorm(Xt,st) if norm=='speaker' else None
    for name,mk in models():
        accs=[];uars=[]
        for g in groups:
            te=np.isin(at,g)
            if norm=='speaker': A,B=Z[~te],Z[te]
            else: A,B=glob(Xt[~te],Xt[te])
            m=mk().fit(A,yt[~te]); p=m.predict(B)
            accs.append((p==yt[te]).mean()); uars.append(recall_score(yt[te],p,average='macro'))
        print(f'{norm:8s} {name:22s} acc {np.mean(accs)*100:.1f} uar {np.mean(uars)*100:.1f}',flush=True)
