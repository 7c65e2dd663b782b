// End-to-end tests of fix-ff (audit-cc, 2026-11-27, /work/findings/audit-cc.md): the widget and the
// what-if page never show a bound as an exact figure, never leave a card without a price or a word
// when the page's snapshot hangs, never leave another run's figures under an error, and show the
// exchange rate, display currency and range on the cart as the price card does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, watchErrors } from './harness.js';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Runs the what-if page's inclusive pricing with `fields` and returns its answer's text. */
async function reverseAnswer(page, { dest, currency, target }) {
  await page.fill('#rev-dest', dest);
  await page.fill('#rev-currency', currency);
  await page.fill('#rev-target', target);
  await page.evaluate(() => { document.getElementById('rev-result').textContent = ''; });
  await page.click('#run-reverse');
  await page.waitForFunction(() => document.getElementById('rev-result').textContent, null, { timeout: 60000 });
  return page.$eval('#rev-result', (e) => e.textContent);
}

test('CC5: inclusive pricing on an incomplete quote says "at most"/"at least" and why, never "(exact)"', async () => {
  // Before: JP/9000 read "Net 8700 JPY gives an all-in price of ¥9,000 (exact)." though the code
  // 61091000 is not in the JP tariff (no duty priced): the net price is only an upper bound.
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.base}whatif.html`);
  const jp = await reverseAnswer(page, { dest: 'JP', currency: 'JPY', target: '9000' });
  assert.doesNotMatch(jp, /\(exact\)/, jp);
  assert.match(jp, /^Net at most \d+ JPY gives an all-in price of at least ¥9,000 \(not exact: the quote is incomplete/, jp);
  assert.match(jp, /61091000 is not in the JP tariff/, jp);
  const nz = await reverseAnswer(page, { dest: 'NZ', currency: 'NZD', target: '80.00' });
  assert.match(nz, /^Net at most [\d.]+ NZD gives an all-in price of at least NZ\$/, nz);
  // A complete quote keeps its plain answer.
  const ca = await reverseAnswer(page, { dest: 'CA', currency: 'CAD', target: '41.00' });
  assert.match(ca, /^Net [\d.]+ CAD gives an all-in price of CA\$/, ca);
  assert.doesNotMatch(ca, /at most|at least/, ca);
  assert.deepEqual(errors, []);
  await page.close();
});
