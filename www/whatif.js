// The what-if page: sweeps (in a Web Worker, with progress and cancel), charts as plain SVG with
// the numbers in a table beside, inclusive pricing, time travel and invoice checks.
import { countries, sweep, reverse, compareDates, invoiceCheck, money, today, prepareWhatif } from './widget/landed.js';

// This page uses the what-if tools: load the module that has them (and only that one).
prepareWhatif().catch(() => {}); // an error shows on the tool's first call

const $ = (id) => document.getElementById(id);
const v = (id) => $(id).value.trim();
const lang = document.documentElement.lang || 'en';
if (!$('sweep-date').value) $('sweep-date').value = today();

function request(destination, date) {
  return {
    destination, date: date || v('sweep-date') || today(), currency: v('currency').toUpperCase(), origin: v('origin').toUpperCase(),
    ship_from: v('ship_from').toUpperCase(), channel: v('channel'),
    lines: [{ id: 'item', code: v('code'), quantity: '1', unit_price: v('price'), weight_kg: v('weight') || undefined,
      duty_rate: v('duty_rate') || undefined }],
  };
}

function el(tag, attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, val] of Object.entries(attrs)) if (val != null) (k === 'text' ? (n.textContent = val) : n.setAttribute(k, val));
  for (const c of children.flat()) if (c != null) n.append(c);
  return n;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, val] of Object.entries(attrs)) n.setAttribute(k, val);
  if (text != null) n.textContent = text;
  return n;
}

/** A horizontal bar chart; `data` is [{label, value, text}]: `value` a number for drawing only,
 * `text` the engine's decimal string printed beside the bar (never a float's digits). */
function barChart(title, data, unit) {
  const w = 520, bar = 16, gap = 4, left = 90, h = data.length * (bar + gap) + 20;
  const max = Math.max(...data.map((d) => d.value), 1);
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img', 'aria-label': `${title}; the same figures are in the table` });
  root.append(svg('title', {}, title));
  data.forEach((d, i) => {
    const y = i * (bar + gap) + 10;
    const len = ((w - left - 70) * d.value) / max;
    root.append(svg('text', { x: left - 6, y: y + bar - 4, 'text-anchor': 'end', 'font-size': 11 }, d.label));
    root.append(svg('rect', { x: left, y, width: Math.max(len, 1), height: bar, fill: i === 0 ? '#1a7f37' : '#0b5cad' }));
    root.append(svg('text', { x: left + len + 4, y: y + bar - 4, 'font-size': 11 }, `${d.text} ${unit}`));
  });
  return root;
}

/** A line chart of values by label (dates); `data` is [{label, value, text, lower}] as for
 * `barChart` (the extremes are labelled with the engine's strings). */
function lineChart(title, data, unit) {
  const w = 520, h = 220, pad = 40;
  const values = data.map((d) => d.value);
  const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
  const textOf = (value) => data.find((d) => d.value === value)?.text;
  const x = (i) => pad + ((w - 2 * pad) * i) / Math.max(data.length - 1, 1);
  const y = (val) => h - pad - ((h - 2 * pad) * (val - min)) / span;
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img', 'aria-label': `${title}; the same figures are in the table` });
  root.append(svg('title', {}, title));
  root.append(svg('polyline', { fill: 'none', stroke: '#0b5cad', 'stroke-width': 2, points: data.map((d, i) => `${x(i)},${y(d.value)}`).join(' ') }));
  data.forEach((d, i) => root.append(svg('circle', { cx: x(i), cy: y(d.value), r: 3, fill: d.lower ? '#fff' : '#0b5cad', stroke: '#0b5cad' })));
  root.append(svg('text', { x: pad, y: 14, 'font-size': 11 }, `${textOf(max)} ${unit}`));
  root.append(svg('text', { x: pad, y: h - 6, 'font-size': 11 }, `${textOf(min)} ${unit} · ${data[0]?.label} → ${data.at(-1)?.label}`));
  return root;
}

function table(caption, headers, rows) {
  return el('table', { class: 'lines' }, el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: c }))))));
}

/** A sweep row's notes and the exchange rate its figures were converted to the request currency
 * with (the row's own quote's customs rate, so rows of different destinations compare fairly). */
function rowNotes(r) {
  return [...(r.notes ?? []), r.fx ? `converted at ${r.fx.pair} ${r.fx.rate} (${r.fx.source})` : null].filter(Boolean).join('; ');
}

/** A sweep row's figure as the CLI prints it: `≥ ` before a lower bound, `?` after a figure that
 * is not complete otherwise (a claim that holds only on its transit rule: the row's notes name
 * the condition), never printed like a complete one (audit-n N7). */
