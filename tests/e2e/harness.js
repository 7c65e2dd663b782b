// Shared harness for the browser tests and the browser benchmark: serves www/ on 127.0.0.1 and
// drives Debian's Chromium through playwright-core (no downloaded browser).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const ARTIFACTS = `${ROOT}test-artifacts/`;
const LANDED = process.env.LANDED_BIN || `${ROOT}target/debug/landed`;
/**
 * The data generator, built beside the CLI (`cargo build -p landed -p landed-datagen --bins`, as
 * scripts/test.sh does before this suite): run as a binary, not through `cargo run`, which would
 * wait on the lock of target/ that the fuzz build holds while this suite runs in CI.
 */
export const DATAGEN = process.env.LANDED_DATAGEN_BIN || `${ROOT}target/debug/landed-datagen`;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${url}`);
}

/** Serves a folder on 127.0.0.1 (python3 serves .wasm as application/wasm); returns { base, stop }. */
export async function serve(dir, probe = 'index.html') {
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}/`;
  await waitFor(`${base}${probe}`);
  return { base, stop: () => server.kill() };
}

/** Debian's Chromium through playwright-core. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Starts the static server for www/ and the browser; returns { base, browser, close }. */
export async function start() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(`${ROOT}www`);
  const browser = await launch();
  return {
    base: server.base,
    browser,
    async close() {
      await browser.close();
      server.stop();
    },
  };
}

/** The same request priced by the CLI (`landed quote -`). */
export function cliQuote(request) {
  const out = execFileSync(LANDED, ['quote', '-'], { input: JSON.stringify(request) });
  return JSON.parse(out.toString());
}

/** Collects console errors and page errors. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location()?.url || '')) errors.push(`${m.text()} ${m.location()?.url || ''}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** An amount as the widget shows it in English (`money('49.00', 'USD')` → "$49.00"). */
export const money = (amount, currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
