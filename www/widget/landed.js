// Landed widget: all-in prices (duty, import VAT/GST, fees) computed in the shopper's browser
// from the tariff snapshot embedded in the engine. No server, no key, nothing leaves the page.
//
// Use it as an ES module (`import { quote } from './widget/landed.js'`), through a script tag
// (`landed.global.js`, which sets `window.Landed`), as custom elements (<landed-price>,
// <landed-cart>, <landed-country-picker>), or by marking price elements with data attributes
// (`data-landed-code`, `data-landed-price`, …) and writing no JS at all.

const PKG = new URL('../pkg/', import.meta.url);

let compiled = null; // the compiled WebAssembly.Module, kept to re-instantiate quickly
let generation = 0; // bumped after a trap so the next call gets a fresh instance
let enginePromise = null;
let textPromise = null;

async function instantiate() {
  if (!compiled) {
    // Same mode as the page's <link rel=preload as=fetch crossorigin>, so the preload is reused.
    const response = await fetch(new URL('landed_bg.wasm', PKG), { mode: 'cors', credentials: 'same-origin' });
    compiled = await WebAssembly.compileStreaming(response);
  }
  // The first instance uses the plain URL (matching <link rel=modulepreload>); after a trap a
  // query string gives a fresh module instance.
  const glue = await import(new URL(generation ? `landed.js?instance=${generation}` : 'landed.js', PKG).href);
  await glue.default({ module_or_path: compiled });
  return glue;
}

/** Resolves when the engine is loaded (fetch, compile, instantiate). */
export function ready() {
  enginePromise ??= instantiate().catch((e) => {
    enginePromise = null;
    throw e;
  });
  return enginePromise;
}

function landedError(code, field, message) {
  return Object.assign(new Error(message), { code, field });
}

/** Calls the engine; a trap (a bug) becomes an E_INTERNAL error and a fresh instance. */
function call(glue, name, ...args) {
  try {
    return glue[name](...args);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      let message = e.message;
      try {
        message = glue.lastPanic() || message;
      } catch {
        // the instance is unusable; the message from the trap is all we have
      }
      generation += 1;
      enginePromise = null;
      textPromise = null;
      throw landedError('E_INTERNAL', null, `internal error in the engine: ${message}`);
    }
    if (e && typeof e === 'object' && 'code' in e) throw e;
    throw landedError('E_INTERNAL', null, String(e && e.message ? e.message : e));
  }
}

async function descriptions() {
  const glue = await ready();
  textPromise ??= (async () => {
    const response = await fetch(new URL('landed-text.bin', PKG));
    if (!response.ok) throw landedError('E_IO', null, `cannot load tariff descriptions (${response.status})`);
    call(glue, 'loadDescriptions', new Uint8Array(await response.arrayBuffer()));
  })().catch((e) => {
    textPromise = null;
    throw e;
  });
  await textPromise;
  return glue;
}

/** Prices a request (same JSON as `landed quote`). */
export async function quote(request) {
  return call(await ready(), 'quote', request);
}

/** Prices synchronously once `ready()` has resolved (for hot paths such as re-pricing a page). */
export function quoteNow(glue, request) {
  return call(glue, 'quote', request);
}

/** Looks up a code: `rate('DE', '22042109', '2026-03-01')`. Loads descriptions first. */
export async function rate(destination, code, date) {
  return call(await descriptions(), 'rate', destination, code, date ?? undefined);
}

/** Suggests codes for a description: `search('cotton t-shirt', 'GB')`. */
export async function search(text, destination, limit) {
  return call(await descriptions(), 'search', text, destination, limit ?? undefined);
}

/** Net price for an all-in target (one-line request); see `landed reverse`. */
export async function reverse(request, target, charm, policy) {
  return call(await ready(), 'reverse', request, String(target), charm ?? undefined, policy ?? undefined);
}

/** One cart across destinations, origins, dates, channels, incoterms and codes. */
export async function sweep(request, axes) {
  return call(await ready(), 'sweep', request, axes);
}

/** The same cart on two dates and every levy that changed. */
export async function compareDates(request, before, after) {
  return call(await ready(), 'compareDates', request, before, after);
}

