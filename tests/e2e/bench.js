// Browser benchmark: `node tests/e2e/bench.js` prints figures for BENCHMARKS.md (no assertions).
// Cold start is measured in a fresh browser context (empty HTTP cache) each run; the re-pricing
// figure is the time from a destination change on the demo shop to every product re-rendered.
// `--server=node` serves www/ as a static host would (keep-alive; see bench-server.js) instead of
// the e2e harness's `python3 -m http.server`. Where a cold start's time goes: bench-coldstart.js.
import { ROOT, launch } from './harness.js';
import { serverFromArgs } from './bench-server.js';

const { kind: serverKind, server: serving } = serverFromArgs(`${ROOT}www`);
const server = await serving;
const env = { base: server.base, browser: await launch(), async close() { await this.browser.close(); server.stop(); } };
const runs = [];
for (let i = 0; i < 9; i++) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.base}bench.html`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 30000 });
  runs.push(await page.evaluate(() => window.benchResults));
  await context.close();
}
const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];

const page = await env.browser.newPage();
await page.goto(`${env.base}index.html`);
await page.waitForFunction(() => [...document.querySelectorAll('landed-price')].every((e) => e.quote));
const reprice = [];
for (const dest of ['GB', 'FR', 'US', 'CA', 'AU', 'JP', 'DE', 'GB', 'IT', 'US']) {
  reprice.push(await page.evaluate(async (d) => {
    const { setDefaults } = await import('./widget/landed.js');
    const els = [...document.querySelectorAll('landed-price')];
    const t = performance.now();
    setDefaults({ destination: d });
    await new Promise((resolve) => {
      const check = () => (els.every((e) => e.quote?.destination === d) ? resolve() : requestAnimationFrame(check));
      queueMicrotask(check);
    });
    // Time to all quotes computed and rendered (microtasks), excluding the frame wait.
    return Math.max(...els.map((e) => e._renderedAt ?? performance.now())) - t;
  }, dest));
}
reprice.sort((a, b) => a - b);
console.log(JSON.stringify({
  cold_start_ms_median_of_9: med('cold_start_ms'),
  first_quote_since_navigation_start_ms: med('since_navigation_start_ms'),
  of_which_widget_import_ms: med('widget_import_ms'),
  of_which_engine_ready_ms: med('engine_ready_ms'),
  of_which_first_quote_ms: med('first_quote_ms'),
  quote_1_line_median_ms: med('quote_1_line_median_ms'),
  quote_10_lines_median_ms: med('quote_10_lines_median_ms'),
  sweep_1_item_60_destinations_12_dates_ms: med('sweep_60x12_median_ms'),
  reprice_demo_page_ms_median: +reprice[Math.floor(reprice.length / 2)].toFixed(2),
  products: await page.evaluate(() => document.querySelectorAll('landed-price').length),
  server: serverKind,
  user_agent: runs[0].user_agent,
}, null, 2));
await env.close();
