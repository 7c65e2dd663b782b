// End-to-end tests of the real widget and pages in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { start, cliQuote, watchErrors, ARTIFACTS, ROOT } from './harness.js';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Waits until every <landed-price> on the page has a quote for `destination`. */
async function pricesFor(page, destination) {
  await page.waitForFunction((dest) => {
    const els = [...document.querySelectorAll('landed-price')];
    return els.length > 0 && els.every((e) => e.quote && e.quote.destination === dest);
  }, destination, { timeout: 15000 });
  return page.evaluate(() => [...document.querySelectorAll('landed-price')].map((e) => ({
    id: e.id || e.previousElementSibling?.id,
    request: e.request,
    quote: e.quote,
    text: e.shadowRoot.querySelector('[part=total]')?.textContent,
    expected: new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: e.quote.currency })
      .format(e.quote.totals.landed),
  })));
}

test('demo shop prices every product exactly as the CLI does', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}index.html`);
  const items = await pricesFor(page, 'DE');
  assert.equal(items.length, 7, 'six products and one data-attribute price');
  for (const item of items) {
    const cli = cliQuote(item.request);
    assert.equal(item.quote.totals.landed, cli.totals.landed, `${item.id}: landed`);
    assert.equal(item.quote.snapshot_id, cli.snapshot_id);
    assert.deepEqual(item.quote.lines[0].levies.map((l) => l.amount), cli.lines[0].levies.map((l) => l.amount), item.id);
    assert.ok(item.text.includes(item.expected), `${item.id}: shows ${item.expected}, got ${item.text}`);
  }
  // The footer names the snapshot's own tariffs (read from the engine, never typed into the page).
  const footer = await page.locator('#tariff-datasets').textContent();
  assert.match(footer, /Revision 10 .*2026-06-08/, footer);
  await page.screenshot({ path: `${ARTIFACTS}demo-de.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a product page loads the pricing module and only the parts its destination needs', async () => {
  // Issue 11, "pay only for what the page prices": no what-if module, no other tariff.
  const page = await env.browser.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
  await page.goto(`${env.base}index.html`);
  const items = await pricesFor(page, 'DE');
  assert.ok(fetched.includes('landed_bg.wasm'), 'the pricing module');
  assert.deepEqual(fetched.filter((f) => f.startsWith('landed_whatif')), [], 'no what-if module');
  // What the engine says the page's quotes need, asked until it names nothing (as
  // prepareRequest does): the EU chapter parts of the products' codes, the correlation, the
  // year of daily ECB rates the display currency reads; not the HS table, not other chapters.
  const glue = await import(`${ROOT}www/pkg/landed.js`);
  glue.initSync({ module: readFileSync(`${ROOT}www/pkg/landed_bg.wasm`) });
  const needed = new Map();
  for (const { request } of items) {
    for (let round = 0; round < 4; round++) {
      const missing = JSON.parse(glue.missingPartsFor(JSON.stringify(request)));
      if (missing.length === 0) break;
      for (const p of missing) {
        needed.set(p.file, p.name);
        glue.attachPart(readFileSync(`${ROOT}www/pkg/${p.file}`));
      }
    }
  }
  const names = [...needed.values()];
  assert.ok(names.includes('hs_correlation.tsv') && names.some((n) => n.startsWith('EU:')), names.join(','));
  assert.ok(!names.some((n) => n.startsWith('HS:')), 'no HS nomenclature for quotes');
  assert.ok(JSON.parse(glue.missingParts('DE')).some((p) => p.name.startsWith('EU:')), 'other EU chapters stay unfetched');
  const parts = [...new Set(fetched.filter((f) => f.startsWith('landed-part-')))].sort();
  assert.deepEqual(parts, [...needed.keys()].sort());
  await page.close();
});

