// The widget's labels in German: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Gesamtpreis', incl: 'inkl. Zoll, Steuern und Gebühren', details: 'So wird gerechnet',
  duty: 'Zoll', tax: 'Einfuhrumsatzsteuer', fees: 'Gebühren', goods: 'Waren', shipping: 'Versand',
  insurance: 'Versicherung', landed: 'Zu zahlen', dueOnDelivery: 'Bei Lieferung fällig',
  paidAtCheckout: 'Zoll und Steuern werden an der Kasse bezahlt (DDP).',
  payOnDelivery: 'Zoll und Steuern werden bei Lieferung erhoben (DAP).',
  levy: 'Abgabe', base: 'Grundlage', rate: 'Satz', amount: 'Betrag', formula: 'Formel', source: 'Quelle',
  snapshot: 'Tarifstand', ratesAsOf: 'Sätze mit Stand', pricedFor: 'berechnet für',
  notPriced: 'Einfuhrabgaben konnten nicht vollständig berechnet werden', atLeast: 'mindestens', upTo: 'bis zu',
  line: 'Artikel', status: 'Status', warnings: 'Hinweise', destination: 'Lieferland',
  error: 'Einfuhrabgaben konnten nicht berechnet werden', priced: 'berechnet', partial: 'teilweise berechnet',
  not_priced: 'nicht berechnet', excluded: 'Nicht erhoben', options: 'Optionen', sources: 'Quellen',
  collectedAtSale: 'Davon beim Kauf erhobene Steuer',
  atCheckout: 'an der Kasse', partialNote: 'Einfuhrabgaben nicht vollständig berechnet', taxNotIncl: 'nicht alle Steuern enthalten', checkout: 'An der Kasse bezahlt',
  mayBeOld: 'möglicherweise veraltet',
};
