#!/usr/bin/env bash
# Builds the release dist/ (unless NO_BUILD=1) and prints each file's raw, gzip and brotli size,
# the first download and the whole app; exits non-zero when either is over its gzip budget
# (BUDGET_FIRST_GZIP, BUDGET_WHOLE_GZIP, in bytes; scripts/test.sh sets both).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "${NO_BUILD:-}" != 1 ]; then
  bash scripts/setup.sh >&2
  build_dist >&2
fi
node scripts/size-report.mjs dist
