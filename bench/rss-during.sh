#!/usr/bin/env bash
# Samples a command's resident memory (VmRSS of its JVM) every INTERVAL seconds while it runs,
# then prints the samples' summary: does memory stay flat over a long run?
# Usage: INTERVAL=2 bench/rss-during.sh ./empathic-art train --model cnn_lstm_paper --ensemble 1 --epochs 100 ...
# Prints one line per sample (seconds, MiB) to stderr and a summary line to stdout.
set -euo pipefail
INTERVAL="${INTERVAL:-2}"
"$@" > /tmp/rss-during.$$.log 2>&1 &
LAUNCHER=$!
samples=()
start=$(date +%s.%N)
while kill -0 "$LAUNCHER" 2>/dev/null; do
  # The launcher execs java, so the pid is the JVM's once the build check is done.
  rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$LAUNCHER/status" 2>/dev/null || true)
  if [ -n "$rss" ]; then
    t=$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.0f", n - s }')
    samples+=("$t:$rss")
    echo "$t s  $rss MiB" >&2
  fi
  sleep "$INTERVAL"
done
wait "$LAUNCHER" || { echo "rss-during: the command failed; its output is in /tmp/rss-during.$$.log" >&2; exit 1; }
printf '%s\n' "${samples[@]}" | awk -F: '
  { t[NR] = $1; r[NR] = $2 }
  END {
    if (NR < 4) { print "rss-during: too few samples"; exit 1 }
    h = int(NR / 2); min = r[h]; max = r[h]
    for (i = h; i <= NR; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
    printf "samples %d over %d s; RSS first %d MiB, peak %d MiB, last %d MiB; second half: min %d, max %d MiB (spread %d MiB)\n",
      NR, t[NR], r[1], 0 + peak(r, NR), r[NR], min, max, max - min
  }
  function peak(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m }'
tail -n 3 /tmp/rss-during.$$.log >&2
rm -f /tmp/rss-during.$$.log
