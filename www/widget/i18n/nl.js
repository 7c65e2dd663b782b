// The widget's labels in Dutch: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Totaalprijs', incl: 'incl. invoerrechten, belastingen en kosten', details: 'Zo wordt het berekend',
  duty: 'Invoerrechten', tax: 'Invoerbelasting', fees: 'Kosten', goods: 'Goederen', shipping: 'Verzending',
  insurance: 'Verzekering', landed: 'Totaal te betalen', dueOnDelivery: 'Te betalen bij levering',
  paidAtCheckout: 'Invoerrechten en belastingen worden bij het afrekenen betaald (DDP).',
  payOnDelivery: 'Invoerrechten en belastingen worden bij levering geïnd (DAP).',
  levy: 'Heffing', base: 'Grondslag', rate: 'Tarief', amount: 'Bedrag', formula: 'Formule', source: 'Bron',
  snapshot: 'Tariefversie', ratesAsOf: 'Tarieven per', pricedFor: 'berekend voor',
  notPriced: 'Invoerkosten konden niet volledig worden berekend', atLeast: 'minstens', upTo: 'tot',
  line: 'Artikel', status: 'Status', warnings: 'Opmerkingen', destination: 'Verzenden naar',
  error: 'Invoerkosten konden niet worden berekend', priced: 'berekend', partial: 'deels berekend',
  not_priced: 'niet berekend', excluded: 'Niet geheven', options: 'Opties', sources: 'Bronnen',
  collectedAtSale: 'Waarvan belasting geïnd bij aankoop',
  atCheckout: 'bij het afrekenen', partialNote: 'invoerkosten niet volledig berekend', taxNotIncl: 'niet alle belastingen inbegrepen', checkout: 'Betaald bij afrekenen',
  mayBeOld: 'mogelijk verouderd',
};
