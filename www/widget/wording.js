// What a quote says to a shopper, in words, with no DOM: the headline ("at least" when it is a
// lower bound), the note (incl. duty, taxes and fees, or why not), each charge left out, the
// caveats (no province, no sales tax), a stale tariff and the rates' date. The card of
// <landed-price> and <landed-cart> is built from it, and so is a price rendered at build time
// (examples/static-site/build.mjs), so a page written in Node never says more than the widget
// would (audit-tt TT1). Amounts and dates go through Intl, never through a float.

import { labels } from './labels.js';

/** Formats a decimal string in a locale through `Intl` (the string is passed as is: no float). */
export function money(amount, currency, lang) {
  if (amount === null || amount === undefined) return '—';
  try {
    // The engine's figure as it is: never rounded again where Intl's customary digits are fewer
    // (HUF 494744.92 is not shown as HUF 494,745); an amount string is formatted exactly.
    const shown = String(amount).split('.')[1]?.length ?? 0;
    const digits = new Intl.NumberFormat(lang, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    const fraction = Math.max(shown, digits);
    return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * The datasets behind a quote's figures, `[{publisher, dataset, vintage, age_days}]`: the quote's
 * own `datasets` when the engine reports them, else the distinct sources of its levies.
 */
export function datasets(q) {
  if (Array.isArray(q?.datasets)) return q.datasets;
  const seen = new Map();
  const levies = [...(q?.lines ?? []).flatMap((l) => l.levies ?? []), ...(q?.levies ?? [])];
  for (const { source } of levies) {
    if (!source || source.publisher === 'caller') continue;
    const key = `${source.publisher}\u0000${source.dataset}\u0000${source.vintage ?? ''}`;
    if (!seen.has(key)) seen.set(key, { publisher: source.publisher, dataset: source.dataset, vintage: source.vintage ?? '' });
  }
  return [...seen.values()];
}

/** True when a line is `partial` or `not_priced` (the engine's `totals.complete` false). */
export function notFullyPriced(q) {
  return q?.totals?.complete === false || (q?.lines ?? []).some((l) => l.status !== 'priced');
}

/**
 * True when a quote's totals are lower bounds: a line not fully priced, or only the national rate
 * of a country whose subdivisions add their own (Canada without a province: the engine warns
 * `W_ASSUMED_SUBDIVISION`, "charges only the national rate", and its `totals.complete` stays true).
 * The one definition of "at least", for the widget and for prices rendered at build time.
 */
export function incomplete(q) {
  return notFullyPriced(q) || (q?.warnings ?? []).some((w) => w.code === 'W_ASSUMED_SUBDIVISION');
}

/** "at least €12.00" when `lowerBound`, else "€12.00". */
export function amountText(amount, currency, lang, L, lowerBound) {
  const shown = money(amount, currency, lang);
  return lowerBound ? `${L.atLeast} ${shown}` : shown;
}

/** A dataset's date: its vintage, or a YYYY-MM(-DD) found in its name ("… (ibericode-vat-2025-08)"). */
export function vintageOf(d) {
  return d.vintage || (String(d.dataset).match(/\b(\d{4}-\d{2}(?:-\d{2})?)\b/) || [])[1] || '';
}

export function formatDate(text, lang) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return text;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +(m[3] || 1)));
  const style = m[3] ? { dateStyle: 'medium' } : { year: 'numeric', month: 'short' };
  try {
    return new Intl.DateTimeFormat(lang, { ...style, timeZone: 'UTC' }).format(date);
  } catch {
    return text;
  }
}

const STALE = ['W_STALE_DATA', 'W_OLD_TARIFF', 'W_FX_FALLBACK', 'W_STALE_FX'];
const STALE_FX = ['W_FX_FALLBACK', 'W_STALE_FX'];

/** The datasets that set the quote's figures: the engine's list (`q.datasets`), less a tariff no
 * levy was priced from (a flat duty of a rule, a duty the caller gave: the tariff was read, not
 * used). A quote without the engine's list falls back to its levies' sources. */
function figureDatasets(q) {
  if (!Array.isArray(q?.datasets)) return datasets(q);
  const levies = [...q.lines.flatMap((l) => l.levies), ...q.levies];
  const priced = (d) => levies.some((v) => v.source && v.source.publisher === d.publisher && v.source.dataset === d.dataset);
  return q.datasets.filter((d) => d.kind !== 'tariff' || priced(d));
}

