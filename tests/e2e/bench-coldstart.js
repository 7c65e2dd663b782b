// Where a cold start's time goes (figures for BENCHMARKS.md; no assertions).
//
//   node tests/e2e/bench-coldstart.js [--server=python|node] [--runs=9]
//
// Two measurements, each in a fresh browser context (empty HTTP cache, no compiled-code cache):
// 1. bench.html as a shop would load it (the widget's module graph, the engine, the 1-line DE
//    cart's parts, the first quote): every request's start and end from Resource Timing, and
//    when WebAssembly was compiled and instantiated (the WebAssembly API wrapped by an init script).
// 2. The same work step by step, straight on the wasm-bindgen glue, so each step is timed alone:
//    fetch of the module, compile, instantiate, the engine's set-up (the embedded snapshot core
//    decoded and its rules read, on the first call), the parts fetched and attached (their hashes
//    checked), the first quote, a second quote.
// `--server=python` (default) is the e2e harness's `python3 -m http.server` (HTTP/1.0: a new
// connection per file); `--server=node` serves www/ with node's http module (keep-alive, files
// read in parallel), as a static host would.
import { chromium } from 'playwright-core';
import { ROOT, launch } from './harness.js';
import { serverFromArgs } from './bench-server.js';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
// Another build of www/ to serve (e.g. one whose module keeps its function names, for --profile).
const WWW = arg('www', `${ROOT}www`);
// --profile: a CPU profile (CDP Profiler) of the engine's set-up and first quote, self time by function.
const PROFILE = process.argv.includes('--profile');
// --steps: only the step-by-step measurement.
const STEPS_ONLY = process.argv.includes('--steps');
// --trace: Chromium's trace of each cold start of bench.html: what V8 compiled lazily (on first
// call, on the page's thread) before the engine was ready and during the first quote.
const TRACE = process.argv.includes('--trace');
const RUNS = Number(arg('runs', 9));
// Another page of www/ that runs bench.js (e.g. one without the preload hints, for a comparison).
const PAGE = arg('page', 'bench.html');
// V8 flags for experiments, e.g. --js-flags=--no-wasm-lazy-compilation (not used for the recorded figures).
const JS_FLAGS = process.argv.find((a) => a.startsWith('--js-flags='))?.slice('--js-flags='.length);

const { kind: SERVER, server: serving } = serverFromArgs(WWW);
const server = await serving;
const browser = JS_FLAGS
  ? await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--js-flags=${JS_FLAGS}`] })
  : await launch();

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x) => Math.round(x * 10) / 10;

/** Wraps the WebAssembly API to log when each call starts and settles (page clock). */
function hookWasm() {
  const log = (window.__wasmLog = []);
  for (const name of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
    const f = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      const start = performance.now();
      const p = f.apply(this, args);
      p.then(() => log.push({ name, start, end: performance.now() }), () => {});
      return p;
    };
  }
}


if (PROFILE) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.route(`${server.base}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await p.goto(`${server.base}blank.html`);
  const cdp = await context.newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await p.evaluate(async () => {
    window.glue = await import('/pkg/landed.js');
    await window.glue.default({ module_or_path: '/pkg/landed_bg.wasm' });
    window.request = JSON.stringify({
      destination: 'DE', date: '2026-03-02', currency: 'USD', origin: 'CN', shipping: '25.00',
      lines: [{ id: 'l0', code: '6109100010', quantity: '2', unit_price: '19.90', weight_kg: '0.5', volume_l: '0.75', alcohol_pct: '12' }],
    });
  });
  const phases = {
    engine_setup_and_missing_parts: async () => {
      window.missing = JSON.parse(window.glue.missingPartsFor(window.request));
      window.partBytes = await Promise.all(window.missing.map(({ file }) => fetch(`/pkg/${file}`).then((r) => r.arrayBuffer())));
    },
    parts_attach: () => { for (const b of window.partBytes) window.glue.attachPart(new Uint8Array(b)); },
    missing_parts_again: () => window.glue.missingPartsFor(window.request),
    first_quote: () => { window.glue.quote(window.request); },
  };
  for (const [name, fn] of Object.entries(phases)) {
    await cdp.send('Profiler.start');
    const ms = await p.evaluate(async (src) => {
      const s = performance.now();
      await (0, eval)(`(${src})`)();
      return performance.now() - s;
    }, fn.toString());
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const key = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(`\n${name}: ${r1(ms)} ms; self time by function (ms):`);
    for (const [k, v] of top) console.log(`  ${r1(v)}\t${k.slice(0, 140)}`);
  }
  await browser.close();
  server.stop();
  process.exit(0);
}

