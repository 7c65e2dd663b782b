// What the first price on a product page costs to download, per destination: the pricing module
// (landed_bg.wasm), its glue, the widget's JS a product page loads, and the parts the engine
// itself says the page's one quote needs (missingPartsFor, asked again after attaching until it
// names nothing, as the widget's prepareRequest does): the chapter part of the product's code,
// the destination's data files and, as "+FX" (the product priced in another currency), the year
// of ECB rates it converts at (daily; monthly for the EU). Each file gzip -9 on its own, as a
// server sends it. Each destination starts from a fresh engine instance. Prints one TSV row per
// destination, then one for a page pricing them all; scripts/check-budgets.sh checks them.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../www/', import.meta.url));
const MODULE = readFileSync(`${WWW}pkg/landed_bg.wasm`);
let instances = 0;

/** A fresh engine instance (a query string gives a fresh copy of the glue module). */
async function freshEngine() {
  instances += 1;
  const glue = await import(new URL(`../www/pkg/landed.js?instance=${instances}`, import.meta.url).href);
  glue.initSync({ module: MODULE });
  return glue;
}

/** The parts a request needs on a fresh engine: asked, attached and asked again until none. */
async function partsFor(request) {
  const glue = await freshEngine();
  const parts = [];
  for (let round = 0; round < 4; round++) {
    const missing = JSON.parse(glue.missingPartsFor(request));
    if (missing.length === 0) break;
    for (const p of missing) {
      glue.attachPart(readFileSync(`${WWW}pkg/${p.file}`));
      parts.push(p);
    }
  }
  return parts;
}

const gz = (path) => gzipSync(readFileSync(`${WWW}${path}`), { level: 9 }).length;
const sum = (parts) => parts.reduce((n, p) => n + gz(`pkg/${p.file}`), 0);
// What index.html (the demo shop's product page) loads before the first price.
const WIDGET = ['widget/landed.js', 'widget/define.js', 'widget/elements.js', 'widget/engine.js', 'widget/labels.js', 'widget/wording.js'];
const engine = gz('pkg/landed_bg.wasm') + gz('pkg/landed.js');
const widget = WIDGET.reduce((n, f) => n + gz(f), 0);

const destinations = (process.argv[2] || 'US:USD,GB:GBP,DE:EUR,JP:JPY,AU:AUD').split(',').map((d) => d.split(':'));
const foreign = { USD: 'EUR' };
console.log(['destination', 'engine', 'widget', 'parts', 'total', 'parts_named', 'total_foreign_currency'].join('\t'));
const union = new Map(); // every part of every destination priced, for the one-page total
const unionForeign = new Map();
for (const [destination, currency] of destinations) {
  // One product page: a cotton T-shirt (HS 6109.10), priced on the day the budgets were set.
  const request = (c) => JSON.stringify({ destination, currency: c, date: '2026-11-10', origin: 'CN',
    lines: [{ id: 'a', code: '610910', quantity: '1', unit_price: '20.00' }] });
  const parts = await partsFor(request(currency));
  const partsForeign = await partsFor(request(foreign[currency] ?? 'USD'));
  for (const p of parts) union.set(p.file, p);
  for (const p of [...parts, ...partsForeign]) unionForeign.set(p.file, p);
  const total = engine + widget + sum(parts);
  // '-' when no part is named: check-budgets.sh reads the row with `read`, which merges empty fields.
  console.log([destination, engine, widget, sum(parts), total, parts.map((p) => p.name).join(',') || '-',
    engine + widget + sum(partsForeign)].join('\t'));
}
// One page pricing all of them (shared parts once: the correlation, a year of ECB rates).
const all = [...union.values()];
console.log([destinations.map(([d]) => d).join('+'), engine, widget, sum(all), engine + widget + sum(all),
  all.map((p) => p.name).join(','), engine + widget + sum([...unionForeign.values()])].join('\t'));
