// Landed custom elements: <landed-price>, <landed-cart> (with <landed-item>) and
// <landed-country-picker>. This module declares the classes and defines nothing: import
// `define.js` (the package's `landed/define`) to register them.
//
// Every element keeps its light-DOM content (for example prices rendered at build time) on screen
// until its first quote, and shows it again if pricing fails: pages stay readable without JS.

import { prepareRequest, quoteNow, destinations, loadSnapshot, useEmbeddedSnapshot, snapshotEvents, today } from './engine.js';
import { labels, loadLabels } from './labels.js';
import { money, datasets, incomplete, amountText, vintageOf, formatDate, freshness, missingText, noteText, wording, add } from './wording.js';

// ---------------------------------------------------------------------------------------------
// Page settings shared by every widget: destination, date, channel, incoterm, language.

const settings = {};

function pageSetting(name) {
  if (settings[name] !== undefined) return settings[name];
  const key = 'landed' + name[0].toUpperCase() + name.slice(1).replace(/-(\w)/g, (_, c) => c.toUpperCase());
  return document.documentElement.dataset[key];
}

/** Sets page-wide defaults (`{destination, date, channel, incoterm, lang, …}`) and re-prices. */
export function setDefaults(values) {
  Object.assign(settings, values);
  document.dispatchEvent(new CustomEvent('landed:settings', { detail: { ...settings } }));
}

/** The page snapshot's time limit in ms: `snapshot-timeout` seconds, else 8 (said if unreadable). */
function snapshotTimeout() {
  const given = pageSetting('snapshot-timeout');
  if (Number(given) > 0) return given * 1000;
  if (given) console.warn(`landed: snapshot-timeout "${given}" is no number of seconds; 8 s used`);
  return 8000;
}

let snapshotUrl; // the page's `snapshot` setting last loaded
let snapshotLoad = null;
let snapshotFailure = null; // why the page's snapshot could not be used, shown with every price

/** Loads the snapshot the page names (`data-landed-snapshot`, or `setDefaults({ snapshot })`)
 * once, before any element prices. If it cannot be loaded (network, or a blob whose hash does not
 * match), the page keeps pricing with the snapshot built into the engine and every element says
 * so visibly, with a `landed:error` event carrying the typed error (`E_SNAPSHOT`, `E_IO`); so
 * does a download not done within `snapshotTimeout()` (audit-cc CC3). */
function snapshotReady() {
  const url = pageSetting('snapshot');
  if (!url) {
    // The setting removed: back to the built-in snapshot, its warning gone (audit-oo OO20).
    if (snapshotUrl) {
      snapshotUrl = undefined;
      snapshotFailure = null;
      snapshotLoad = useEmbeddedSnapshot().catch(() => null);
    }
    return snapshotLoad;
  }
  if (url !== snapshotUrl) {
    snapshotUrl = url;
    snapshotFailure = null;
    snapshotLoad = loadSnapshot(new URL(url, document.baseURI), { timeout: snapshotTimeout() }).catch((e) => {
      // A setting replaced while it downloaded is no failure of the one in force (audit-oo OO6).
      if (e.superseded || url !== snapshotUrl) return null;
      snapshotFailure = {
        code: e.code || 'E_SNAPSHOT',
        field: e.field ?? 'snapshot',
        message: `the rates at ${url} could not be loaded (${e.message}); these prices use the rates built into the widget`,
      };
      return null;
    });
  }
  return snapshotLoad;
}

/**
 * A part of the page's snapshot (a destination's rates) could not be loaded or is damaged: the
 * page goes back to the snapshot built into the engine, visibly, as when the snapshot itself
 * fails (audit-oo OO15: the element showed only the error). Resolves true when the caller should
 * price again; false when the failure is not of the page's snapshot (`underPageSnapshot`: it was
 * in service when the request was prepared).
 */
async function partFailed(error, underPageSnapshot) {
  if (!underPageSnapshot || !snapshotUrl || !['E_IO', 'E_SNAPSHOT'].includes(error?.code)) return false;
  if (!snapshotFailure) {
    snapshotFailure = {
      code: error.code,
      field: error.field ?? 'snapshot',
      message: `the rates at ${snapshotUrl} could not be loaded (${error.message}); these prices use the rates built into the widget`,
    };
    snapshotLoad = useEmbeddedSnapshot().catch(() => null);
  }
  await snapshotLoad;
  return true;
}

/** The visible note on an element priced with the built-in snapshot instead of the page's. */
function snapshotNote(L) {
  return snapshotFailure ? el('p', { class: 'problem', part: 'warning', text: `${L.warnings}: ${snapshotFailure.message}` }) : null;
}

function language(node) {
  return node?.getAttribute?.('lang') || pageSetting('lang') || node?.closest?.('[lang]')?.getAttribute('lang')
    || document.documentElement.lang || navigator.language || 'en';
}

