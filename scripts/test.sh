#!/usr/bin/env bash
# Runs every check and test: formatting, lints (native and wasm32), unit, integration, golden
# and property tests, the browser bundle's size budget, and end-to-end tests of the widget in
# Debian's headless Chromium. Installs what is missing first (scripts/tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/tools.sh

# Each step's heading says how long the run has taken so far (seconds), so a slow step shows in
# any CI log, and the CPU seconds its commands have used so far (user + system, from
# /proc/$$/stat): on a shared machine the wall time follows the load, the CPU time much less.
step() { echo "== [${SECONDS}s, cpu $(awk -v t="$(getconf CLK_TCK)" '{printf "%d", ($16 + $17) / t}' /proc/$$/stat)s] $*"; }

# A run from a clean clone gains nothing from incremental compilation, and its caches were
# 1.4 GB of target/ (a CI machine's disk filled up once); set CARGO_INCREMENTAL=1 to keep them.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, then wasm32)"
# -D clippy::incompatible_msrv: no std API newer than Cargo.toml's rust-version (scripts/msrv.sh
# says what this and the dependency check below do and do not prove).
cargo clippy --locked --workspace --all-targets -- -D warnings -D clippy::incompatible_msrv
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "minimum Rust version: dependencies' rust-version (scripts/msrv.sh)"
bash scripts/msrv.sh

step "fuzz targets compile (plain stable build, sharing target/; scripts/fuzz.sh runs them)"
# fuzz/ is a workspace of its own, so the profiles in Cargo.toml do not reach it: with the same
# settings as the test build (Cargo.toml's [profile.dev], and landed, a member here but a path
# dependency there, at the members' settings), the dependencies both lock at the same versions
# with the same features are compiled once for the two builds instead of twice.
fuzz_profile=(
  --config 'profile.dev.debug="line-tables-only"'
  --config 'profile.dev.package."*".opt-level=1'
  --config 'profile.dev.package."*".debug=false'
  --config 'profile.dev.package.landed.opt-level=0'
  --config 'profile.dev.package.landed.debug="line-tables-only"'
)
cargo build --locked --manifest-path fuzz/Cargo.toml --target-dir target --bins "${fuzz_profile[@]}"

step "Rust tests"
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --locked --workspace --no-fail-fast
  cargo test --locked --workspace --doc
else
  cargo test --locked --workspace --no-fail-fast
fi

step "browser bundle: build, size budgets, Subresource Integrity of the pages"
bash scripts/build-web.sh
bash scripts/check-budgets.sh
python3 scripts/sri.py --check

step "supply chain: licences, bans and sources of every dependency (cargo deny, offline)"
bash scripts/deny.sh

step "end-to-end tests in Chromium"
cargo build --locked --quiet -p landed -p landed-datagen --bins  # as scripts/build-web.sh: nothing to rebuild
(cd tests/e2e && node --test --test-concurrency=1 .)
step "done"