test('changing the destination, date, channel or incoterm re-prices every product', async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}index.html`);
  await pricesFor(page, 'DE');
  await page.waitForSelector('landed-country-picker select option[value=GB]', { state: 'attached' });
  await page.selectOption('landed-country-picker select', 'GB');
  const gb = await pricesFor(page, 'GB');
  for (const item of gb) assert.equal(item.quote.totals.landed, cliQuote(item.request).totals.landed, item.id);

  await page.selectOption('#incoterm', 'DAP');
  await page.waitForFunction(() => [...document.querySelectorAll('landed-price')].every((e) => e.quote?.incoterm === 'DAP'));
  const dap = await pricesFor(page, 'GB');
  const tee = dap.find((i) => i.id === 'p-tee');
  assert.equal(tee.quote.totals.landed, cliQuote(tee.request).totals.landed);

  await page.fill('#date', '2026-07-02');
  await page.dispatchEvent('#date', 'change');
  await page.waitForFunction(() => [...document.querySelectorAll('landed-price')].every((e) => e.quote?.as_of === '2026-07-02'));
  await page.selectOption('#channel', 'post');
  await page.waitForFunction(() => [...document.querySelectorAll('landed-price')].every((e) => e.request?.channel === 'post'));
  const us = await (async () => {
    await page.selectOption('landed-country-picker select', 'US');
    return pricesFor(page, 'US');
  })();
  for (const item of us) assert.equal(item.quote.totals.landed, cliQuote(item.request).totals.landed, item.id);
  await page.screenshot({ path: `${ARTIFACTS}demo-us-dap.png`, fullPage: true });
  await page.close();
});

test('labels follow the language, amounts the locale', async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}index.html`);
  await pricesFor(page, 'DE');
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.querySelector('#p-tee').shadowRoot.querySelector('summary')?.textContent === 'So wird gerechnet');
  const text = await page.evaluate(() => document.querySelector('#p-tee').shadowRoot.querySelector('[part=total]').textContent);
  assert.match(text, /€/);
  assert.match(text, /\d,\d\d/, `German decimal comma in ${text}`);
  await page.close();
});

test('the explanation is keyboard-operable and lists base, rate, amount, formula and source', async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}index.html`);
  await pricesFor(page, 'DE');
  // Tab from the page start until the first widget's summary has focus.
  let focused = false;
  for (let i = 0; i < 30 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id === 'p-tee'
      && document.activeElement.shadowRoot.activeElement?.tagName === 'SUMMARY');
  }
  assert.ok(focused, 'the summary is reachable with Tab');
  await page.keyboard.press('Enter');
  const open = await page.evaluate(() => document.querySelector('#p-tee').shadowRoot.querySelector('details').open);
  assert.ok(open, 'Enter opens the explanation');
  const headers = await page.evaluate(() => [...document.querySelector('#p-tee').shadowRoot.querySelectorAll('[part=levies] thead th')].map((t) => t.textContent));
  assert.deepEqual(headers, ['Charge', 'Amount']);
  const terms = await page.evaluate(() => [...document.querySelector('#p-tee').shadowRoot.querySelectorAll('[part=levy-explain]')]
    .map((row) => [...row.querySelectorAll('dt')].map((t) => t.textContent)));
  assert.ok(terms.length > 0, 'one row per levy');
  for (const t of terms) assert.deepEqual(t, ['Base', 'Rate', 'Formula', 'Source'], 'each levy explains its base, rate, formula and source');
  const live = await page.evaluate(() => document.querySelector('#p-tee').shadowRoot.querySelector('[aria-live]')?.textContent);
  assert.match(live, /All-in price/);
  await page.screenshot({ path: `${ARTIFACTS}demo-details.png`, fullPage: true });
  await page.close();
});

test('works under a strict Content-Security-Policy with no console errors', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}csp.html`);
  await page.waitForFunction(() => document.querySelectorAll('landed-price').length === 2
    && [...document.querySelectorAll('landed-price')].every((e) => e.quote));
  const quotes = await page.evaluate(() => [...document.querySelectorAll('landed-price')].map((e) => ({ request: e.request, quote: e.quote })));
  for (const q of quotes) assert.equal(q.quote.totals.landed, cliQuote(q.request).totals.landed);
  assert.equal(await page.evaluate(() => typeof window.Landed.quote), 'function', 'window.Landed from the script tag');
  await page.screenshot({ path: `${ARTIFACTS}csp.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the JS API returns typed errors and works offline once loaded', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.base}csp.html`);
  await page.waitForFunction(() => window.Landed && window.Landed.quote);
  const err = await page.evaluate(async () => {
    try {
      await window.Landed.quote({ destination: 'GB', date: '2026-03-02', currency: 'GBP',
        lines: [{ id: 'a', code: '61O9', quantity: '1', unit_price: '10' }] });
      return null;
    } catch (e) {
      return { code: e.code, field: e.field, message: e.message, isError: e instanceof Error };
    }
  });
  assert.deepEqual([err.code, err.field, err.isError], ['E_HS_CODE', 'lines[0].code', true]);
  const search = await page.evaluate(() => window.Landed.search('cotton t-shirt', 'GB'));
  assert.equal(search.candidates[0].code, '61091000');
  const rate = await page.evaluate(() => window.Landed.rate('DE', '22042109', '2026-03-01'));
  assert.equal(rate.duty_text, '32.00 EUR / hl');
  assert.ok(rate.description.length > 10, 'descriptions loaded on demand');
  // `rate` fetched only the chapter part of its code; `prepare` fetches every part a destination
  // may need, after which quotes of any code need no network.
  await page.evaluate(() => window.Landed.prepare('FR'));
  await context.setOffline(true);
  const offline = await page.evaluate(() => window.Landed.quote({ destination: 'FR', date: '2026-03-02', currency: 'EUR',
    origin: 'CN', lines: [{ id: 'a', code: '6109100010', quantity: '20', unit_price: '10' }] }));
  assert.equal(offline.totals.duty, '24.00');
  await context.close();
});

