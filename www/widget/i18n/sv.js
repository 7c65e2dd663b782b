// The widget's labels in Swedish: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Totalpris', incl: 'inkl. tull, skatter och avgifter', details: 'Så beräknas det',
  duty: 'Tull', tax: 'Importskatt', fees: 'Avgifter', goods: 'Varor', shipping: 'Frakt',
  insurance: 'Försäkring', landed: 'Att betala', dueOnDelivery: 'Betalas vid leverans',
  paidAtCheckout: 'Tull och skatter betalas i kassan (DDP).',
  payOnDelivery: 'Tull och skatter tas ut vid leverans (DAP).',
  levy: 'Pålaga', base: 'Underlag', rate: 'Sats', amount: 'Belopp', formula: 'Formel', source: 'Källa',
  snapshot: 'Tulltaxeversion', ratesAsOf: 'Satser per', pricedFor: 'beräknat för',
  notPriced: 'Importavgifterna kunde inte beräknas helt', atLeast: 'minst', upTo: 'upp till',
  line: 'Artikel', status: 'Status', warnings: 'Anmärkningar', destination: 'Skicka till',
  error: 'Importavgifterna kunde inte beräknas', priced: 'beräknad', partial: 'delvis beräknad',
  not_priced: 'ej beräknad', excluded: 'Tas inte ut', options: 'Alternativ', sources: 'Källor',
  collectedAtSale: 'Varav skatt som tas ut vid köpet',
  atCheckout: 'i kassan', partialNote: 'importavgifter inte helt beräknade', taxNotIncl: 'alla skatter ingår inte', checkout: 'Betalas i kassan',
  mayBeOld: 'kan vara inaktuella',
};
