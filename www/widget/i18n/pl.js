// The widget's labels in Polish: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Cena łączna', incl: 'z cłem, podatkami i opłatami', details: 'Jak to obliczono',
  duty: 'Cło', tax: 'Podatek importowy', fees: 'Opłaty', goods: 'Towar', shipping: 'Wysyłka',
  insurance: 'Ubezpieczenie', landed: 'Razem do zapłaty', dueOnDelivery: 'Płatne przy dostawie',
  paidAtCheckout: 'Cło i podatki są płatne przy zamówieniu (DDP).',
  payOnDelivery: 'Cło i podatki są pobierane przy dostawie (DAP).',
  levy: 'Należność', base: 'Podstawa', rate: 'Stawka', amount: 'Kwota', formula: 'Wzór', source: 'Źródło',
  snapshot: 'Wersja taryfy', ratesAsOf: 'Stawki według stanu na', pricedFor: 'obliczono na dzień',
  notPriced: 'Nie udało się w pełni obliczyć należności przywozowych', atLeast: 'co najmniej', upTo: 'do',
  line: 'Pozycja', status: 'Status', warnings: 'Uwagi', destination: 'Wysyłka do',
  error: 'Nie udało się obliczyć należności przywozowych', priced: 'obliczono', partial: 'obliczono częściowo',
  not_priced: 'nie obliczono', excluded: 'Nie pobrano', options: 'Opcje', sources: 'Źródła',
  collectedAtSale: 'W tym podatek pobrany przy zakupie',
  atCheckout: 'przy zakupie', partialNote: 'opłaty importowe nie w pełni obliczone', taxNotIncl: 'nie wszystkie podatki wliczone', checkout: 'Zapłacone przy zakupie',
  mayBeOld: 'mogą być nieaktualne',
};
