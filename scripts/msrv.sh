#!/usr/bin/env bash
# Checks the declared minimum Rust version (`rust-version` in Cargo.toml) without a second
# toolchain (only crates.io, PyPI, Debian and npm are reachable here, so rustup cannot fetch one).
#
# What it proves:
#  1. clippy's `incompatible_msrv` lint, which reads `rust-version`, finds no call to a standard
#     library API stabilised after it (e.g. a 1.86 method under rust-version 1.85): scripts/test.sh
#     runs it with the native lints of its test build (`-D clippy::incompatible_msrv` in
#     CLIPPY_ARGS), `--lint` here runs it alone;
#  2. no dependency the library builds with, natively or for wasm32, declares a higher
#     `rust-version` in the locked graph.
# What it does not prove: that the code compiles on that compiler. Language features (syntax,
# inference or borrow-checker changes), newer Cargo.toml keys, std APIs the lint does not know
# and dependencies that declare no `rust-version` are only caught by building with the old
# toolchain, which CI with network access should do (`rustup toolchain install 1.85`).
set -euo pipefail
cd "$(dirname "$0")/.."

msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
if [ "${1:-}" = "--lint" ]; then
  echo "== rust-version $msrv: std APIs (clippy::incompatible_msrv)"
  cargo clippy --locked --workspace --all-targets -- -D warnings -D clippy::incompatible_msrv
fi

echo "== rust-version $msrv: dependencies' declared rust-version"
for platform in x86_64-unknown-linux-gnu wasm32-unknown-unknown; do
  echo -n "$platform: "
  cargo metadata --locked --format-version 1 --filter-platform "$platform" | python3 scripts/msrv_deps.py "$msrv"
done