test('calculator explains any cart and shows the JSON request and response', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}calculator.html`);
  await page.waitForFunction(() => document.querySelector('#response').value.includes('snapshot_id'));
  const request = JSON.parse(await page.inputValue('#request'));
  const response = JSON.parse(await page.inputValue('#response'));
  assert.deepEqual(response, cliQuote(request));
  await page.fill('#lines tr:first-child input[name=quantity]', '30');
  await page.waitForFunction(() => JSON.parse(document.querySelector('#response').value).lines?.[0]?.goods_value === '375.00');
  const landed = await page.evaluate(() => document.querySelector('#cart').shadowRoot.querySelector('[data-total=landed]').textContent);
  const after = cliQuote(JSON.parse(await page.inputValue('#request')));
  // An incomplete quote (the cart's wine owes an excise our data has no rate for) is a bound.
  const figure = new Intl.NumberFormat('en', { style: 'currency', currency: after.currency }).format(after.totals.landed);
  assert.equal(landed, after.totals.complete ? figure : `at least ${figure}`);
  const cartText = await page.evaluate(() => document.querySelector('#cart').shadowRoot.textContent);
  assert.ok(!/\bnull\b|undefined/.test(cartText), 'no stray null/undefined in the explanation');
  await page.screenshot({ path: `${ARTIFACTS}calculator.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

for (const width of [360, 768, 1280]) {
  test(`the cart's tables and explanations fit the cart at ${width} px`, async () => {
    const page = await env.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${env.base}calculator.html`);
    await page.waitForFunction(() => document.querySelector('#cart').quote);
    const outside = await page.evaluate(() => {
      const cart = document.querySelector('#cart');
      for (const d of cart.shadowRoot.querySelectorAll('details')) d.open = true;
      const box = cart.getBoundingClientRect();
      const out = box.right > document.documentElement.clientWidth + 0.5 ? [`cart ${box.right} > ${document.documentElement.clientWidth}`] : [];
      for (const node of cart.shadowRoot.querySelectorAll('table, tr, th, td, dd, p, li')) {
        const r = node.getBoundingClientRect();
        if (r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) out.push(`${node.tagName} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      return out;
    });
    assert.deepEqual(outside, []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page does not scroll sideways');
    await page.screenshot({ path: `${ARTIFACTS}calculator-${width}.png`, fullPage: true });
    await page.close();
  });
}

test('accessibility: axe-core finds no serious or critical violations', async () => {
  for (const path of ['index.html', 'calculator.html']) {
    const page = await env.browser.newPage();
    await page.goto(`${env.base}${path}`);
    await page.waitForFunction(() => [...document.querySelectorAll('landed-price, landed-cart')].every((e) => e.quote));
    await page.addScriptTag({ path: `${ROOT}tests/e2e/node_modules/axe-core/axe.min.js` });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], path);
    await page.close();
  }
});