/** The lines of a request (as SKUs) whose duty changes between two dates. */
export async function catalogueDiff(request, before, after) {
  return call(await ready(), 'catalogueDiff', request, before, after);
}

/** What a carrier billed against the recomputed quote. */
export async function invoiceCheck(request, billed) {
  return call(await ready(), 'invoiceCheck', request, billed);
}

/** Supported destinations and what is covered for each. */
export async function countries(date) {
  return call(await ready(), 'countries', date ?? undefined);
}

/** The embedded snapshot: id, tables, sources. */
export async function snapshotInfo() {
  return call(await ready(), 'snapshotInfo');
}

// ---------------------------------------------------------------------------------------------
// Page settings shared by every widget: destination, date, channel, incoterm, language.

const settings = {};

function pageSetting(name) {
  if (settings[name] !== undefined) return settings[name];
  const key = 'landed' + name[0].toUpperCase() + name.slice(1).replace(/-(\w)/g, (_, c) => c.toUpperCase());
  return document.documentElement.dataset[key];
}

/** Sets page-wide defaults (`{destination, date, channel, incoterm, lang}`) and re-prices. */
export function setDefaults(values) {
  Object.assign(settings, values);
  document.dispatchEvent(new CustomEvent('landed:settings', { detail: { ...settings } }));
}

// ---------------------------------------------------------------------------------------------
// Labels and formatting.

const LABELS = {
  en: {
    allIn: 'All-in price', incl: 'incl. duty, taxes and fees', details: 'How this is calculated',
    duty: 'Duty', tax: 'Import tax', fees: 'Fees', goods: 'Goods', shipping: 'Shipping',
    insurance: 'Insurance', landed: 'Total to pay', dueOnDelivery: 'Due on delivery',
    paidAtCheckout: 'Duty and taxes are paid at checkout (DDP).',
    payOnDelivery: 'Duty and taxes are collected on delivery (DAP).',
    levy: 'Charge', base: 'Base', rate: 'Rate', amount: 'Amount', formula: 'Formula', source: 'Source',
    snapshot: 'Tariff snapshot', asOf: 'as of', notPriced: 'Import charges could not be fully priced',
    partial: 'at least', line: 'Item', status: 'Status', warnings: 'Notes', destination: 'Ship to',
    loading: 'Calculating…', error: 'Could not calculate import charges', range: 'up to',
    priced: 'priced', not_priced: 'not priced', excluded: 'Not charged', options: 'Options',
  },
  de: {
    allIn: 'Gesamtpreis', incl: 'inkl. Zoll, Steuern und Gebühren', details: 'So wird gerechnet',
    duty: 'Zoll', tax: 'Einfuhrumsatzsteuer', fees: 'Gebühren', goods: 'Waren', shipping: 'Versand',
    insurance: 'Versicherung', landed: 'Zu zahlen', dueOnDelivery: 'Bei Lieferung fällig',
    paidAtCheckout: 'Zoll und Steuern werden an der Kasse bezahlt (DDP).',
    payOnDelivery: 'Zoll und Steuern werden bei Lieferung erhoben (DAP).',
    levy: 'Abgabe', base: 'Grundlage', rate: 'Satz', amount: 'Betrag', formula: 'Formel', source: 'Quelle',
    snapshot: 'Tarifstand', asOf: 'Stand', notPriced: 'Einfuhrabgaben konnten nicht vollständig berechnet werden',
    partial: 'mindestens', line: 'Artikel', status: 'Status', warnings: 'Hinweise', destination: 'Lieferland',
    loading: 'Wird berechnet…', error: 'Einfuhrabgaben konnten nicht berechnet werden', range: 'bis zu',
    priced: 'berechnet', not_priced: 'nicht berechnet', excluded: 'Nicht erhoben', options: 'Optionen',
  },
  fr: {
    allIn: 'Prix tout compris', incl: 'droits, taxes et frais inclus', details: 'Détail du calcul',
    duty: 'Droits de douane', tax: "Taxe à l'importation", fees: 'Frais', goods: 'Marchandises',
    shipping: 'Livraison', insurance: 'Assurance', landed: 'Total à payer', dueOnDelivery: 'À payer à la livraison',
    paidAtCheckout: 'Droits et taxes payés à la commande (DDP).',
    payOnDelivery: 'Droits et taxes perçus à la livraison (DAP).',
    levy: 'Prélèvement', base: 'Base', rate: 'Taux', amount: 'Montant', formula: 'Formule', source: 'Source',
    snapshot: 'Version du tarif', asOf: 'au', notPriced: "Les frais d'importation n'ont pas pu être entièrement calculés",
    partial: 'au moins', line: 'Article', status: 'Statut', warnings: 'Remarques', destination: 'Livrer en',
    loading: 'Calcul…', error: "Impossible de calculer les frais d'importation", range: "jusqu'à",
    priced: 'calculé', not_priced: 'non calculé', excluded: 'Non perçu', options: 'Options',
  },
  es: {
    allIn: 'Precio final', incl: 'aranceles, impuestos y tasas incluidos', details: 'Cómo se calcula',
    duty: 'Arancel', tax: 'Impuesto de importación', fees: 'Tasas', goods: 'Mercancía', shipping: 'Envío',
    insurance: 'Seguro', landed: 'Total a pagar', dueOnDelivery: 'A pagar en la entrega',
    paidAtCheckout: 'Aranceles e impuestos se pagan al comprar (DDP).',
    payOnDelivery: 'Aranceles e impuestos se cobran en la entrega (DAP).',
    levy: 'Cargo', base: 'Base', rate: 'Tipo', amount: 'Importe', formula: 'Fórmula', source: 'Fuente',
    snapshot: 'Versión del arancel', asOf: 'a', notPriced: 'No se pudieron calcular del todo los cargos de importación',
    partial: 'al menos', line: 'Artículo', status: 'Estado', warnings: 'Notas', destination: 'Enviar a',
    loading: 'Calculando…', error: 'No se pudieron calcular los cargos de importación', range: 'hasta',
    priced: 'calculado', not_priced: 'sin calcular', excluded: 'No cobrado', options: 'Opciones',
  },
};