// ---------------------------------------------------------------------------------------------
// Rendering helpers.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function ageText(days, lang) {
  if (typeof days !== 'number' || typeof Intl.RelativeTimeFormat !== 'function') return '';
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-days, 'day');
}

function sourcesList(q, lang, L) {
  const all = datasets(q);
  if (!all.length) return null;
  return el('div', { class: 'meta', part: 'sources' },
    el('span', { text: `${L.sources}:` }),
    el('ul', {}, all.map((d) => {
      const date = vintageOf(d);
      const age = ageText(d.age_days, lang);
      return el('li', { text: [d.publisher, d.dataset, date && formatDate(date, lang), age].filter(Boolean).join(' · ') });
    })));
}

/** The levies as a two-column table (charge, amount), each followed by a full-width row with its
 * base, rate, formula and source: it wraps inside any card rather than scrolling. */
function levyTable(levies, currency, lang, L) {
  return el('table', { part: 'levies', class: 'levies' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: L.levy }), el('th', { scope: 'col', class: 'num', text: L.amount }))),
    levies.map((v) => el('tbody', {},
      el('tr', { part: 'levy' },
        el('th', { scope: 'row', class: 'name', text: v.name }),
        el('td', { class: 'num', 'data-amount': v.amount ?? v.partial_amount ?? undefined,
          text: v.amount != null ? money(v.amount, currency, lang)
            : v.partial_amount != null ? amountText(v.partial_amount, currency, lang, L, true) : L.not_priced })),
      el('tr', { part: 'levy-explain', class: 'explain' }, el('td', { colspan: '2' },
        el('dl', { class: 'explain' },
          el('dt', { text: L.base }), el('dd', { text: money(v.base, currency, lang), title: v.base_note }),
          el('dt', { text: L.rate }), el('dd', { text: v.rate }),
          el('dt', { text: L.formula }), el('dd', { class: 'formula', text: v.formula }),
          el('dt', { text: L.source }),
          el('dd', { text: [v.source.publisher, v.source.dataset, v.source.vintage].filter(Boolean).join(' · ') })))))));
}

function numberAttr(node, name) {
  const v = node.getAttribute(name);
  return v === null || v === '' ? undefined : v.trim();
}

/** The shared request fields of an element, from its attributes and the page settings. */
function shipmentFrom(node) {
  const attr = (name) => numberAttr(node, name) ?? pageSetting(name);
  const request = {
    destination: (attr('destination') || '').toUpperCase(),
    date: attr('date') || today(),
    currency: attr('currency')?.toUpperCase(),
    channel: attr('channel') || undefined,
    incoterm: (attr('incoterm') || '').toUpperCase() || undefined,
    ship_from: attr('ship-from')?.toUpperCase(),
    origin: attr('origin')?.toUpperCase(),
    subdivision: attr('subdivision')?.toUpperCase(),
    shipping: attr('shipping'),
    insurance: attr('insurance'),
    display_currency: attr('display-currency')?.toUpperCase(),
  };
  for (const k of Object.keys(request)) if (request[k] === undefined || request[k] === '') delete request[k];
  return request;
}

/** A request needs the currency its prices are in: never assumed (a shop in euros that forgot it
 * would see its prices converted as dollars). */
function requireCurrency(shipment) {
  if (!shipment.currency) throw noCurrency();
}

function noCurrency() {
  return Object.assign(new Error('the prices have no currency: give currency="EUR" on the element, '
    + 'data-landed-currency on <html>, or setDefaults({ currency })'), { code: 'E_INVALID_FIELD', field: 'currency' });
}

const EU_MEMBERS = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
  'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

/** The code for the destination: `code-us`, `code-gb`, `code-eu` (any EU member), `code-de`, …
 * override the general `code`, as shops keep national codes per market. */
function codeFor(node, destination) {
  const d = (destination || '').toLowerCase();
  const eu = EU_MEMBERS.includes(d.toUpperCase());
  return numberAttr(node, `code-${d}`) || (eu ? numberAttr(node, 'code-eu') : undefined) || numberAttr(node, 'code');
}

function lineFrom(node, id, destination) {
  const line = {
    id,
    code: codeFor(node, destination),
    description: numberAttr(node, 'description'),
    quantity: numberAttr(node, 'quantity') || '1',
    unit_price: numberAttr(node, 'price'),
    origin: numberAttr(node, 'origin')?.toUpperCase(),
    weight_kg: numberAttr(node, 'weight-kg'),
    volume_l: numberAttr(node, 'volume-l'),
    alcohol_pct: numberAttr(node, 'alcohol-pct'),
    acetic_acid_pct: numberAttr(node, 'acetic-acid-pct'),
    vat_class: numberAttr(node, 'vat-class'),
    duty_rate: numberAttr(node, 'duty-rate'),
  };
  for (const k of Object.keys(line)) if (line[k] === undefined) delete line[k];
  return line;
}

