// The widget's labels in Portuguese: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Preço final', incl: 'inclui direitos, impostos e taxas', details: 'Como é calculado',
  duty: 'Direitos aduaneiros', tax: 'Imposto de importação', fees: 'Taxas', goods: 'Mercadorias',
  shipping: 'Envio', insurance: 'Seguro', landed: 'Total a pagar', dueOnDelivery: 'A pagar na entrega',
  paidAtCheckout: 'Direitos e impostos pagos na compra (DDP).',
  payOnDelivery: 'Direitos e impostos cobrados na entrega (DAP).',
  levy: 'Encargo', base: 'Base', rate: 'Taxa', amount: 'Montante', formula: 'Fórmula', source: 'Fonte',
  snapshot: 'Versão da pauta', ratesAsOf: 'Taxas atualizadas em', pricedFor: 'calculado para',
  notPriced: 'Não foi possível calcular todos os encargos de importação', atLeast: 'pelo menos', upTo: 'até',
  line: 'Artigo', status: 'Estado', warnings: 'Notas', destination: 'Enviar para',
  error: 'Não foi possível calcular os encargos de importação', priced: 'calculado', partial: 'calculado em parte',
  not_priced: 'não calculado', excluded: 'Não cobrado', options: 'Opções', sources: 'Fontes',
  collectedAtSale: 'Dos quais imposto cobrado na compra',
  atCheckout: 'no pagamento', partialNote: 'encargos de importação não totalmente calculados', taxNotIncl: 'nem todos os impostos incluídos', checkout: 'Pago na compra',
  mayBeOld: 'podem estar desatualizadas',
};
