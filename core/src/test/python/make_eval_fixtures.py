#!/usr/bin/python3
"""Writes the scikit-learn reference cases the Java metrics and classification report are
tested against (src/test/resources/eval/sklearn_metrics_cases.json).

Run with Debian's Python, which has scikit-learn 1.2:
    /usr/bin/python3 src/test/python/make_eval_fixtures.py

Every case is synthetic (seeded random labels and probabilities); nothing comes from a corpus.
The Java side always evaluates with explicit labels (the model's class list, or for
cross-corpus the classes both sides share), so the reference calls pass `labels=` too.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, classification_report,
                             confusion_matrix, f1_score, log_loss,
                             precision_recall_fscore_support)

EMOTIONS = ["Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise"]
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "eval",
                   "sklearn_metrics_cases.json")


def softmax_rows(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def probabilities_for(rng, y_pred, k, sharpness=2.5):
    """Probabilities whose argmax is y_pred, like a trained model's softmax output."""
    logits = rng.normal(size=(len(y_pred), k))
    logits[np.arange(len(y_pred)), y_pred] += sharpness + np.abs(logits).max()
    # Six decimals, as a CSV would hold them: rows then sum to 1 only approximately and tiny
    # values round to exact zeros, which exercises log_loss's clipping and renormalisation.
    return np.round(softmax_rows(logits), 6)


def ill_defined(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn()
    return any(issubclass(w.category, UndefinedMetricWarning) for w in caught)


def case(name, classes, y_true, y_pred, proba=None, labels=None, name_sets=(), digits=(2,),
         corpus=None):
    """One reference case. `labels` are the class indices evaluated (default: all)."""
    k = len(classes)
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    labels = list(range(k)) if labels is None else list(labels)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None,
                                                 zero_division="warn")
    expected = {
        "accuracy": accuracy_score(y_true, y_pred),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(),
        "support": [int(x) for x in s],
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=list(range(k))).tolist(),
        "balanced_accuracy": None,
        "precision_ill_defined": ill_defined(lambda: precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=None, warn_for=("precision",))),
        "recall_ill_defined": ill_defined(lambda: precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=None, warn_for=("recall",))),
    }
    for avg in ("macro", "weighted", "micro"):
        ap, ar, af, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                        average=avg, zero_division="warn")
        expected["precision_" + avg] = float(ap)
        expected["recall_" + avg] = float(ar)
        expected["f1_" + avg] = float(af)
    assert abs(expected["f1_macro"] - f1_score(y_true, y_pred, labels=labels, average="macro")) < 1e-15
    with warnings.catch_warnings():
        # balanced_accuracy warns (and ignores the class) when y_pred has a class y_true lacks.
        warnings.simplefilter("ignore")
        expected["balanced_accuracy"] = balanced_accuracy_score(y_true, y_pred)
    if proba is not None:
        expected["log_loss"] = log_loss(y_true, proba, labels=list(range(k)))
    reports = []
    for names in name_sets or [[classes[i] for i in labels]]:
        for d in digits:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                text = classification_report(y_true, y_pred, labels=labels, target_names=names,
                                             digits=d)
            reports.append({"target_names": list(names), "digits": d, "text": text})
    out = {"name": name, "classes": classes, "labels": labels,
           "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
           "proba": None if proba is None else proba.tolist(),
           "expected": expected, "reports": reports}
    if corpus is not None:
        out["cross_corpus"] = corpus
    return out


