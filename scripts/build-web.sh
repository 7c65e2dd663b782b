#!/usr/bin/env bash
# Builds the browser bundle into www/pkg: the engine for wasm32, the JS glue (wasm-bindgen
# --target web), wasm-opt -Oz (binaryen from npm: Debian's emits broken modules), and the
# tariff description blob the widget loads on demand.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two modules from one crate: landed_bg.wasm prices (what a product page loads) and
# landed_whatif_bg.wasm adds the what-if tools (`--features whatif`), loaded by the pages that
# use them. The full one is built first and set aside: both builds write landed.wasm.
wasm=target/wasm32-unknown-unknown/wasm/landed.wasm
cargo build --locked --lib --profile wasm --target wasm32-unknown-unknown --no-default-features --features whatif
cp "$wasm" target/wasm32-unknown-unknown/wasm/landed_whatif.wasm
cargo build --locked --lib --profile wasm --target wasm32-unknown-unknown --no-default-features
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg "$wasm"
wasm-bindgen --target web --out-dir www/pkg --out-name landed_whatif target/wasm32-unknown-unknown/wasm/landed_whatif.wasm
# --flatten --rereloop first: the control flow rebuilt before -Oz shrinks further (−0.6 KB gzip,
# −3.4 KB raw on the pricing module); --strip-producers: the toolchain's name and version are of
# no use to a page (−0.1 KB). Tried and not kept (2026-11-26, size2; against -Oz --converge):
# -Os --converge −117 B, --gufa −86 B, -O4 then -Oz +347 B, -Oz alone +48 B, -Oz three times +1 B.
for module in landed_bg landed_whatif_bg; do
  tests/e2e/node_modules/.bin/wasm-opt --flatten --rereloop -Oz --converge --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "www/pkg/$module.wasm" -o "www/pkg/$module.wasm"
done
cargo run --locked --quiet --bin landed -- snapshot export-text www/pkg/landed-text.bin >/dev/null
# The parts the module leaves out (tariffs in runs of chapters, on-demand data files, years of
# daily ECB rates), one content-addressed file each, fetched by the page for the codes and dates
# it prices (the same writer as the module's build, so the hashes agree).
core=$(mktemp)
cargo run --locked --quiet -p landed-datagen -- snapshot --out "$core" --parts www/pkg >/dev/null
rm -f "$core"

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