const STYLE = `
:host { display: inline-block; max-width: 100%; min-width: 0; font: inherit; color: inherit; --landed-accent: #0b5cad;
  --landed-muted: #4a5260; --landed-border: #ccd; --landed-bg: transparent; --landed-problem: #8a1c00; }
:host([hidden]) { display: none; }
.total { font-weight: 700; }
.lower { font-weight: 400; }
.note { color: var(--landed-muted); font-size: 0.85em; margin-inline-start: 0.35em; }
details { margin-top: 0.25em; background: var(--landed-bg); }
summary { cursor: pointer; color: var(--landed-accent); font-size: 0.85em; }
summary:focus-visible { outline: 2px solid var(--landed-accent); outline-offset: 2px; }
table { border-collapse: collapse; font-size: 0.8em; margin-top: 0.3em; width: 100%; max-width: 100%; }
th, td { border-bottom: 1px solid var(--landed-border); padding: 0.2em 0.4em; text-align: start; vertical-align: top;
  overflow-wrap: anywhere; }
th { font-weight: 600; }
td.num, th.num { text-align: end; white-space: nowrap; overflow-wrap: normal; width: 1%; }
table.levies tr[part=levy] > * { border-bottom: 0; padding-bottom: 0; }
dl.explain { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 0.5em; margin: 0.15em 0 0;
  color: var(--landed-muted); font-size: 0.95em; }
dl.explain dt { font-weight: 400; }
dl.explain dd { margin: 0; min-width: 0; }
.formula { font-family: ui-monospace, monospace; font-size: 0.95em; }
.meta, .warn { color: var(--landed-muted); font-size: 0.75em; margin: 0.3em 0 0; overflow-wrap: anywhere; }
.meta ul { margin: 0; padding-inline-start: 1.2em; }
.freshness { display: block; }
.problem { color: var(--landed-problem); font-size: 0.85em; overflow-wrap: anywhere; }
.body { display: contents; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.updating { color: var(--landed-muted); font-style: italic; }
.stale { color: var(--landed-problem); font-size: 0.75em; margin: 0.3em 0 0; }
`;
let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return [sheet];
}

// ---------------------------------------------------------------------------------------------
// Screen-reader announcements: one polite live region for the page, not one per element. A change
// of destination, date or language re-prices every element at once; the elements re-pricing
// together are one batch, announced once when it starts ("updating …", while a part loads) and
// once when the last of them is done (the one summary, or a count with how many are not fully
// priced and the rates' date). Each element keeps its own summary (not live) for reading it.

let announcer = null;
const batch = { pending: new Set(), done: new Map() };

/** Says `text` in the page's live region (created once, on first use). */
function announce(text) {
  if (!announcer) {
    const host = document.createElement('div');
    host.setAttribute('data-landed-announcer', '');
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = styles();
    announcer = el('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    root.append(announcer);
    document.body.append(host);
  }
  announcer.textContent = text;
}

/** An element starts pricing `request`; `stale`: it showed an earlier figure. */
function batchStart(node, request, stale) {
  if (!batch.pending.size) batch.done.clear();
  batch.pending.add(node);
  batch.done.delete(node);
  // Said once for the elements of a change that start together (the same text is not set again).
  const text = stale ? updatingText(node, request) : null;
  if (text && announcer?.textContent !== text) announce(text);
}

/** An element is done (`result`: its summary, whether it is a lower bound or an error, its
 * rates' date); the batch is announced when none is left pricing. */
function batchDone(node, result) {
  // An element that was not pricing (an error before it could start) is a batch of its own
  // unless others are pricing.
  if (!batch.pending.delete(node) && !batch.pending.size) batch.done.clear();
  if (result) batch.done.set(node, result);
  if (batch.pending.size || !batch.done.size) return;
  const results = [...batch.done.values()];
  if (results.length === 1) {
    announce(results[0].summary);
    return;
  }
  const L = labels(language(node));
  const count = (f) => results.filter(f).length;
  const dates = [...new Set(results.map((r) => r.fresh).filter(Boolean))];
  const oldTariffs = [...new Set(results.map((r) => r.oldTariff).filter(Boolean))];
  announce([L.updatedMany.replace('{n}', results.length),
    count((r) => r.lower) ? L.partialMany.replace('{n}', count((r) => r.lower)) : null,
    count((r) => r.error) ? L.errorMany.replace('{n}', count((r) => r.error)) : null,
    ...dates, ...oldTariffs, snapshotFailure?.message].filter(Boolean).join('; '));
}

/** "Updating import charges for France…". */
function updatingText(node, request) {
  const lang = language(node);
  let place = request.destination;
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(place);
    if (name && name !== place) place = name;
  } catch {
    // not a region code Intl knows (the engine's error names it): the code as given
  }
  return labels(lang).updating.replace('{place}', place);
}

