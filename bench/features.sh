#!/usr/bin/env bash
# The default model's feature extraction (utterance functionals) against its numpy peer, in one
# sitting: `empathic-art bench features` and bench/peers/features_peer.py run ALTERNATELY on the
# same evenly spaced sample of clips, REPS times each (each run: a warm-up, then 3 timed passes,
# their median). Prints every run, then the medians over runs and the ratio ours / peer, for wall
# time and for CPU time (on a shared machine the CPU figure is the one that means speed).
#
#   bench/features.sh [--data DIR] [--clips N] [--reps R]     (defaults: RAVDESS, 200, 3)
#
# First it checks that both compute the same functionals on 20 clips of the sample (the peer's
# --check against Java's --write; tolerance 1e-3 relative), otherwise the comparison is void.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${EMPATHIC_ART_DATA:-$ROOT/../shared/data}/ravdess"
CLIPS=200
REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --clips) CLIPS="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench/features.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
CORES=$(nproc)   # before the exports below: GNU nproc honours OMP_NUM_THREADS
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
PY=/usr/bin/python3
PEER="$ROOT/bench/peers/features_peer.py"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "machine: $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); data: $DATA; clips: $CLIPS; runs per side: $REPS"
"$ROOT/empathic-art" bench features --data "$DATA" --clips 20 --repeat 1 --threads 1 --write "$TMP/java.npy" >/dev/null
"$PY" "$PEER" --data "$DATA" --clips 20 --check "$TMP/java.npy"

for r in $(seq "$REPS"); do
  "$ROOT/empathic-art" bench features --data "$DATA" --clips "$CLIPS" --repeat 3 | tee "$TMP/java.$r"
  "$PY" "$PEER" --data "$DATA" --clips "$CLIPS" --repeat 3 | tee "$TMP/peer.$r"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$TMP" "$REPS" <<'PY'
import re, statistics, sys
tmp, reps = sys.argv[1], int(sys.argv[2])
def grab(path, label):
    for line in open(path):
        if line.startswith(label):
            wall = float(re.search(r"([0-9.]+)x real time", line).group(1))
            cps = float(re.search(r"([0-9.]+) clips/s", line).group(1))
            cpu = float(re.search(r"([0-9.]+)x real time per CPU second", line).group(1))
            return cps, wall, cpu
    sys.exit(f"{path}: no line starting {label!r}")
java1 = [grab(f"{tmp}/java.{r}", "1 thread:") for r in range(1, reps + 1)]
javan = [grab(f"{tmp}/java.{r}", next(l.split(":")[0] + ":" for l in open(f"{tmp}/java.{r}") if re.match(r"\d+ threads:", l)))
         for r in range(1, reps + 1)]
peer = [grab(f"{tmp}/peer.{r}", "numpy peer:") for r in range(1, reps + 1)]
med = lambda rows, i: statistics.median(x[i] for x in rows)
print()
print(f"medians of {reps} alternating runs:")
print(f"{'':24} {'clips/s':>9} {'x real time':>12} {'x per CPU s':>12}")
for name, rows in (("Java, 1 thread", java1), ("Java, all cores", javan), ("numpy peer, 1 thread", peer)):
    print(f"{name:24} {med(rows, 0):9.1f} {med(rows, 1):12.0f} {med(rows, 2):12.0f}")
print(f"ratio Java / numpy, 1 thread: wall {med(java1, 1) / med(peer, 1):.2f}x, CPU {med(java1, 2) / med(peer, 2):.2f}x")
PY
