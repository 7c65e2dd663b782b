#!/usr/bin/env bash
# Fails when the browser bundle or the embedded snapshot core grows past its gzip budget.
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE_BUDGET=$((500 * 1024))   # engine + rules/VAT/FX core + JS glue and widget (tariff parts load on demand)
CORE_BUDGET=$((400 * 1024))     # the snapshot core embedded in the engine

bundle=$(( $(gzip -9 -c www/pkg/landed_bg.wasm | wc -c) + $(cat www/pkg/landed.js www/widget/*.js | gzip -9 | wc -c) ))
core=$(gzip -9 -c "$(ls -t target/wasm32-unknown-unknown/wasm/build/landed-*/out/snapshot.bin | head -1)" | wc -c)
echo "bundle: $bundle B gzip (budget $BUNDLE_BUDGET); snapshot core: $core B gzip (budget $CORE_BUDGET)"
status=0
if [ "$bundle" -gt "$BUNDLE_BUDGET" ]; then echo "FAIL: the browser bundle is over its budget" >&2; status=1; fi
if [ "$core" -gt "$CORE_BUDGET" ]; then echo "FAIL: the snapshot core is over its budget" >&2; status=1; fi
exit $status