class Priced extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = styles();
    // Until the first quote, the element's own content (a price rendered at build time) shows.
    // The element's summary for a screen reader (its figures are aria-hidden): one node for the
    // element's life, updated in place. It is not itself live (`aria-live="off"`): the page's one
    // announcer says the changes (see `announce`), so a change of destination is said once.
    this._live = el('span', { class: 'sr-only', 'aria-live': 'off' });
    this._body = el('span', { class: 'body' }, el('slot'));
    root.replaceChildren(this._live, this._body);
    this._onSettings = () => this.update();
    // Another snapshot in service (the page's setting, or `loadSnapshot` called by the page): a
    // figure of the one before is no longer current (audit-oo OO7).
    this._onSnapshot = (e) => {
      if (this.quote?.snapshot_id !== e.snapshotId) this.update();
    };
    this._pending = false;
    this._shown = false; // a figure or an error of an earlier request is on screen
    this.quote = null;
    this.request = null;
    this.updating = false;
  }

  /** A re-price started: the previous figure is no longer current. It leaves the screen at once
   * (the merchant's own content and "Updating import charges for France…" instead, the element
   * `aria-busy`), and `quote` is null until the new one is here (`request` is the one pricing). */
  markUpdating(request) {
    this.updating = true;
    this.setAttribute('aria-busy', 'true');
    this.request = request;
    this.quote = null;
    if (!this._shown) return;
    const text = updatingText(this, request);
    this._live.textContent = text;
    this._body.replaceChildren(el('span', { class: 'updating', part: 'updating', text }), ' ', el('slot'));
  }

  /** Nothing to price (a required attribute removed): no figure of an earlier request stays. */
  clearShown() {
    this.updating = false;
    this.removeAttribute('aria-busy');
    this.request = null;
    this.quote = null;
    if (this._shown) {
      this._shown = false;
      this._live.textContent = '';
      this._body.replaceChildren(el('slot'));
    }
    if (batch.pending.has(this)) batchDone(this, null);
  }

  /** The new figure (or error) is on screen. */
  settled(result) {
    this.updating = false;
    this._shown = true;
    this.removeAttribute('aria-busy');
    batchDone(this, result);
  }

  connectedCallback() {
    document.addEventListener('landed:settings', this._onSettings);
    snapshotEvents.addEventListener('change', this._onSnapshot);
    this.update();
  }

  disconnectedCallback() {
    document.removeEventListener('landed:settings', this._onSettings);
    snapshotEvents.removeEventListener('change', this._onSnapshot);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.update();
  }

  /** Re-prices on the next microtask (several attribute changes cost one quote). Only the
   * latest request renders: a slower earlier quote (its parts still loading) is dropped, never
   * shown under the settings that replaced it. */
  update() {
    if (this._pending) return;
    this._pending = true;
    queueMicrotask(async () => {
      this._pending = false;
      const seq = (this._seq = (this._seq || 0) + 1);
      const current = () => seq === this._seq;
      let request = null;
      try {
        request = this.buildRequest();
        if (!request) {
          this.clearShown();
          return;
        }
        batchStart(this, request, this._shown);
        this.markUpdating(request);
        await snapshotReady();
        if (!current()) return;
        this.reportSnapshotFailure(request);
        const underPageSnapshot = Boolean(snapshotUrl) && !snapshotFailure;
        const glue = await prepareRequest(request).catch(async (e) => {
          if (!(await partFailed(e, underPageSnapshot))) throw e;
          if (!current()) return null;
          this.reportSnapshotFailure(request);
          return prepareRequest(request);
        });
        if (!current()) return;
        await loadLabels(language(this));
        if (!current()) return;
        const q = quoteNow(glue, request);
        this.request = request;
        this.quote = q;
        const result = this.render(q);
        this.settled(result);
        this._renderedAt = performance.now(); // read by tests/e2e/bench.js
        this.dispatchEvent(new CustomEvent('landed:quote', { bubbles: true, composed: true, detail: { request, quote: q } }));
      } catch (error) {
        await loadLabels(language(this));
        if (!current()) return;
        this.request = request;
        this.quote = null;
        this.settled({ summary: this.renderError(error), error: true });
        this.dispatchEvent(new CustomEvent('landed:error', { bubbles: true, composed: true,
          detail: { request, error: { code: error.code || 'E_INTERNAL', field: error.field ?? null, message: error.message } } }));
      }
    });
  }

  /** Says once, by a `landed:error` event, that the page's snapshot is not the one pricing. */
  reportSnapshotFailure(request) {
    if (!snapshotFailure || this._snapshotFailure === snapshotFailure) return;
    this._snapshotFailure = snapshotFailure;
    const { code, field, message } = snapshotFailure;
    this.dispatchEvent(new CustomEvent('landed:error', { bubbles: true, composed: true, detail: { request, error: { code, field, message } } }));
  }

  /** The problem, then the element's own content (the price without import charges) again. */
  renderError(error) {
    const L = labels(language(this));
    const text = `${L.error}: ${error.message}${error.field ? ` (${error.field})` : ''}`;
    this._live.textContent = text;
    this._body.replaceChildren(el('span', { class: 'problem', part: 'error', text }), ' ', el('slot'));
    return text;
  }
}

