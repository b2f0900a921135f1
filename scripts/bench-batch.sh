#!/usr/bin/env bash
# Benchmark of the batch invite (see scripts/bench-batch.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
start_bench_standin
node "$ROOT/scripts/bench-batch.mjs" "$STANDIN_API" "$STANDIN_APP"
