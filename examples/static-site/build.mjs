// Build-time pricing for a static site: prices every product for every destination of the shop with
// the `landed` package (in Node, no browser, no server), writes the all-in prices into the HTML,
// and copies the widget beside the page. In the browser, <landed-price> re-prices for the
// shopper's own destination; with JavaScript off the pre-rendered prices stay readable.
//
//   npm install && node build.mjs [--out site] [--date YYYY-MM-DD] [--catalogue products.json]

import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quote, money, datasets, incomplete, today } from 'landed';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const OUT = resolve(args.out ?? 'site');
const DATE = args.date ?? today();
const shop = JSON.parse(await readFile(args.catalogue ?? join(HERE, 'products.json'), 'utf8'));

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const regions = new Intl.DisplayNames([shop.lang], { type: 'region' });

/** The request for one product to one destination (the same one the widget builds from the attributes). */
function requestFor(product, destination) {
  const line = { id: product.id, code: product.codes?.[destination] ?? product.code, quantity: '1', unit_price: product.price };
  if (product.weight_kg) line.weight_kg = product.weight_kg;
  return { destination, date: DATE, currency: shop.currency, ship_from: shop.ship_from, origin: product.origin, lines: [line] };
}

/** "at least €12.00 (up to €14.00)" for a quote whose totals are lower bounds, else "€12.00". */
function allIn(q) {
  const shown = money(q.totals.landed, q.currency, shop.lang);
  const max = q.totals.landed_max && q.totals.landed_max !== q.totals.landed ? ` (up to ${money(q.totals.landed_max, q.currency, shop.lang)})` : '';
  return incomplete(q) ? `at least ${shown}${max}` : shown;
}

/** The oldest dated source behind the quotes: what "rates as of" means on the page. */
function ratesAsOf(quotes) {
  const dates = quotes.flatMap((q) => datasets(q)).map((d) => d.vintage).filter(Boolean).sort();
  return dates[0];
}

function productCard(product, priced) {
  const codes = Object.entries(product.codes ?? {}).map(([d, c]) => ` code-${d.toLowerCase()}="${esc(c)}"`).join('');
  const rows = priced.map(({ destination, q }) => `
          <tr data-destination="${destination}"><th scope="row">${esc(regions.of(destination))}</th>`
    + `<td data-amount="${q.totals.landed}" data-complete="${!incomplete(q)}">${esc(allIn(q))}</td></tr>`).join('');
  return `
    <article class="product" aria-labelledby="${product.id}-name">
      <h2 id="${product.id}-name">${esc(product.name)}</h2>
      <p class="net">${esc(money(product.price, shop.currency, shop.lang))} before import charges</p>
      <landed-price id="${product.id}" price="${esc(product.price)}" code="${esc(product.code)}"${codes} origin="${esc(product.origin)}"`
    + `${product.weight_kg ? ` weight-kg="${esc(product.weight_kg)}"` : ''}>
        <table class="prerendered">
          <caption>All-in price by destination, incl. duty, taxes and fees (priced for ${DATE})</caption>
          <thead><tr><th scope="col">Ship to</th><th scope="col">All-in price</th></tr></thead>
          <tbody>${rows}
          </tbody>
        </table>
      </landed-price>
    </article>`;
}

function page(cards, asOf) {
  return `<!doctype html>
<html lang="${esc(shop.lang)}" data-landed-currency="${esc(shop.currency)}" data-landed-ship-from="${esc(shop.ship_from)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(shop.title)}</title>
<link rel="stylesheet" href="site.css">
<link rel="modulepreload" href="landed/widget/engine.js">
<link rel="preload" href="landed/pkg/landed_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="landed/widget/define.js"></script>
</head>
<body>
<header>
  <h1>${esc(shop.title)}</h1>
  <p>Prices include import duty, taxes and fees. They were computed when this page was built; with JavaScript on,
     the price for your destination is recomputed in your browser for today.</p>
  <landed-country-picker></landed-country-picker>
</header>
<main>
  <section class="grid" aria-label="Products">${cards.join('')}
  </section>
</main>
<footer>
  <p class="freshness">Rates as of ${esc(asOf ?? 'the embedded tariff snapshot')}; priced for ${DATE}.</p>
</footer>
</body>
</html>
`;
}

const cards = [];
const all = [];
for (const product of shop.products) {
  const priced = [];
  for (const destination of shop.destinations) {
    const q = await quote(requestFor(product, destination));
    priced.push({ destination, q });
    all.push(q);
  }
  cards.push(productCard(product, priced));
}

// The widget and the engine, beside the page (the description blob is only needed for search).
const pkgRoot = dirname(createRequire(import.meta.url).resolve('landed/package.json'));
await mkdir(join(OUT, 'landed', 'pkg'), { recursive: true });
await cp(join(pkgRoot, 'widget'), join(OUT, 'landed', 'widget'), { recursive: true });
// The engine, its glue, and the tariff parts the page fetches for the shopper's destination.
const parts = (await readdir(join(pkgRoot, 'pkg'))).filter((f) => /^landed-part-[0-9a-f]+\.bin$/.test(f));
for (const file of ['landed.js', 'landed_bg.wasm', ...parts]) await cp(join(pkgRoot, 'pkg', file), join(OUT, 'landed', 'pkg', file));
await cp(join(HERE, 'site.css'), join(OUT, 'site.css'));
await writeFile(join(OUT, 'index.html'), page(cards, ratesAsOf(all)));
console.log(`${join(OUT, 'index.html')}: ${shop.products.length} products × ${shop.destinations.length} destinations priced for ${DATE}`);
