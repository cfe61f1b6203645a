#!/usr/bin/env bash
# Load-tests `serve` with wrk on loopback and prints the server's RSS before and after.
# Usage: bench/serve-wrk.sh RUNDIR CLIP.wav [SECONDS=10] [CONNECTIONS=8]
# (The Java alternative, with the same measurements and JSON output: `./empathic-art bench serve`.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${1:?usage: $0 RUNDIR CLIP.wav [SECONDS] [CONNECTIONS]}"
CLIP="${2:?usage: $0 RUNDIR CLIP.wav [SECONDS] [CONNECTIONS]}"
SECONDS_="${3:-10}"
CONNS="${4:-8}"
command -v wrk >/dev/null || { echo "serve-wrk: wrk is not installed" >&2; exit 1; }
PORT="${PORT:-18080}"

"$ROOT/empathic-art" serve --host 127.0.0.1 --port "$PORT" --model "$MODEL" > /tmp/empathic-serve-wrk.$$ 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f /tmp/empathic-serve-wrk.$$' EXIT
for _ in $(seq 1 120); do
  grep -q "listening on" /tmp/empathic-serve-wrk.$$ && break
  kill -0 "$SERVER" 2>/dev/null || { cat /tmp/empathic-serve-wrk.$$ >&2; exit 1; }
  sleep 0.5
done
# The launcher execs java, so $SERVER is the JVM.
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status"; }
WAV="$CLIP" wrk -t2 -c"$CONNS" -d2s -s "$ROOT/bench/wrk-predict.lua" "http://127.0.0.1:$PORT" > /dev/null  # warm-up
echo "server RSS before: $(rss) MiB"
WAV="$CLIP" wrk -t2 -c"$CONNS" -d"${SECONDS_}s" --latency -s "$ROOT/bench/wrk-predict.lua" "http://127.0.0.1:$PORT"
echo "server RSS after: $(rss) MiB"
