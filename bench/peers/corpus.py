"""RAVDESS clip list, splits and per-speaker normalisation shared by the research scripts and peers.

Splits:
  random_split(clips, seed, test_fraction=0.2): stratified by emotion over *content groups*
    (identical recordings form one group, so the Actor_07 duplicate pair stays on one side).
  speaker_fold(clips, k): speaker-independent 6-fold protocol, fold k (1..6) tests actors
    2k-1, 2k, 2k+11, 2k+12.
  val_split(...): stratified validation cut from the training side (hyper-parameters are
    chosen on it, never on the test part).
Split files: CSV `path,split` with split in {train,val,test} (read_split / write_split).
"""
import csv
import os
from collections import defaultdict

import numpy as np

CLASSES = ["angry", "calm", "disgust", "fear", "happy", "sad", "surprise"]
DATA = os.environ.get("EMPATHIC_ART_DATA", "/work/shared/data") + "/ravdess"


def load_clips(data_dir=DATA, seven=True):
    """[{'path','speaker','emotion','label','group'}], in MANIFEST order, neutral dropped."""
    clips = []
    with open(os.path.join(data_dir, "MANIFEST.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if seven and row["emotion"] not in CLASSES:
                continue
            full = os.path.join(data_dir, row["path"])
            clips.append({"path": row["path"], "full": full, "speaker": row["speaker"],
                          "emotion": row["emotion"], "label": CLASSES.index(row["emotion"]),
                          "group": row["path"]})
    _group_duplicates(clips)
    return clips


def _group_duplicates(clips):
    """Clips of one speaker with equal length whose samples differ by at most 4 LSB are one
    group. (This copy's Actor_07 pair 03-01-03-01-02-0{1,2}-07 is the same recording with
    +-2 LSB dither, so a byte hash does not find it.)"""
    import wave
    by_key = defaultdict(list)
    for c in clips:
        with wave.open(c["full"], "rb") as w:
            by_key[(c["speaker"], w.getnframes())].append(c)
    for cands in by_key.values():
        if len(cands) < 2:
            continue
        data = []
        for c in cands:
            with wave.open(c["full"], "rb") as w:
                data.append(np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int32))
        for i in range(len(cands)):
            for j in range(i):
                if np.abs(data[i] - data[j]).max() <= 4:
                    cands[i]["group"] = cands[j]["group"]


def _stratified_group_cut(idx, labels, groups, fraction, rng):
    """Pick whole groups per class until each class holds round(fraction * class size) clips."""
    by_class = defaultdict(list)
    members = defaultdict(list)
    for i in idx:
        members[groups[i]].append(i)
    for g, ms in members.items():
        by_class[labels[ms[0]]].append(g)
    cut = []
    for c in sorted(by_class):
        gs = sorted(by_class[c])
        rng.shuffle(gs)
        want = int(round(fraction * sum(len(members[g]) for g in gs)))
        taken = 0
        for g in gs:
            if taken >= want:
                break
            cut.extend(members[g])
            taken += len(members[g])
    return np.array(sorted(cut))


def random_split(clips, seed, test_fraction=0.2):
    labels = [c["label"] for c in clips]
    groups = [c["group"] for c in clips]
    rng = np.random.RandomState(seed)
    test = _stratified_group_cut(range(len(clips)), labels, groups, test_fraction, rng)
    train = np.setdiff1d(np.arange(len(clips)), test)
    return train, test


def speaker_fold(clips, k):
    test_actors = {2 * k - 1, 2 * k, 2 * k + 11, 2 * k + 12}
    actor = np.array([int(c["speaker"].split("_")[1]) for c in clips])
    test_mask = np.isin(actor, list(test_actors))
    return np.where(~test_mask)[0], np.where(test_mask)[0]


def val_split(clips, train_idx, seed, fraction=0.15):
    labels = [c["label"] for c in clips]
    groups = [c["group"] for c in clips]
    rng = np.random.RandomState(seed + 1000)
    val = _stratified_group_cut(train_idx, labels, groups, fraction, rng)
    return np.setdiff1d(train_idx, val), val


def write_split(path, clips, train, test, val=()):
    tag = {}
    for name, idx in (("train", train), ("val", val), ("test", test)):
        for i in idx:
            tag[clips[i]["path"]] = name
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "split"])
        for c in clips:
            if c["path"] in tag:
                w.writerow([c["path"], tag[c["path"]]])
    os.replace(tmp, path)


def read_split(path, paths):
    """Split CSV -> dict name -> index array into `paths` (matched on the relative path suffix)."""
    tag = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            tag[row["path"].replace("\\", "/")] = row["split"]
    out = defaultdict(list)
    for i, p in enumerate(paths):
        p = p.replace("\\", "/")
        s = tag.get(p)
        if s is None:  # accept absolute paths in clips.csv against relative paths in the split
            s = next((v for k, v in tag.items() if p.endswith("/" + k) or k.endswith("/" + p)), None)
        if s is not None:
            out[s].append(i)
    return {k: np.array(v) for k, v in out.items()}


def speaker_normalise(x, speakers):
    """Standardise each speaker's features with that speaker's own mean/std over all of their
    clips (train and test alike: it uses no labels, only unlabelled audio of the speaker).
    x: (N, ...) with features on axis 1 (statistics over every other non-batch axis)."""
    x = x.astype(np.float32).copy()
    speakers = np.asarray(speakers)
    axes = (0,) + tuple(range(2, x.ndim))
    for s in np.unique(speakers):
        m = speakers == s
        mu = x[m].mean(axis=axes, keepdims=True)
        sd = x[m].std(axis=axes, keepdims=True) + 1e-5
        x[m] = (x[m] - mu) / sd
    return x


def speaker_normalise_frames(seqs, speakers, scale=True):
    """Per-speaker cepstral mean (and variance) normalisation of MFCC frame sequences: each
    coefficient minus the speaker's mean over all frames of all their clips (divided by the
    speaker's std when scale). seqs: list of (n_mfcc, T_i)."""
    speakers = np.asarray(speakers)
    out = [None] * len(seqs)
    for s in np.unique(speakers):
        idx = np.where(speakers == s)[0]
        allf = np.concatenate([seqs[i] for i in idx], axis=1)
        mu = allf.mean(1, keepdims=True)
        sd = allf.std(1, keepdims=True) + 1e-5 if scale else 1.0
        for i in idx:
            out[i] = ((seqs[i] - mu) / sd).astype(np.float32)
    return out


def trim_silence(seq, top_db=60.0, c0_scale=None):
    """Keep frames from the first to the last whose c0 lies within top_db of the clip's peak
    c0 (c0 of an ortho DCT is sqrt(n_mels) * mean log-mel dB, so dB = c0 / sqrt(n_mels))."""
    n_mels = 128 if c0_scale is None else c0_scale
    db = seq[0] / np.sqrt(n_mels)
    keep = np.where(db >= db.max() - top_db)[0]
    return seq[:, keep[0]:keep[-1] + 1]
