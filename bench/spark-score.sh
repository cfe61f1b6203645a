#!/usr/bin/env bash
# Benchmark: `spark score` (embedded, local[1] and local[2]) against `predict DIR` on the 1344
# RAVDESS clips of the seven classes (neutral left out, as `corpus info` counts them), plus the
# fixed costs (each command on one clip) and a one-core run of each (`taskset -c 0`: the whole
# JVM, its JIT compiler and GC threads included, on one core). Prints one TSV row per run, then
# medians and the derived ratios; results and the reading are in docs/BENCHMARKS.md ("Spark").
#
# Usage: bench/spark-score.sh RUNDIR [REPEATS]   (e.g. a run of `./empathic-art train --model mlp`)
# SPARK_BENCH_RESULTS=FILE appends the rows to FILE and summarises every row in it, so that
# repetitions can be run one at a time (each under the shared benchmark lock).
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
# Every other clip: the difference between the full and the half run is the cost of N/2 clips
# with every fixed cost (start-up, and JIT compilation a one-clip run exits before) taken off.
mkdir -p "$WORK/half"
ls "$WORK/clips" | awk 'NR % 2 == 1' | while read -r f; do ln -s "$(readlink "$WORK/clips/$f")" "$WORK/half/$f"; done
H=$(ls "$WORK/half" | wc -l)
ONE="$WORK/clips/$(ls "$WORK/clips" | sed -n 1p)"  # sed, not head: no SIGPIPE under pipefail

# Build both first, outside the measurements, and run one Spark job so that the launcher's
# class archive exists (it is made by the first job after a build; see the launcher).
"$ROOT/empathic-art" --version >/dev/null
"$ROOT/empathic-art" spark --help >/dev/null
"$ROOT/empathic-art" spark score "$ONE" --model "$RUN" --out "$WORK/warm" --master 'local[1]' >/dev/null 2>&1 || true
rm -rf "$WORK/warm"

RESULTS="${SPARK_BENCH_RESULTS:-$WORK/results.tsv}"
HEADER="what\trep\tclips\twall_s\tcpu_s\tjob_s\tspark_start_s\tpeak_rss_mib\tload1"
[[ -s "$RESULTS" ]] || echo -e "$HEADER" >"$RESULTS"
echo -e "$HEADER"
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
  measure "predict, 1 clip" "$rep" 1 "$ROOT/empathic-art" predict "$ONE" --model "$RUN" --json
  measure "predict, half" "$rep" "$H" "$ROOT/empathic-art" predict "$WORK/half" --model "$RUN" --json
  for master in 'local[1]' 'local[2]'; do
    rm -rf "$WORK/out"
    measure "spark $master" "$rep" "$N" "$ROOT/empathic-art" spark score "$WORK/clips" --model "$RUN" --out "$WORK/out" --master "$master"
    rm -rf "$WORK/out"
    measure "spark $master, 1 clip" "$rep" 1 "$ROOT/empathic-art" spark score "$ONE" --model "$RUN" --out "$WORK/out" --master "$master"
    rm -rf "$WORK/out"
    measure "spark $master, half" "$rep" "$H" "$ROOT/empathic-art" spark score "$WORK/half" --model "$RUN" --out "$WORK/out" --master "$master"
  done
  measure "predict, 1 core" "$rep" "$N" taskset -c 0 "$ROOT/empathic-art" predict "$WORK/clips" --model "$RUN" --json
  rm -rf "$WORK/out"
  measure "spark local[1], 1 core" "$rep" "$N" taskset -c 0 "$ROOT/empathic-art" spark score "$WORK/clips" --model "$RUN" --out "$WORK/out" --master 'local[1]'
done

python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
def med(what, key):
    v = [float(r[key]) for r in rows if r['what'] == what and r[key] != 'NA']
    return statistics.median(v) if v else float('nan')
print()
print("what\truns\tmedian wall s\tclips/s (wall)\tmedian job s\tclips/s (job)\tmedian CPU s\tpeak RSS MiB\tload1 range")
for what in dict.fromkeys(r['what'] for r in rows):
    n = float(next(r['clips'] for r in rows if r['what'] == what))
    loads = [float(r['load1']) for r in rows if r['what'] == what]
    w, j = med(what, 'wall_s'), med(what, 'job_s')
    print(f"{what}\t{len(loads)}\t{w:.2f}\t{n / w:.1f}\t{j:.2f}\t{n / j if j == j else float('nan'):.1f}\t{med(what, 'cpu_s'):.2f}\t{med(what, 'peak_rss_mib'):.0f}\t{min(loads):.1f}-{max(loads):.1f}")
n = float(next(r['clips'] for r in rows if r['what'] == 'predict'))
def marginal_cpu_ms(full, one):  # CPU per clip once the one-clip run's cost is taken off
    return 1000 * (med(full, 'cpu_s') - med(one, 'cpu_s')) / (n - 1)
p, s1 = marginal_cpu_ms('predict', 'predict, 1 clip'), marginal_cpu_ms('spark local[1]', 'spark local[1], 1 clip')
j1, j2 = med('spark local[1]', 'job_s'), med('spark local[2]', 'job_s')
f1, f2 = med('spark local[1], 1 clip', 'job_s'), med('spark local[2], 1 clip', 'job_s')
print()
# 1 -> 2 cores: local[1] held to one core (taskset: its JIT and GC threads on that core too) against
# local[2] on both. Unpinned, local[1] is one task slot with the second core free for its JIT and GC.
jp = med('spark local[1], 1 core', 'job_s')
print(f"1 -> 2 cores (local[1] on one core, local[2] on two), job time: {jp / j2:.2f}x; whole command (wall): "
      f"{med('spark local[1], 1 core', 'wall_s') / med('spark local[2]', 'wall_s'):.2f}x")
print(f"1 -> 2 task slots (local[1] unpinned, the second core free for JIT/GC), job time: {j1 / j2:.2f}x; "
      f"with each master's one-clip job taken off both: {(j1 - f1) / (j2 - f2):.2f}x")
print(f"1 -> 2 task slots, whole command (wall): {med('spark local[1]', 'wall_s') / med('spark local[2]', 'wall_s'):.2f}x")
print(f"marginal CPU per clip (full - 1 clip): predict {p:.2f} ms, spark local[1] {s1:.2f} ms -> spark per core = {100 * p / s1:.0f}% of predict")
if any(r['what'] == 'predict, half' for r in rows):
    h = float(next(r['clips'] for r in rows if r['what'] == 'predict, half'))
    def half_cpu_ms(what):  # CPU per clip between the half and the full run
        return 1000 * (med(what, 'cpu_s') - med(what + ', half', 'cpu_s')) / (n - h)
    ph, sh = half_cpu_ms('predict'), half_cpu_ms('spark local[1]')
    print(f"marginal CPU per clip (full - half): predict {ph:.2f} ms, spark local[1] {sh:.2f} ms -> spark per core = {100 * ph / sh:.0f}% of predict")
    d1 = j1 - med('spark local[1], half', 'job_s')
    d2 = j2 - med('spark local[2], half', 'job_s')
    print(f"1 -> 2 task slots, job time of the second half of the clips (full - half): {d1 / d2:.2f}x")
print(f"one core (taskset -c 0), whole command: spark local[1] does {100 * med('predict, 1 core', 'wall_s') / med('spark local[1], 1 core', 'wall_s'):.0f}% of predict's clips/s")
PY
