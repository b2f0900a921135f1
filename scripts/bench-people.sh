#!/usr/bin/env bash
# Benchmark of the people screen with 10,000 people and of a bulk deactivation of 1,000 of them
# under awork's limits (see scripts/bench-people.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
start_bench_standin --big-role 10000
node "$ROOT/scripts/bench-people.mjs" "$STANDIN_API" "$STANDIN_APP"
