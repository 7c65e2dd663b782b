// Times the engine in this browser; tests/e2e/bench.js reads the result. No assertions here:
// figures go to BENCHMARKS.md.
performance.mark('bench:start');
const t0 = performance.now();
const { prepareRequest, prepareWhatif, quoteNow } = await import('./widget/landed.js');

const codes = ['6109100010', '6404110000', '8471300000', '2204214290', '4202210000', '8516710000', '6117100000', '9503000000', '3304990000', '6110200000'];
const request = {
  destination: 'DE', date: '2026-03-02', currency: 'USD', origin: 'CN', shipping: '25.00',
  lines: codes.map((code, i) => ({ id: `l${i}`, code, quantity: '2', unit_price: `${19 + i}.90`, weight_kg: '0.5', volume_l: '0.75', alcohol_pct: '12' })),
};
const one = { ...request, lines: request.lines.slice(0, 1) };

performance.mark('bench:imported');
const tImported = performance.now();
const glue = await prepareRequest(one);
const tReady = performance.now();
performance.mark('bench:ready');
const first = quoteNow(glue, one);
performance.mark('bench:first-quote');
const coldStart = performance.now() - t0;
const sinceNavigation = performance.now();
const firstQuote = performance.now() - tReady;

// The browser's clock is coarse (0.1 ms), so each sample times a batch of 50 calls.
function median(fn, samples) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const s = performance.now();
    for (let k = 0; k < 50; k++) fn();
    times.push((performance.now() - s) / 50);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
await prepareRequest(request); // the 10-line cart's tariff parts (not timed: cold start is the 1-line cart's)
for (let i = 0; i < 50; i++) quoteNow(glue, request); // warm-up
const tenLines = median(() => quoteNow(glue, request), 25);
const oneLine = median(() => quoteNow(glue, one), 25);
// 1 item × 60 destinations × 12 monthly dates (720 quotes) in one call.
const all = glue.destinations('2026-03-02').map((c) => c.country);
const destinations = Array.from({ length: 60 }, (_, i) => all[i % all.length]);
// The module with the what-if tools, and every part the sweep's destinations need (not timed).
const whatif = await prepareWhatif(destinations, 'FX');
const dates = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`);
const sweepRequest = { ...one, fx: { 'USD/TWD': '32.5' }, lines: [{ ...one.lines[0], duty_rate: '10%' }] };
whatif.sweep(sweepRequest, { destinations, dates }); // warm-up
const sweepTimes = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  whatif.sweep(sweepRequest, { destinations, dates });
  sweepTimes.push(performance.now() - s);
}
sweepTimes.sort((a, b) => a - b);

const results = {
  sweep_60x12_median_ms: +sweepTimes[2].toFixed(1),
  cold_start_ms: +coldStart.toFixed(2),
  since_navigation_start_ms: +sinceNavigation.toFixed(2),
  widget_import_ms: +(tImported - t0).toFixed(2),
  engine_ready_ms: +(tReady - tImported).toFixed(2),
  first_quote_ms: +firstQuote.toFixed(2),
  quote_1_line_median_ms: +oneLine.toFixed(4),
  quote_10_lines_median_ms: +tenLines.toFixed(4),
  snapshot_id: first.snapshot_id,
  user_agent: navigator.userAgent,
};
document.getElementById('results').textContent = JSON.stringify(results, null, 2);
window.benchResults = results;
