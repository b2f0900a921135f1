#!/usr/bin/env bash
# Benchmark of the batch invite (see scripts/bench-batch.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >&2
build_dist >&2
say "building the stand-in (release)"
cargo build --quiet --release -p awork-standin
STANDIN_BIN="$ROOT/target/release/awork-standin" start_standin --api-addr 127.0.0.1:0 --app-addr 127.0.0.1:0 \
  --dist dist --app-path /awork-admin/ --rate-limit
trap 'kill $STANDIN_PID 2>/dev/null || true' EXIT
node scripts/bench-batch.mjs "$STANDIN_API" "$STANDIN_APP"
