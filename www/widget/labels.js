// The widget's labels. English is built in; every other language is a module in i18n/ fetched
// only by pages that use it (`loadLabels`). A language is chosen by the first subtag of `lang`
// (`pt-BR` uses `pt`). Amounts and dates are never in here: they go through Intl.

export const EN = {
  allIn: 'All-in price', incl: 'incl. duty, taxes and fees', details: 'How this is calculated',
  duty: 'Duty', tax: 'Import tax', fees: 'Fees', goods: 'Goods', shipping: 'Shipping', insurance: 'Insurance',
  landed: 'Total to pay', dueOnDelivery: 'Due on delivery',
  paidAtCheckout: 'Duty and taxes are paid at checkout (DDP).',
  payOnDelivery: 'Duty and taxes are collected on delivery (DAP).',
  levy: 'Charge', base: 'Base', rate: 'Rate', amount: 'Amount', formula: 'Formula', source: 'Source',
  snapshot: 'Tariff snapshot', ratesAsOf: 'Rates as of', pricedFor: 'priced for',
  notPriced: 'Import charges could not be fully priced', atLeast: 'at least', upTo: 'up to',
  line: 'Item', status: 'Status', warnings: 'Notes', destination: 'Ship to',
  error: 'Could not calculate import charges', priced: 'priced', partial: 'partly priced', not_priced: 'not priced',
  excluded: 'Not charged', options: 'Options', sources: 'Sources',
  collectedAtSale: 'Of which tax collected by the seller at checkout',
  // When the seller also collects the duty (Brazil's Remessa Conforme: duty_collected_at_sale).
  dutyCollectedAtSale: 'Of which duty and tax collected by the seller at checkout',
  atCheckout: 'at checkout', partialNote: 'import charges not fully priced', taxNotIncl: 'not all taxes included', checkout: 'Paid at checkout',
  mayBeOld: 'may be out of date',
  updating: 'Updating import charges for {place}…',
  updatedMany: 'Import charges updated for {n} prices',
  partialMany: '{n} not fully priced (at least)',
  errorMany: '{n} could not be calculated',
  notIncluded: 'Not included',
  onlyPart: 'only in part',
  dueUnknown: 'duty and taxes due on delivery not known',
  oldTariff: 'The duty rate is from a tariff of {date}; it may have changed since.',
  noBorderNoTax: 'Sales tax is not included: no tax is priced for goods that cross no customs border (no duty or import fees are due either).',
  subdivisionNotGiven: 'Provincial or state tax is not included: only the national rate is charged (no province or state given).',
  deliveryAssumed: 'Duty and tax assume the price includes delivery (no shipping cost given).',
};

/** Every language with labels. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'ja', 'zh'];

const loaded = { en: EN };
const pending = {};
const code = (lang) => String(lang || 'en').slice(0, 2).toLowerCase();

/** The labels for a language tag once loaded, English until then or when not translated. */
export function labels(lang) {
  return loaded[code(lang)] || EN;
}

/** Loads a language's labels (once); resolves to them, or to English if there are none. */
export function loadLabels(lang) {
  const c = code(lang);
  if (loaded[c] || !LANGUAGES.includes(c)) return Promise.resolve(labels(c));
  pending[c] ??= import(`./i18n/${c}.js`).then((m) => (loaded[c] = m.default), () => EN);
  return pending[c];
}