/** <landed-price price currency code origin destination …>: the all-in price of one item. */
export class LandedPrice extends Priced {
  static get observedAttributes() {
    return ['price', 'currency', 'code', 'origin', 'destination', 'date', 'channel', 'incoterm', 'quantity',
      'weight-kg', 'volume-l', 'alcohol-pct', 'acetic-acid-pct', 'shipping', 'insurance', 'lang', 'ship-from', 'subdivision',
      'vat-class', 'duty-rate', 'display-currency', 'code-us', 'code-gb', 'code-eu', 'description'];
  }

  buildRequest() {
    if (this._problem) throw this._problem;
    const shipment = shipmentFrom(this);
    if (!shipment.destination || !this.getAttribute('price') || !codeFor(this, shipment.destination)) return null;
    requireCurrency(shipment);
    return { ...shipment, lines: [lineFrom(this, 'item', shipment.destination)] };
  }

  render(q) {
    const lang = language(this);
    const L = labels(lang);
    const cur = q.currency;
    const line = q.lines[0];
    // The words a page rendered at build time uses too (wording.js): under DAP the headline is
    // what the shopper pays in all (buyer_total), then its two parts.
    const words = wording(q, lang);
    const partial = words.lowerBound;
    const headline = words.amount;
    const { range, split, note, missing } = words;
    // Each charge left out, by its name, on the card (a shipment's as a line's); the engine's
    // reason (often a legal citation) stays in the details when those names say what is missing:
    // the code's tariff line was found (a duty levy) and a charge of it is not priced. A code not
    // found keeps its reason on the card (the valid codes near it: what the merchant must fix),
    // as does a code covering lines of different duties (no charge is missing there).
    const named = line.levies.some((v) => v.kind === 'duty') && line.levies.some((v) => v.amount == null);
    const reason = line.reason && !named ? line.reason : null;
    const fresh = { text: words.freshness, title: words.sources || undefined, oldTariff: words.oldTariff };
    const summary = [words.summary, snapshotFailure?.message].filter(Boolean).join(', ');
    const shown = displayed(q);
    this._live.textContent = summary;
    const nodes = [
      el('span', { class: 'total', part: 'total', 'data-amount': headline, 'data-complete': String(!partial), 'aria-hidden': 'true' },
        partial ? el('span', { class: 'lower', part: 'at-least', text: `${L.atLeast} ` }) : null, money(headline, cur, lang)),
      range ? el('span', { class: 'note', part: 'range', 'aria-hidden': 'true', text: `(${range})` }) : null,
      split ? el('span', { class: 'note', part: 'split', 'aria-hidden': 'true', text: `(${split})` }) : null,
      el('span', { class: 'note', part: 'note', 'aria-hidden': 'true', text: note }),
      shown ? el('span', { class: 'note', part: 'display', text: `≈ ${amountText(shown, q.display.currency, lang, L, partial)}` }) : null,
      missing ? el('p', { class: 'problem', part: 'missing', 'aria-hidden': 'true', text: missing }) : null,
      reason ? el('p', { class: 'problem', part: 'reason', text: reason }) : null,
      words.caveat ? el('p', { class: 'warn', part: 'caveat', text: words.caveat }) : null,
      fresh.oldTariff ? el('p', { class: 'stale', part: 'stale', 'aria-hidden': 'true', text: fresh.oldTariff }) : null,
      el('span', { class: 'meta freshness', part: 'freshness', title: fresh.title, 'aria-hidden': 'true', text: fresh.text }),
      snapshotNote(L),
      el('details', { part: 'details' },
        el('summary', { part: 'summary', text: L.details }),
        levyTable([...line.levies, ...q.levies], cur, lang, L),
        line.reason ? el('p', { class: 'problem', part: 'problem', text: `${L.notPriced}: ${line.reason}` })
          : partial ? el('p', { class: 'problem', part: 'problem', text: L.notPriced }) : null,
        line.excluded?.length ? el('p', { class: 'meta', text: `${L.excluded}: ${line.excluded.map((x) => `${x.name} — ${x.reason}`).join('; ')}` }) : null,
        line.alternatives?.length ? el('p', { class: 'meta', text: `${L.options}: ${line.alternatives.map((a) => a.note).join('; ')}` }) : null,
        q.warnings.length ? el('p', { class: 'warn', text: `${L.warnings}: ${q.warnings.map((w) => w.message).join(' · ')}` }) : null,
        totalsList(q, lang, L, partial),
        sourcesList(q, lang, L),
        el('p', { class: 'meta', part: 'meta', text: metaText(q, lang, L) })),
    ];
    this._body.replaceChildren(...nodes.filter(Boolean));
    return { summary, lower: partial, fresh: fresh.text, oldTariff: fresh.oldTariff };
  }
}

/** The headline in the requested display currency, if any. */
function displayed(q) {
  return q.display && (q.incoterm === 'DAP' ? add(q.display.landed, q.display.due_on_delivery) : q.display.landed);
}