test('what-if page: sweep in a worker, charts with tables, reverse pricing, time travel, invoice', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}whatif.html`);
  await page.click('#run-sweep');
  await page.waitForFunction(() => document.querySelector('#sweep-summary').textContent.startsWith('Cheapest'), null, { timeout: 20000 });
  const rows = await page.$$eval('#dest-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.length >= 50, `${rows.length} destinations`);
  assert.equal(await page.$$eval('#dest-chart svg rect', (r) => r.length), rows.length, 'one bar per table row');
  // Same ranking as the engine's sweep through the CLI for the cheapest destination.
  const date = await page.inputValue('#sweep-date');
  assert.equal(date, await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }), 'the sweep defaults to today');
  const cli = JSON.parse(execFileSync(`${ROOT}target/debug/landed`, ['quote', '-'], {
    input: JSON.stringify({ destination: rows[0][0], date, currency: 'USD', origin: 'CN', ship_from: 'CN', channel: 'courier',
      lines: [{ id: 'item', code: '61091000', quantity: '1', unit_price: '40.00', weight_kg: '0.3' }] }),
  }).toString());
  assert.equal(rows[0][2], new Intl.NumberFormat('en', { style: 'currency', currency: cli.currency }).format(cli.totals.landed));

  await page.click('#run-dates');
  await page.waitForFunction(() => document.querySelectorAll('#dates-table tbody tr').length === 24);
  assert.equal(await page.$$eval('#dates-chart svg circle', (c) => c.length), 24);

  await page.click('#run-reverse');
  await page.waitForFunction(() => document.querySelector('#rev-result').textContent.includes('Grey zone'));
  assert.match(await page.textContent('#rev-result'), /between 40\.00 and 42\.01 CAD/);

  await page.click('#run-travel');
  await page.waitForFunction(() => document.querySelectorAll('#tt-result tbody tr').length > 0);
  assert.match(await page.textContent('#tt-result'), /IEEPA/);
  assert.match(await page.textContent('#tt-result'), /Section 122/);

  await page.click('#run-invoice');
  await page.waitForFunction(() => document.querySelectorAll('#inv-result tbody tr').length > 0);
  assert.match(await page.textContent('#inv-result'), /carrier/);

  await page.addScriptTag({ path: `${ROOT}tests/e2e/node_modules/axe-core/axe.min.js` });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help}`), []);
  await page.screenshot({ path: `${ARTIFACTS}whatif.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('what-if panel: the cheapest compliant way names origin, ship-from, channel and claim', async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}whatif.html`);
  // A US$40 T-shirt to the US on 2025-09-01 (formal entry not needed: informal below US$2,500).
  await page.fill('#sweep-date', '2025-09-01');
  await page.fill('#best-origins', 'CN,MX,BR');
  await page.fill('#best-from', 'MX');
  await page.fill('#best-channels', 'courier');
  await page.fill('#best-incoterms', 'DDP,DAP');
  await page.fill('#best-claims', 'auto');
  await page.click('#run-best');
  await page.waitForFunction(() => document.querySelectorAll('#best-table tbody tr').length > 0, null, { timeout: 20000 });
  const answer = await page.textContent('#best-answer');
  assert.match(answer, /origin MX, ship from MX, courier, (DDP|DAP), claim S/);
  assert.match(answer, /claim S instead of none saves/);
  assert.match(answer, /rules of origin/);
  const rows = await page.$$eval('#best-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  // Same figures as the engine's sweep through the CLI.
  const cli = JSON.parse(execFileSync(`${ROOT}target/debug/landed`, ['sweep', '-', '--origin', 'CN,MX,BR', '--ship-from', 'MX',
    '--channel', 'courier', '--incoterm', 'DDP,DAP', '--claim', 'auto', '--json'], {
    input: JSON.stringify({ destination: 'US', date: '2025-09-01', currency: 'USD', origin: 'CN', ship_from: 'CN', channel: 'courier',
      lines: [{ id: 'item', code: '61091000', quantity: '1', unit_price: '40.00', weight_kg: '0.3' }] }),
  }).toString());
  assert.equal(rows.length, cli.rows.length);
  assert.deepEqual(rows.map((r) => [r[0], r[4], r[5]]),
    cli.rows.map((r) => [r.origin, r.claim ?? 'none',
      r.at_least ? `≥ ${r.buyer_total_in_request_currency}` : `${r.buyer_total_in_request_currency}${r.complete ? '' : '?'}`]));
  // Complete quotes first; the incomplete Brazilian quotes are marked as lower bounds, last.
  assert.equal(rows.at(-1)[7], 'no (at least)');
  assert.equal(rows[0][7], 'yes');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a large sweep can be cancelled', async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}whatif.html`);
  // Start and cancel in the same task, before the sweep can finish.
  await page.evaluate(() => {
    document.querySelector('#run-sweep').click();
    document.querySelector('#cancel-sweep').click();
  });
  await page.waitForTimeout(500);
  assert.equal(await page.textContent('#sweep-summary'), 'Cancelled.');
  assert.equal(await page.$$eval('#dest-table tbody tr', (r) => r.length), 0, 'no results from the cancelled sweep');
  // A new sweep after cancelling still works (a fresh worker).
  await page.click('#run-sweep');
  await page.waitForFunction(() => document.querySelector('#sweep-summary').textContent.startsWith('Cheapest'), null, { timeout: 20000 });
  await page.close();
});
