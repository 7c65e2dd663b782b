// Build-time pricing for a static site: prices every product for every destination of the shop with
// the `landed` package (in Node, no browser, no server), writes the all-in prices into the HTML with
// the widget's own words for each (`wording`: "at least", what is left out, the caveats, the
// rates' date), names the snapshot they come from, and copies the widget beside the page. In the
// browser, <landed-price> re-prices for the shopper's own destination; with JavaScript off the
// pre-rendered prices stay readable, and say no more than the widget would.
//
//   npm install && node build.mjs [--out site] [--date YYYY-MM-DD] [--catalogue products.json]
//                                 [--snapshot site/landed-data/landed-snapshot.bin]
//
// `--snapshot FILE`: a snapshot the site publishes (README "Refreshing the data"), its parts beside
// it. The page is priced with it, and names it (`data-landed-snapshot`) so that the widget prices
// with the same one; a file outside the output folder is copied, with its parts and descriptions,
// into `landed/data/`.

import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quote, wording, loadLabels, loadSnapshot, money, today } from 'landed';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const OUT = resolve(args.out ?? 'site');
const DATE = args.date ?? today();
const shop = JSON.parse(await readFile(args.catalogue ?? join(HERE, 'products.json'), 'utf8'));
// The package's labels in the shop's language (English is built in; the others are loaded here).
const L = await loadLabels(shop.lang);
const PART = /^landed-part-[0-9a-f]+\.bin$/;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const regions = new Intl.DisplayNames([shop.lang], { type: 'region' });

/** The request for one product to one destination (the same one the widget builds from the attributes). */
function requestFor(product, destination) {
  const line = { id: product.id, code: product.codes?.[destination] ?? product.code, quantity: '1', unit_price: product.price };
  if (product.weight_kg) line.weight_kg = product.weight_kg;
  const request = { destination, date: DATE, currency: shop.currency, ship_from: shop.ship_from, origin: product.origin, lines: [line] };
  if (shop.incoterm) request.incoterm = shop.incoterm;
  return request;
}

/** A snapshot the site publishes: priced with, and where the page finds it (relative to the page). */
async function publishedSnapshot(file) {
  const path = resolve(file);
  await loadSnapshot(path); // its parts and descriptions are read from beside it
  if (path.startsWith(OUT + sep)) return { href: relative(OUT, path).split(sep).join('/') };
  const target = join(OUT, 'landed', 'data');
  await mkdir(target, { recursive: true });
  const beside = (await readdir(dirname(path))).filter((f) => PART.test(f) || f === 'landed-text.bin');
  for (const f of [basename(path), ...beside]) await cp(join(dirname(path), f), join(target, f));
  return { href: `landed/data/${basename(path)}` };
}

/** One destination's row: the price and everything the widget says with it, in the same words. */
function row(destination, q) {
  const w = wording(q, shop.lang);
  const span = (part, text, cls = 'note') => (text ? ` <span class="${cls}" data-part="${part}">${esc(text)}</span>` : '');
  const block = (part, text, cls) => (text ? `<span class="${cls}" data-part="${part}">${esc(text)}</span>` : '');
  return `
          <tr data-destination="${esc(destination)}"><th scope="row">${esc(regions.of(destination))}</th>`
    + `<td data-amount="${esc(w.amount)}" data-complete="${!w.lowerBound}"><span class="total" data-part="total">${esc(w.total)}</span>`
    + `${span('range', w.range && `(${w.range})`)}${span('split', w.split && `(${w.split})`)}${span('note', w.note)}`
    + `${block('missing', w.missing, 'problem')}${block('caveat', w.caveat, 'warn')}${block('stale', w.oldTariff, 'stale')}`
    + `<span class="freshness" data-part="freshness" title="${esc(w.sources)}">${esc(w.freshness)}</span></td></tr>`;
}

function productCard(product, priced) {
  const codes = Object.entries(product.codes ?? {}).map(([d, c]) => ` code-${esc(d.toLowerCase())}="${esc(c)}"`).join('');
  const id = esc(product.id);
  return `
    <article class="product" aria-labelledby="${id}-name">
      <h2 id="${id}-name">${esc(product.name)}</h2>
      <p class="net">${esc(money(product.price, shop.currency, shop.lang))}${shop.texts?.net ? ` ${esc(shop.texts.net)}` : ''}</p>
      <landed-price id="${id}" price="${esc(product.price)}" code="${esc(product.code)}"${codes} origin="${esc(product.origin)}"`
    + `${product.weight_kg ? ` weight-kg="${esc(product.weight_kg)}"` : ''}>
        <table class="prerendered">
          <caption>${esc(`${L.allIn} (${L.pricedFor} ${DATE})`)}</caption>
          <thead><tr><th scope="col">${esc(L.destination)}</th><th scope="col">${esc(L.allIn)}</th></tr></thead>
          <tbody>${priced.map(({ destination, q }) => row(destination, q)).join('')}
          </tbody>
        </table>
      </landed-price>
    </article>`;
}

function page(cards, snapshotIds, snapshot) {
  const settings = [['currency', shop.currency], ['ship-from', shop.ship_from], ['incoterm', shop.incoterm], ['snapshot', snapshot?.href]]
    .filter(([, v]) => v).map(([k, v]) => ` data-landed-${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="${esc(shop.lang)}"${settings}>
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
  <h1>${esc(shop.title)}</h1>${shop.texts?.intro ? `
  <p>${esc(shop.texts.intro)}</p>` : ''}
  <landed-country-picker></landed-country-picker>
</header>
<main>
  <section class="grid" aria-label="${esc(shop.texts?.products ?? shop.title)}">${cards.join('')}
  </section>
</main>
<footer>
  <p class="snapshot" data-snapshot="${esc(snapshotIds.join(' '))}">${esc(`${L.snapshot} ${snapshotIds.join(', ')}; ${L.pricedFor} ${DATE}`)}</p>
</footer>
</body>
</html>
`;
}

const snapshot = args.snapshot ? await publishedSnapshot(args.snapshot) : null;
const cards = [];
const snapshotIds = new Set();
for (const product of shop.products) {
  const priced = [];
  for (const destination of shop.destinations) {
    const q = await quote(requestFor(product, destination));
    priced.push({ destination, q });
    snapshotIds.add(q.snapshot_id);
  }
  cards.push(productCard(product, priced));
}

// The widget and the engine, beside the page (the description blob is only needed for search).
const pkgRoot = dirname(createRequire(import.meta.url).resolve('landed/package.json'));
await mkdir(join(OUT, 'landed', 'pkg'), { recursive: true });
await cp(join(pkgRoot, 'widget'), join(OUT, 'landed', 'widget'), { recursive: true });
// The engine, its glue, and the tariff parts the page fetches for the shopper's destination.
const parts = (await readdir(join(pkgRoot, 'pkg'))).filter((f) => PART.test(f));
for (const file of ['landed.js', 'landed_bg.wasm', ...parts]) await cp(join(pkgRoot, 'pkg', file), join(OUT, 'landed', 'pkg', file));
// The code's licences and the data's terms (OGL attribution for the UK data, …) travel with the files.
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE', 'DATA-LICENSES.md']) await cp(join(pkgRoot, file), join(OUT, 'landed', file));
await cp(join(HERE, 'site.css'), join(OUT, 'site.css'));
await writeFile(join(OUT, 'index.html'), page(cards, [...snapshotIds], snapshot));
console.log(`${join(OUT, 'index.html')}: ${shop.products.length} products × ${shop.destinations.length} destinations priced for ${DATE}`
  + ` (snapshot ${[...snapshotIds].join(', ')})`);
