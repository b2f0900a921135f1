#!/usr/bin/env bash
# Benchmark of the role members screen with 10,000 members (see scripts/bench-roles.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
start_bench_standin --big-role 10000
node "$ROOT/scripts/bench-roles.mjs" "$STANDIN_API" "$STANDIN_APP"