function marked(r, amount) {
  if (r.at_least) return `≥ ${amount}`;
  return r.complete ? `${amount}` : `${amount}?`;
}

/** `a − b` of two decimal strings, exactly (as scaled integers: money is never a float). */
function minus(a, b) {
  const scale = Math.max(...[a, b].map((x) => (x.split('.')[1] || '').length));
  const scaled = (x) => {
    const [int, frac = ''] = x.split('.');
    return BigInt(int + frac.padEnd(scale, '0'));
  };
  const diff = scaled(a) - scaled(b);
  if (scale === 0) return diff.toString();
  const digits = (diff < 0n ? -diff : diff).toString().padStart(scale + 1, '0');
  return `${diff < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A sweep row's "Complete" cell. */
function completeness(r) {
  if (r.complete) return 'yes';
  return r.at_least ? 'no (at least)' : 'no (holds on a condition: see notes)';
}

// --- Sweep across destinations, in a worker --------------------------------------------------
let worker = null;
let job = 0;
function startWorker() {
  worker = new Worker(new URL('./whatif-worker.js', import.meta.url), { type: 'module' });
}
startWorker();

/** The destination sweep's outputs: emptied when a run starts and when it fails, so no earlier
 * run's rows or chart stand under this run's "Pricing…" or its error (audit-cc CC6). */
const sweepOutputs = () => ['dest-chart', 'dest-table', 'dest-failed'].forEach((id) => $(id).replaceChildren());

/** Ends a sweep run with an error: said in the summary, Cancel disabled, no old figures shown. */
function sweepFailed(error) {
  $('cancel-sweep').disabled = true;
  $('sweep-progress').value = 0;
  sweepOutputs();
  $('sweep-summary').textContent = `Error: ${error.code ? `${error.code}: ` : ''}${error.message}`;
}

$('run-sweep').addEventListener('click', async () => {
  const id = ++job;
  sweepOutputs();
  $('cancel-sweep').disabled = false;
  $('sweep-progress').value = 0;
  $('sweep-summary').textContent = 'Pricing every destination…';
  const date = v('sweep-date');
  let all;
  try {
    // An empty or invalid date is the engine's typed error, said here (audit-cc CC7: it was an
    // uncaught exception under a "Pricing…" that never ended).
    all = (await countries(date)).countries.map((c) => c.country);
  } catch (e) {
    if (id === job) sweepFailed(e);
    return;
  }
  if (id !== job) return; // cancelled while the destinations were listed
  $('sweep-summary').textContent = `Pricing ${all.length} destinations…`;
  worker.onmessage = (e) => {
    if (e.data.id !== id) return;
    if (e.data.progress != null) $('sweep-progress').value = e.data.progress;
    if (!e.data.done) return;
    $('cancel-sweep').disabled = true;
    $('sweep-progress').value = 1;
    if (e.data.error) {
      sweepFailed(e.data.error);
      return;
    }
    // The worker keeps the engine's ranking: complete quotes first, cheapest first on what the
    // buyer pays in all (DAP's charges on delivery included); a lower bound is marked "at least"
    // and is never named cheapest.
    // A destination that could not be priced (or converted) is listed below with its error,
    // never dropped silently.
    const rows = e.data.result.rows.filter((r) => r.buyer_total_in_request_currency != null);
    const failed = e.data.result.rows.filter((r) => r.buyer_total_in_request_currency == null);
    const cur = e.data.result.request_currency;
    const shown = (r) => marked(r, r.buyer_total_in_request_currency);
    const local = (r, amount) => (amount == null ? '—' : `${marked(r, amount)} ${r.currency ?? ''}`.trim());
    const why = (r) => [rowNotes(r), r.at_least ? 'a lower bound: some charge is not priced (the calculator says which)' : null].filter(Boolean).join('; ');
    const data = rows.map((r) => ({ label: `${r.destination}${r.complete ? '' : r.at_least ? ' (at least)' : ' (on a condition)'}`,
      value: Number(r.buyer_total_in_request_currency), text: r.buyer_total_in_request_currency }));
    $('dest-chart').replaceChildren(barChart(`All-in cost to the buyer by destination in ${cur}`, data, cur));
    $('dest-table').replaceChildren(table(`All-in cost to the buyer by destination, complete quotes cheapest first (${cur}; ≥ marks a lower bound, ? a figure on the condition its notes name)`,
      ['Destination', `All-in (${cur})`, 'Local', 'Duty (local)', 'Tax (local)', 'Complete', 'Notes'],
      rows.map((r) => [r.destination, shown(r), marked(r, money(r.landed, r.currency, lang)), local(r, r.duty), local(r, r.tax),
        completeness(r), why(r)])));
    $('dest-failed').replaceChildren(...(failed.length ? [table(`Destinations that could not be priced (${failed.length})`, ['Destination', 'Why'],
      failed.map((r) => [r.destination, r.error ?? 'no figure in the request currency']))] : []));
    const complete = rows.filter((r) => r.complete);
    const cheapest = complete[0];
    // The spread in the engine's decimals (exact, the currency's own digits), and only over two
    // complete quotes or more (audit-cc CC12).
    const spread = complete.length >= 2
      ? `; spread ${minus(complete.at(-1).buyer_total_in_request_currency, cheapest.buyer_total_in_request_currency)} ${cur} across ${complete.length} complete quotes`
      : `; ${complete.length} complete quote`;
    $('sweep-summary').textContent = cheapest
      ? `Cheapest complete quote: ${cheapest.destination} (${cheapest.buyer_total_in_request_currency} ${cur})${spread}; ${rows.filter((r) => r.at_least).length} incomplete (lower bounds); ${rows.filter((r) => !r.complete && !r.at_least).length} on a condition; ${failed.length} not priced.`
      : `No complete quote: ${rows.filter((r) => r.at_least).length} are lower bounds; ${rows.filter((r) => !r.complete && !r.at_least).length} on a condition; ${failed.length} not priced.`;
  };
  // Each destination's own tariff prices the duty: a caller's duty_rate is one destination's
  // rate, and the engine's sweep does not charge it elsewhere (rows without a tariff for the code
  // are lower bounds that say so).
  const req = request('DE', date);
  delete req.lines[0].duty_rate;
  worker.postMessage({ id, request: req, axes: { destinations: all } });
});

$('cancel-sweep').addEventListener('click', () => {
  worker.terminate();
  startWorker();
  job++;
  $('cancel-sweep').disabled = true;
  $('sweep-summary').textContent = 'Cancelled.';
});

// --- The cheapest compliant way: origin, ship-from, channel, incoterm and claim ---------------
const list = (id) => v(id).split(',').map((x) => x.trim()).filter(Boolean);

let bestRun = 0;
$('run-best').addEventListener('click', async () => {
  const dest = v('best-dest').toUpperCase();
  // The destination's tariff prices the duty (a caller's duty_rate would replace it and its
  // preferential rates, so no claim could be tried).
  const req = request(dest);
  delete req.lines[0].duty_rate;
  const axes = {
    origins: list('best-origins').map((x) => x.toUpperCase()),
    ship_froms: list('best-from').map((x) => x.toUpperCase()),
    channels: list('best-channels').map((x) => x.toLowerCase()),
    incoterms: list('best-incoterms').map((x) => x.toUpperCase()),
    claims: list('best-claims'),
  };
  // The previous run's answer and table leave at once: never another destination's rows under
  // this run's "Pricing…" (audit-p P3). A slower earlier run that ends late is dropped.
  const run = (bestRun += 1);
  $('best-table').replaceChildren();
  $('best-answer').textContent = 'Pricing every combination…';
  let r;
  try {
    r = await sweep(req, axes);
  } catch (e) {
    if (run !== bestRun) return;
    $('best-answer').textContent = `${e.code}: ${e.message}`;
    $('best-table').replaceChildren();
    return;
  }
  if (run !== bestRun) return;
  const cur = r.request_currency;
  const c = r.cheapest;
  const answer = [];
  if (c) {
    answer.push(el('p', { text: `Cheapest complete: ${c.buyer_total_in_request_currency} ${cur} in all — origin ${c.origin ?? '—'}, ship from ${c.ship_from ?? '—'}, ${c.channel}, ${c.incoterm}, claim ${c.claim ?? 'none'}.` }));
    if (r.savings?.length) {
      answer.push(el('ul', { id: 'best-savings' }, r.savings.map((s) => el('li', { text: `${s.axis.replace('_', ' ')} ${s.chosen} instead of ${s.instead_of} saves ${s.saving} ${cur}${s.note ? ` (${s.note})` : ''}` }))));
    }
    if (c.line_claims?.length) {
      answer.push(el('ul', { id: 'best-line-claims' }, c.line_claims.map((l) => el('li', { text: `line ${l.line} claims ${l.program}${l.saving == null ? '' : `, saving ${l.saving} ${c.currency}`}` }))));
    }
    if (c.claim) answer.push(el('p', { text: `The claim ${c.claim} assumes the goods meet its rules of origin and its proof of origin is held; without them the general rate applies.` }));
  } else {
    answer.push(el('p', { text: 'No complete quote: every combination is a lower bound or could not be priced.' }));
  }
  // "below it" needs a cheapest complete quote to be below (audit-p P6).
  if (c && r.incomplete_below_cheapest) {
    answer.push(el('p', { text: `${r.incomplete_below_cheapest} incomplete quotes (lower bounds) are below it: give their missing inputs to compare.` }));
  }
  $('best-answer').replaceChildren(...answer);
  $('best-table').replaceChildren(table(`Every combination, complete quotes cheapest first (${cur}; ≥ marks a lower bound)`,
    ['Origin', 'Ship from', 'Channel', 'Incoterm', 'Claim', `All-in (${cur})`, 'Claim saved (local)', 'Complete', 'Notes'],
    r.rows.map((x) => [x.origin ?? '—', x.ship_from ?? '—', x.channel, x.incoterm, x.claim ?? 'none',
      x.buyer_total_in_request_currency == null ? (x.error ?? '—') : marked(x, x.buyer_total_in_request_currency),
      x.claim_saving ?? '—', x.error ? 'not priced' : completeness(x), rowNotes(x)])));
});

// --- Across dates ----------------------------------------------------------------------------
/** Runs a tool's handler: clears its old result first, and shows any error in its status line
 * (never a blank section or the previous inputs' result under new inputs). */
function tool(button, status, outputs, run) {
  $(button).addEventListener('click', async () => {
    for (const id of outputs) $(id).replaceChildren();
    $(status).textContent = 'Working…';
    try {
      $(status).textContent = (await run()) ?? '';
    } catch (e) {
      for (const id of outputs) $(id).replaceChildren();
      $(status).textContent = `Error: ${e.code ? `${e.code}: ` : ''}${e.message}`;
    }
  });
}

tool('run-dates', 'dates-status', ['dates-chart', 'dates-table'], async () => {
  const month = (id) => {
    const m = /^(\d{4})-(\d{2})$/.exec(v(id));
    if (!m || +m[2] < 1 || +m[2] > 12) throw new Error(`"${v(id)}" is not a month (YYYY-MM)`);
    return [+m[1], +m[2]];
  };
  const [fy, fm] = month('dates-from');
  const [ty, tm] = month('dates-to');
  if (ty < fy || (ty === fy && tm < fm)) throw new Error(`the range ends (${v('dates-to')}) before it starts (${v('dates-from')})`);
  const dates = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    dates.push(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  const dest = v('dates-dest').toUpperCase();
  const result = await sweep(request(dest, dates[0]), { dates });
  const rows = [...result.rows].filter((r) => r.landed != null).sort((a, b) => (a.date < b.date ? -1 : 1));
  const failed = result.rows.filter((r) => r.landed == null);
  if (!rows.length) throw new Error(failed[0]?.error || `no month of the range could be priced for ${dest}`);
  const cur = rows[0]?.currency || '';
  // A lower bound is marked ≥ in the table and drawn hollow: never a plain price.
  const at = (r, amount) => marked(r, amount);
  $('dates-chart').replaceChildren(lineChart(`Landed cost in ${dest} by month (${cur}); hollow points are lower bounds`,
    rows.map((r) => ({ label: r.date, value: Number(r.landed), text: r.landed, lower: !r.complete })), cur));
  $('dates-table').replaceChildren(table(`Landed cost in ${dest} by month (${cur}; ≥ marks a lower bound)`, ['Date', 'Landed', 'Duty', 'Tax', 'Fees', 'Complete'],
    [...rows.map((r) => [r.date, at(r, r.landed), at(r, r.duty), at(r, r.tax), at(r, r.fees), completeness(r)]),
      ...failed.map((r) => [r.date, '—', '—', '—', '—', `not priced: ${r.error ?? ''}`])]));
  const lower = rows.filter((r) => !r.complete).length;
  return `${rows.length} months priced${lower ? `, ${lower} of them lower bounds (≥)` : ''}${failed.length ? `; ${failed.length} not priced` : ''}.`;
});

// --- Inclusive pricing -----------------------------------------------------------------------
$('run-reverse').addEventListener('click', async () => {
  const req = { ...request(v('rev-dest').toUpperCase()), ship_from: v('rev-from').toUpperCase(), currency: v('rev-currency').toUpperCase() };
  try {
    const r = await reverse(req, v('rev-target'), v('rev-charm'), v('rev-policy'));
    // An incomplete quote at the answer (`bound`) makes its all-in price a lower bound and the net
    // price an upper one: said so with the engine's reason (what is not priced, the input that
    // fixes it), never "(exact)" (audit-cc CC5; src/reverse.rs `Bound`).
    let text = r.bound
      ? `Net at most ${r.net_price} ${req.currency} gives an all-in price of at least ${money(r.landed, r.currency, lang)} (not exact: ${r.bound.reason}).`
      : `Net ${r.net_price} ${req.currency} gives an all-in price of ${money(r.landed, r.currency, lang)}${r.exact ? ' (exact).' : '.'}`;
    // A claim that holds only on its condition (a transit rule): the figure stands on it, said so
    // with the engine's own warnings (audit-qq QQ20).
    if (r.conditional) text += ` This holds only on the claim's condition: ${(r.conditions ?? []).join('; ')}.`;
    else if (r.conditions?.length) text += ` It rests on the claim: ${r.conditions.join('; ')}.`;
    if (r.grey_zone) text += ` Grey zone: no net price gives an all-in price between ${r.grey_zone.below} and ${r.grey_zone.above} ${r.currency} (${r.grey_zone.cause}); policy ${r.policy}.`;
    if (r.absorbed) text += ` The seller absorbs ${r.absorbed} ${r.currency}.`;
    $('rev-result').textContent = text;
  } catch (e) {
    $('rev-result').textContent = `${e.code}: ${e.message}`;
  }
});

