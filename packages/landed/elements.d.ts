// The custom element classes of `landed` (`landed/elements` declares them; `landed/define`
// registers them). See README.md for every attribute, property, event and CSS part.

import type { Quote, QuoteRequest } from './pkg/landed.js';
import type { LandedError } from './index.js';

/** Page-wide defaults every element falls back to (after its own attributes). */
export interface LandedDefaults {
  destination?: string;
  date?: string;
  currency?: string;
  channel?: 'courier' | 'post' | 'freight';
  incoterm?: 'DDP' | 'DAP';
  lang?: string;
  origin?: string;
  'ship-from'?: string;
  subdivision?: string;
  shipping?: string;
  insurance?: string;
  'display-currency'?: string;
  /** A snapshot blob to load (a URL relative to the page) before any element prices. */
  snapshot?: string;
  /** Seconds the `snapshot` download may take before the elements fall back to the built-in one (8 by default). */
  'snapshot-timeout'?: string | number;
}

export interface LandedQuoteEventDetail {
  request: QuoteRequest;
  quote: Quote;
}

export interface LandedErrorEventDetail {
  request: QuoteRequest;
  error: Pick<LandedError, 'code' | 'field' | 'message'>;
}

declare abstract class LandedPriced extends HTMLElement {
  /** The last quote rendered, or null (before the first quote, or after an error). */
  readonly quote: Quote | null;
  /** The request behind the last quote or error. */
  readonly request: QuoteRequest | null;
  /** `true` (with `aria-busy="true"`) from the start of a re-price until its quote or error is shown. */
  readonly updating: boolean;
  /** Re-prices on the next microtask. */
  update(): void;
}

/** `<landed-price>`: the all-in price of one item. */
export class LandedPrice extends LandedPriced {
  static readonly observedAttributes: string[];
}

/** `<landed-cart>`: a cart of `<landed-item>` children, or a whole request set on `cartRequest`. */
export class LandedCart extends LandedPriced {
  static readonly observedAttributes: string[];
  cartRequest: QuoteRequest | undefined;
}

/** `<landed-item>`: one line of a `<landed-cart>`, configured by attributes. */
export class LandedItem extends HTMLElement {}

/** `<landed-country-picker>`: a labelled select of supported destinations; sets the page default. */
export class LandedCountryPicker extends HTMLElement {
  /** The chosen destination (ISO 3166-1 alpha-2). */
  readonly value: string;
}

/** Sets page-wide defaults and re-prices every element (dispatches `landed:settings` on document). */
export function setDefaults(values: LandedDefaults): void;
/** Adds a `<landed-price>` after each element marked with `data-landed-code` under `root`. */
export function enhance(root?: ParentNode): void;
/** The supported destination matching the browser's languages (`en-GB` gives `GB`), if any. */
export function guessDestination(supported: string[]): string | undefined;

declare global {
  interface HTMLElementTagNameMap {
    'landed-price': LandedPrice;
    'landed-cart': LandedCart;
    'landed-item': LandedItem;
    'landed-country-picker': LandedCountryPicker;
  }
  interface HTMLElementEventMap {
    'landed:quote': CustomEvent<LandedQuoteEventDetail>;
    'landed:error': CustomEvent<LandedErrorEventDetail>;
  }
  interface DocumentEventMap {
    'landed:settings': CustomEvent<LandedDefaults>;
  }
}
