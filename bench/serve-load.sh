#!/usr/bin/env bash
# The load figures of docs/research/RELIABILITY.md: `bench serve` closed loop at 2/8/40/200 clients, then
# open loop (Poisson arrivals) at 1x, 5x and 20x the measured capacity with clients that honour
# Retry-After and with clients that retry at once. One JSON object per run on stdout, each with
# the load average. Every run starts its own server (a child JVM) and stops it.
# Usage: bench/serve-load.sh RUNDIR CLIP.wav [SECONDS=30]
# (BIN=... runs another launcher, e.g. a frozen copy of the build, instead of ./empathic-art.)
# The open-loop client keeps at most MAX_IN_FLIGHT requests on the wire (default 1024, just above
# the server's 1000 waiting) and counts arrivals beyond that as client-side drops ("clientDropped"):
# one unbounded JDK client on the same 2 cores ran out of connections and descriptors at 20x.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${1:?usage: $0 RUNDIR CLIP.wav [SECONDS]}"
CLIP="${2:?usage: $0 RUNDIR CLIP.wav [SECONDS]}"
SECS="${3:-30}"
MAX_IN_FLIGHT="${MAX_IN_FLIGHT:-1024}"
BIN="${BIN:-$ROOT/empathic-art}"
bench() { "$BIN" bench serve --model "$MODEL" --clip "$CLIP" --duration "$SECS" --json "$@" || true; }

capacity=0
for clients in 2 8 40 200; do
  # --retry none: a refusal counts as an error, so "errors 0" means every request was answered 200.
  line=$(bench --concurrency "$clients" --warmup 5 --retry none | tail -n 1)
  echo "{\"mode\":\"closed\",\"loadAverage\":$(cut -d' ' -f1 /proc/loadavg),\"result\":$line}"
  rps=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requestsPerSecond"])' "$line")
  capacity=$(python3 -c "print(max($capacity, $rps))")
done
for factor in 1 5 20; do
  rate=$(python3 -c "print(round($capacity * $factor, 1))")
  for retry in after immediate; do
    [[ "$factor" == 1 && "$retry" == immediate ]] && continue
    line=$(bench --rate "$rate" --retry "$retry" --warmup 5 --give-up "$SECS" --max-in-flight "$MAX_IN_FLIGHT" | tail -n 1)
    echo "{\"capacityPerSecond\":$capacity,\"factor\":$factor,\"result\":$line}"
  done
done
