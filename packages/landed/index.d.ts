// The engine API of `landed` (no DOM): quotes, look-ups, search, snapshot loading and the what-if
// tools. The request and response types are generated from the Rust engine (pkg/landed.d.ts) and
// re-exported here: `import type { Quote, QuoteRequest } from 'landed'`.

import type {
  Billed, CartReverseResult, Charm, Comparison, CountriesResponse, GreyZonePolicy, InvoiceCheck, Quote,
  QuoteRequest, RateResponse, ReverseResult, SearchResponse, SkuChange, SnapshotInfo, SweepAxes, SweepResult,
} from './pkg/landed.js';

export type * from './pkg/landed.js';

/** What every rejected promise and thrown error of the API carries. */
export interface LandedError extends Error {
  /** A stable code: `E_HS_CODE`, `E_DATE`, `E_IO`, `E_INTERNAL`, `E_UNSUPPORTED`, … */
  code: string;
  /** The request field at fault (`lines[0].code`), or null. */
  field: string | null;
  /** `true` on the `E_STATE` of a `loadSnapshot`/`useEmbeddedSnapshot` overtaken by a later call. */
  superseded?: boolean;
}

/** Where binary data comes from: a URL (absolute, or relative to the page), a file path (Node,
 * Deno), bytes, or a fetch `Response`. */
export type BinarySource = string | URL | Uint8Array | ArrayBuffer | ArrayBufferView | Response;

export interface InitOptions {
  /** The engine: as a `BinarySource`, or a precompiled `WebAssembly.Module` (edge runtimes that
   * forbid compiling bytes). Default: `landed_bg.wasm` beside the package's JS. */
  wasm?: BinarySource | WebAssembly.Module;
  /** The module with search and the what-if tools (`search`, `reverse`, `sweep`, `compareDates`,
   * `catalogueDiff`, `invoiceCheck`), loaded instead of `wasm` the first time one is called. Default:
   * `landed_whatif_bg.wasm` beside the package's JS. */
  whatif?: BinarySource | WebAssembly.Module;
  /** The tariff descriptions for `search` and `rate`. Default: `landed-text.bin` in the package. */
  descriptions?: BinarySource;
  /** Milliseconds a snapshot part's download may take before it rejects with `E_IO` (default 15,000). */
  partTimeout?: number;
}

/** A loaded engine instance, for the synchronous `quoteNow`. */
export interface Engine {
  readonly __landedEngine?: never;
}

/** A dataset behind a quote's figures. */
export interface DatasetRef {
  publisher: string;
  dataset: string;
  /** The publication or extraction date (YYYY-MM-DD, YYYY-MM or a year); may be empty. */
  vintage: string;
  /** Days between the vintage and the date priced, when the engine reports it (never negative). */
  age_days?: number;
  /** Days the vintage is after the date priced, instead of `age_days`, when the edition is newer than the date. */
  newer_by_days?: number;
}

/** Sets where the engine and the descriptions come from (before the first call); loads the engine. */
export function init(options?: InitOptions): Promise<Engine>;
/** Resolves when the engine is loaded (fetch or read, compile, instantiate). */
export function ready(): Promise<Engine>;
/** Loads the engine and every part quotes to these destinations may need (all tariff chapters; fetched once, hash-checked); resolves to the engine for `quoteNow`. A destination the engine does not know rejects with `E_UNSUPPORTED_DESTINATION`. */
export function prepare(...destinations: (string | string[])[]): Promise<Engine>;
/** Loads the engine and only the parts one request needs (the tariff chapters of its codes, the
 * years of daily ECB rates it converts with); resolves to the engine for `quoteNow`. A request
 * that does not decode rejects with its typed error (`E_JSON`, `E_HS_CODE`, …), as `quote` would. */
export function prepareRequest(request: QuoteRequest | string): Promise<Engine>;
/** As `prepare`, with the what-if tools: loads the full module (`landed_whatif_bg.wasm`). */
export function prepareWhatif(...destinations: (string | string[])[]): Promise<Engine>;
/** Prices a request (the same JSON as `landed quote`). */
export function quote(request: QuoteRequest | string): Promise<Quote>;
/** Prices synchronously with an engine from `prepareRequest(request)` or `prepare(destination)`,
 * which attach the snapshot parts the quote needs (an engine from `ready()` alone answers
 * `E_DATA_NOT_LOADED` naming the part it lacks). */
export function quoteNow(engine: Engine, request: QuoteRequest | string): Quote;
/** Looks up a code in a destination's tariff on a date (default today); loads the full module
 * (`landed_whatif_bg.wasm`, as search) and the descriptions. */
