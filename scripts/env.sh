# Sourced by the other scripts: paths, pinned versions, and how to run a wasm build here.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Slow-to-build tools live outside the clone, so fresh clones on the same machine reuse them.
TOOLS_DIR="${AWORK_ADMIN_TOOLS:-$HOME/.cache/awork-admin/tools}"
TRUNK_VERSION="0.21.14"
# Splits the release wasm at its #[wasm_split] functions (scripts/split/wasm-bindgen). It must read
# what the wasm_split_helpers crate in Cargo.lock (through Leptos) writes.
WASM_SPLIT_VERSION="0.2.4"
# The wasm-bindgen CLI must equal the crate version in Cargo.lock (Cargo.toml pins it with =).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
export PATH="$ROOT/node_modules/.bin:$TOOLS_DIR/bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Which way this machine builds wasm: "rustup" when the default toolchain has the
# wasm32-unknown-unknown target, "debian" when Debian's rustc-web is linked as the rustup
# toolchain "debian-web" (std built from source with -Zbuild-std), "none" otherwise.
# AWORK_ADMIN_WASM_MODE=rustup|debian forces one.
wasm_mode() {
  if [ -n "${AWORK_ADMIN_WASM_MODE:-}" ]; then
    echo "$AWORK_ADMIN_WASM_MODE"
  elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup
  elif rustup toolchain list 2>/dev/null | grep -q '^debian-web' && [ -d /usr/lib/rustlib/src/rust/library ]; then
    echo debian
  else
    echo none
  fi
}

# Runs a command (cargo, trunk) with the environment that builds wasm on this machine.
with_wasm_env() {
  case "$(wasm_mode)" in
    rustup) "$@" ;;
    debian) RUSTUP_TOOLCHAIN=debian-web RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort "$@" ;;
    *) echo "no wasm toolchain: run scripts/setup.sh" >&2; return 1 ;;
  esac
}

# Runs a command with the flags of the release wasm: linked with its relocations, which the split
# needs (scripts/split/wasm-bindgen); and, where std's source is there (rust-src, or Debian's
# rust-web-src), std rebuilt with the app so that a panic aborts at once (no message in release)
# and nothing carries panic locations or Debug text: the first download is 11 % smaller.
release_wasm_env() {
  # Leptos' erase_components: views, attributes and components are type-erased instead of
  # compiled once per view type (README, "Size and speed": −48 KB gzip of the screens' chunk).
  local flags="-Clink-args=--emit-relocs --cfg erase_components"
  local sysroot
  sysroot="$(with_wasm_env rustc --print sysroot)"
  if [ -d "$sysroot/lib/rustlib/src/rust/library" ]; then
    RUSTFLAGS="$flags -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
      RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort with_wasm_env "$@"
  else
    say "no std source for this toolchain (rustup component add rust-src): std is not rebuilt for size"
    RUSTFLAGS="$flags" with_wasm_env "$@"
  fi
}

# Builds the release dist/ (Trunk; wasm-opt 132 from node_modules), with a .gz and a .br beside
# every file. The wasm is split into the part the sign-in screen needs and a chunk for the screens
# behind it (scripts/split/wasm-bindgen, put first on PATH; README, "Loading in two parts").
build_dist() {
  say "building dist/ (trunk build --release, wasm split)"
  (cd "$ROOT" && PATH="$ROOT/scripts/split:$PATH" release_wasm_env trunk build --release --offline \
    && node scripts/precompress.mjs dist)
}

# Starts the stand-in in the background; sets STANDIN_PID, STANDIN_API, STANDIN_APP.
start_standin() {
  local log
  log="$(mktemp)"
  "${STANDIN_BIN:-$ROOT/target/debug/awork-standin}" "$@" >"$log" 2>&1 &
  STANDIN_PID=$!
  for _ in $(seq 1 100); do
    if grep -q '^awork-standin ready' "$log"; then
      local line
      line="$(grep '^awork-standin ready' "$log")"
      STANDIN_API="$(sed -n 's/.*"api":"\([^"]*\)".*/\1/p' <<<"$line")"
      STANDIN_APP="$(sed -n 's/.*"app":"\([^"]*\)".*/\1/p' <<<"$line")"
      STANDIN_PORTAL="$(sed -n 's/.*"portal":"\([^"]*\)".*/\1/p' <<<"$line")"
      return 0
    fi
    kill -0 "$STANDIN_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "the stand-in did not start" >&2
  return 1
}

# For the benchmarks: installs what is missing, builds dist/ and the release stand-in, and starts it
# serving the app with the given extra arguments (stopped when the script exits).
start_bench_standin() {
  bash "$ROOT/scripts/setup.sh" >&2
  build_dist >&2
  say "building the stand-in (release)"
  (cd "$ROOT" && cargo build --quiet --release -p awork-standin)
  STANDIN_BIN="$ROOT/target/release/awork-standin" start_standin --api-addr 127.0.0.1:0 --app-addr 127.0.0.1:0 \
    --dist "$ROOT/dist" --app-path /awork-admin/ "$@"
  trap 'kill $STANDIN_PID 2>/dev/null || true' EXIT
}
