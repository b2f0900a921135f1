#!/usr/bin/env bash
# Speed report (see scripts/speed-report.mjs): installs what is missing, builds dist/ and the
# release stand-in with a 10,000-member role, and prints medians of RUNS (default 10) runs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
start_bench_standin --big-role 10000
node "$ROOT/scripts/speed-report.mjs" "$STANDIN_API" "$STANDIN_APP"