/** The snapshot, the date priced for and each exchange rate with its source. */
function metaText(q, lang, L) {
  return `${L.snapshot} ${q.snapshot_id}, ${L.pricedFor} ${formatDate(q.as_of, lang)}; FX ${q.fx.map((f) => `${f.pair} ${f.rate} (${f.source})`).join('; ') || '—'}`;
}

/** Goods, duty, tax, fees and the total; "at least" on every charge a partial quote leaves out. */
function totalsList(q, lang, L, partial) {
  const t = q.totals;
  // What the seller collects holds the duty too where duty_collected_at_sale is set (Remessa
  // Conforme, IN RFB 2.146/2023): its label says so (audit-hh HH1).
  const atSale = Number(t.duty_collected_at_sale ?? 0) !== 0 ? L.dutyCollectedAtSale : L.collectedAtSale;
  const rows = [[L.goods, t.goods, false], [L.shipping, t.shipping, false], [L.insurance, t.insurance, false],
    [L.duty, t.duty, partial], [L.tax, t.tax, partial], [atSale, t.collected_at_sale ?? '0', partial],
    [L.fees, t.fees, partial]];
  // Under DAP "Total to pay" is everything the shopper pays (buyer_total): the checkout part and
  // the part due on delivery come first, each labelled.
  if (q.incoterm === 'DAP') rows.push([L.checkout, t.landed, partial && Number(t.collected_at_sale ?? 0) !== 0], [L.dueOnDelivery, t.due_on_delivery, partial], [L.landed, t.buyer_total, partial]);
  else rows.push([L.landed, t.landed, partial]);
  return el('table', { part: 'totals', class: 'totals' }, el('tbody', {}, rows
    .filter(([k, v], i) => (i < 1 || i > 2 || Number(v) !== 0) && (k !== atSale || Number(v) !== 0))
    .map(([k, v, lower]) => el('tr', {},
      el('th', { scope: 'row', text: k }),
      el('td', { class: 'num', 'data-total': k === L.landed ? 'landed' : k === L.checkout ? 'checkout' : undefined, text: amountText(v, q.currency, lang, L, lower) })))));
}

/** <landed-cart destination=… currency=…><landed-item code price quantity …></landed-cart>, or a
 * whole request set on its `cartRequest` property. */
export class LandedCart extends Priced {
  static get observedAttributes() {
    return ['currency', 'origin', 'destination', 'date', 'channel', 'incoterm', 'shipping', 'insurance', 'lang',
      'ship-from', 'subdivision', 'display-currency'];
  }

  constructor() {
    super();
    // Its items and their attributes, and its own attributes (observedAttributes covers those it
    // prices with); `aria-busy`, which the element sets itself while pricing, changes nothing.
    this._observer = new MutationObserver((records) => {
      if (records.some((r) => r.target !== this || r.attributeName !== 'aria-busy')) this.update();
    });
  }

  connectedCallback() {
    super.connectedCallback();
    this._observer.observe(this, { childList: true, subtree: true, attributes: true });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._observer.disconnect();
  }

  /** Sets a complete request (same JSON as `landed quote`). */
  set cartRequest(request) {
    this._explicit = request;
    this.update();
  }

  get cartRequest() {
    return this._explicit;
  }

  buildRequest() {
    if (this._explicit) return this._explicit;
    const shipment = shipmentFrom(this);
    const items = [...this.querySelectorAll('landed-item')];
    if (!shipment.destination || !items.length) return null;
    requireCurrency(shipment);
    return { ...shipment, lines: items.map((item, i) => lineFrom(item, item.getAttribute('id') || `line-${i + 1}`, shipment.destination)) };
  }

