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

BUNDLE_BUDGET=$((362 * 1024))   # pricing engine + rules/VAT core + JS glue and widget (parts load on demand); 358.1 KB (366,707 B) at the end of session 13, +1 %: the VAT class by code (rules/vat_classes.tsv, 9.0 KB gzip of rows, and its stage), gifts, US AD/CVD and Canada's SIMA under reliefs, the CA/MX IEEPA/232 split, reliefs excluded line by line, Japan's tariff quotas, the destination's rounding rules in the answer, the carrier-charges assumption (about 13 KB of module and 13 KB of core; speed-f +0.3 KB); 332.5 KB (340,523 B) at the end of session 12, +1 %: three audits' and three research passes' fixes added about 10 KB of module (per-item reliefs, the postal duties and stated exceptions of the US layers, column 2, inputs named when unused, the border-tax lower bound without a province, the shipping assumption, trade remedies under a relief), 7.2 KB of core rows and 2.5 KB of widget JS (a price never read from ambiguous markup, DAP totals, the province control, honest labels in 12 languages); speed-e +0.3 KB; 312.2 KB (319,694 B) at the end of session 11, +1 %: two audits' fixes added about 19 KB of module (Canada's border PST stage, Switzerland's mail-order basis, the business buyers' reverse charge, the trade-remedies table and its stage, the MPF exemption and transit rule of preference claims, transport-dependent fees, minimum collectibles on any levy, the tariff edition in `rate`) and 7.2 KB of core rows; 293.2 KB (300,202 B) on 2026-11-26 at size-c merged with main at d592cbd, +1 %: size-c took 5,129 B off (talc for dlmalloc, no second decimal parser: main at d592cbd alone 305,331 B), main since 68b3519 added about 10.8 KB (the excise table and its reader, more threshold, jurisdiction and US layer rows; main alone was over the 290 KB budget); 287.7 KB (294,600 B) at the end of session 9 (the speed pass +1 KB, the Japanese lower bound of an unsettled personal-use value +1.4 KB); 286.0 KB (292,815 B) on 2026-11-26 at scopes-split merged with main at 2102158 (Japan's simplified tariff and the US mail fees: about +8.7 KB, main was over the 280 KB budget without this branch), of which scopes-split +3.2 KB (+1 KB of scope-part descriptors in the core, +2.2 KB of code to read the scope lists per chapter); 272.0 KB (278,555 B) at session 8 (+1.75 KB of verified rules rows in the core, ~4 KB of code for the no-customs-border stage, tax_base_charges and HMRC's year parts; 266.1 KB at size2)
CORE_BUDGET=71424               # the snapshot core embedded in the engine (B); 70,633 B at the end of session 13, +1 % (rules/vat_classes.tsv 9.0 KB: 79 rows, 28.5 KB raw of the table's 42.5 KB are their sources; gift rows, research-h's US/CA/IE/NO/FI rows, NO/FI reduced VAT rates); 57,536 B at the end of session 12, +1 % (thresholds.tsv +5.5 KB: the EU's EUR 3 rows quoting art. 2, SG/AU/NZ schemes, per-item rows, TH, NO, GB, IE, DK, SE, DE, member states' krona amounts; us_layers.tsv +1.2 KB and us_scopes_extra.tsv +1.0 KB: column 2, informational materials, Russian aluminium, cranes, CAFTA-DR, postal, transit and all-in rows; fees.tsv +0.9 KB: FR/IT/RO parcel charges, AU 2024-25; groups, tax_rounding); 50,294 B at the end of session 11, +1 % (rules/trade_remedies.tsv 1 KB, AU biosecurity and US FY2018/2019/2027 fee rows, CA PST, CH, KR, XI and business-buyer threshold rows, the preference columns for fee exemptions and transit rules, all with their sources); 43,073 B on 2026-11-26 at size-c merged with main at d592cbd, +1 % (main's new rows took it over the 40,448 B budget: rules/excise.tsv, thresholds, jurisdictions, US layers, vat_extra; size-c changed no data); 39,379 B on 2026-11-26 at scopes-split merged with main at 2102158 (the descriptors of the US scope lists' 27 chapter parts, +972 B; main's duty_free, Japan's small-parcel part descriptors and the US mail fees); 36,851 B at session 8: 34,109 B at its start, then six + five more verified VAT rows (BG HR PL GR LT CN; HU RO), the no-customs-border movements table, earlier-years thresholds (AU, NZ, FI, NO, CH VAT), Norway's rounding row and the descriptors of HMRC's eight year parts (which take 13-15 KB off every GB/XI first price); about 1 KB of room for verified rows
FIRST_PRICE_TARGET=$((150 * 1024))   # issue 11: engine + JS + one destination's data
FIRST_PRICE_CEILING=$((417 * 1024))  # today's worst + 1 % (the US in a foreign currency, 412.0 KB, 421,893 B, at the end of session 13: the module and core growth above); before that (the US in a foreign currency, 383.9 KB, 393,153 B, at the end of session 12: the module, core and widget growth above, and the US scope lists resolved to shorter codes, +2.9 KB of US parts); before that (the US in a foreign currency, 359.2 KB, 367,809 B, at the end of session 11: the module and core growth above); before that (the US in a foreign currency, 337.4 KB, 345,460 B, on 2026-11-26 at size-c merged with main at d592cbd: main at d592cbd alone 350,121 B; size-c took 4,661 B off every first price); before that (the US in a foreign currency, 326.4 KB, 334,189 B, on 2026-11-26 at scopes-split merged with main at 2102158: the US scope lists in chapter parts took 43.8 KB off every US first price, 368,006 B before) plus room: a fresh-clone CI build once measured ~1 KB more than a local build (cause not found: no local path is in the module)

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
