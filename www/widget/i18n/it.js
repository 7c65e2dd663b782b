// The widget's labels in Italian: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Prezzo finale', incl: 'dazi, imposte e diritti inclusi', details: 'Come viene calcolato',
  duty: 'Dazio', tax: "Imposta all'importazione", fees: 'Diritti', goods: 'Merce', shipping: 'Spedizione',
  insurance: 'Assicurazione', landed: 'Totale da pagare', dueOnDelivery: 'Da pagare alla consegna',
  paidAtCheckout: "Dazi e imposte si pagano all'acquisto (DDP).",
  payOnDelivery: 'Dazi e imposte si pagano alla consegna (DAP).',
  levy: 'Onere', base: 'Base', rate: 'Aliquota', amount: 'Importo', formula: 'Formula', source: 'Fonte',
  snapshot: 'Versione della tariffa', ratesAsOf: 'Aliquote aggiornate al', pricedFor: 'calcolato per il',
  notPriced: "Non è stato possibile calcolare tutti gli oneri d'importazione", atLeast: 'almeno', upTo: 'fino a',
  line: 'Articolo', status: 'Stato', warnings: 'Note', destination: 'Spedire in',
  error: "Impossibile calcolare gli oneri d'importazione", priced: 'calcolato', partial: 'calcolato in parte',
  not_priced: 'non calcolato', excluded: 'Non applicato', options: 'Opzioni', sources: 'Fonti',
  collectedAtSale: 'Di cui imposta riscossa all’acquisto',
  atCheckout: 'al pagamento', partialNote: 'oneri di importazione non calcolati del tutto', taxNotIncl: 'non tutte le imposte sono incluse', checkout: 'Pagato all’acquisto',
  mayBeOld: 'potrebbero non essere aggiornate',
};