export function rate(destination: string, code: string, date?: string): Promise<RateResponse>;
/** Suggests codes for a description in a destination's tariff; loads the descriptions. */
export function search(text: string, destination: string, limit?: number): Promise<SearchResponse>;
/** The net price for an all-in target: one line's price, or one factor over a whole cart. */
export function reverse(request: QuoteRequest, target: string | number, charm?: Charm, policy?: GreyZonePolicy): Promise<ReverseResult | CartReverseResult>;
/** One cart across destinations, origins, dates, channels, incoterms and codes, cheapest first. */
export function sweep(request: QuoteRequest, axes: SweepAxes): Promise<SweepResult>;
/** The same cart on two dates and every levy that changed. */
export function compareDates(request: QuoteRequest, before: string, after: string): Promise<Comparison>;
/** The lines (as SKUs) whose duty changes between two dates. */
export function catalogueDiff(request: QuoteRequest, before: string, after: string): Promise<SkuChange[]>;
/** What a carrier billed against the recomputed quote. */
export function invoiceCheck(request: QuoteRequest, billed: Billed): Promise<InvoiceCheck>;
/** Supported destinations and their coverage on a date (default today); loads the full module
 * (`landed_whatif_bg.wasm`). */
export function countries(date?: string): Promise<CountriesResponse>;
/** The destinations supported on a date (default today), as `countries` lists them, with no part
 * to fetch: what a destination picker needs. */
export function destinations(date?: string): Promise<{ country: string; name: string }[]>;
/** The snapshot in use: id, tables, sources. */
export function snapshotInfo(): Promise<SnapshotInfo>;
/** Attaches tariff descriptions (default: the package's `landed-text.bin`), checked against the
 * snapshot's hash, to the full module (`landed_whatif_bg.wasm`). Called for you by `rate` and `search`. */
export function loadDescriptions(source?: BinarySource): Promise<Engine>;
/** Replaces the snapshot in use with a blob written by `landed-datagen snapshot` (hash-checked
 * first: a bad blob rejects with `E_SNAPSHOT` and the current snapshot stays); resolves to its
 * `snapshotInfo()`. Its parts and descriptions are looked for beside its URL, or at `parts` and
 * `descriptions`. With `timeout` (ms), a URL's download not finished by then is stopped and
 * rejects with `E_IO`. The call made last wins: an earlier one still downloading rejects with
 * `E_STATE` (`superseded: true`) and changes nothing. */
export function loadSnapshot(source: BinarySource, options?: { timeout?: number; parts?: string | URL; descriptions?: BinarySource }): Promise<SnapshotInfo>;
/** Dispatches `change` (an `Event` with `snapshotId`) when the snapshot in use changed. */
export const snapshotEvents: EventTarget;
/** Goes back to the snapshot compiled into the engine; resolves to its `snapshotInfo()`. */
export function useEmbeddedSnapshot(): Promise<SnapshotInfo>;
/** Today as YYYY-MM-DD in the local time zone. */
export function today(now?: globalThis.Date): string;
/** A decimal string as currency in a locale, through `Intl.NumberFormat` (no float rounding). */
export function money(amount: string | null | undefined, currency: string, lang?: string | string[]): string;
/** The datasets behind a quote: its `datasets` when present, else its levies' distinct sources. */
export function datasets(quote: Quote): DatasetRef[];
/** True when the totals are lower bounds, shown with "at least": a line `partial` or `not_priced`,
 * or only the national rate of a country whose subdivisions add their own (Canada without a
 * province: `W_ASSUMED_SUBDIVISION`, whose `totals.complete` stays true). The widget's definition. */
export function incomplete(quote: Quote): boolean;

/** What a quote says to a shopper, in the widget's words (`wording(quote, lang)`). */
export interface Wording {
  /** The headline decimal: `buyer_total` under DAP (what the shopper pays in all), else `landed`. */
  amount: string;
  /** `incomplete(quote)`: the headline is a lower bound. */
  lowerBound: boolean;
  /** The headline formatted, with "at least" when it is a lower bound. */
  total: string;
  /** "up to …" when a partial code spans tariff lines, else null. */
  range: string | null;
  /** Under DAP: "… at checkout + … due on delivery", else null. */
  split: string | null;
  /** "incl. duty, taxes and fees" only when that is true; else "import charges not fully priced" or "not all taxes included". */
  note: string;
  /** "Not included: …": each charge left out, by name, or null. */
  missing: string | null;
  /** A tax left out (no province, a provincial tax, no sales tax priced), or null. */
  caveat: string | null;
  /** "The duty rate is from a tariff of …" when the tariff that priced the duty is past its period, or null. */
  oldTariff: string | null;
  /** "Rates as of …" (the oldest dataset that set the figures; "(may be out of date)" when one is old). */
  freshness: string;
  /** Each dataset that set the figures with its date, one a line. */
  sources: string;
  /** The snapshot id the quote was priced from. */
  snapshot: string;
  /** The date priced (YYYY-MM-DD). */
  pricedFor: string;
  /** All of it in one sentence, as a screen reader hears the card. */
  summary: string;
}

/** A quote's wording for a shopper, as `<landed-price>` shows it: for prices rendered at build
 * time. Labels of a language other than English must be loaded first (`await loadLabels(lang)`). */
export function wording(quote: Quote, lang?: string): Wording;
/** Loads the widget's labels for a language tag (12 languages; English otherwise); resolves to them. */
export function loadLabels(lang: string): Promise<Record<string, string>>;
