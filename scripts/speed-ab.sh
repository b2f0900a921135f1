#!/usr/bin/env bash
# Compares the speed of two or more built dist/ directories, interleaved (scripts/speed-ab.mjs):
#   bash scripts/speed-ab.sh before=/tmp/dist-before after=dist
# Builds the release stand-in, starts one per build (a 10,000-member role), prints medians of RUNS
# (default 10) runs. Build each dist/ first (`source scripts/env.sh && build_dist`, then copy it).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ $# -ge 2 ] || { echo "usage: $0 name=dist-dir name=dist-dir [...]" >&2; exit 2; }
cargo build --quiet --release -p awork-standin
pids=() builds=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for arg in "$@"; do
  name="${arg%%=*}" dir="${arg#*=}"
  [ -f "$dir/index.html" ] || { echo "$dir has no index.html: build it first" >&2; exit 2; }
  STANDIN_BIN="$ROOT/target/release/awork-standin" start_standin --api-addr 127.0.0.1:0 --app-addr 127.0.0.1:0 \
    --dist "$(cd "$dir" && pwd)" --app-path /awork-admin/ --big-role 10000
  pids+=("$STANDIN_PID")
  builds+=("{\"name\":\"$name\",\"api\":\"$STANDIN_API\",\"app\":\"$STANDIN_APP\"}")
done
node scripts/speed-ab.mjs "[$(IFS=,; echo "${builds[*]}")]"
