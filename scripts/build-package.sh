#!/usr/bin/env bash
# Assembles the npm package in packages/landed/ from the browser build (www/pkg, made by
# scripts/build-web.sh) and the widget (www/widget): the engine API, the element entries, the wasm,
# the description blob, every snapshot part (landed-part-*.bin: tariff chapter runs, data files,
# years of daily rates; the engine names the ones a quote needs) and the TypeScript declarations. Then `npm pack` (or, by hand only,
# `npm publish`) in packages/landed. Same relative layout as www/, so the widget finds ../pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
PKG=packages/landed

[ -f www/pkg/landed_bg.wasm ] && [ -f www/pkg/landed-text.bin ] || { echo "www/pkg is missing: run scripts/build-web.sh" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
node -e 'const v = require(process.argv[1]).version; if (v !== process.argv[2]) { console.error(`packages/landed/package.json is ${v}, Cargo.toml ${process.argv[2]}`); process.exit(1); }' \
  "$PWD/$PKG/package.json" "$version"

rm -rf "$PKG/widget" "$PKG/pkg"
# The licence texts (MIT OR Apache-2.0) and the data's licences and attribution statements (the
# snapshot inside the wasm and the parts carries UK public sector information, OGL v3.0, …).
cp LICENSE-MIT LICENSE-APACHE DATA-LICENSES.md "$PKG/"
mkdir -p "$PKG/widget" "$PKG/pkg"
cp -R www/widget/. "$PKG/widget/"
cp www/pkg/landed.js www/pkg/landed.d.ts www/pkg/landed_bg.wasm www/pkg/landed_bg.wasm.d.ts www/pkg/landed-text.bin \
  www/pkg/landed_whatif.js www/pkg/landed_whatif.d.ts www/pkg/landed_whatif_bg.wasm www/pkg/landed-part-*.bin "$PKG/pkg/"

# The engine entry and what it imports must not touch the DOM (it runs in Node, Deno, workers).
if grep -nE '\b(document|window|HTMLElement|customElements)\b' "$PKG/widget/engine.js" "$PKG/widget/wording.js" "$PKG/widget/labels.js" \
  "$PKG/pkg/landed.js" "$PKG/pkg/landed_whatif.js"; then
  echo "the engine entry touches the DOM" >&2; exit 1
fi
echo "$PKG: $(du -sh "$PKG" | cut -f1) assembled (version $version)"
