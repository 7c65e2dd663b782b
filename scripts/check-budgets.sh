#!/usr/bin/env bash
# Fails when the browser bundle, the embedded snapshot core or the first price on a product page
# grows past its gzip budget. Run after scripts/build-web.sh.
#
# The first price (issue 11, "pay only for what the page prices"): the pricing module
# (landed_bg.wasm), its glue, the widget JS a product page loads, and the parts the engine says
# the first quote to that destination needs (scripts/first-price.mjs asks it: missingPartsFor).
# Its target is 150 KB gzip per destination; today's build is over it (BENCHMARKS.md says by
# how much and why), so the check fails on growth past FIRST_PRICE_CEILING and reports the
# target as met or not met without failing, until the ceiling can come down to the target.
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE_BUDGET=$((280 * 1024))   # pricing engine + rules/VAT core + JS glue and widget (parts load on demand); 277.5 KB (284,141 B) on 2026-11-26 after scopes-split (+1 KB of scope-part descriptors in the core, +2 KB of code to read the scope lists per chapter) and main's duty_free table; 272.0 KB (278,555 B) before (session 8: +1.75 KB of verified rules rows in the core, ~4 KB of code for the no-customs-border stage, tax_base_charges and HMRC's year parts; 266.1 KB at size2)
CORE_BUDGET=38912               # the snapshot core embedded in the engine (B); 38,210 B on 2026-11-26 after scopes-split (the descriptors of the US scope lists' 27 chapter parts, +972 B) and main's duty_free table; 36,851 B before: 34,109 B at the start of session 8, then six + five more verified VAT rows (BG HR PL GR LT CN; HU RO), the no-customs-border movements table, earlier-years thresholds (AU, NZ, FI, NO, CH VAT), Norway's rounding row and the descriptors of HMRC's eight year parts (which take 13-15 KB off every GB/XI first price); 2 KB of room for verified rows
FIRST_PRICE_TARGET=$((150 * 1024))   # issue 11: engine + JS + one destination's data
FIRST_PRICE_CEILING=$((328 * 1024))  # today's worst (the US in a foreign currency, 317.7 KB, 325,370 B, on 2026-11-26, scopes-split: the US scope lists in chapter parts, 368,006 B before) plus room: a fresh-clone CI build once measured ~1 KB more than a local build (cause not found: no local path is in the module)

bundle=$(( $(gzip -9 -c www/pkg/landed_bg.wasm | wc -c) + $(cat www/pkg/landed.js www/widget/*.js | gzip -9 | wc -c) ))
core=$(gzip -9 -c "$(ls -t target/wasm32-unknown-unknown/wasm/build/landed-*/out/snapshot.bin | head -1)" | wc -c)
echo "bundle: $bundle B gzip (budget $BUNDLE_BUDGET); snapshot core: $core B gzip (budget $CORE_BUDGET)"
status=0
if [ "$bundle" -gt "$BUNDLE_BUDGET" ]; then echo "FAIL: the browser bundle is over its budget" >&2; status=1; fi
if [ "$core" -gt "$CORE_BUDGET" ]; then echo "FAIL: the snapshot core is over its budget" >&2; status=1; fi

echo "first price per destination (B gzip; target $FIRST_PRICE_TARGET, ceiling $FIRST_PRICE_CEILING):"
while IFS=$'\t' read -r destination engine widget parts total named foreign; do
  [ "$destination" = destination ] && continue
  if [[ "$destination" == *+* ]]; then
    echo "  one page pricing $destination: $total (parts $parts: $named); with foreign currencies $foreign"
    continue
  fi
  verdict=$([ "$total" -le "$FIRST_PRICE_TARGET" ] && echo "target met" || echo "target NOT met")
  echo "  $destination: $total = engine $engine + widget $widget + parts $parts ($named); $verdict; priced in a foreign currency $foreign"
  if [ "$total" -gt "$FIRST_PRICE_CEILING" ] || [ "$foreign" -gt "$FIRST_PRICE_CEILING" ]; then
    echo "FAIL: the first price to $destination grew past its ceiling" >&2; status=1
  fi
done < <(node scripts/first-price.mjs)
exit $status