/** An fx dataset's date: the oldest rate date the quote's `fx` sources name before its vintage
 * (a back-dated quote, audit-cc CC9), else the vintage. */
function fxDateOf(q, d) {
  const vintage = vintageOf(d);
  const used = (q.fx ?? []).map((f) => (/\b(\d{4}-\d{2}(?:-\d{2})?)\b/.exec(f.source) || [])[1]).filter((x) => x && (!vintage || x < vintage));
  return used.length ? used.reduce((a, b) => (b < a ? b : a)) : vintage;
}

/** "Rates as of 6 Jun 2025": the oldest dated dataset that set the figures; the snapshot id if
 * none. "(may be out of date)" when one of those is past its publication period or the exchange
 * rate was substituted; a tariff past its period that priced the duty is said on its own, in the
 * card's problem colour (`oldTariff`: its date), not as a muted parenthesis. `title`: each
 * dataset that set the figures with its date, one a line. */
export function freshness(q, lang, L = labels(lang)) {
  const used = figureDatasets(q);
  const staleTariff = used.find((d) => d.kind === 'tariff' && d.stale);
  const oldTariff = staleTariff ? L.oldTariff.replace('{date}', formatDate(vintageOf(staleTariff), lang)) : null;
  const dated = used.map((d) => ({ ...d, date: d.kind === 'fx' ? fxDateOf(q, d) : vintageOf(d) })).filter((d) => d.date);
  if (!dated.length) return { text: `${L.snapshot} ${q.snapshot_id}`, title: undefined, oldTariff };
  const oldest = dated.reduce((a, b) => (b.date < a.date ? b : a));
  const title = dated.map((d) => `${d.publisher} · ${d.dataset}: ${d.date}`).join('\n');
  // The engine's own word that a table or rate is old or substituted is said next to the date.
  const stale = Array.isArray(q.datasets)
    ? used.some((d) => d.stale && d !== staleTariff) || q.warnings.some((w) => STALE_FX.includes(w.code))
    : q.warnings.some((w) => STALE.includes(w.code));
  return { text: `${L.ratesAsOf} ${formatDate(oldest.date, lang)}${stale ? ` (${L.mayBeOld})` : ''}`, title, oldTariff };
}

/** "up to $131.72": a range code's dearest total (under DAP with the part due on delivery). */
export function rangeText(q, lang, L = labels(lang)) {
  const t = q.totals;
  if (t.landed_max == null || t.landed_max === t.landed) return null;
  const max = q.incoterm === 'DAP' ? add(t.buyer_total, t.landed_max, negate(t.landed)) : t.landed_max;
  return `${L.upTo} ${money(max, q.currency, lang)}`;
}

/** "Not included: Small-parcel tax (…); Section 301 … (only in part)": the quote's levies (of
 * its lines and of the shipment) with no amount, by name; null when every levy is priced. */
export function missingText(q, L) {
  const left = [...q.lines.flatMap((l) => l.levies), ...q.levies].filter((v) => v.amount == null);
  const names = [...new Set(left.map((v) => (v.partial_amount != null ? `${v.name} (${L.onlyPart})` : v.name)))];
  return names.length ? `${L.notIncluded}: ${names.join('; ')}` : null;
}

/** The engine's warnings a shopper must see with the price, not only in the details: a tax the
 * quote leaves out (Canada's national rate only, a provincial tax not collected at the border,
 * no tax priced on a movement that crosses no border). */
export function caveats(q) {
  const noTax = Number(q.totals.tax) === 0 && Number(q.totals.collected_at_sale ?? 0) === 0;
  return q.warnings.filter((w) => w.code === 'W_ASSUMED_SUBDIVISION' || w.code === 'W_PROVINCIAL_TAX'
    || (noTax && (w.code === 'W_NO_CUSTOMS_BORDER' || w.code === 'W_MOVEMENT_ASSUMPTION')));
}

/** True when the quote took the price to include delivery because no shipping was given: its
 * duty and tax leave out any transport the shop charges apart (audit-zz ZZ1, audit-ss SS2). */
