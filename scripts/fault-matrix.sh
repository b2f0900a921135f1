#!/usr/bin/env bash
# Runs the fault suite (tests/e2e/faults.spec.js: every screen × every fault, headless Chromium
# against the stand-in) and prints it as a matrix of pass/fail with the totals.
# Installs what is missing and builds dist/ first. Exit status: 0 when every case passed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >&2
build_dist >&2
cargo build --quiet -p awork-standin
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
say "fault suite (headless Chromium)"
status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$report" npx playwright test tests/e2e/faults.spec.js --reporter=json >/dev/null || status=$?
node scripts/fault-matrix.mjs "$report"
exit "$status"
