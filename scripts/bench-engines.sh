#!/usr/bin/env bash
# Cross-engine start-up (see scripts/bench-engines.mjs): installs what is missing, builds dist/ and
# the release stand-in, and prints per engine the median of RUNS (default 10) runs from navigation
# to an interactive sign-in screen. ENGINES=firefox,webkit,chromium chooses.
set -euo pipefail
source "$(dirname "$0")/env.sh"
start_bench_standin
node "$ROOT/scripts/bench-engines.mjs" "$STANDIN_APP"