def main():
    rng = np.random.default_rng(20240607)
    cases = []
    k = len(EMOTIONS)

    # 1. Uniformly random labels, predictions = argmax of random softmax probabilities.
    n = 240
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, n))
    cases.append(case("random_seven", EMOTIONS, y_true, y_pred, probabilities_for(rng, y_pred, k),
                      name_sets=[EMOTIONS,
                                 ["a", "b", "c", "d", "e", "f", "g"],
                                 ["Angry", "Calm", "Disgust", "Fear", "Happy", "Sad",
                                  "Surprised and astonished (long)"],
                                 ["Wut", "Ruhe", "Ekel", "Angst", "Freude", "Trauer",
                                  "Überraschung"]],
                      digits=(2, 3)))

    # 2. Imbalanced classes (a test split of a skewed corpus).
    weights = np.array([0.35, 0.02, 0.08, 0.2, 0.15, 0.15, 0.05])
    n = 300
    y_true = rng.choice(k, n, p=weights)
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.choice(k, n, p=weights))
    cases.append(case("imbalanced", EMOTIONS, y_true, y_pred, probabilities_for(rng, y_pred, k, 1.0)))

    # 3. A class that is never predicted (Disgust): precision ill-defined -> 0.0.
    n = 150
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.55, y_true, rng.integers(0, k, n))
    y_pred[y_pred == 2] = 3
    cases.append(case("never_predicted", EMOTIONS, y_true, y_pred, probabilities_for(rng, y_pred, k)))

    # 4. A class absent from y_true but predicted (Surprise): recall ill-defined -> 0.0.
    n = 150
    y_true = rng.integers(0, k - 1, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, n))
    cases.append(case("absent_from_truth", EMOTIONS, y_true, y_pred, probabilities_for(rng, y_pred, k)))

    # 5. A class neither true nor predicted: scikit-learn prints "micro avg", not "accuracy".
    n = 90
    y_true = rng.integers(0, k - 1, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k - 1, n))
    cases.append(case("absent_everywhere", EMOTIONS, y_true, y_pred, probabilities_for(rng, y_pred, k)))

    # 6. Saturated probabilities (exact 0 and 1): log_loss clips to [eps, 1-eps], renormalises.
    n = 40
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.8, y_true, rng.integers(0, k, n))
    proba = np.eye(k)[y_pred]
    proba[:5] = probabilities_for(rng, y_pred[:5], k)
    proba[5] = 0.0
    proba[5, y_pred[5]] = 0.5
    proba[5, (y_pred[5] + 1) % k] = 0.5
    cases.append(case("saturated_probabilities", EMOTIONS, y_true, y_pred, proba))

    # 7. Two classes.
    n = 50
    y_true = rng.integers(0, 2, n)
    y_pred = np.where(rng.random(n) < 0.75, y_true, 1 - y_true)
    cases.append(case("binary", ["negative", "positive"], y_true, y_pred,
                      probabilities_for(rng, y_pred, 2, 0.5)))

    # 8. Exact binary ties in the printed report: 1/8 = 0.125 -> "0.12", 3/8 -> "0.38",
    #    5/8 -> "0.62" (Python rounds the exact binary value half to even).
    y_true = [0, 1, 1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2]
    y_pred = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    cases.append(case("half_even_ties", ["x", "y", "z"], y_true, y_pred,
                      name_sets=[["x", "y", "z"], ["first class", "second", "z"]], digits=(1, 2, 3)))

    # 9. Cross-corpus: a 7-class model tested on a corpus that lacks Calm and Surprise and has a
    #    class the model does not know (Boredom). Clips of unknown classes are dropped; metrics
    #    are over the shared classes (labels=shared); the model may still predict Calm/Surprise.
    corpus_classes = ["Angry", "Boredom", "Disgust", "Fear", "Happy", "Sad"]
    n = 160
    true_names = rng.choice(corpus_classes, n)
    shared = [c for c in EMOTIONS if c in corpus_classes]
    keep = np.array([t in shared for t in true_names])
    idx = {c: i for i, c in enumerate(EMOTIONS)}
    y_true_all = np.array([idx.get(t, -1) for t in true_names])
    y_pred_all = np.where(rng.random(n) < 0.5, np.maximum(y_true_all, 0), rng.integers(0, k, n))
    proba_all = probabilities_for(rng, y_pred_all, k)
    c = case("cross_corpus", EMOTIONS, y_true_all[keep], y_pred_all[keep], proba_all[keep],
             labels=[idx[s] for s in shared])
    c["cross_corpus"] = {"corpus_classes": corpus_classes, "true_names": true_names.tolist(),
                         "y_pred": y_pred_all.tolist(), "proba": proba_all.tolist(),
                         "dropped": int((~keep).sum())}
    cases.append(c)

    doc = {"generator": "src/test/python/make_eval_fixtures.py",
           "sklearn_version": sklearn.__version__, "numpy_version": np.__version__,
           "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=None, separators=(",", ":"))
        fh.write("\n")
    print("wrote", os.path.normpath(OUT), "with", len(cases), "cases")


if __name__ == "__main__":
    main()
