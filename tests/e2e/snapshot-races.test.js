// End-to-end tests of audit-oo (2026-11-27, /work/findings/audit-oo.md): engine.js under
// interleavings a real page produces. The engine has several instances over a page's life (the
// pricing module, the what-if module, a fresh one after a trap) and one snapshot in service;
// work started under an earlier snapshot or instance must never reach the current one, and the
// call made last wins. Slow downloads are reproduced by holding requests with `page.route`
// (no timers: a held request waits for the test to release it).
//
// Snapshot B is the repository's tables with one change, GB 61091000 (cotton T-shirts) at 99.0 %
// instead of 12.0 %, published as a merchant would (`landed-datagen snapshot --parts`): a GB quote
// of £1,000 from CN on 2026-03-02 has duty 120.00 under the built-in snapshot, 990.00 under B.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATAGEN, ROOT, start, watchErrors } from './harness.js';

let env;
let dir; // snapshot B: snapshot.bin and its parts
const B = /\/snapB\/([^/?]+)$/;

before(async () => {
  env = await start();
  dir = mkdtempSync(join(tmpdir(), 'landed-snapB-'));
  const root = join(dir, 'root');
  mkdirSync(root);
  cpSync(`${ROOT}tariffs`, join(root, 'tariffs'), { recursive: true });
  const gb = join(root, 'tariffs', 'gb.tsv');
  const rows = readFileSync(gb, 'utf8');
  const changed = rows.replace(/^(61091000\t2021-01-01\t\t[^\t]*\t[^\t]*\t)12\.0%/m, '$199.0%');
  assert.notEqual(changed, rows, 'the GB T-shirt row to change');
  writeFileSync(gb, changed);
  const out = join(dir, 'snapB');
  mkdirSync(out);
  execFileSync(DATAGEN, ['snapshot', '--root', root, '--out', join(out, 'snapshot.bin'), '--parts', out], { stdio: ['ignore', 'ignore', 'inherit'] });
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PAGE = `<!doctype html><html lang="en" data-landed-destination="GB" data-landed-currency="GBP"><head><meta charset="utf-8">
<title>Landed: snapshot races</title><script type="module">import * as L from './widget/landed.js'; import './widget/define.js';
window.L = L; window.ready = true;</script></head><body><main><h1>Races</h1></main></body></html>`;

const TEE = { destination: 'GB', date: '2026-03-02', currency: 'GBP', origin: 'CN',
  lines: [{ id: 'tee', code: '61091000', quantity: '1', unit_price: '1000' }] };

/**
 * A page with the engine API as `window.L` (and `window.settled(promise)`: `{ ok }` or
 * `{ code, message, superseded }`), serving snapshot B from the temporary folder. With
 * `hold: 'snapshot'` B's core, with `hold: 'parts'` the built-in snapshot's parts, with
 * `hold: 'engine'` the pricing module wait until the test calls `release()`; `waiting` lists
 * the held downloads.
 */
async function open({ hold } = {}) {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  const waiting = [];
  const wait = () => new Promise((resolve) => waiting.push(resolve));
  await page.route(`${env.base}races.html`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.route(B, async (route) => {
    const file = route.request().url().match(B)[1];
    if (hold === 'snapshot' && file === 'snapshot.bin') await wait();
    await route.fulfill({ contentType: 'application/octet-stream', body: readFileSync(join(dir, 'snapB', file)) }).catch(() => {});
  });
  if (hold === 'parts' || hold === 'engine') {
    await page.route(hold === 'parts' ? /\/pkg\/landed-part-/ : /\/pkg\/landed_bg\.wasm$/, async (route) => {
      await wait();
      await route.continue().catch(() => {}); // the page may be gone
    });
  }
  await page.addInitScript(() => {
    window.settled = (p) => p.then((ok) => ({ ok }), (e) => ({ code: e.code, message: e.message, superseded: e.superseded }));
  });
  await page.goto(`${env.base}races.html`);
  await page.waitForFunction(() => window.ready);
  const release = () => waiting.splice(0).forEach((resolve) => resolve());
  return { page, errors, waiting, release };
}

/** Polls `ok()` in the test until it holds, failing after 20 s with `what`. */
async function until(ok, what) {
  for (const deadline = Date.now() + 20000; !ok();) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The T-shirt's duty and the snapshot that priced it. */
async function teeDuty(page) {
  const q = await page.evaluate((r) => window.L.quote(r), TEE);
  return [q.snapshot_id, q.totals.duty];
}

test('OO16: a quote and countries() on a cold page both answer (the pricing module never gets the what-if glue)', async () => {
  // The pricing module compiles while countries() switches to the what-if module.
  const { page, errors, waiting, release } = await open({ hold: 'engine' });
  await page.evaluate((r) => { window.quoted = window.settled(window.L.quote(r)); }, TEE);
  await until(() => waiting.length > 0, 'the pricing module is asked for');
  await page.evaluate(() => { window.listed = window.settled(window.L.countries()); });
  release();
  const [quoted, listed] = await page.evaluate(() => Promise.all([window.quoted, window.listed]));
  assert.equal(quoted.ok?.totals.duty, '120.00', JSON.stringify(quoted).slice(0, 300));
  assert.ok(listed.ok, JSON.stringify(listed).slice(0, 300));
  assert.deepEqual(errors, []);
  await page.close();
});

test('OO1: a snapshot downloaded while search() switches to the what-if module is the one in service', async () => {
  const { page, errors, waiting, release } = await open({ hold: 'snapshot' });
  const [embedded] = await teeDuty(page);
  await page.evaluate(() => { window.loading = window.L.loadSnapshot('snapB/snapshot.bin'); });
  await until(() => waiting.length > 0, 'the snapshot download starts');
  const found = await page.evaluate(() => window.L.search('cotton t-shirt', 'GB'));
  assert.ok(found.candidates.length > 0);
  release();
  const info = await page.evaluate(() => window.loading);
  assert.notEqual(info.snapshot_id, embedded);
  assert.equal((await page.evaluate(() => window.L.snapshotInfo())).snapshot_id, info.snapshot_id);
  assert.deepEqual(await teeDuty(page), [info.snapshot_id, '990.00']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('OO19/OO6: of two snapshot calls the one made last wins; the earlier rejects as superseded and changes nothing', async () => {
  const { page, errors, waiting, release } = await open({ hold: 'snapshot' });
  const [embedded] = await teeDuty(page);
  await page.evaluate(() => { window.first = window.settled(window.L.loadSnapshot('snapB/snapshot.bin')); });
  await until(() => waiting.length > 0, 'the snapshot download starts');
  const back = await page.evaluate(() => window.L.useEmbeddedSnapshot());
  assert.equal(back.snapshot_id, embedded);
  release();
  const first = await page.evaluate(() => window.first);
  assert.equal(first.code, 'E_STATE', JSON.stringify(first));
  assert.equal(first.superseded, true);
  assert.deepEqual(await teeDuty(page), [embedded, '120.00']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('OO2: a quote whose parts were downloading when the snapshot changed is priced under the new one, not refused as corrupt', async () => {
  const { page, errors, waiting, release } = await open({ hold: 'parts' });
  await page.evaluate((r) => { window.pending = window.L.quote(r).then((q) => [q.snapshot_id, q.totals.duty], (e) => `${e.code}: ${e.message}`); }, TEE);
  await until(() => waiting.length > 0, 'the quote asks for its parts');
  const info = await page.evaluate(() => window.L.loadSnapshot('snapB/snapshot.bin'));
  release();
  assert.deepEqual(await page.evaluate(() => window.pending), [info.snapshot_id, '990.00']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('OO7: a card priced before loadSnapshot() re-prices under the new snapshot', async () => {
  const { page, errors } = await open();
  await page.evaluate(() => {
    const card = Object.assign(document.createElement('landed-price'), { id: 'tee' });
    for (const [k, v] of Object.entries({ price: '1000', code: '61091000', origin: 'CN', date: '2026-03-02' })) card.setAttribute(k, v);
    document.querySelector('main').append(card);
  });
  const priced = (snapshot) => page.waitForFunction((id) => document.getElementById('tee').quote?.snapshot_id === id
    || (id === null && document.getElementById('tee').quote), snapshot, { timeout: 20000 });
  await priced(null);
  assert.equal(await page.evaluate(() => document.getElementById('tee').quote.totals.duty), '120.00');
  const info = await page.evaluate(() => window.L.loadSnapshot('snapB/snapshot.bin'));
  await priced(info.snapshot_id);
  assert.equal(await page.evaluate(() => document.getElementById('tee').quote.totals.duty), '990.00');
  assert.deepEqual(errors, []);
  await page.close();
});

test('OO12: damaged parts are all named and all fetched again on the next try', async () => {
  const { page, errors } = await open();
  const damaged = new Set();
  await page.route(/\/pkg\/landed-part-/, async (route) => {
    const url = route.request().url();
    if (damaged.has(url)) return route.continue();
    damaged.add(url);
    return route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from('not a part') });
  });
  const us = { ...TEE, destination: 'US', currency: 'USD', lines: [{ id: 'tee', code: '6109100012', quantity: '1', unit_price: '1000' }] };
  const first = await page.evaluate((r) => window.settled(window.L.quote(r)), us);
  assert.equal(first.code, 'E_SNAPSHOT', JSON.stringify(first));
  assert.match(first.message, /^the snapshot part landed-part-[0-9a-f]+\.bin is damaged: /);
  if (damaged.size > 1) assert.match(first.message, new RegExp(`\\(and ${damaged.size - 1} more damaged parts?: landed-part-`));
  const second = await page.evaluate((r) => window.L.quote(r).then((q) => q.totals.landed), us);
  assert.ok(Number(second) > 1000, second);
  assert.ok(errors.every((e) => /Failed to load resource/.test(e)), errors.join('\n'));
  await page.close();
});

test('OO15: a part of the page\'s snapshot that cannot be loaded: the page prices with the built-in snapshot and says so', async () => {
  const { page, errors } = await open();
  // Snapshot B's core loads; its parts are missing (a merchant published snapshot.bin alone).
  await page.route(/\/snapB\/landed-part-/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  const embedded = await page.evaluate(() => window.L.snapshotInfo().then((i) => i.snapshot_id));
  await page.evaluate(() => {
    window.failures = [];
    document.addEventListener('landed:error', (e) => window.failures.push(e.detail.error));
    document.documentElement.dataset.landedSnapshot = 'snapB/snapshot.bin';
    const card = Object.assign(document.createElement('landed-price'), { id: 'tee' });
    for (const [k, v] of Object.entries({ price: '1000', code: '61091000', origin: 'CN', date: '2026-03-02' })) card.setAttribute(k, v);
    document.querySelector('main').append(card);
  });
  await page.waitForFunction(() => document.getElementById('tee').quote, null, { timeout: 20000 });
  const shown = await page.evaluate(() => {
    const card = document.getElementById('tee');
    return { snapshot: card.quote.snapshot_id, duty: card.quote.totals.duty, text: card.shadowRoot.textContent, failures: window.failures };
  });
  assert.equal(shown.snapshot, embedded, 'priced with the built-in snapshot');
  assert.equal(shown.duty, '120.00');
  assert.match(shown.text, /the rates at snapB\/snapshot\.bin could not be loaded \(.*HTTP 404.*\); these prices use the rates built into the widget/);
  assert.equal(shown.failures.length, 1, JSON.stringify(shown.failures));
  assert.equal(shown.failures[0].code, 'E_IO');
  assert.ok(errors.every((e) => /Failed to load resource/.test(e)), errors.join('\n'));
  await page.close();
});

// The temporary snapshot folder is listed so a failure names what was published.
test('snapshot B was published with its parts', () => {
  assert.ok(readdirSync(join(dir, 'snapB')).some((f) => f.startsWith('landed-part-')));
});
