"""PyTorch peers of baseline_cnn, cnn_lstm and cnn_lstm_paper (issue 7), one thread by default.

  /usr/bin/python3 bench/peers/torch_models.py --model cnn_lstm_paper --split split.csv \
      (--features DIR/features.npy --clips DIR/clips.csv | --data ../shared/data) \
      [--epochs 20] [--batch N] [--lr X] [--seed 42] [--threads 1] [--ensemble 1] \
      [--recipe plain|best]     (--batch/--lr default to the recipe's values)

Inputs. Either the Java `features export` output: features.npy float32 -- (clips, 128) for
baseline_cnn, (clips, C, T) or (clips, C*T) with --channels C for the sequence models -- plus
clips.csv `path,corpus,speaker,emotion` in the same order; or --data: features are computed here
with features.py (the research recipe's feature parameters, see FINDINGS.md). For the
sequence models export whole clips of raw MFCC frames (zero-padded, e.g. 176 frames at hop 512):
the per-speaker normalisation and the 112-frame centre window are applied here. split.csv:
`path,split` with train/val/test (make_split.py); the model trains on `train` rows and is
tested on `test` rows (`val` rows are not used).

Layers (PyTorch default initialisation: Kaiming-uniform(a=sqrt(5)) weights, uniform biases,
LSTM uniform(+-1/sqrt(hidden)), BatchNorm gamma 1 beta 0):
  baseline_cnn   128 -> Linear 256, ReLU, Dropout -> Linear 256, ReLU, Dropout -> Flatten,
                 Dropout -> Linear 7 (softmax in the loss)
  cnn_lstm       [Conv1d(C->64, k5, pad 2), BatchNorm, ReLU, MaxPool(2)] ->
                 [Conv1d(64->128, k5, pad 2), BatchNorm, ReLU, MaxPool(2)] -> Dropout ->
                 LSTM(128 -> 128, 1 layer, batch-first) -> last hidden state -> Dropout ->
                 Linear 7
  cnn_lstm_paper 4 LFLBs [Conv1d(k3, pad 1), BatchNorm, ELU, MaxPool(2)] with 64, 64, 128,
                 128 filters -> Dropout -> LSTM(128 -> 256) -> last hidden state -> Dropout ->
                 Linear 7
Recipes: --recipe plain = Adam(lr), constant LR, cross-entropy, no augmentation, train-set
standardisation (the like-for-like speed peer); --recipe best = the research recipe from
FINDINGS.md (feature parameters, per-speaker CMVN for the sequence models, label smoothing 0.1,
one-cycle LR without momentum cycling, random time shift). The recipe's ensembles: --ensemble 5
(baseline_cnn), 3 (cnn_lstm, cnn_lstm_paper); the reported accuracy is then that of the averaged
probabilities and fit_seconds the sum over members.
--save-probs P.npy keeps the test rows' probabilities (rows in clips order) for combine.py.
Prints one JSON line: sec_per_epoch (median of epochs after the first), fit_seconds (training
loop only, wall), epoch_seconds (every epoch of every member, in order), accuracy, f1_macro,
n_train, n_test, epochs, batch.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--model", required=True, choices=["baseline_cnn", "cnn_lstm", "cnn_lstm_paper"])
ap.add_argument("--split", required=True)
ap.add_argument("--features")
ap.add_argument("--clips")
ap.add_argument("--channels", type=int, default=0, help="reshape (clips, C*T) features to (clips, C, T)")
ap.add_argument("--data", help="folder holding ravdess/ (compute features here instead of --features)")
ap.add_argument("--recipe", choices=["plain", "best"], default="best")
ap.add_argument("--epochs", type=int, default=20)
ap.add_argument("--batch", type=int, default=None)
ap.add_argument("--lr", type=float, default=None)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--ensemble", type=int, default=1)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--save-probs", help="write the test rows' averaged class probabilities (.npy) for combine.py")
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from threads import pin  # noqa: E402

pin(a.threads)  # before numpy and torch load their thread pools

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import corpus as C  # noqa: E402
import stats  # noqa: E402
from features import load_wav, mfcc  # noqa: E402
from torch_nets import build, fit_frames  # noqa: E402

# The research recipes (FINDINGS.md). frames/shift in MFCC frames; masks (count, max width).
RECIPES = {
    # 128 = 16 MFCC x [mean, std, p10, p90, std of delta, means of 3 equal time thirds]
    "baseline_cnn": dict(n_mfcc=16, n_fft=1024, hop=256, summary="mean+std+p10+p90+dstd+seg3", spknorm="none",
                         batch=16, lr=3e-3, dropout=0.1, ls=0.1, sched="onecycle", noise=0.0, mixup=0.0),
    # 40 MFCC frames at 32 ms hop, per-speaker CMVN, 96 frames cropped at a random offset in a
    # centred 112-frame window (test: the centre 96)
    "cnn_lstm": dict(n_mfcc=40, n_fft=2048, hop=512, frames=96, shift=8, spknorm="frames", batch=16,
                     lr=1e-3, dropout=0.1, ls=0.1, sched="onecycle", tmask=(0, 0), fmask=(0, 0), mixup=0.0),
    "cnn_lstm_paper": dict(n_mfcc=40, n_fft=2048, hop=512, frames=96, shift=8, spknorm="frames", batch=16,
                           lr=2e-3, dropout=0.1, ls=0.1, sched="onecycle", tmask=(0, 0), fmask=(0, 0), mixup=0.0),
}
PLAIN = dict(spknorm="none", ls=0.0, sched="none", shift=0, tmask=(0, 0), fmask=(0, 0), noise=0.0, mixup=0.0)
R = dict(RECIPES[a.model])
if a.recipe == "plain":
    R.update(PLAIN)
if a.batch:
    R["batch"] = a.batch
if a.lr:
    R["lr"] = a.lr
SEQ = a.model != "baseline_cnn"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)


# ---- inputs ----
if a.data:
    clips = C.load_clips(os.path.join(a.data, "ravdess"))
    paths = [c["path"] for c in clips]
    speakers = np.array([c["speaker"] for c in clips])
    y = np.array([c["label"] for c in clips])
    seqs = []
    for c in clips:
        w, sr = load_wav(c["full"])
        seqs.append(mfcc(w, sr, n_mfcc=R["n_mfcc"], n_fft=R["n_fft"], hop=R["hop"]))
    if SEQ:
        if R["spknorm"] == "frames":
            seqs = C.speaker_normalise_frames(seqs, speakers)
        X = np.stack([fit_frames(m, R["frames"] + 2 * R["shift"]) for m in seqs])
    else:
        X = stats.summaries(seqs, R["summary"])
        if R["spknorm"] == "stats":
            X = C.speaker_normalise(X, speakers)
else:
    if not (a.features and a.clips):
        fail("give --data DIR or both --features and --clips")
    try:
        X = np.load(a.features).astype(np.float32)
    except (OSError, ValueError) as e:
        fail(f"{a.features}: cannot read features: {e}")
    with open(a.clips) as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(X):
        fail(f"{a.clips}: {len(rows)} clips but {a.features} has {len(X)} rows")
    paths = [r["path"] for r in rows]
    speakers = np.array([r["speaker"] for r in rows])
    try:
        y = np.array([C.CLASSES.index(r["emotion"].strip().lower()) for r in rows])
    except ValueError as e:
        fail(f"{a.clips}: emotion outside the seven classes: {e}")
    if SEQ:
        if X.ndim == 2:
            if not a.channels or X.shape[1] % a.channels:
                fail(f"{a.features}: 2-D features for a sequence model need --channels dividing {X.shape[1]}")
            X = X.reshape(len(X), a.channels, -1)
        # all-zero frames are the exporter's padding: drop them so that per-speaker statistics
        # and centring see only real frames (export whole clips, e.g. 176 frames at hop 512)
        seqs = [m[:, np.any(m != 0, axis=0)] for m in X]
        if R["spknorm"] == "frames":
            seqs = C.speaker_normalise_frames(seqs, speakers)
        X = np.stack([fit_frames(m, R["frames"] + 2 * R["shift"]) for m in seqs])
    else:
        if X.ndim != 2:
            fail(f"{a.features}: baseline_cnn needs (clips, D) features, got shape {X.shape}")
        if R["spknorm"] == "stats":
            X = C.speaker_normalise(X, speakers)
parts = C.read_split(a.split, paths)
tr, te = parts.get("train"), parts.get("test")
if tr is None or te is None:
    fail(f"{a.split}: needs rows with split 'train' and 'test' matching the clips")


def fit_predict(seed):
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    axes = (0, 2) if SEQ else (0,)
    if SEQ and R["spknorm"] == "frames":
        mu, sd = 0.0, 1.0  # already standardised per speaker
    else:
        mu = X[tr].mean(axis=axes, keepdims=True)
        sd = X[tr].std(axis=axes, keepdims=True) + 1e-5
    xtr = torch.from_numpy(((X[tr] - mu) / sd).astype(np.float32))
    xte = torch.from_numpy(((X[te] - mu) / sd).astype(np.float32))
    if SEQ:
        s = R["shift"]
        xte = xte[:, :, s:s + R["frames"]]
    ytr = torch.from_numpy(y[tr]).long()
    model = build(a.model, xtr.shape[1], R["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=R["lr"])
    n, bs = len(tr), R["batch"]
    steps = math.ceil(n / bs) * a.epochs
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=R["lr"], total_steps=steps,
                                                cycle_momentum=False) if R["sched"] == "onecycle" else None
    epoch_s = []
    t_fit = time.perf_counter()
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        model.train()
        perm = rng.permutation(n)
        for b in range(0, n, bs):
            idx = perm[b:b + bs]
            xb = xtr[idx]
            if SEQ:  # random time shift (crop), then SpecAugment-style masks
                offs = rng.randint(0, 2 * R["shift"] + 1, size=len(idx))
                xb = torch.stack([xb[i, :, o:o + R["frames"]] for i, o in enumerate(offs)])
                for dim, (count, width) in ((2, R["tmask"]), (1, R["fmask"])):
                    for _ in range(count):
                        for i in range(len(idx)):
                            w = rng.randint(0, width + 1)
                            s0 = rng.randint(0, xb.shape[dim] - w + 1)
                            if dim == 2:
                                xb[i, :, s0:s0 + w] = 0
                            else:
                                xb[i, s0:s0 + w, :] = 0
            elif R.get("noise", 0) > 0:
                xb = xb + R["noise"] * torch.randn_like(xb)
            yb = ytr[idx]
            if R["mixup"] > 0:
                lam = float(rng.beta(R["mixup"], R["mixup"]))
                pi = torch.from_numpy(rng.permutation(len(idx)))
                out = model(lam * xb + (1 - lam) * xb[pi])
                loss = lam * F.cross_entropy(out, yb, label_smoothing=R["ls"]) + \
                    (1 - lam) * F.cross_entropy(out, yb[pi], label_smoothing=R["ls"])
            else:
                loss = F.cross_entropy(model(xb), yb, label_smoothing=R["ls"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            if sched:
                sched.step()
        epoch_s.append(time.perf_counter() - t0)
    fit_s = time.perf_counter() - t_fit
    model.eval()
    with torch.no_grad():
        prob = F.softmax(model(xte), 1).numpy()
    return prob, epoch_s, fit_s


prob, all_epochs, every_epoch, fit_total = 0, [], [], 0.0
for k in range(a.ensemble):
    p, es, fs = fit_predict(a.seed + 1000 * k)
    prob = prob + p
    all_epochs += es[1:]
    every_epoch += es
    fit_total += fs
prob = prob / a.ensemble
if a.save_probs:
    np.save(a.save_probs, prob.astype(np.float32))
pred = prob.argmax(1)
from sklearn.metrics import f1_score  # noqa: E402

print(json.dumps({"model": a.model, "recipe": a.recipe, "seed": a.seed, "ensemble": a.ensemble,
                  "epochs": a.epochs, "batch": R["batch"], "threads": a.threads,
                  "sec_per_epoch": round(float(np.median(all_epochs)), 4) if all_epochs else None,
                  "fit_seconds": round(fit_total, 3),
                  "epoch_seconds": [round(e, 4) for e in every_epoch],
                  "accuracy": round(float((pred == y[te]).mean()), 4),
                  "f1_macro": round(float(f1_score(y[te], pred, average="macro")), 4),
                  "n_train": int(len(tr)), "n_test": int(len(te))}))
