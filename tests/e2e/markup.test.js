// End-to-end tests of the plain price markup (`data-landed-*`, README "In the browser"): every
// `data-landed-NAME` is read as the `<landed-price>` attribute NAME, a name the widget does not
// have is an error naming it (audit-p, left in session 16: `data-landed-ship-from`,
// `-subdivision`, `-display-currency`, `-code-us`, `-shipping`, … were ignored in silence), and
// prices without a currency are an error, never priced as US dollars.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, cliQuote } from './harness.js';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// Canada without a province prices the GST alone (the provincial part is left out and said);
// with `subdivision` ON the 13 % HST: the setting changes the figure, so a markup that dropped it
// would show another total than the element.
const PAGE = `<!doctype html><html lang="en" data-landed-destination="CA" data-landed-date="2026-11-20">
<head><meta charset="utf-8"><title>markup</title><script type="module" src="widget/define.js"></script></head>
<body>
<p id="m-on" data-landed-code="6109100010" data-landed-origin="CN" data-landed-currency="CAD" data-landed-subdivision="ON">CA$40.00</p>
<landed-price id="e-on" code="6109100010" origin="CN" currency="CAD" subdivision="ON" price="40.00">CA$40.00</landed-price>
<p id="m-typo" data-landed-code="6109100010" data-landed-origin="CN" data-landed-currency="CAD" data-landed-province="ON">CA$40.00</p>
<p id="m-nocur" data-landed-code="6109100010" data-landed-origin="CN">CA$40.00</p>
<p id="m-code-ca" data-landed-code="610910" data-landed-code-ca="6109100010" data-landed-origin="CN" data-landed-currency="CAD">CA$40.00</p>
<landed-price id="e-nocur" code="6109100010" origin="CN" price="40.00">CA$40.00</landed-price>
</body></html>`;

async function open() {
  const page = await env.browser.newPage();
  await page.route('**/markup-test.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.goto(`${env.base}markup-test.html`);
  return page;
}

/** The card's state: its request and quote, or the error it shows. */
function read(page, selector) {
  return page.waitForFunction((sel) => {
    const e = document.querySelector(sel);
    if (!e || e.updating) return null;
    const error = e.shadowRoot?.querySelector('[part=error]')?.textContent;
    if (error) return { error };
    return e.quote ? { request: e.request, total: e.quote.totals } : null;
  }, selector, { timeout: 30000 }).then((h) => h.jsonValue());
}

test('every data-landed-NAME reaches the widget as NAME: the markup prices as the element does', async () => {
  const page = await open();
  const markup = await read(page, '#m-on + landed-price');
  const element = await read(page, '#e-on');
  assert.equal(markup.request.subdivision, 'ON');
  assert.deepEqual(markup.total, element.total);
  const cli = cliQuote(markup.request);
  assert.equal(markup.total.buyer_total, cli.totals.buyer_total);
  const withoutProvince = cliQuote({ ...markup.request, subdivision: undefined });
  assert.notEqual(cli.totals.tax, withoutProvince.totals.tax, 'the province changes the tax: the setting mattered');
  await page.close();
});

test('a data-landed-* name the widget does not have is an error naming it, never ignored', async () => {
  const page = await open();
  const card = await read(page, '#m-typo + landed-price');
  assert.match(card.error, /data-landed-province is not a setting of the price markup/);
  assert.match(card.error, /subdivision/, 'the message lists the names the markup reads');
  await page.close();
});

test('prices with no currency anywhere are an error naming the field, never priced as US dollars', async () => {
  const page = await open();
  for (const selector of ['#m-nocur + landed-price', '#e-nocur']) {
    const card = await read(page, selector);
    assert.match(card.error, /the prices have no currency/, selector);
    assert.match(card.error, /\(currency\)/, selector);
  }
  await page.close();
});

test('data-landed-code-XX is the code for any destination XX, as documented (audit-tt TT5)', async () => {
  const page = await open();
  const card = await read(page, '#m-code-ca + landed-price');
  assert.equal(card.error, undefined, card.error);
  assert.equal(card.request.lines[0].code, '6109100010', 'the Canadian code, not the general one');
  assert.equal(card.total.landed, cliQuote(card.request).totals.landed);
  await page.close();
});