  render(q) {
    const lang = language(this);
    const L = labels(lang);
    const cur = q.currency;
    const partial = incomplete(q);
    const rows = q.lines.flatMap((line) => {
      const lower = line.status !== 'priced';
      return [
        el('tr', { part: 'line', 'data-status': line.status },
          el('th', { scope: 'row' }, el('span', { text: line.id }), el('br'), el('small', { text: line.code })),
          el('td', { class: 'num', text: money(line.customs_value, cur, lang) }),
          el('td', { class: 'num', text: amountText(sum(line.levies, ['duty', 'additional_duty']), cur, lang, L, lower) }),
          el('td', { class: 'num', text: amountText(sum(line.levies, ['tax', 'excise']), cur, lang, L, lower) }),
          el('td', { text: L[line.status] || line.status })),
        el('tr', { part: 'line-details' }, el('td', { colspan: '5' },
          line.reason ? el('p', { class: 'problem', text: line.reason }) : null,
          el('details', {}, el('summary', { text: `${L.details}: ${line.id}` }), levyTable(line.levies, cur, lang, L),
            line.excluded?.length ? el('p', { class: 'meta', text: `${L.excluded}: ${line.excluded.map((x) => `${x.name} — ${x.reason}`).join('; ')}` }) : null,
            line.alternatives?.length ? el('p', { class: 'meta', text: `${L.options}: ${line.alternatives.map((a) => a.note).join('; ')}` }) : null))),
      ];
    });
    const fresh = freshness(q, lang, L);
    const missing = missingText(q, L);
    // As <landed-price> says it (audit-cc CC1, CC2).
    const { range } = wording(q, lang);
    const shown = displayed(q);
    const summary = [`${L.landed}: ${amountText(q.incoterm === 'DAP' ? q.totals.buyer_total : q.totals.landed, cur, lang, L, partial)}`,
      range, partial ? noteText(q, L) : null, missing, fresh.oldTariff, fresh.text, snapshotFailure?.message]
      .filter(Boolean).join(', ');
    this._live.textContent = summary;
    const nodes = [
      el('table', { part: 'lines' },
        el('caption', { class: 'sr-only', text: L.allIn }),
        el('thead', {}, el('tr', {}, [L.line, L.base, L.duty, L.tax, L.status].map((h, i) =>
          el('th', { scope: 'col', class: i > 0 && i < 4 ? 'num' : undefined, text: h })))),
        el('tbody', {}, rows)),
      totalsList(q, lang, L, partial),
      range ? el('p', { class: 'note', part: 'range', text: `(${range})` }) : null,
      shown ? el('p', { class: 'note', part: 'display', text: `≈ ${amountText(shown, q.display.currency, lang, L, partial)}` }) : null,
      q.levies.length ? levyTable(q.levies, cur, lang, L) : null,
      el('p', { class: 'meta', text: q.incoterm === 'DAP' ? L.payOnDelivery : L.paidAtCheckout }),
      partial ? el('p', { class: 'problem', part: 'problem', text: L.notPriced }) : null,
      missing ? el('p', { class: 'problem', part: 'missing', text: missing }) : null,
      q.warnings.length ? el('ul', { class: 'warn', part: 'warnings' }, q.warnings.map((w) => el('li', { text: w.message }))) : null,
      fresh.oldTariff ? el('p', { class: 'stale', part: 'stale', text: fresh.oldTariff }) : null,
      el('p', { class: 'meta freshness', part: 'freshness', title: fresh.title, text: fresh.text }),
      snapshotNote(L),
      sourcesList(q, lang, L),
      el('p', { class: 'meta', part: 'meta', text: metaText(q, lang, L) })];
    this._body.replaceChildren(...nodes.filter(Boolean));
    return { summary, lower: partial, fresh: fresh.text, oldTariff: fresh.oldTariff };
  }
}

/** Adds decimal strings exactly (as scaled integers), for per-line subtotals; a levy priced only
 * in part counts with its lower bound. */
function sum(levies, kinds) {
  return add(...levies.filter((l) => kinds.includes(l.kind)).map((l) => l.amount ?? l.partial_amount).filter((a) => a != null));
}

/** <landed-item>: a line of a <landed-cart>, configured by attributes. */
export class LandedItem extends HTMLElement {}

/** The supported destination matching the shopper's browser languages (`en-GB` → GB), if any. */
export function guessDestination(supported) {
  for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && supported.includes(region)) return region;
    } catch {
      // not a valid tag: try the next one
    }
  }
  return undefined;
}

/** The destination's name in the page language; the engine's name where Intl has none (it
 * returns the code itself for XI, Northern Ireland). */
function nameOf(names, c) {
  const name = names?.of(c.country);
  return name && name !== c.country ? name : c.name;
}

/** <landed-country-picker>: a labelled select of supported destinations; sets the page default. */
export class LandedCountryPicker extends HTMLElement {
  async connectedCallback() {
    if (this._select) return;
    const lang = language(this);
    const L = await loadLabels(lang);
    const id = `landed-dest-${Math.random().toString(36).slice(2, 8)}`;
    const select = el('select', { id, part: 'select' });
    this._select = select;
    const label = el('label', { for: id, part: 'label', text: `${L.destination} ` });
    this.replaceChildren(label, select);
    const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([lang], { type: 'region' }) : null;
    let data;
    try {
      // The destinations alone: `countries` would fetch every destination's rule rows.
      data = { countries: await destinations(pageSetting('date') || today()) };
    } catch (error) {
      // The engine did not load: say so next to the empty picker (the prices say it too).
      this.append(el('span', { class: 'problem', role: 'status', part: 'error', text: ` ${L.error}: ${error.message}` }));
      select.disabled = true;
      return;
    }
    const codes = data.countries.map((c) => c.country);
    const chosen = (this.getAttribute('value') || pageSetting('destination') || '').toUpperCase();
    const current = chosen || guessDestination(codes) || codes[0];
    for (const c of data.countries) {
      select.append(el('option', { value: c.country, selected: c.country === current, text: `${nameOf(names, c)} (${c.country})` }));
    }
    select.value = current;
    select.addEventListener('change', () => {
      this.setAttribute('value', select.value);
      setDefaults({ destination: select.value });
    });
    if (current !== (pageSetting('destination') || '').toUpperCase()) setDefaults({ destination: current });
  }