function language(el) {
  const lang = el?.getAttribute?.('lang') || pageSetting('lang') || document.documentElement.lang || navigator.language || 'en';
  return lang;
}

function labels(lang) {
  return LABELS[String(lang).slice(0, 2).toLowerCase()] || LABELS.en;
}

/** Formats a decimal string in the shopper's locale (the string is passed as is: no float). */
export function money(amount, currency, lang) {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const STYLE = `
:host { display: inline-block; max-width: 100%; font: inherit; color: inherit; --landed-accent: #0b5cad; --landed-muted: #555;
  --landed-border: #ccd; --landed-bg: transparent; }
:host([hidden]) { display: none; }
.total { font-weight: 700; }
.note { color: var(--landed-muted); font-size: 0.85em; margin-inline-start: 0.35em; }
details { margin-top: 0.25em; background: var(--landed-bg); }
summary { cursor: pointer; color: var(--landed-accent); font-size: 0.85em; }
summary:focus-visible { outline: 2px solid var(--landed-accent); outline-offset: 2px; }
table { border-collapse: collapse; font-size: 0.8em; margin-top: 0.3em; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus-visible { outline: 2px solid var(--landed-accent); }
td.formula { min-width: 14em; }
th, td { border-bottom: 1px solid var(--landed-border); padding: 0.2em 0.4em; text-align: start; vertical-align: top; }
td.num, th.num { text-align: end; white-space: nowrap; }
.formula { font-family: ui-monospace, monospace; font-size: 0.95em; }
.meta, .warn { color: var(--landed-muted); font-size: 0.75em; margin: 0.3em 0 0; }
.problem { color: #8a1c00; font-size: 0.85em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return [sheet];
}

function levyTable(levies, currency, lang, L) {
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': L.details }, el('table', { part: 'levies' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: L.levy }), el('th', { scope: 'col', class: 'num', text: L.base }),
      el('th', { scope: 'col', text: L.rate }), el('th', { scope: 'col', class: 'num', text: L.amount }),
      el('th', { scope: 'col', text: L.formula }), el('th', { scope: 'col', text: L.source }))),
    el('tbody', {}, levies.map((v) => el('tr', { part: 'levy' },
      el('td', { text: v.name }),
      el('td', { class: 'num', text: money(v.base, currency, lang), title: v.base_note }),
      el('td', { text: v.rate }),
      el('td', { class: 'num', text: v.amount != null ? money(v.amount, currency, lang)
        : v.partial_amount != null ? `≥ ${money(v.partial_amount, currency, lang)}` : '—' }),
      el('td', { class: 'formula', text: v.formula }),
      el('td', { text: [v.source.publisher, v.source.dataset, v.source.vintage].filter(Boolean).join(' · ') }))))));
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
    date: attr('date') || new Date().toISOString().slice(0, 10),
    currency: (attr('currency') || 'USD').toUpperCase(),
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

/** The code for the destination: `code-us`, `code-gb`, `code-eu` (any EU member), `code-de`, …
 * override the general `code`, as shops keep national codes per market. */
function codeFor(node, destination) {
  const d = (destination || '').toLowerCase();
  const eu = EU_MEMBERS.includes(d.toUpperCase());
  return numberAttr(node, `code-${d}`) || (eu ? numberAttr(node, 'code-eu') : undefined) || numberAttr(node, 'code');
}

const EU_MEMBERS = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
  'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

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
    vat_class: numberAttr(node, 'vat-class'),
    duty_rate: numberAttr(node, 'duty-rate'),
  };
  for (const k of Object.keys(line)) if (line[k] === undefined) delete line[k];
  return line;
}

class Priced extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = styles();
    this._onSettings = () => this.update();
    this._pending = false;
  }

  connectedCallback() {
    document.addEventListener('landed:settings', this._onSettings);
    this.update();
  }

  disconnectedCallback() {
    document.removeEventListener('landed:settings', this._onSettings);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.update();
  }

  /** Re-prices on the next microtask (several attribute changes cost one quote). */
  update() {
    if (this._pending) return;
    this._pending = true;
    queueMicrotask(async () => {
      this._pending = false;
      const request = this.buildRequest();
      if (!request) return;
      try {
        const glue = await ready();
        const q = quoteNow(glue, request);
        this.request = request;
        this.quote = q;
        this.render(q);
        this._renderedAt = performance.now();
        this.dispatchEvent(new CustomEvent('landed:quote', { bubbles: true, composed: true, detail: { request, quote: q } }));
      } catch (error) {
        this.quote = null;
        this.renderError(error);
        this.dispatchEvent(new CustomEvent('landed:error', { bubbles: true, composed: true,
          detail: { request, error: { code: error.code || 'E_INTERNAL', field: error.field ?? null, message: error.message } } }));
      }
    });
  }

  renderError(error) {
    const L = labels(language(this));
    this.shadowRoot.replaceChildren(
      el('span', { class: 'problem', role: 'status', 'aria-live': 'polite', part: 'error',
        text: `${L.error}: ${error.message}${error.field ? ` (${error.field})` : ''}` }));
  }
}

/** <landed-price price currency code origin destination …>: the all-in price of one item. */
export class LandedPrice extends Priced {
  static get observedAttributes() {
    return ['price', 'currency', 'code', 'origin', 'destination', 'date', 'channel', 'incoterm', 'quantity',
      'weight-kg', 'volume-l', 'alcohol-pct', 'shipping', 'insurance', 'lang', 'ship-from', 'subdivision',
      'vat-class', 'duty-rate', 'display-currency', 'code-us', 'code-gb', 'code-eu'];
  }

  buildRequest() {
    const shipment = shipmentFrom(this);
    if (!shipment.destination || !this.getAttribute('price') || !codeFor(this, shipment.destination)) return null;
    return { ...shipment, lines: [lineFrom(this, 'item', shipment.destination)] };
  }

  render(q) {
    const lang = language(this);
    const L = labels(lang);
    const line = q.lines[0];
    const total = q.totals.landed;
    const charges = [q.totals.duty, q.totals.tax, q.totals.fees];
    const incomplete = !q.totals.complete;
    const shown = money(total, q.currency, lang);
    const summary = `${L.allIn}: ${incomplete ? `${L.partial} ` : ''}${shown}`;
    const parts = [
      el('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite', text: summary }),
      el('span', { class: 'total', part: 'total', 'data-amount': total, 'aria-hidden': 'true',
        text: `${incomplete ? `${L.partial} ` : ''}${shown}` }),
      el('span', { class: 'note', part: 'note', text: q.incoterm === 'DAP'
        ? `+ ${money(q.totals.due_on_delivery, q.currency, lang)} ${L.dueOnDelivery.toLowerCase()}` : L.incl }),
    ];
    if (q.display) {
      parts.push(el('span', { class: 'note', part: 'display', text: `≈ ${money(q.display.landed, q.display.currency, lang)}` }));
    }
    const details = el('details', { part: 'details' },
      el('summary', { part: 'summary', text: L.details }),
      levyTable([...line.levies, ...q.levies], q.currency, lang, L),
      line.reason ? el('p', { class: 'problem', text: `${L.notPriced}: ${line.reason}` }) : null,
      line.excluded?.length ? el('p', { class: 'meta', text: `${L.excluded}: ${line.excluded.map((x) => `${x.name} — ${x.reason}`).join('; ')}` }) : null,
      line.alternatives?.length ? el('p', { class: 'meta', text: `${L.options}: ${line.alternatives.map((a) => a.note).join('; ')}` }) : null,
      q.warnings.length ? el('p', { class: 'warn', text: `${L.warnings}: ${q.warnings.map((w) => w.message).join(' · ')}` }) : null,
      el('p', { class: 'meta', part: 'meta', text: `${L.snapshot} ${q.snapshot_id}, ${L.asOf} ${q.as_of}; FX ${q.fx.map((f) => `${f.pair} ${f.rate} (${f.source})`).join('; ') || '—'}; ${L.goods} ${money(q.totals.goods, q.currency, lang)}, ${L.duty} ${money(charges[0], q.currency, lang)}, ${L.tax} ${money(charges[1], q.currency, lang)}, ${L.fees} ${money(charges[2], q.currency, lang)}` }));
    this.shadowRoot.replaceChildren(...parts.filter(Boolean), details);
  }
}

/** <landed-cart destination=… currency=…><landed-item code price quantity …></landed-cart>, or a
 * whole request set on its `request` property. */
export class LandedCart extends Priced {
  static get observedAttributes() {
    return ['currency', 'origin', 'destination', 'date', 'channel', 'incoterm', 'shipping', 'insurance', 'lang',
      'ship-from', 'subdivision', 'display-currency'];
  }

  constructor() {
    super();
    this._observer = new MutationObserver(() => this.update());
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
    return { ...shipment, lines: items.map((item, i) => lineFrom(item, item.getAttribute('id') || `line-${i + 1}`, shipment.destination)) };
  }

  render(q) {
    const lang = language(this);
    const L = labels(lang);
    const cur = q.currency;
    const rows = q.lines.map((line) => el('tr', { part: 'line' },
      el('td', {}, el('span', { text: line.id }), el('br'), el('small', { text: line.code })),
      el('td', { class: 'num', text: money(line.customs_value, cur, lang) }),
      el('td', { class: 'num', text: money(sum(line.levies, ['duty', 'additional_duty']), cur, lang) }),
      el('td', { class: 'num', text: money(sum(line.levies, ['tax', 'excise']), cur, lang) }),
      el('td', {}, el('span', { text: L[line.status] || line.status }),
        line.reason ? el('div', { class: 'problem', text: line.reason }) : null,
        el('details', {}, el('summary', { text: L.details }), levyTable(line.levies, cur, lang, L),
          line.excluded?.length ? el('p', { class: 'meta', text: `${L.excluded}: ${line.excluded.map((x) => `${x.name} — ${x.reason}`).join('; ')}` }) : null,
          line.alternatives?.length ? el('p', { class: 'meta', text: `${L.options}: ${line.alternatives.map((a) => a.note).join('; ')}` }) : null))));
    const t = q.totals;
    const totals = [
      [L.goods, t.goods], [L.shipping, t.shipping], [L.insurance, t.insurance], [L.duty, t.duty], [L.tax, t.tax],
      [L.fees, t.fees], [L.landed, t.landed], [L.dueOnDelivery, t.due_on_delivery],
    ];
    const summary = `${L.landed}: ${t.complete ? '' : `${L.partial} `}${money(t.landed, cur, lang)}`;
    const nodes = [
      el('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite', text: summary }),
      el('table', { part: 'lines' },
        el('caption', { class: 'sr-only', text: L.allIn }),
        el('thead', {}, el('tr', {}, [L.line, L.base, L.duty, L.tax, L.status].map((h, i) =>
          el('th', { scope: 'col', class: i > 0 && i < 4 ? 'num' : undefined, text: h })))),
        el('tbody', {}, rows)),
      el('table', { part: 'totals' }, el('tbody', {}, totals.map(([k, v]) => el('tr', {},
        el('th', { scope: 'row', text: k }),
        el('td', { class: 'num', 'data-total': k === L.landed ? 'landed' : undefined, text: money(v, cur, lang) }))))),
      q.levies.length ? levyTable(q.levies, cur, lang, L) : null,
      el('p', { class: 'meta', text: q.incoterm === 'DAP' ? L.payOnDelivery : L.paidAtCheckout }),
      t.complete ? null : el('p', { class: 'problem', text: L.notPriced }),
      q.warnings.length ? el('ul', { class: 'warn', part: 'warnings' }, q.warnings.map((w) => el('li', { text: w.message }))) : null,
      el('p', { class: 'meta', text: `${L.snapshot} ${q.snapshot_id}, ${L.asOf} ${q.as_of}` })];
    this.shadowRoot.replaceChildren(...nodes.filter(Boolean));
  }
}

/** Adds decimal strings exactly (as scaled integers), for per-line subtotals. */
function sum(levies, kinds) {
  const amounts = levies.filter((l) => kinds.includes(l.kind) && l.amount != null).map((l) => l.amount);
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

/** <landed-item>: a line of a <landed-cart>, configured by attributes. */
export class LandedItem extends HTMLElement {}

/** <landed-country-picker>: a labelled select of supported destinations; sets the page default. */
export class LandedCountryPicker extends HTMLElement {
  async connectedCallback() {
    if (this._select) return;
    const lang = language(this);
    const L = labels(lang);
    const id = `landed-dest-${Math.random().toString(36).slice(2, 8)}`;
    const select = el('select', { id, part: 'select' });
    this._select = select;
    const label = el('label', { for: id, part: 'label', text: `${L.destination} ` });
    this.replaceChildren(label, select);
    const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([lang], { type: 'region' }) : null;
    const data = await countries(pageSetting('date'));
    const current = (this.getAttribute('value') || pageSetting('destination') || '').toUpperCase();
    for (const c of data.countries) {
      select.append(el('option', { value: c.country, selected: c.country === current, text: `${names?.of(c.country) || c.name} (${c.country})` }));
    }
    select.addEventListener('change', () => setDefaults({ destination: select.value }));
    if (!current && select.value) setDefaults({ destination: select.value });
  }
}

/** Enhances plain price elements marked with `data-landed-code` (and `data-landed-price`, or a
 * number in their text): an all-in price is added after each, with no JS on the page. */
export function enhance(root = document) {
  for (const node of root.querySelectorAll('[data-landed-code]:not([data-landed-enhanced])')) {
    const d = node.dataset;
    const price = d.landedPrice || (node.textContent.match(/[0-9]+(?:[.,][0-9]{1,2})?/)?.[0] || '').replace(',', '.');
    if (!price) continue;
    const widget = document.createElement('landed-price');
    const attrs = {
      price, code: d.landedCode, currency: d.landedCurrency, origin: d.landedOrigin, destination: d.landedDestination,
      date: d.landedDate, channel: d.landedChannel, incoterm: d.landedIncoterm, quantity: d.landedQuantity,
      'weight-kg': d.landedWeightKg, 'volume-l': d.landedVolumeL, 'alcohol-pct': d.landedAlcoholPct, lang: d.landedLang,
    };
    for (const [k, v] of Object.entries(attrs)) if (v) widget.setAttribute(k, v);
    node.dataset.landedEnhanced = '';
    node.insertAdjacentElement('afterend', widget);
  }
}

function define(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

define('landed-price', LandedPrice);
define('landed-cart', LandedCart);
define('landed-item', LandedItem);
define('landed-country-picker', LandedCountryPicker);

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => enhance());
} else {
  enhance();
}