/** A figure with what it is: `exact`, `at_least`, `at_most` or `unknown` (src/incomplete.rs). */
const bound = (is, figure) => ({ at_least: `at least ${figure}`, at_most: `at most ${figure}`, unknown: 'unknown' })[is] ?? figure;

/** A quote's landed total, "at least" when the quote is incomplete. */
const landedOf = (q, cur) => (q.totals.complete ? '' : 'at least ') + money(q.totals.landed, cur, lang);

// --- Time travel -----------------------------------------------------------------------------
tool('run-travel', 'tt-status', ['tt-result'], async () => {
  const c = await compareDates(request(v('tt-dest').toUpperCase(), v('tt-a')), v('tt-a'), v('tt-b'));
  const cur = c.after.currency;
  $('tt-result').replaceChildren(
    el('p', { text: `Landed ${landedOf(c.before, cur)} → ${landedOf(c.after, cur)} (${bound(c.landed_delta_is, c.landed_delta)}).` }),
    ...(c.unpriced?.length ? [el('p', { text: `Not priced: ${c.unpriced.join('; ')}.` })] : []),
    table('Levies that changed', ['Line', 'Levy', 'Before', 'After', 'Change', 'Why'],
      c.changes.map((x) => [x.line, x.name, x.before ?? '—', x.after ?? '—', bound(x.delta_is, x.delta), x.why])));
  return '';
});

