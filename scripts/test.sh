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

step "cargo clippy (wasm32)"
# At the browser build's profile (scripts/build-web.sh): a check compiles the proc macros and
# build scripts (syn, serde_derive, wasm-bindgen's macro, tsify-next's, ...) in full for the host,
# and at the wasm profile they are the very units the bundle's builds need (release's
# build-override, at opt-level 0), so the bundle step finds them built; at the dev profile they
# were compiled at opt-level 1 for this check alone. The one difference for the lints,
# debug_assertions off: the one `cfg(debug_assertions)` block (src/rules/mod.rs, the US tables)
# is not wasm32-only and is linted by the native build below.
cargo clippy --locked --lib --profile wasm --target wasm32-unknown-unknown --no-default-features -- -D warnings

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

step "clippy (native, every target) during the test build"
# The native lints are emitted by the build the tests run anyway: cargo-clippy only sets
# RUSTC_WORKSPACE_WRAPPER to clippy-driver (a rustc with clippy's lints registered) and passes the
# lint flags in CLIPPY_ARGS, each followed by __CLIPPY_HACKERY__, so under the same two variables
# `cargo test` lints each workspace crate it compiles and fails on a lint as `cargo clippy` does,
# and the dependencies are compiled once instead of twice (a check build for clippy, then the
# test build). The two builds below compile the units of `cargo clippy --workspace --all-targets`
# (lib, bins, tests and benches with and without cfg(test), the example); the dependencies are
# not linted (plain rustc compiles them), as under cargo clippy. The wrapper is part of each
# workspace unit's hash, so every cargo command that should reuse these units takes both
# (the test runs below); scripts/build-web.sh builds without them: clippy-driver turns MIR
# optimisations off, which must not reach the shipped module.
# -D clippy::incompatible_msrv: no std API newer than Cargo.toml's rust-version (scripts/msrv.sh
# says what this and the dependency check below do and do not prove).
lint=(env RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__-D__CLIPPY_HACKERY__clippy::incompatible_msrv__CLIPPY_HACKERY__")
"${lint[@]}" cargo test --locked --workspace --no-run
"${lint[@]}" cargo test --locked --workspace --no-run --benches

step "Rust tests"
# cargo test, not nextest: the integration tests are four binaries of many modules (golden,
# engine, cli; datagen's tables), and cargo test runs each binary's tests as threads of one
# process sharing its engine (tests/common: `engine()`), where nextest starts a process per test
# and builds the embedded engine 1,100 times (session 20: 93 s wall, 50 CPU-s for every test and
# doc test, against 165 s and ~87 CPU-s for nextest on three of the binaries; BENCHMARKS.md).
"${lint[@]}" cargo test --locked --workspace --no-fail-fast

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
