// The widget's labels in Spanish: loaded by labels.js only for pages in that language.
export default {
  allIn: 'Precio final', incl: 'aranceles, impuestos y tasas incluidos', details: 'Cómo se calcula',
  duty: 'Arancel', tax: 'Impuesto de importación', fees: 'Tasas', goods: 'Mercancía', shipping: 'Envío',
  insurance: 'Seguro', landed: 'Total a pagar', dueOnDelivery: 'A pagar en la entrega',
  paidAtCheckout: 'Aranceles e impuestos se pagan al comprar (DDP).',
  payOnDelivery: 'Aranceles e impuestos se cobran en la entrega (DAP).',
  levy: 'Cargo', base: 'Base', rate: 'Tipo', amount: 'Importe', formula: 'Fórmula', source: 'Fuente',
  snapshot: 'Versión del arancel', ratesAsOf: 'Tipos a fecha de', pricedFor: 'calculado para el',
  notPriced: 'No se pudieron calcular del todo los cargos de importación', atLeast: 'al menos', upTo: 'hasta',
  line: 'Artículo', status: 'Estado', warnings: 'Notas', destination: 'Enviar a',
  error: 'No se pudieron calcular los cargos de importación', priced: 'calculado', partial: 'calculado en parte',
  not_priced: 'sin calcular', excluded: 'No cobrado', options: 'Opciones', sources: 'Fuentes',
  collectedAtSale: 'De ello, impuesto cobrado en la compra',
  atCheckout: 'al pagar', partialNote: 'cargos de importación no calculados del todo', taxNotIncl: 'no incluye todos los impuestos', checkout: 'Pagado al comprar',
  mayBeOld: 'pueden estar desactualizadas',
};