  /** The chosen destination (ISO 3166-1 alpha-2). */
  get value() {
    return this._select?.value ?? (this.getAttribute('value') || '').toUpperCase();
  }
}

/** The one amount in a plain element's text ("Price: US$1,199.00" → "1199.00"), or an error
 * saying why it cannot be read safely: several numbers ("Pack of 2: US$45.00", "Was …, now …"),
 * a separator that may group or decimate ("1,199", "1.234" in a currency with cents), a
 * currency sign of another currency. Never a number guessed from prose. */
export function priceFromText(text, currency) {
  const problem = (why) => Object.assign(new Error(`"${text.trim()}" ${why}: give the price as data-landed-price="1199.00"`),
    { code: 'E_AMOUNT', field: 'data-landed-price' });
  const numbers = text.match(/\d(?:[\d.,'\u00a0\u202f ]*\d)?/g) || [];
  if (numbers.length !== 1) return problem(numbers.length ? 'holds more than one number' : 'holds no price');
  let digits;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return problem(`is in an unknown currency ${currency}`);
  }
  const signs = text.match(/[$€£¥₹₩₽₺₪฿₫₱]/g) || [];
  if (signs.length) {
    const own = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
      .formatToParts(1).find((p) => p.type === 'currency')?.value;
    if (signs.some((c) => c !== own && !(c === '¥' && own === '￥'))) return problem(`is not in ${currency}`);
  }
  const n = numbers[0];
  if (/^\d+$/.test(n)) return n;
  // One separator, once: a decimal point or comma, unless three digits follow (1,199 / 1.234):
  // then grouping in a currency of at most two decimals, ambiguous in one of three (KWD, BHD).
  let m = /^(\d+)([.,])(\d+)$/.exec(n);
  if (m && m[3].length === 3 && digits < 3 && m[1].length <= 3) return m[1] + m[3];
  if (m && m[3].length !== 3 && m[3].length <= digits) return `${m[1]}.${m[3]}`;
  if (m) return problem('is not one clear amount');
  // Grouping (1,234,567 / 1 199 / 1'199), then optionally a decimal separator of the other kind.
  m = /^(\d{1,3}([.,'\u00a0\u202f ])\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(n);
  if (m && m[3] !== m[2] && (!m[3] || m[4].length <= digits)) {
    const int = m[1].replace(/\D/g, '');
    return m[3] ? `${int}.${m[4]}` : int;
  }
  return problem('is not one clear amount');
}

/** Enhances plain price elements marked with `data-landed-code` (and `data-landed-price`, or one
 * unambiguous amount in their text): an all-in price is added after each, with no JS on the page.
 * Every `data-landed-NAME` is the `<landed-price>` attribute NAME (`data-landed-ship-from` →
 * `ship-from`); one the element does not have is the widget's error, never ignored, and so is text
 * that is not one clear amount (the merchant's content stays). */
export function enhance(root = document) {
  for (const node of root.querySelectorAll('[data-landed-code]:not([data-landed-enhanced])')) {
    const { attrs, unknown } = markupSettings(node);
    const currency = (attrs.currency || pageSetting('currency') || '').toUpperCase();
    const widget = document.createElement('landed-price');
    let problem = unknown.length ? unknownSettings(unknown) : null;
    if (!problem && !attrs.price) {
      const price = currency ? priceFromText(node.textContent, currency) : noCurrency();
      if (price instanceof Error) problem = price;
      else attrs.price = price;
    }
    if (problem) widget._problem = problem;
    for (const [k, v] of Object.entries(attrs)) if (v) widget.setAttribute(k, v);
    node.dataset.landedEnhanced = '';
    node.insertAdjacentElement('afterend', widget);
  }
}

/** A per-destination code attribute: `code-jp`, `code-ch`, … (`code-us`, `code-gb`, `code-eu` are
 * also observed for changes). */
const PER_DESTINATION_CODE = /^code-[a-z]{2}$/;

/** The element's `data-landed-*` settings as `<landed-price>` attributes, and the names of those
 * it has no attribute for. */
function markupSettings(node) {
  const attrs = {};
  const unknown = [];
  for (const [key, value] of Object.entries(node.dataset)) {
    if (!key.startsWith('landed') || key === 'landedEnhanced') continue;
    const name = key.slice('landed'.length).replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase());
    // `code-XX`: the code for destination XX, any of them (`codeFor` reads it), as documented.
    if (LandedPrice.observedAttributes.includes(name) || PER_DESTINATION_CODE.test(name)) attrs[name] = value;
    else unknown.push(`data-landed-${name}`);
  }
  return { attrs, unknown };
}

function unknownSettings(names) {
  return Object.assign(new Error(`${names.join(', ')} ${names.length > 1 ? 'are not settings' : 'is not a setting'} of the price markup `
    + `(it reads data-landed- followed by one of: ${LandedPrice.observedAttributes.join(', ')}, or code-XX for any destination XX)`),
  { code: 'E_INVALID_FIELD', field: names[0] });
}
