#!/usr/bin/env bash
# Installs what is missing, builds the app, and serves it with the built-in demo awork API.
#   API_PORT (default 8787) and APP_PORT (default 8080) choose the loopback ports.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
build_dist
say "building the demo awork API"
cargo build --quiet -p awork-standin
start_standin --api-addr "127.0.0.1:${API_PORT:-8787}" --app-addr "127.0.0.1:${APP_PORT:-8080}" \
  --dist dist --app-path /awork-admin/ ${STANDIN_ARGS:-}
trap 'kill $STANDIN_PID 2>/dev/null' EXIT INT TERM
cat <<MSG

  awork admin is running against the demo awork API.

  Open         ${STANDIN_APP}
  Paste token  demo-admin-token      (an admin: Hanna Berger)
           or  demo-member-token     (a member without admin rights; German)
           or  use "Sign in with awork" (OAuth with PKCE against the demo's consent page)

  Demo API     ${STANDIN_API}/api/v1
  Stop with Ctrl+C.

MSG
wait "$STANDIN_PID"
