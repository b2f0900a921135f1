#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, native unit and contract
# tests, in-browser wasm tests, and end-to-end tests against the stand-in: the full suite in headless
# Chromium, a smoke suite in Firefox ESR and WebKitGTK (tests/engines).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh

say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy"
cargo clippy --quiet --workspace --all-targets -- -D warnings

say "native tests (models, decisions, stand-in, contract)"
cargo test --workspace

say "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo build --quiet -p awork-standin
start_standin --api-addr 127.0.0.1:0
trap 'kill $STANDIN_PID 2>/dev/null || true' EXIT
AWORK_STANDIN_URL="$STANDIN_API" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  with_wasm_env cargo test --target wasm32-unknown-unknown --test browser
kill "$STANDIN_PID"
trap - EXIT

build_dist
say "texts of the screens' chunk (scripts/check-texts.mjs)"
node scripts/check-texts.mjs dist
say "size budget (scripts/size-report.sh)"
# About 3 % above today's first download and whole app, gzip as served (zopfli's .gz files; rustup's
# Rust 1.95): 134,774 and 358,072 B since serde and serde_json read and write the wire types again
# (issue 21: +15.3 KB first download, +29.6 KB whole app). A change that grows the app past them
# fails here until someone decides.
NO_BUILD=1 BUDGET_FIRST_GZIP=139000 BUDGET_WHOLE_GZIP=369000 bash scripts/size-report.sh
say "end-to-end tests (Playwright's runner driving Debian's Chromium)"
npx playwright test --project chromium
say "cross-engine smoke suite (Firefox ESR over WebDriver BiDi, WebKitGTK over WebDriver)"
npx playwright test --project firefox --project webkit
