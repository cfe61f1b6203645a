#!/usr/bin/env bash
# Benchmark: `spark score` (embedded, local[1] and local[2]) against `predict DIR` on the 1344
# RAVDESS clips of the seven classes (neutral left out, as `corpus info` counts them), plus
# Spark's fixed cost (the same command on one clip). Prints one TSV row per run and the medians;
# results and the reading are in docs/BENCHMARKS.md ("Spark").
#
# Usage: bench/spark-score.sh RUNDIR [REPEATS]   (e.g. a run of `./empathic-art train --model mlp`)
# Measurements, not tests: run on a quiet machine; the load average is recorded with each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$(cd "$1" && pwd)"
REPS="${2:-3}"
DATA="${EMPATHIC_ART_DATA:-$ROOT/../shared/data}/ravdess"
WORK="$(mktemp -d /tmp/empathic-art-spark-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# The 1344 clips as one folder of links (both commands take a folder; nothing is copied).
mkdir -p "$WORK/clips"
awk -F'\t' 'NR > 1 && $4 != "neutral" { print $1 }' "$DATA/MANIFEST.tsv" | while read -r p; do
  ln -s "$DATA/$p" "$WORK/clips/$(basename "$p")"
done
N=$(ls "$WORK/clips" | wc -l)
ONE="$WORK/clips/$(ls "$WORK/clips" | sed -n 1p)"  # sed, not head: no SIGPIPE under pipefail

# Build both first, outside the measurements.
"$ROOT/empathic-art" --version >/dev/null
"$ROOT/empathic-art" spark --help >/dev/null

RESULTS="$WORK/results.tsv"
echo -e "what\trep\tclips\twall_s\tcpu_s\tjob_s\tspark_start_s\tpeak_rss_mib\tload1" | tee "$RESULTS"
measure() { # what rep clips command...
  local what="$1" rep="$2" clips="$3"; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || true
  read -r wall user sys rss <"$WORK/time"
  local cpu; cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  local job=NA start=NA
  if grep -q '^spark score:' "$WORK/stdout"; then
    job=$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' "$WORK/stdout")
    start=$(sed -n 's/.*Spark start \([0-9.]*\) s.*/\1/p' "$WORK/stdout")
  fi
  echo -e "$what\t$rep\t$clips\t$wall\t$cpu\t$job\t$start\t$((rss / 1024))\t$load" | tee -a "$RESULTS"
}
for rep in $(seq 1 "$REPS"); do
  measure predict "$rep" "$N" "$ROOT/empathic-art" predict "$WORK/clips" --model "$RUN" --json
  for master in 'local[1]' 'local[2]'; do
    rm -rf "$WORK/out"
    measure "spark $master" "$rep" "$N" "$ROOT/empathic-art" spark score "$WORK/clips" --model "$RUN" --out "$WORK/out" --master "$master"
  done
  rm -rf "$WORK/out"
  measure "spark local[2], 1 clip" "$rep" 1 "$ROOT/empathic-art" spark score "$ONE" --model "$RUN" --out "$WORK/out" --master 'local[2]'
done

python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
def med(what, key):
    v = [float(r[key]) for r in rows if r['what'] == what and r[key] != 'NA']
    return statistics.median(v) if v else float('nan')
print()
print("what\tmedian wall s\tclips/s (wall)\tmedian job s\tclips/s (job)\tmedian CPU s\tpeak RSS MiB\tload1 range")
for what in dict.fromkeys(r['what'] for r in rows):
    n = float(next(r['clips'] for r in rows if r['what'] == what))
    loads = [float(r['load1']) for r in rows if r['what'] == what]
    w, j = med(what, 'wall_s'), med(what, 'job_s')
    print(f"{what}\t{w:.1f}\t{n / w:.1f}\t{j:.1f}\t{n / j if j == j else float('nan'):.1f}\t{med(what, 'cpu_s'):.1f}\t{med(what, 'peak_rss_mib'):.0f}\t{min(loads):.1f}-{max(loads):.1f}")
PY