// --- Invoice check ---------------------------------------------------------------------------
tool('run-invoice', 'inv-status', ['inv-result'], async () => {
  // A figure left empty is not checked (left out of the bill), never a bill of 0.
  const billed = Object.fromEntries([['duty', v('inv-duty')], ['tax', v('inv-tax')], ['fees', v('inv-fees')]]
    .filter(([, amount]) => amount.trim() !== ''));
  const r = await invoiceCheck(request(v('inv-dest').toUpperCase()), billed);
  // The engine expects only the tax due at the border: tax the seller collected at the sale
  // (UK ≤ £135, IOSS, AU/NZ GST, VOEC, …) is not the carrier's to bill (src/invoice.rs).
  const atSale = r.quote.totals.collected_at_sale ?? '0';
  const overcharge = r.overcharge;
  const differences = r.differences;
  // A simplified regime's seller may collect the duty too (Brazil's Remessa Conforme).
  const what = r.quote.totals.duty_collected_at_sale ? 'duty and tax exclude' : 'tax excludes';
  const notes = Number(atSale) === 0 ? []
    : [el('p', { text: `Expected ${what} the ${atSale} ${r.quote.currency} the seller collected at the sale.` })];
  $('inv-result').replaceChildren(
    el('p', { text: `Billed minus expected: ${bound(r.overcharge_is, overcharge)} ${r.quote.currency}.` }),
    ...notes,
    ...(r.not_checked?.length ? [el('p', { text: `Not checked (left empty): ${r.not_checked.join(', ')}.` })] : []),
    table('Differences', ['Item', 'Billed', 'Expected (due to the carrier)', 'Difference', 'Likely causes'],
      differences.map((d) => [d.item, d.billed, bound(d.expected_is, d.expected), d.difference ?? '', [...d.likely_causes, ...(d.unpriced ?? [])].join('; ')])));
  return '';
});
