#!/usr/bin/env bash
# Installs what awork-admin needs to build, run and test, and skips whatever is there already:
# Debian packages (Chromium, ChromeDriver, Firefox ESR, WebKitGTK's WebDriver, Xvfb, zopfli, nginx,
# and where rustup has no wasm32 target Debian's rustc-web toolchain), the pinned Trunk and
# wasm-bindgen CLI, and the npm tools.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

apt_install() {
  [ $# -gt 0 ] || return 0
  say "installing Debian packages: $*"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$@"
}

command -v rustup >/dev/null || { echo "rustup is required (https://rustup.rs)" >&2; exit 1; }

# 1. The wasm toolchain: rustup's target where it can be had, else Debian's rustc-web.
mode="$(wasm_mode)"
if [ "$mode" = none ]; then
  say "adding the wasm32-unknown-unknown target"
  if timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    mode=rustup
  else
    say "rustup cannot fetch wasm32 here; using Debian's rustc-web with -Zbuild-std instead"
    mode=debian
  fi
fi
# zopfli writes dist/'s .gz files (scripts/precompress.mjs): gzip that any client reads, 5 % smaller
# than gzip -9. nginx with the brotli_static module and openssl: the end-to-end suite runs the
# README's nginx configuration for real, with certificates of a test CA (tests/e2e/nginx.spec.js).
# Firefox ESR, and WebKitGTK's WebDriver with its MiniBrowser under Xvfb: the cross-engine smoke
# suite (tests/engines) drives them besides Chromium.
packages=(chromium chromium-driver zopfli nginx libnginx-mod-http-brotli-static openssl
  firefox-esr webkit2gtk-driver xvfb xauth)
if [ "$mode" = debian ]; then
  # rust-web-llvm holds /usr/bin/rust-lld (-> lld-22), the linker rustc-web calls for wasm32; it is
  # only a recommendation of rustc-web, which --no-install-recommends leaves out.
  packages+=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
fi
mapfile -t missing < <(apt_missing "${packages[@]}")
apt_install "${missing[@]}"
if [ "$mode" = debian ] && ! rustup toolchain list | grep -q '^debian-web'; then
  rustup toolchain link debian-web /usr
fi
# std's source, so the release build rebuilds std for size (scripts/env.sh, release_wasm_env);
# Debian's rust-web-src is that source on the other path. Without it the build still works.
if [ "$mode" = rustup ] && [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  say "adding rust-src (std's source)"
  timeout 60 rustup component add rust-src >/dev/null 2>&1 || say "rustup cannot fetch rust-src here"
fi

# 2. Trunk, the wasm-bindgen CLI and wasm-split-cli, pinned, built once into $TOOLS_DIR.
have_version() { [ -x "$TOOLS_DIR/bin/$1" ] && "$TOOLS_DIR/bin/$1" --version 2>/dev/null | grep -qF " $2"; }
if ! have_version trunk "$TRUNK_VERSION"; then
  say "building trunk $TRUNK_VERSION (about 11 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --root "$TOOLS_DIR"
fi
if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Not --locked: a locked dependency of the CLI is missing from some registry mirrors.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS_DIR" --force
fi
if ! grep -qF "\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$TOOLS_DIR/.crates.toml" 2>/dev/null \
  || [ ! -x "$TOOLS_DIR/bin/wasm-split-cli" ]; then
  say "building wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary \
    --root "$TOOLS_DIR" --force
fi

# 3. npm tools: binaryen's wasm-opt 132, Playwright's test runner, puppeteer-core and
# selenium-webdriver (none of them downloads a browser or a driver).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. Crates, including std's own dependencies for -Zbuild-std, so builds can run --offline.
with_wasm_env cargo fetch --target wasm32-unknown-unknown --quiet
release_wasm_env cargo fetch --target wasm32-unknown-unknown --quiet
cargo fetch --quiet
