// The widget's labels in French: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Prix tout compris', incl: 'droits, taxes et frais inclus', details: 'Détail du calcul',
  duty: 'Droits de douane', tax: "Taxe à l'importation", fees: 'Frais', goods: 'Marchandises',
  shipping: 'Livraison', insurance: 'Assurance', landed: 'Total à payer', dueOnDelivery: 'À payer à la livraison',
  paidAtCheckout: 'Droits et taxes payés à la commande (DDP).',
  payOnDelivery: 'Droits et taxes perçus à la livraison (DAP).',
  levy: 'Prélèvement', base: 'Base', rate: 'Taux', amount: 'Montant', formula: 'Formule', source: 'Source',
  snapshot: 'Version du tarif', ratesAsOf: 'Taux en date du', pricedFor: 'calculé pour le',
  notPriced: "Les frais d'importation n'ont pas pu être entièrement calculés", atLeast: 'au moins', upTo: "jusqu'à",
  line: 'Article', status: 'Statut', warnings: 'Remarques', destination: 'Livrer en',
  error: "Impossible de calculer les frais d'importation", priced: 'calculé', partial: 'calculé en partie',
  not_priced: 'non calculé', excluded: 'Non perçu', options: 'Options', sources: 'Sources',
  collectedAtSale: 'Dont taxe perçue à l’achat',
  atCheckout: 'au paiement', partialNote: 'droits et taxes pas entièrement calculés', taxNotIncl: 'toutes les taxes ne sont pas incluses', checkout: 'Payé à la commande',
  mayBeOld: 'peut-être obsolètes',
};
