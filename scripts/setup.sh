#!/usr/bin/env bash
# Builds Landed on a fresh Debian machine and runs its main job.
# Installs only what is missing; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo is required: install Rust with rustup first" >&2
  exit 1
fi

cargo build --release --locked --bin landed

echo
echo "== landed quote examples/cart.json --format table"
./target/release/landed quote examples/cart.json --format table
