#!/usr/bin/env bash
# Trains every model family with its default recipe under the random 80/20 protocol for
# seeds 42, 7 and 13, and under the speaker-independent protocol for all six RAVDESS folds,
# then prints the comparison tables (docs/research/MODELS.md quotes them).
#
#   bench/study.sh [OUT]          default OUT: runs/study
#
# Finished runs are kept, so an interrupted study continues where it stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/runs/study}"
EA="$ROOT/empathic-art"
FAMILIES="${FAMILIES:-mlp baseline_cnn cnn_lstm cnn_lstm_paper}"

run() { # DIR ARGS...
  local dir="$1"; shift
  if [[ -f "$dir/metrics.json" ]]; then echo "kept $dir"; return; fi
  if [[ -f "$dir/spec.json" ]]; then "$EA" train --resume "$dir" --no-progress | grep -E "^test"; return; fi
  echo "== $dir"
  "$EA" train --out "$dir" --no-progress "$@" | grep -E "^test|^WARNING" || true
}

for seed in 42 7 13; do
  for m in $FAMILIES; do
    run "$OUT/random/seed-$seed/$m" --model "$m" --split random --seed "$seed"
  done
done
for fold in 1 2 3 4 5 6; do
  for m in $FAMILIES; do
    run "$OUT/speaker/fold-$fold/$m" --model "$m" --split speaker --fold "$fold"
  done
done
"$EA" compare "$OUT" --out "$OUT/compare.md"
