#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each) with libFuzzer through cargo-fuzz.
# The corpus lives in fuzz/corpus/<target>/ and grows as the fuzzer finds new paths; a crash is
# saved under fuzz/artifacts/<target>/ and should become a regression test in tests/. Before
# committing a grown corpus, minimise it: `RUSTC_BOOTSTRAP=1 cargo fuzz cmin TARGET fuzz/corpus/TARGET`.
# Runs and crashes are recorded in BENCHMARKS.md (Fuzzing).
# Usage: bash scripts/fuzz.sh [seconds per target]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
# cargo-fuzz needs nightly flags (-Zsanitizer); this machine has one stable toolchain, so unlock
# them on it. The project itself never depends on unstable features.
export RUSTC_BOOTSTRAP=1

for target in duty_expr hs_code request_json snapshot_decode; do
  echo "== fuzz $target for ${SECONDS_PER_TARGET}s"
  cargo fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=4096
done
