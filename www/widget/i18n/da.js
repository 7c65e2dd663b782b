// The widget's labels in Danish: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Samlet pris', incl: 'inkl. told, skatter og gebyrer', details: 'Sådan beregnes det',
  duty: 'Told', tax: 'Importskat', fees: 'Gebyrer', goods: 'Varer', shipping: 'Forsendelse',
  insurance: 'Forsikring', landed: 'At betale i alt', dueOnDelivery: 'Betales ved levering',
  paidAtCheckout: 'Told og skatter betales ved kassen (DDP).',
  payOnDelivery: 'Told og skatter opkræves ved levering (DAP).',
  levy: 'Afgift', base: 'Grundlag', rate: 'Sats', amount: 'Beløb', formula: 'Formel', source: 'Kilde',
  snapshot: 'Tarifversion', ratesAsOf: 'Satser pr.', pricedFor: 'beregnet for',
  notPriced: 'Importafgifterne kunne ikke beregnes fuldt ud', atLeast: 'mindst', upTo: 'op til',
  line: 'Vare', status: 'Status', warnings: 'Bemærkninger', destination: 'Send til',
  error: 'Importafgifterne kunne ikke beregnes', priced: 'beregnet', partial: 'delvist beregnet',
  not_priced: 'ikke beregnet', excluded: 'Opkræves ikke', options: 'Muligheder', sources: 'Kilder',
  collectedAtSale: 'Heraf moms opkrævet ved køb',
  atCheckout: 'ved betaling', partialNote: 'importafgifter ikke fuldt beregnet', taxNotIncl: 'ikke alle skatter inkluderet', checkout: 'Betales ved køb',
  mayBeOld: 'kan være forældede',
};