export function assumedDelivered(q) {
  return q.warnings.some((w) => w.code === 'W_ASSUMPTION'
    && (w.message.startsWith('shipping: assumes none') || w.message.startsWith('shipping, insurance: assume none')));
}

/** The caveats as the shopper reads them: no border and no tax in the shopper's words, the
 * engine's words and citations left to the details (audit-cc CC10); others as the engine says them. */
export function caveatText(left, L) {
  // Canada's or Brazil's national rate alone: the shopper's words in the page's language; the
  // engine's sentence ("… give subdivision") stays in the details (audit-zz ZZ11).
  const texts = left.map((w) => (w.code === 'W_NO_CUSTOMS_BORDER' || w.code === 'W_MOVEMENT_ASSUMPTION' ? L.noBorderNoTax
    : w.code === 'W_ASSUMED_SUBDIVISION' ? L.subdivisionNotGiven : w.message));
  return [...new Set(texts)].join(' · ');
}

/** The note after the headline: "incl. duty, taxes and fees" only when that is true; "import
 * charges not fully priced" when a line is not; "not all taxes included" when a caveat leaves a
 * tax out. */
export function noteText(q, L) {
  if (notFullyPriced(q)) return L.partialNote;
  return caveats(q).length ? L.taxNotIncl : L.incl;
}

/**
 * A quote's wording for a shopper in `lang` (the labels of a language other than English must be
 * loaded first: `await loadLabels(lang)`):
 * - `amount`: the headline decimal, `buyer_total` under DAP (what the shopper pays in all), else `landed`;
 * - `lowerBound`: `incomplete(q)`; `total`: the headline with "at least" when it is a lower bound;
 * - `range` ("up to …" or null), `split` (under DAP: "… at checkout + … due on delivery", else null);
 * - `note`, `missing` ("Not included: …" or null), `caveat` (or null), `oldTariff` (or null);
 * - `freshness` ("Rates as of …"), `sources` (each dataset that set the figures with its date, one
 *   a line), `snapshot` (the snapshot id) and `pricedFor` (the date priced);
 * - `summary`: all of it in one sentence, as a screen reader hears the card.
 */
export function wording(q, lang = 'en') {
  const L = labels(lang);
  const t = q.totals;
  const cur = q.currency;
  const lowerBound = incomplete(q);
  const dap = q.incoterm === 'DAP';
  const amount = dap ? t.buyer_total : t.landed;
  const total = amountText(amount, cur, lang, L, lowerBound);
  // Only what the seller collects can be unpriced at checkout.
  const atSale = lowerBound && Number(t.collected_at_sale ?? 0) !== 0;
  // Nothing priced as due on delivery while something is not priced: not "at least 0".
  const due = lowerBound && Number(t.due_on_delivery) === 0 ? L.dueUnknown
    : `${amountText(t.due_on_delivery, cur, lang, L, lowerBound)} ${L.dueOnDelivery.toLowerCase()}`;
  const split = dap ? `${amountText(t.landed, cur, lang, L, atSale)} ${L.atCheckout} + ${due}` : null;
  const range = rangeText(q, lang, L);
  const note = noteText(q, L);
  const missing = missingText(q, L);
  const left = caveats(q);
  const caveat = [left.length ? caveatText(left, L) : null, assumedDelivered(q) ? L.deliveryAssumed : null]
    .filter(Boolean).join(' · ') || null;
  const fresh = freshness(q, lang, L);
  const summary = [`${L.allIn}: ${total}`, range, split, note, missing, fresh.oldTariff, fresh.text].filter(Boolean).join(', ');
  return { amount, lowerBound, total, range, split, note, missing, caveat, oldTariff: fresh.oldTariff,
    freshness: fresh.text, sources: fresh.title ?? '', snapshot: q.snapshot_id, pricedFor: q.as_of, summary };
}

/** The exact sum of decimal strings (as scaled integers). */
export function add(...amounts) {
  const scale = Math.max(0, ...amounts.map((a) => (a.split('.')[1] || '').length));
  let total = 0n;
  for (const a of amounts) {
    const [int, frac = ''] = a.split('.');
    total += BigInt(int + frac.padEnd(scale, '0'));
  }
  if (scale === 0) return total.toString();
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return `${total < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** `-amount` of a decimal string. */
export function negate(amount) {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
