// End-to-end tests of "a widget that never misleads" (findings of audit-e, 2026-11-26): what the
// demo shop shows when the text is ambiguous, a quote is stale, a tax is left out, or the
// charges are due on delivery.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, cliQuote, watchErrors } from './harness.js';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const money = (amount, currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);

/** Waits until every <landed-price> has a quote for `destination` (and `extra(e)`), then reads them. */
async function cards(page, destination, extra = 'true') {
  await page.waitForFunction(([dest, cond]) => {
    const els = [...document.querySelectorAll('landed-price')];
    // eslint-disable-next-line no-new-func
    const ok = new Function('e', `return ${cond}`);
    return els.length > 0 && els.every((e) => e.quote && e.quote.destination === dest && ok(e));
  }, [destination, extra], { timeout: 20000 });
  return page.evaluate(() => [...document.querySelectorAll('landed-price')].map((e) => {
    const part = (name) => e.shadowRoot.querySelector(`[part=${name}]`)?.textContent ?? null;
    return {
      id: e.id || e.previousElementSibling?.id, request: e.request, quote: e.quote, total: part('total'), note: part('note'),
      split: part('split'), caveat: part('caveat'), reason: part('reason'), live: e.shadowRoot.querySelector('[aria-live]')?.textContent,
      text: e.shadowRoot.textContent,
    };
  }));
}

test('F2: a slower earlier quote never replaces the current one (destination and date)', async () => {
  // Before: pick JP (parts loading slowly) then DE again: every card showed the Japanese quote.
  const page = await env.browser.newPage();
  await page.goto(`${env.base}index.html`);
  await cards(page, 'DE');
  await page.route(/landed-part-/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.waitForSelector('landed-country-picker select option[value=JP]', { state: 'attached' });
  await page.selectOption('landed-country-picker select', 'JP');
  await page.waitForTimeout(100);
  await page.selectOption('landed-country-picker select', 'DE');
  await page.waitForTimeout(3500); // the Japanese parts have arrived by now
  const after = await cards(page, 'DE');
  for (const c of after) {
    assert.equal(c.quote.destination, 'DE', c.id);
    assert.match(c.total, /€/, `${c.id}: ${c.total}`);
  }

  const today = await page.inputValue('#date');
  await page.fill('#date', '2023-03-15');
  await page.dispatchEvent('#date', 'change');
  await page.waitForTimeout(150);
  await page.fill('#date', today);
  await page.dispatchEvent('#date', 'change');
  await page.waitForTimeout(3500);
  const dated = await cards(page, 'DE');
  for (const c of dated) {
    assert.equal(c.quote.as_of, today, `${c.id}: priced for the date in the field`);
    assert.equal(c.quote.totals.landed, cliQuote(c.request).totals.landed, c.id);
  }
  await page.close();
});