if (TRACE) {
  const rows = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await browser.startTracing(p, { categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing'] });
    await p.goto(`${server.base}${PAGE}`);
    await p.waitForFunction(() => window.benchResults, null, { timeout: 60000 });
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    const cold = (await p.evaluate(() => window.benchResults)).cold_start_ms;
    await context.close();
    const marks = Object.fromEntries(traceEvents.filter((e) => e.name.startsWith('bench:')).map((e) => [e.name, e.ts]));
    const phase = (ts) => (ts < marks['bench:start'] ? null : ts < marks['bench:imported'] ? 'import' : ts < marks['bench:ready'] ? 'ready' : ts < marks['bench:first-quote'] ? 'first_quote' : null);
    const row = { cold };
    for (const e of traceEvents) {
      const ph = phase(e.ts);
      if (!ph) continue;
      const add = (k, v) => { row[`${ph}_${k}`] = (row[`${ph}_${k}`] ?? 0) + v; };
      if (e.name === 'wasm.CompileLazy') { add('lazy_functions', 1); add('lazy_ms', (e.dur ?? 0) / 1000); add('lazy_cpu_ms', (e.tdur ?? 0) / 1000); }
      if (e.name === 'wasm.CompileBaseline' && e.args?.bodySize) add('liftoff_bytes', e.args.bodySize);
      if (e.name === 'wasm.TopTierCompilation') add('turbofan_cpu_ms', (e.tdur ?? 0) / 1000);
    }
    rows.push(row);
  }
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  console.log(`trace of bench.html, ${RUNS} cold starts, medians (lazy: compiled on first call, on the page's thread; liftoff_bytes: function bodies compiled by the baseline compiler; turbofan: tier-up on background threads):`);
  for (const k of keys) console.log(`  ${k}: ${r1(med(rows.map((r) => r[k] ?? 0)))} (min ${r1(Math.min(...rows.map((r) => r[k] ?? 0)))})`);
  await browser.close();
  server.stop();
  process.exit(0);
}

// 1. bench.html as loaded by a page.
const pageRuns = [];
for (let i = 0; i < (STEPS_ONLY ? 0 : RUNS); i++) {
  const context = await browser.newContext();
  await context.addInitScript(hookWasm);
  const page = await context.newPage();
  await page.goto(`${server.base}${PAGE}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 60000 });
  pageRuns.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => ({
      file: e.name.replace(location.origin, ''), start: e.startTime, requestStart: e.requestStart, responseStart: e.responseStart, end: e.responseEnd,
    }));
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    return { nav: { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive }, res, marks, wasm: window.__wasmLog, results: window.benchResults };
  }));
  await context.close();
}

if (!STEPS_ONLY) {
// The run with the median cold start, as a waterfall.
const byCold = [...pageRuns].sort((a, b) => a.results.cold_start_ms - b.results.cold_start_ms);
const mid = byCold[Math.floor(byCold.length / 2)];
const jsFiles = mid.res.filter((r) => r.file.endsWith('.js'));
const parts = mid.res.filter((r) => r.file.includes('landed-part-'));
console.log(`server: ${SERVER}; runs: ${RUNS}; median cold start ${mid.results.cold_start_ms} ms`);
console.log('waterfall of the median run (ms from navigation start):');
console.log(`  html response end ${r1(mid.nav.responseEnd)}, dom interactive ${r1(mid.nav.domInteractive)}`);
for (const [k, v] of Object.entries(mid.marks)) console.log(`  mark ${k} ${r1(v)}`);
for (const r of mid.res.filter((x) => x.start < (mid.marks['bench:first-quote'] ?? Infinity))) console.log(`  ${r1(r.start)}\t→ ${r1(r.end)}\t(${r1(r.end - r.start)})\t${r.file}`);
for (const w of mid.wasm) console.log(`  WebAssembly.${w.name} ${r1(w.start)} → ${r1(w.end)} (${r1(w.end - w.start)})`);
console.log(`  ${jsFiles.length} JS files, ${parts.length} parts`);

// Median, and the minimum (the least disturbed run when other work shares the cores).
const summary = (k) => `${r1(med(pageRuns.map((r) => r.results[k])))} (min ${r1(Math.min(...pageRuns.map((r) => r.results[k])))})`;
const page = {
  cold_start_ms: summary('cold_start_ms'),
  widget_import_ms: summary('widget_import_ms'),
  engine_ready_ms: summary('engine_ready_ms'),
  first_quote_ms: summary('first_quote_ms'),
  since_navigation_start_ms: summary('since_navigation_start_ms'),
  bench_script_start_ms: r1(med(pageRuns.map((r) => r.marks['bench:start'] ?? NaN))),
  wasm_compile_ms: r1(med(pageRuns.map((r) => r.wasm.filter((w) => w.name.startsWith('compile')).reduce((s, w) => s + w.end - w.start, 0)))),
  last_js_file_end_ms: r1(med(pageRuns.map((r) => Math.max(...r.res.filter((x) => x.file.endsWith('.js')).map((x) => x.end))))),
};
console.log('bench.html, medians:', JSON.stringify(page, null, 2));
}

// 2. Step by step on the glue, from an empty page of the same origin.
const steps = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.route(`${server.base}blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await p.goto(`${server.base}blank.html`);
  steps.push(await p.evaluate(async () => {
    const t = {};
    let s = performance.now();
    const lap = (name) => {
      const now = performance.now();
      t[name] = now - s;
      s = now;
    };
    const glue = await import('/pkg/landed.js');
    lap('glue_import');
    const response = await fetch('/pkg/landed_bg.wasm');
    const bytes = await response.arrayBuffer();
    lap('wasm_fetch');
    const module = await WebAssembly.compile(bytes);
    lap('wasm_compile');
    await glue.default({ module_or_path: module });
    lap('instantiate_and_start');
    const request = JSON.stringify({
      destination: 'DE', date: '2026-03-02', currency: 'USD', origin: 'CN', shipping: '25.00',
      lines: [{ id: 'l0', code: '6109100010', quantity: '2', unit_price: '19.90', weight_kg: '0.5', volume_l: '0.75', alcohol_pct: '12' }],
    });
    const missing = JSON.parse(glue.missingPartsFor(request));
    lap('engine_setup_and_missing_parts'); // the first call makes the engine (decode the core, read the rules)
    const partBytes = await Promise.all(missing.map(({ file }) => fetch(`/pkg/${file}`).then((r) => r.arrayBuffer())));
    lap('parts_fetch');
    for (const b of partBytes) glue.attachPart(new Uint8Array(b));
    lap('parts_attach');
    const more = JSON.parse(glue.missingPartsFor(request));
    lap('missing_parts_again');
    glue.quote(request);
    lap('first_quote');
    glue.quote(request);
    lap('second_quote');
    // The same module compiled from a streamed response (how engine.js compiles it).
    const s2 = performance.now();
    await WebAssembly.compileStreaming(fetch('/pkg/landed_bg.wasm?again'));
    t.fetch_and_compile_streaming = performance.now() - s2;
    t.parts = missing.map((m) => `${m.name} ${m.bytes} B`).join(', ');
    t.parts_second_round = more.length;
    return t;
  }));
  await context.close();
}
const keys = Object.keys(steps[0]).filter((k) => typeof steps[0][k] === 'number' && k !== 'parts_second_round');
console.log('step by step, medians and minimums (ms):');
for (const k of keys) console.log(`  ${k}: ${r1(med(steps.map((s) => s[k])))} (min ${r1(Math.min(...steps.map((s) => s[k])))})`);
console.log(`  parts of the 1-line DE cart: ${steps[0].parts}; a second round names ${steps[0].parts_second_round}`);

await browser.close();
server.stop();
