#!/usr/bin/env bash
# Builds the browser bundle into www/pkg: the engine for wasm32, the JS glue (wasm-bindgen
# --target web), wasm-opt -Oz (binaryen from npm: Debian's emits broken modules), and the
# tariff description blob the widget loads on demand.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two modules from one crate: landed_bg.wasm prices (what a product page loads) and
# landed_whatif_bg.wasm adds the what-if tools (`--features whatif`), loaded by the pages that
# use them. The full one is built first and its glue generated before the second build
# overwrites landed.wasm.
wasm=target/wasm32-unknown-unknown/wasm/landed.wasm
# Panic locations name their source file: the registry's crates by their path under CARGO_HOME
# (/root/.cargo/registry/src/index.crates.io-…/rust_decimal-1.43.0/src/ops/div.rs). Remapped to
# the crate's own path, the module no longer depends on where the builder's cargo keeps its
# registry (a CI runner's home is longer than a local one) and is 0.9 KB raw (48 B gzip) smaller.
# Only the wasm32 builds get the flag: the native CLI build below shares the tests' artefacts.
remap=()
for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do remap+=("--remap-path-prefix=$d="); done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${remap[*]}"
rm -rf www/pkg
cargo build --locked --lib --profile wasm --target wasm32-unknown-unknown --no-default-features --features whatif
cp "$wasm" target/wasm32-unknown-unknown/wasm/landed_whatif.wasm
wasm-bindgen --target web --out-dir www/pkg --out-name landed_whatif target/wasm32-unknown-unknown/wasm/landed_whatif.wasm
# -Oz once: measured again on main's pricing module of 2026-11-26 (ci-time; BENCHMARKS.md, "CI
# time") against the earlier --flatten --rereloop -Oz --converge, plain -Oz ships 1,157 B less
# gzip (+4.9 KB raw) in 22.6 CPU-s instead of 54.3; on the session's merged module at its end, +241 B
# gzip (349,941 B): switched for the CI's time (about a minute of CPU per run). --strip-producers: the toolchain's name and version are of no use to a page
# (−0.1 KB). Tried and not kept earlier (size2, against -Oz --converge): -Os --converge −117 B,
# --gufa −86 B, -O4 then -Oz +347 B.
opt=(tests/e2e/node_modules/.bin/wasm-opt -Oz --strip-producers
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
# binaryen's npm wasm-opt is a single-threaded Node program and takes about a minute of CPU per
# module, and most of the pricing module's build (the crate at opt-level "z" in one codegen
# unit, then its LTO link) runs on one core too: the what-if module is optimised while the
# pricing one builds, the pricing one while the CLI writes the description blob and the parts.
# The same commands on the same inputs as one after the other: the shipped bytes are unchanged.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"${opt[@]}" www/pkg/landed_whatif_bg.wasm -o www/pkg/landed_whatif_bg.wasm & pids+=($!)
cargo build --locked --lib --profile wasm --target wasm32-unknown-unknown --no-default-features
wasm-bindgen --target web --out-dir www/pkg "$wasm"
"${opt[@]}" www/pkg/landed_bg.wasm -o www/pkg/landed_bg.wasm & pids+=($!)
# The CLI and the data generator from one build: landed's library is a cdylib too, so its file
# carries no hash and a build of it with other features (landed-datagen alone asks for none)
# replaces the one the CLI and the tests link, which the next build must then compile again.
cargo build --locked --quiet -p landed -p landed-datagen --bins
target/debug/landed snapshot export-text www/pkg/landed-text.bin >/dev/null
# The parts the module leaves out (tariffs in runs of chapters, on-demand data files, years of
# daily ECB rates), one content-addressed file each, fetched by the page for the codes and dates
# it prices (the same writer as the module's build, so the hashes agree).
core=$(mktemp)
target/debug/landed-datagen snapshot --out "$core" --parts www/pkg >/dev/null
rm -f "$core"
for pid in "${pids[@]}"; do wait "$pid"; done
trap - EXIT

# The TypeScript declarations are generated from the Rust types; fail if they went missing.
for t in QuoteRequest Quote LineQuote Levy RateResponse SweepResult ReverseResult; do
  grep -q "export interface $t\b\|export type $t\b" www/pkg/landed.d.ts || { echo "landed.d.ts lacks $t" >&2; exit 1; }
done

wasm_gz=$(gzip -9 -c www/pkg/landed_bg.wasm | wc -c)
js_gz=$(cat www/pkg/landed.js www/widget/*.js | gzip -9 | wc -c)
text_gz=$(gzip -9 -c www/pkg/landed-text.bin | wc -c)
echo "www/pkg: engine + rules/VAT/FX core $wasm_gz B gzip, JS $js_gz B gzip, descriptions (on demand) $text_gz B gzip"
for part in www/pkg/landed-part-*.bin; do
  echo "  part (on demand) $(basename "$part"): $(gzip -9 -c "$part" | wc -c) B gzip"
done
