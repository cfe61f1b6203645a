#!/usr/bin/python3
"""Markdown tables of a bench/study.sh folder, as docs/research/MODELS.md quotes them.

  bench/study-table.py runs/study

Random split: accuracy and macro-F1 per seed (42, 7, 13) and their mean, against the original
study's figure; speaker-independent: mean +- sample standard deviation over the six folds;
training seconds (the training loop, all ensemble members).
"""
import json, os, statistics, sys

BARS = {"mlp": 76.8, "baseline_cnn": 81.5, "cnn_lstm": 75.2, "cnn_lstm_paper": 79.6}
NAMES = {"mlp": "MLP", "baseline_cnn": "Baseline CNN", "cnn_lstm": "CNN+LSTM", "cnn_lstm_paper": "Paper CNN-LSTM"}

def metrics(path):
    with open(os.path.join(path, "metrics.json")) as f:
        return json.load(f)

def main(root):
    print("| Family (original, 20 ep) | seed 42 | seed 7 | seed 13 | mean | macro-F1 42 / 7 / 13 | training s |")
    print("|---|---|---|---|---|---|---|")
    for fam in BARS:
        ms = [metrics(os.path.join(root, "random", f"seed-{s}", fam)) for s in (42, 7, 13)]
        acc = [100 * m["accuracy"] for m in ms]
        cells = [f"**{a:.1f}**" if a > BARS[fam] else f"{a:.1f} (below)" for a in acc]
        f1 = " / ".join(f"{m['f1_macro']:.3f}" for m in ms)
        secs = statistics.mean(m["training_seconds"] for m in ms)
        print(f"| {NAMES[fam]} ({BARS[fam]}) | {' | '.join(cells)} | {statistics.mean(acc):.1f} | {f1} | {secs:.0f} |")
    print()
    print("| Family | accuracy, 6 folds | macro-F1, 6 folds | per fold (accuracy) | training s per fold |")
    print("|---|---|---|---|---|")
    for fam in BARS:
        ms = [metrics(os.path.join(root, "speaker", f"fold-{k}", fam)) for k in range(1, 7)]
        acc = [100 * m["accuracy"] for m in ms]
        f1 = [m["f1_macro"] for m in ms]
        per = " / ".join(f"{a:.1f}" for a in acc)
        secs = statistics.mean(m["training_seconds"] for m in ms)
        print(f"| {NAMES[fam]} | {statistics.mean(acc):.1f} ± {statistics.stdev(acc):.1f} | "
              f"{statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f} | {per} | {secs:.0f} |")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/study")
