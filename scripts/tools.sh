#!/usr/bin/env bash
# Installs what the build and the browser tests need, only where it is missing:
# the wasm32 target, wasm-bindgen-cli pinned to the crate's wasm-bindgen version, Debian's
# Chromium, and the pinned npm tools (binaryen's wasm-opt, playwright-core, axe-core).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown
fi

# The CLI must equal the wasm-bindgen crate version pinned in Cargo.toml (=0.2.130).
WBG_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  # Not --locked: its lockfile wants a crate version the registry here lacks (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi
